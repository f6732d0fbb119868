import Testing
@testable import HandoverModel

@Suite struct TerminalTextTests {
    /// The byte scan that lets clean text through unchanged never passes an unsafe scalar: checked over every scalar.
    @Test func theFastPathNeverMissesAnUnsafeScalar() {
        var unsafe = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TerminalText.isUnsafe(scalar) {
                let text = "a" + String(scalar) + "b"
                unsafe += 1
                #expect(TerminalText.mayHoldUnsafe(text), "U+\(String(value, radix: 16))")
                #expect(TerminalText.clean(text) != text, "U+\(String(value, radix: 16))")
            }
        }
        #expect(unsafe == 32 + 33 + 3 + 5 + 4)
    }

    @Test func cleanEscapesAndKeepsTheRest() {
        #expect(TerminalText.clean("plain é 漢字 🙂 – “quoted”") == "plain é 漢字 🙂 – “quoted”")
        #expect(TerminalText.clean("a\u{1B}[31mb\u{202E}c\u{9B}") == "a\\u{1B}[31mb\\u{202E}c\\u{9B}")
    }
}

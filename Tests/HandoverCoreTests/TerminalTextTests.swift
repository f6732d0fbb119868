import Testing
@testable import HandoverModel

@Suite struct TerminalTextTests {
    /// The byte scan that lets clean text through unchanged is exact: it finds every unsafe scalar and no other, checked
    /// over every scalar, alone and between others.
    @Test func theFastPathFindsExactlyTheUnsafeScalars() {
        var unsafe = 0
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isUnsafe = TerminalText.isUnsafe(scalar)
            unsafe += isUnsafe ? 1 : 0
            for text in [String(scalar), "a" + String(scalar) + "b", "—" + String(scalar)] where TerminalText.mayHoldUnsafe(text) != isUnsafe {
                wrong.append("U+\(String(value, radix: 16)) in \(text.unicodeScalars.count) scalars")
            }
            if isUnsafe, TerminalText.clean("a" + String(scalar) + "b") == "a" + String(scalar) + "b" {
                wrong.append("U+\(String(value, radix: 16)) not cleaned")
            }
        }
        #expect(unsafe == 32 + 33 + 3 + 5 + 4)
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test func cleanEscapesAndKeepsTheRest() {
        #expect(TerminalText.clean("plain é 漢字 🙂 – “quoted”") == "plain é 漢字 🙂 – “quoted”")
        #expect(TerminalText.clean("a\u{1B}[31mb\u{202E}c\u{9B}") == "a\\u{1B}[31mb\\u{202E}c\\u{9B}")
    }
}

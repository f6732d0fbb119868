/// Makes attacker-controlled text (commit subjects, tag names, file names) inert on a terminal.
package enum TerminalText {
    /// Replaces control characters (C0, DEL, C1) and bidi controls with visible `\u{…}` escapes.
    package static func clean(_ text: String) -> String {
        // Almost every text is clean: a byte scan proves it without building a new string scalar by scalar (the
        // lookup index of a 500-host snapshot spent 8 % of the snapshot's CPU here).
        guard mayHoldUnsafe(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Like `clean`, but keeps line breaks (for multi-line diagnostics).
    package static func cleanKeepingNewlines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }

    /// The output boundary: every text a command prints passes here. Control and bidi characters become visible
    /// escapes whatever field they came from (tabs and line breaks stay), and only then do `TerminalStyle`'s markers
    /// become ANSI colour codes — so the only escape sequences that reach a terminal are handover's own.
    package static func forTerminal(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let code = TerminalStyle.codes[scalar] {
                out += "\u{1B}[\(code)m"
            } else if scalar == "\n" || scalar == "\t" || !isUnsafe(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                // `\uXXXX` (every unsafe scalar is in the BMP): readable as text, and the same character inside a
                // JSON string, so JSON output stays valid and decodes to the same value.
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return out
    }

    /// False when no scalar of `text` is unsafe, read off the UTF-8 bytes: a byte below 0x20, or the encoding of DEL,
    /// a C1 control or a bidi control (`CanonicalJSON.invisible`). Precise, so a text holding `—`, `…` or `→` (whose
    /// encodings start with 0xE2 like the bidi controls') is returned as it is instead of rebuilt scalar by scalar.
    static func mayHoldUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20 || (b >= 0x7F && CanonicalJSON.invisible(bytes, at: i) != nil) { return true }
                i += 1
            }
            return false
        }
    }

    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// ANSI styling that turns itself off for pipes and `NO_COLOR`.
package struct TerminalStyle: Sendable {
    package var enabled: Bool

    package init(enabled: Bool) { self.enabled = enabled }

    package static let plain = TerminalStyle(enabled: false)

    package func bold(_ s: String) -> String { wrap(s, "1") }
    package func dim(_ s: String) -> String { wrap(s, "2") }
    package func red(_ s: String) -> String { wrap(s, "31") }
    package func green(_ s: String) -> String { wrap(s, "32") }
    package func yellow(_ s: String) -> String { wrap(s, "33") }

    /// Styling is written as private-use markers that `TerminalText.forTerminal` turns into ANSI codes at the output
    /// boundary, after it has neutralised every control character of the text itself.
    static let codes: [Unicode.Scalar: String] = ["\u{F8F0}": "0", "\u{F8F1}": "1", "\u{F8F2}": "2", "\u{F8F3}": "31", "\u{F8F4}": "32", "\u{F8F5}": "33"]
    static let markers: [String: String] = ["0": "\u{F8F0}", "1": "\u{F8F1}", "2": "\u{F8F2}", "31": "\u{F8F3}", "32": "\u{F8F4}", "33": "\u{F8F5}"]

    private func wrap(_ s: String, _ code: String) -> String {
        guard enabled, let open = Self.markers[code], let reset = Self.markers["0"] else { return s }
        return open + s + reset
    }
}

import Foundation

/// Makes text from a remote server safe to store: control and bidi characters escaped, length bounded.
package enum RemoteText {
    package static func clip(_ text: String, max: Int = 512) -> String {
        let clean = TerminalText.clean(text)
        guard clean.count > max else { return clean }
        return String(clean.prefix(max)) + "…"
    }
}

import Foundation
import HandoverModel
import HandoverStore

/// The one place that writes to the terminal: stdout carries only the requested format; diagnostics and
/// progress go to stderr.
enum Console {
    /// Every text a command prints: inert on a terminal whatever field it holds (see `TerminalText.forTerminal`).
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.forTerminal(ErrorText.redacted(text)).utf8))
    }

    static func output(_ data: Data) {
        FileHandle.standardOutput.write(Redactor.shared.redact(data))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.forTerminal(ErrorText.redacted("handover: " + text + "\n")).utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data(TerminalText.forTerminal(ErrorText.redacted(text + "\n")).utf8))
    }

    /// Names the unreadable snapshot files `latest` / `previous` passed over.
    static func skipped(_ errors: [SnapshotStoreError]) {
        for error in errors { note("handover: skipped \(error.errorDescription ?? "an unreadable file")") }
    }

    /// Colour on stdout only for a terminal and without NO_COLOR.
    static var style: TerminalStyle {
        TerminalStyle(enabled: isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    /// A progress line on stderr when it is a terminal; nothing otherwise.
    static func progress(_ step: String) {
        guard isatty(2) == 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[Kcollecting \(step)…".utf8))
    }

    static func clearProgress() {
        guard isatty(2) == 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

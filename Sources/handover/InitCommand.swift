import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverCollect

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter handover.yml from what the repository shows.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Overwrite an existing manifest.")
    var force = false

    func run() async throws {
        let url = URL(fileURLWithPath: global.manifest)
        if FileManager.default.fileExists(atPath: url.path) && !force {
            throw UsageError("\(global.manifest) already exists — edit it, or pass --force to replace it")
        }
        let facts = await ProjectScanner.scan(url.deletingLastPathComponent())
        let text = StarterManifest.render(facts)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw RuntimeError("\(global.manifest): cannot write: \(ErrorText.of(error))")
        }
        Console.note("wrote \(global.manifest) — review it, then run `handover snapshot`")
    }
}

/// An input error raised by a command: exit 2.
struct UsageError: Error, LocalizedError, CategorizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
    var category: ErrorCategory { .input }
}

/// A runtime error raised by a command: exit 3.
struct RuntimeError: Error, LocalizedError, CategorizedError {
    var message: String
    init(_ message: String) { self.message = message }
    var errorDescription: String? { message }
    var category: ErrorCategory { .runtime }
}

import ArgumentParser
import Foundation
import HandoverModel
import HandoverDocuments

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a stored snapshot readably.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file name or path, latest, previous, latest~N, or a date such as 2026-11-29.")
    var snapshot: String = "latest"

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    func run() async throws {
        let store = global.store
        let opened = try store.open(snapshot)
        Console.skipped(opened.skipped)
        let (stored, loaded) = (opened.stored, opened.snapshot)
        switch format {
        case .json: Console.output(try CanonicalJSON.encode(loaded))
        case .text: Console.output(SnapshotText(style: Console.style).full(loaded, file: stored.name))
        }
    }
}

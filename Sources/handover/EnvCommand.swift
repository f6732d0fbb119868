import ArgumentParser
import Foundation
import HandoverApp
import HandoverCore

struct EnvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Print the env var inventory of the working tree (names only) without storing a snapshot.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when a production environment lacks a name from env.reference.")
    var exitCode = false

    func run() async throws {
        let loaded = try global.loadManifest()
        let section = EnvCollector(repository: loaded.repositoryURL).collect(loaded.manifest)
        guard let inventory = section.data else {
            throw RuntimeError(section.reason ?? "env inventory could not be collected")
        }
        switch format {
        case .json: Console.output(try CanonicalJSON.encode(inventory))
        case .text: Console.output(SnapshotText(style: Console.style).envLines(inventory).joined(separator: "\n") + "\n")
        }
        let gaps = inventory.environments.filter { $0.production && !$0.missingFromReference.isEmpty }
        if exitCode && !gaps.isEmpty {
            let detail = gaps.map { "\($0.name) lacks \($0.missingFromReference.joined(separator: ", "))" }.joined(separator: "; ")
            throw GateTripped("production environment incomplete: \(detail)")
        }
    }
}

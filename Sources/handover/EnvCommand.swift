import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverCollect
import HandoverDocuments

struct EnvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Print the env var inventory of the working tree (names only) without storing a snapshot.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when a production environment lacks a name from env.reference that the reference file does not mark optional.")
    var exitCode = false

    func run() async throws {
        let loaded = try global.loadManifest()
        let section = EnvCollector(repository: loaded.repositoryURL).collect(loaded.manifest)
        guard let inventory = section.data else {
            throw RuntimeError(section.reason ?? "env inventory could not be collected")
        }
        switch format {
        case .json: Console.output(try CanonicalJSON.encode(inventory))
        case .text:
            var lines = SnapshotText(style: Console.style).envLines(inventory)
            let marked = inventory.referenceOptional ?? []
            let optional = marked.filter { $0.marker != .nullValue }, null = marked.filter { $0.marker == .nullValue }
            if !optional.isEmpty {
                lines.append("  optional in the reference: " + optional.map { "\($0.name) (\($0.marker.rawValue))" }.joined(separator: ", "))
            }
            if !null.isEmpty {
                lines.append("  set to null in the reference: " + null.map(\.name).joined(separator: ", "))
            }
            Console.output(lines.joined(separator: "\n") + "\n")
        }
        let gaps = inventory.environments.filter(\.production).map { ($0.name, inventory.missingRequired(in: $0)) }.filter { !$0.1.isEmpty }
        if exitCode && !gaps.isEmpty {
            let detail = gaps.map { "\($0.0) lacks \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
            throw GateTripped("production environment incomplete: \(detail)")
        }
    }
}

import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverDocuments

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Collect the production state and store it as a new snapshot.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Collect only these sections (comma-separated): \(SectionName.known.map(\.rawValue).joined(separator: ", ")).", valueName: "SECTIONS"))
    var only: [String] = []

    @Option(help: "Output: text (a summary) or json (the snapshot).")
    var format: ReportFormat = .text

    @OptionGroup var collect: CollectOptions

    func run() async throws {
        let sections = try SectionSelection.parse(only)
        let loaded = try global.loadManifest()
        var pipeline = try collect.pipeline(loaded, sections: sections)
        let store = global.store
        // The newest stored snapshot is decoded once: the audit compares with it. The secrets scan goes on only from
        // the snapshot this machine sealed (a snapshot file is repository content anyone can commit).
        let newest = try? store.open("latest")
        let secretsBase = SecretsBase(repository: pipeline.repositoryURL, store: store)
        if sections.contains(.secrets) { pipeline.previousSecrets = secretsBase.previous(newest: newest) }
        var snapshot = await pipeline.run(progress: { Console.progress($0) })
        Console.clearProgress()
        // The audit of the new snapshot, against the stored history, travels with it.
        let report = AuditService(manifest: loaded.manifest, store: store)
            .audit(snapshot, before: (try? store.list()) ?? [], preloaded: newest.map { [$0.stored.name: $0.snapshot] } ?? [:])
        snapshot.audit = .collected(report)
        let stored = try store.write(snapshot)
        if snapshot.secrets.status == .collected { secretsBase.seal(stored) }
        // `handover lookup` answers from this index in a few milliseconds instead of decoding the snapshot.
        let context = DocumentContextBuilder(manifest: loaded.manifest).build(snapshot, name: stored.name, audit: report, diff: nil)
        store.writeLookupIndex(Lookup.index(snapshot: snapshot, name: stored.name, context: context), for: stored)
        switch format {
        case .json:
            Console.output(try CanonicalJSON.encode(snapshot))
        case .text:
            Console.output(SnapshotText(style: Console.style).summary(snapshot, file: stored.name)
                           + "  audit: \(AuditText(format: .text).summary(report)) — `handover audit` for the list\n")
        }
    }
}

/// Parses `--only` values: comma-separated, repeatable, known names only.
enum SectionSelection {
    static func parse(_ values: [String]) throws -> [SectionName] {
        let names = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !names.isEmpty else { return SectionName.implemented }
        var sections: [SectionName] = []
        for name in names {
            guard let section = SectionName(rawValue: name), section != .unknown else {
                let hint = DidYouMean.suggestion(for: name, among: SectionName.known.map(\.rawValue))
                    .map { " — did you mean `\($0)`?" } ?? " — known sections: \(SectionName.known.map(\.rawValue).joined(separator: ", "))"
                throw UsageError("--only: unknown section `\(name)`\(hint)")
            }
            guard section != .audit else {
                throw UsageError("--only: `audit` is computed from the collected sections, not collected — every snapshot stores its audit; `handover audit` prints it")
            }
            guard SectionName.implemented.contains(section) else {
                throw UsageError("--only: section `\(name)` is not collected by handover \(ToolVersion.current) yet — available: \(SectionName.implemented.map(\.rawValue).joined(separator: ", "))")
            }
            if !sections.contains(section) { sections.append(section) }
        }
        return sections.sorted()
    }
}

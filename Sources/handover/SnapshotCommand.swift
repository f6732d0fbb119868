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
        let preparing = SnapshotPipeline.prepareRepositoryReading(for: sections)
        let taken: SnapshotService.Taken
        do {
            let loaded = try global.loadManifest()
            let pipeline = try collect.pipeline(loaded, sections: sections)
            taken = try await SnapshotService(manifest: loaded.manifest, store: global.store)
                .take(pipeline, progress: { Console.progress($0) })
        } catch {
            await preparing?.value  // never exit under libgit2's initialisation (``SnapshotPipeline/prepareRepositoryReading(for:)``)
            throw error
        }
        Console.clearProgress()
        switch format {
        case .json:
            Console.output(try CanonicalJSON.encode(taken.snapshot))
        case .text:
            Console.output(SnapshotText(style: Console.style).summary(taken.snapshot, file: taken.stored.name)
                           + "  audit: \(AuditText(format: .text).summary(taken.report)) — `handover audit` for the list\n")
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

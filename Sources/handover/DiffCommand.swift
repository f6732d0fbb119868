import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverManifest
import HandoverStore
import HandoverDocuments

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two snapshots, across every layer.",
        discussion: """
            OLD defaults to `previous` and NEW to `latest`; with one argument it is OLD and NEW is `latest`. Either may be \
            `live`: a fresh snapshot taken in memory and never written (`handover diff live` compares it with the latest).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The older snapshot (a name, latest~N, a date) or `live`.")
    var old: String?

    @Argument(help: "The newer snapshot, or `live`.")
    var new: String?

    @Option(help: ArgumentHelp("Compare with the newest snapshot taken at least this long ago (e.g. 7d, 12h) instead of OLD.", valueName: "DURATION"))
    var since: String?

    @Option(help: "Output: text, markdown or json.")
    var format: DiffFormat = .text

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when there are changes (like git diff --exit-code).")
    var exitCode = false

    @OptionGroup var collect: CollectOptions

    func run() async throws {
        let store = global.store
        let manifestExists = FileManager.default.fileExists(atPath: global.manifest)
        let loaded = manifestExists ? try global.loadManifest() : nil
        var (oldRef, newRef) = (old ?? "previous", new ?? "latest")
        if old != nil && new == nil { (oldRef, newRef) = (old!, "latest") }
        if old == "live" && new == nil { (oldRef, newRef) = ("latest", "live") }
        if let since {
            guard old == nil || new == nil else { throw UsageError("--since replaces OLD: give at most NEW") }
            guard let ms = DurationText.milliseconds(since), ms > 0 else {
                throw UsageError("--since: `\(since)` is not a duration such as 7d, 12h or 30m")
            }
            if let only = old { newRef = only }
            oldRef = try store.newest(atOrBefore: WallClock.now().addingTimeInterval(-Double(ms) / 1000)).name
        }
        guard oldRef != "live" else { throw UsageError("`live` can only be the newer side: handover diff [OLD] live") }

        let repository = collect.repository.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? loaded?.repositoryURL
        let service = DiffService(p95BudgetMs: loaded?.manifest.audit.p95Ms ?? 500, repository: repository)
        // Two stored snapshots are decoded at once (taking turns while the commit walk, started from their bytes, runs).
        let both = newRef == "live" ? nil : await service.open(store, oldRef, newRef)
        let oldOpened = try both?.old.get() ?? store.open(oldRef)
        Console.skipped(oldOpened.skipped)
        let (oldStored, oldSnapshot) = (oldOpened.stored, oldOpened.snapshot)
        let newSnapshot: Snapshot, newName: String
        if let both {
            let opened = try both.new.get()
            newSnapshot = opened.snapshot
            newName = opened.stored.name
        } else {
            guard let loaded else { throw UsageError("`live` needs the manifest: \(global.manifest) not found") }
            let pipeline = try collect.pipeline(loaded, sections: SectionName.implemented)
            newSnapshot = await SnapshotService(manifest: loaded.manifest, store: store).live(pipeline, progress: { Console.progress($0) })
            Console.clearProgress()
            newName = "live"
        }
        // The commits between the two hashes are read with libgit2 beside the comparison: blocking work, on the pool.
        let (oldName, finalName, old, new) = (oldStored.name, newName, oldSnapshot, newSnapshot)
        let diff = await service.diffConcurrently(old: old, oldName: oldName, new: new, newName: finalName, early: both?.walk)
        switch format {
        case .json: Console.output(try CanonicalJSON.encode(diff))
        case .text: Console.output(DiffText(format: .text, style: Console.style).render(diff))
        case .markdown: Console.output(DiffText(format: .markdown).render(diff))
        }
        if exitCode && !diff.isEmpty { throw GateTripped("\(diff.substantive.count) changes") }
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

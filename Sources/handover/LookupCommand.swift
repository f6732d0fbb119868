import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverStore
import HandoverDocuments

struct LookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Everything about a host, domain, environment, variable, owner or monitor, from the latest snapshot, offline.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A host (api, api.acme.example), a domain, an environment, a variable name, an owner role (dns, hosting) or a monitor.")
    var term: String

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    func run() async throws {
        let store = global.store
        // The newest snapshot not named in the future; its index, written by `handover snapshot` and sealed with the
        // snapshot file's identity and digest, answers without decoding the snapshot or reading the manifest.
        let now = WallClock.now()
        var stored = try store.list().last { SnapshotStore.future($0, createdAt: nil, now: now) == nil } ?? store.resolve("latest")
        if format == .text {
            let key = term.lowercased().trimmingCharacters(in: .whitespaces)
            switch LookupIndex.answer(key, at: store.lookupIndexURL(for: stored.name), snapshot: stored) {
            case .found(let text)?:
                Console.output(text)
                return
            case .missing(let terms)?:
                throw Self.nothing(term, in: stored.name, suggestions: Lookup.suggestions(key, among: terms))
            case nil:
                break
            }
        }
        let loaded = FileManager.default.fileExists(atPath: global.manifest) ? try global.loadManifest() : nil
        // The previous snapshot's diff is not needed here: no repository, one snapshot of history at most.
        // Without an index: the newest readable snapshot (unreadable newer files are named and passed over).
        let opened = try store.open("latest")
        Console.skipped(opened.skipped)
        stored = opened.stored
        let snapshot = opened.snapshot
        // The audit stored with the snapshot already knows the last known good and the rollback target.
        let audit = snapshot.audit.collectedValue ?? AuditService(manifest: loaded?.manifest, store: store).audit(snapshot, before: [])
        let context = DocumentContextBuilder(manifest: loaded?.manifest).build(snapshot, name: stored.name, audit: audit, diff: nil)
        // Fill the cache for the next lookup of this snapshot (snapshots taken before the index existed).
        store.writeLookupIndex(Lookup.index(snapshot: snapshot, name: stored.name, context: context), for: stored)
        switch Lookup.find(term, snapshot: snapshot, context: context) {
        case .found(let answers):
            switch format {
            case .json: Console.output(try CanonicalJSON.encode(["answers": answers]))
            case .text: Console.output(Lookup.text(answers, style: Console.style))
            }
        case .nothing(let suggestions):
            throw Self.nothing(term, in: stored.name, suggestions: suggestions)
        }
    }

    static func nothing(_ term: String, in name: String, suggestions: [String]) -> UsageError {
        let hint = suggestions.isEmpty ? "try a host (api), a domain, an environment, a variable, an owner role or a monitor"
            : "did you mean " + suggestions.map { "`\($0)`" }.joined(separator: ", ") + "?"
        return UsageError("nothing in \(name) matches `\(term)` — \(hint)")
    }
}

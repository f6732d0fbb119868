import ArgumentParser
import Foundation
import HandoverModel
import HandoverManifest
import HandoverStore
import HandoverDiff

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "One line per stored snapshot: time, deploy hash, changes against the one before.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Count only changes of this layer (git, env, dns, email, tls, http, registration, monitoring, critical, owners).", valueName: "LAYER"))
    var layer: String?

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    struct Entry: Encodable {
        var file: String
        var createdAt: Date?
        var head: String?
        /// Changes against the previous readable snapshot; nil for the first one or an unreadable file.
        var changes: Int?
        var added: Int?
        var removed: Int?
        var changed: Int?
        var weakens: Int?
        var notCompared: [String]?
        /// Counted findings by severity from the audit stored in the snapshot.
        var findings: [String: Int]?
        var error: String?
    }

    func run() async throws {
        var only: SectionName?
        if let layer {
            guard let parsed = SectionName(rawValue: layer), SnapshotDiffer.layers.contains(parsed) else {
                let hint = DidYouMean.suggestion(for: layer, among: SnapshotDiffer.layers.map(\.rawValue)).map { " — did you mean `\($0)`?" } ?? ""
                throw UsageError("--layer: unknown layer `\(layer)`\(hint)")
            }
            only = parsed
        }
        let store = global.store
        let budget = FileManager.default.fileExists(atPath: global.manifest) ? (try global.loadManifest().manifest.audit.p95Ms) : 500
        let differ = SnapshotDiffer(p95BudgetMs: budget)
        var entries: [Entry] = []
        var previous: (name: String, snapshot: Snapshot)?
        for stored in try store.list() {
            let snapshot: Snapshot
            do {
                snapshot = try store.load(stored)
            } catch {
                entries.append(Entry(file: stored.name, error: ErrorText.of(error, max: 4_000)))
                continue
            }
            var entry = Entry(file: stored.name, createdAt: snapshot.createdAt, head: snapshot.git.data?.head.commit?.sha)
            if let audit = snapshot.audit.collectedValue {
                entry.findings = Dictionary(uniqueKeysWithValues: audit.counts.map { ($0.0.rawValue, $0.1) })
            }
            if let previous {
                let diff = differ.diff(old: previous.snapshot, oldName: previous.name, new: snapshot, newName: stored.name)
                let changes = diff.substantive.filter { only == nil || $0.layer == only }
                entry.changes = changes.count
                entry.added = changes.filter { $0.kind == .added }.count
                entry.removed = changes.filter { $0.kind == .removed }.count
                entry.changed = changes.filter { $0.kind == .changed }.count
                entry.weakens = changes.filter { $0.impact == .weakens }.count
                entry.notCompared = diff.notCompared.map(\.layer.rawValue).filter { only == nil || $0 == only?.rawValue }
            }
            entries.append(entry)
            previous = (stored.name, snapshot)
        }
        switch format {
        case .json:
            Console.output(try CanonicalJSON.encode(LogOutput(layer: only?.rawValue, snapshots: entries)))
        case .text:
            if entries.isEmpty { Console.note("no snapshots in \(store.directory.path) yet — run `handover snapshot`") }
            for entry in entries {
                if let error = entry.error {
                    Console.output("\(entry.file)  unreadable\n")
                    Console.error(error)
                    continue
                }
                let head = entry.head.map { String($0.prefix(12)) } ?? "-           "
                var changes = "first"
                if let count = entry.changes {
                    changes = count == 0 ? "no changes" : "\(count) change\(count == 1 ? "" : "s") (+\(entry.added ?? 0) -\(entry.removed ?? 0) ~\(entry.changed ?? 0))"
                    if let weakens = entry.weakens, weakens > 0 { changes += ", \(weakens) weaken" }
                    if let skipped = entry.notCompared, !skipped.isEmpty { changes += "; not compared: \(skipped.joined(separator: ","))" }
                }
                let findings = entry.findings.map { counts in
                    Severity.ranked.prefix(3).map { "\(counts[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
                } ?? "not audited"
                Console.output("\(entry.createdAt.map(Timestamp.iso8601) ?? "-")  \(head)  \(changes)  findings: \(findings)\n")
            }
        }
    }

    struct LogOutput: Encodable {
        var layer: String?
        var snapshots: [Entry]
    }
}

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old snapshots: never the latest, the last known good or an unreadable one.")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Keep the newest N snapshots.", valueName: "N"))
    var keep: Int?

    @Option(name: .customLong("keep-within"), help: ArgumentHelp("Keep snapshots taken within this duration (e.g. 90d).", valueName: "DURATION"))
    var keepWithin: String?

    @Flag(name: .customLong("dry-run"), help: "Say what would be deleted, delete nothing.")
    var dryRun = false

    func run() async throws {
        guard keep != nil || keepWithin != nil else {
            throw UsageError("prune needs --keep N and/or --keep-within DURATION (e.g. --keep 30 or --keep-within 90d)")
        }
        if let keep, keep < 1 { throw UsageError("--keep: must be at least 1 (the latest snapshot is always kept)") }
        var within: Int?
        if let keepWithin {
            guard let ms = DurationText.milliseconds(keepWithin), ms > 0 else {
                throw UsageError("--keep-within: `\(keepWithin)` is not a duration such as 90d or 12h")
            }
            within = ms
        }
        let store = global.store
        let all = try store.list()
        let now = WallClock.now()
        var createdAt: [String: Date] = [:]
        var lastKnownGood: String?
        var future: [StoredSnapshot] = []
        for snapshot in all {
            let loaded = try? store.load(snapshot)
            // Named or dated in the future: never the latest, never deleted — left for a person to inspect.
            if SnapshotStore.future(snapshot, createdAt: loaded?.createdAt, now: now) != nil {
                future.append(snapshot)
                continue
            }
            guard let loaded else { continue }
            createdAt[snapshot.name] = loaded.createdAt
            if loaded.audit.collectedValue?.isGood == true { lastKnownGood = snapshot.name }
        }
        for snapshot in future { Console.output("keep    \(snapshot.name)  (dated in the future: left for you to inspect)\n") }
        let stored = all.filter { !future.contains($0) }
        let protected = lastKnownGood.map { [$0: "last known good"] } ?? [:]
        let plan = RetentionPlan.make(stored: stored, createdAt: createdAt, keep: keep, keepWithinMs: within, now: now,
                                      protected: protected)
        for decision in plan.decisions {
            if let reason = decision.keptBecause {
                Console.output("keep    \(decision.snapshot.name)  (\(reason))\n")
            } else {
                if !dryRun {
                    try store.delete(decision.snapshot)
                    try? FileManager.default.removeItem(at: store.lookupIndexURL(for: decision.snapshot.name))
                }
                Console.output("\(dryRun ? "would delete" : "deleted")  \(decision.snapshot.name)\n")
            }
        }
        Console.note("\(plan.deletions.count) of \(all.count) snapshot(s) \(dryRun ? "would be deleted (dry run)" : "deleted")")
    }
}

import ArgumentParser
import Foundation
import HandoverApp
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
        let entries = try SnapshotLog(store: store, p95BudgetMs: budget).entries(layer: only)
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
        var snapshots: [SnapshotLog.Entry]
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
        let service = PruneService(store: global.store)
        let plan = try service.plan(keep: keep, keepWithinMs: within)
        for snapshot in plan.future { Console.output("keep    \(snapshot.name)  (dated in the future: left for you to inspect)\n") }
        for decision in plan.retention.decisions {
            if let reason = decision.keptBecause {
                Console.output("keep    \(decision.snapshot.name)  (\(reason))\n")
            } else {
                if !dryRun { try service.delete(decision.snapshot) }
                Console.output("\(dryRun ? "would delete" : "deleted")  \(decision.snapshot.name)\n")
            }
        }
        Console.note("\(plan.retention.deletions.count) of \(plan.total) snapshot(s) \(dryRun ? "would be deleted (dry run)" : "deleted")")
    }
}

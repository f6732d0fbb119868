import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverDocuments

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Rank the launch risks of a snapshot: blocker, high, medium (low and info are not risks).",
        discussion: "Recomputes the audit with this build's checks, judged at the snapshot's time; waivers come from the manifest's `accept`.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file name or path, latest, previous, latest~N, or a date.")
    var snapshot: String = "latest"

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when an unwaived finding at or above this level exists: blocker, high, medium, low, info.", valueName: "LEVEL"))
    var failOn: String?

    @Option(help: "Output: text, markdown, json or sarif.")
    var format: AuditFormat = .text

    func run() async throws {
        var gate: Severity?
        if let failOn {
            guard let level = Severity(rawValue: failOn.lowercased()), level != .unknown else {
                throw UsageError("--fail-on: `\(failOn)` is not one of blocker, high, medium, low, info")
            }
            gate = level
        }
        let store = global.store
        let manifest = FileManager.default.fileExists(atPath: global.manifest) ? try global.loadManifest().manifest : nil
        let opened = try store.open(snapshot)
        Console.skipped(opened.skipped)
        let (stored, loaded) = (opened.stored, opened.snapshot)
        let report = AuditService(manifest: manifest, store: store).audit(loaded, stored: stored)
        switch format {
        case .json: Console.output(try CanonicalJSON.encode(AuditOutput(snapshot: stored.name, report: report)))
        case .sarif: Console.output(try AuditSARIF.encode(report))
        case .text: Console.output(AuditText(format: .text, style: Console.style).render(report, snapshot: stored.name))
        case .markdown: Console.output(AuditText(format: .markdown).render(report, snapshot: stored.name))
        }
        if let gate {
            let tripping = report.tripping(atOrAbove: gate)
            if !tripping.isEmpty { throw GateTripped("\(tripping.count) finding(s) at or above \(gate.rawValue)") }
        }
    }

    /// `{"findings": […], …}`: the findings sorted by severity, id, subject, with the rest of the report.
    struct AuditOutput: Encodable {
        var snapshot: String
        var report: AuditReport

        enum Keys: String, CodingKey { case snapshot, rulesVersion, findings, resolved, notChecked, lastKnownGood, rollbackTarget, counts }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(snapshot, forKey: .snapshot)
            try c.encode(report.rulesVersion, forKey: .rulesVersion)
            try c.encode(report.findings, forKey: .findings)
            try c.encode(report.resolved, forKey: .resolved)
            try c.encode(report.notChecked, forKey: .notChecked)
            try c.encodeIfPresent(report.lastKnownGood, forKey: .lastKnownGood)
            try c.encodeIfPresent(report.rollbackTarget, forKey: .rollbackTarget)
            try c.encode(Dictionary(uniqueKeysWithValues: report.counts.map { ($0.0.rawValue, $0.1) }), forKey: .counts)
        }
    }
}

enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, sarif
}

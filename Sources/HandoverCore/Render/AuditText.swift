import Foundation

/// `handover audit` as text (colour on a terminal only) or Markdown: risks by severity, accepted findings apart,
/// resolved ones, the last known good and the rollback target. Everything observed is escaped.
public struct AuditText {
    public var format: DiffText.Format
    public var style: TerminalStyle

    public init(format: DiffText.Format, style: TerminalStyle = .plain) {
        self.format = format
        self.style = format == .markdown ? .plain : style
    }

    func e(_ s: String) -> String { format == .markdown ? MarkdownText.escape(s) : TerminalText.clean(s) }
    var md: Bool { format == .markdown }

    public func render(_ report: AuditReport, snapshot: String) -> String {
        var out: [String] = []
        let counted = report.findings.filter(\.counts)
        let accepted = report.findings.filter { !$0.counts }
        out.append(md ? "# Launch risks — \(e(snapshot))" : style.bold("Launch risks — \(e(snapshot))"))
        out.append("")
        out.append(summary(report) + " (rules \(e(report.rulesVersion)))")
        if let good = report.lastKnownGood {
            out.append("Last known good: \(e(good.snapshot))" + (good.commit.map { " at \(e(String($0.prefix(12))))" } ?? "") + (good.tag.map { " (\(e($0)))" } ?? ""))
        } else {
            out.append("Last known good: none in the stored history")
        }
        if let target = report.rollbackTarget {
            out.append("Rollback target: " + (target.tag.map { e($0) + " " } ?? "") + (target.commit.map { e(String($0.prefix(12))) } ?? "")
                       + " (\(target.source == "last-known-good" ? "last known good" : "newest release tag behind the deployed commit"))")
        } else {
            out.append("Rollback target: none")
        }
        out.append("")
        if counted.isEmpty { out.append(md ? "No open findings." : style.green("No open findings.")); out.append("") }
        for level in Severity.ranked {
            let findings = counted.filter { $0.severity == level }
            guard !findings.isEmpty else { continue }
            out.append(heading("\(level.rawValue.uppercased()) (\(findings.count))\(level.isRisk ? "" : " — not a launch risk")", level))
            for finding in findings { out += lines(finding) }
            out.append("")
        }
        if !accepted.isEmpty {
            out.append(heading("Accepted (\(accepted.count))", nil))
            for f in accepted {
                let a = f.acceptance
                out.append(item("\(code(f.id)) \(e(f.subject)) — \(f.severity.rawValue), until \(e(a?.until ?? "?"))" + (a?.owner.map { ", \(e($0))" } ?? "") + ": \(e(a?.reason ?? ""))"))
            }
            out.append("")
        }
        if !report.resolved.isEmpty {
            out.append(heading("Resolved since the previous snapshot (\(report.resolved.count))", nil))
            for f in report.resolved { out.append(item("\(code(f.id)) \(e(f.subject)) — was \(f.severity.rawValue)")) }
            out.append("")
        }
        if !report.notChecked.isEmpty {
            var byReason: [String: [String]] = [:]
            for n in report.notChecked { byReason[n.reason, default: []].append(n.check) }
            out.append(heading("Not checked", nil))
            for reason in byReason.keys.sorted() {
                out.append(item("\(e(reason)): \(Plural.count(byReason[reason]!.count, "check"))"))
            }
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func summary(_ report: AuditReport) -> String {
        let counts = report.counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        let accepted = report.findings.filter { !$0.counts }.count
        return counts + (accepted > 0 ? ", \(accepted) accepted" : "")
    }

    func heading(_ s: String, _ level: Severity?) -> String {
        if md { return "## \(s)\n" }
        switch level {
        case .blocker?, .high?: return style.red(style.bold(s))
        case .medium?: return style.yellow(style.bold(s))
        default: return style.bold(s)
        }
    }

    func code(_ s: String) -> String { md ? "`\(s)`" : s }
    func item(_ s: String) -> String { md ? "- \(s)" : "  \(s)" }

    func lines(_ f: Finding) -> [String] {
        let status = f.status == .open ? "" : " [\(f.status.rawValue)]"
        let expired = f.acceptance?.expired == true ? " (waiver expired \(e(f.acceptance?.until ?? "")))" : ""
        if md {
            var out = ["### \(e(f.title)) — `\(f.id)`\(status)\(expired)", "", "- **Subject:** \(e(f.subject))", "- **Impact:** \(e(f.impact))"]
            for line in f.evidence { out.append("- **Evidence:** \(e(line))") }
            out += ["- **Fix:** \(e(f.remediation))", "- **Reference:** \(e(f.reference))", ""]
            return out
        }
        var out = ["  \(style.bold(f.id))  \(e(f.subject))\(status)\(expired)", "    \(e(f.title)) — \(e(f.impact))"]
        for line in f.evidence { out.append("    evidence: \(e(line))") }
        out.append("    fix: \(e(f.remediation))")
        out.append("    ref: \(e(f.reference))")
        return out
    }
}

/// SARIF 2.1.0 for findings whose subject is a file (`file:PATH` or `file:PATH:LINE`), for code-scanning uploads.
public enum AuditSARIF {
    public static func document(_ report: AuditReport) -> [String: Any] {
        let files = report.findings.filter { $0.counts && $0.subject.hasPrefix("file:") }
        let ruleIDs = Array(Set(files.map(\.id))).sorted()
        let rules: [[String: Any]] = ruleIDs.compactMap { id in
            guard let check = Auditor.checks.first(where: { $0.id == id }) else { return nil }
            return ["id": id, "shortDescription": ["text": check.title], "fullDescription": ["text": check.impact],
                    "help": ["text": "\(check.remediation) (\(check.reference))"]]
        }
        let results: [[String: Any]] = files.map { f in
            let location = String(f.subject.dropFirst(5))
            let parts = location.split(separator: ":")
            var physical: [String: Any] = ["artifactLocation": ["uri": String(parts.first ?? "")]]
            if parts.count > 1, let line = Int(parts[1]) { physical["region"] = ["startLine": line] }
            let level = f.severity.isAtLeast(.high) ? "error" : f.severity == .medium ? "warning" : "note"
            return ["ruleId": f.id, "level": level, "message": ["text": ([f.title] + f.evidence).joined(separator: " — ")],
                    "partialFingerprints": ["handoverFingerprint": f.fingerprint], "locations": [["physicalLocation": physical]]]
        }
        return ["version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "runs": [["tool": ["driver": ["name": "handover", "version": ToolVersion.current, "semanticVersion": ToolVersion.current,
                                              "rules": rules]], "results": results]]]
    }

    public static func encode(_ report: AuditReport) throws -> Data {
        try JSONSerialization.data(withJSONObject: document(report), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}

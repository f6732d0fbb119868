import Foundation
import HandoverModel
import HandoverAudit

/// `handover audit` as text (colour on a terminal only) or Markdown: risks by severity, accepted findings apart,
/// resolved ones, the last known good and the rollback target. Everything observed is escaped.
package struct AuditText {
    package var format: DiffText.Format
    package var style: TerminalStyle

    package init(format: DiffText.Format, style: TerminalStyle = .plain) {
        self.format = format
        self.style = format == .markdown ? .plain : style
    }

    func e(_ s: String) -> String { format == .markdown ? MarkdownText.escape(s) : TerminalText.clean(s) }
    var md: Bool { format == .markdown }

    package func render(_ report: AuditReport, snapshot: String) -> String {
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
        if counted.isEmpty {
            // Silence is a pass only for what was checked: say so when sections were missing.
            if report.notChecked.isEmpty {
                out.append(md ? "No open findings." : style.green("No open findings."))
            } else {
                out.append("No open findings in what was checked; \(Plural.count(report.notChecked.count, "check")) did not run (see Not checked).")
            }
            out.append("")
        }
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

    package func summary(_ report: AuditReport) -> String {
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
package enum AuditSARIF {
    package static func document(_ report: AuditReport) -> [String: Any] {
        let files = report.findings.filter { $0.counts && $0.subject.hasPrefix("file:") }
        let rules = Set(files.map(\.id)).sorted().compactMap { id -> SARIF.Rule? in
            guard let check = Auditor.checks.first(where: { $0.id == id }) else { return nil }
            return SARIF.Rule(id: id, title: check.title, description: check.impact, help: "\(check.remediation) (\(check.reference))")
        }
        let results = files.map { f in
            let location = SARIF.location(fileSubject: f.subject)
            return SARIF.Result(ruleID: f.id, severity: f.severity, message: ([f.title] + f.evidence).joined(separator: " — "),
                                path: location.path, line: location.line, fingerprint: f.fingerprint)
        }
        return SARIF.document(rules: rules, results: results)
    }

    package static func encode(_ report: AuditReport) throws -> Data { try SARIF.encode(document(report)) }
}

/// The SARIF 2.1.0 log both `audit --format sarif` and `secrets --format sarif` write.
package enum SARIF {
    package struct Rule {
        package var id, title, description, help: String
        package init(id: String, title: String, description: String, help: String) {
            self.id = id
            self.title = title
            self.description = description
            self.help = help
        }
    }

    package struct Result {
        package var ruleID: String
        package var severity: Severity
        package var message: String
        package var path: String
        package var line: Int?
        package var fingerprint: String
        package init(ruleID: String, severity: Severity, message: String, path: String, line: Int?, fingerprint: String) {
            self.ruleID = ruleID
            self.severity = severity
            self.message = message
            self.path = path
            self.line = line
            self.fingerprint = fingerprint
        }
    }

    /// `file:PATH` or `file:PATH:LINE` → its parts (a path may itself hold colons; only a numeric tail is a line).
    package static func location(fileSubject subject: String) -> (path: String, line: Int?) {
        CodeRead.parts(of: String(subject.dropFirst("file:".count)))
    }

    package static func document(rules: [Rule], results: [Result]) -> [String: Any] {
        let ruleObjects: [[String: Any]] = rules.map {
            ["id": $0.id, "shortDescription": ["text": $0.title], "fullDescription": ["text": $0.description], "help": ["text": $0.help]]
        }
        let resultObjects: [[String: Any]] = results.map { r in
            var physical: [String: Any] = ["artifactLocation": ["uri": r.path]]
            if let line = r.line { physical["region"] = ["startLine": line] }
            let level = r.severity.isAtLeast(.high) ? "error" : r.severity == .medium ? "warning" : "note"
            return ["ruleId": r.ruleID, "level": level, "message": ["text": r.message],
                    "partialFingerprints": ["handoverFingerprint": r.fingerprint], "locations": [["physicalLocation": physical]]]
        }
        return ["version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                "runs": [["tool": ["driver": ["name": "handover", "version": ToolVersion.current, "semanticVersion": ToolVersion.current,
                                              "rules": ruleObjects]], "results": resultObjects]]]
    }

    package static func encode(_ document: [String: Any]) throws -> Data {
        CanonicalJSON.escapingInvisibles(try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            + Data("\n".utf8)
    }
}

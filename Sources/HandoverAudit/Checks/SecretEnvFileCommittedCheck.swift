import Foundation
import HandoverModel
import HandoverCollect

/// An env file (`.env`, `.env.production`, `prod.env`, …) in any commit reachable from a branch or tag.
package enum SecretEnvFileCommittedCheck: AuditCheck {
    package static let id = "secrets.env-file-committed"
    package static let severity = Severity.blocker
    package static let title = "Env file committed to the repository"
    package static let impact = "Env files hold values, not only names: every key in it is readable by anyone with the repository, deleted or not."
    package static let remediation = "Rotate every secret the file held — deleting it is not enough, the history keeps it. Add it to .gitignore and commit only a .env.example with names."
    package static let reference = "The Twelve-Factor App: III. Config; GitHub: Removing sensitive data from a repository"
    package static let sections: [SectionName] = [.secrets]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let secrets = c.snapshot.secrets.collectedValue else { return [] }
        // Severity follows what the file held: a credential value (blocker) down to local defaults only (info).
        return secrets.findings.filter(\.isEnvFile).map { f in
            let why = (f.reasons ?? []).map(\.text).joined(separator: "; ")
            return Observation("file:\(f.path)", SecretEvidence.lines(f) + (why.isEmpty ? [] : [why]),
                               severity: SecretCommittedCheck.severity(for: f.effectiveConfidence))
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("a .env committed then deleted") { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: SecretRules.envFileRule, path: ".env", line: nil, commit: String(repeating: "b", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "(env file committed)",
                                                                removedIn: String(repeating: "c", count: 40), atHead: false)) }
        },
        .triggers("a .env.test of local defaults only (info)", severity: .info) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: SecretRules.envFileRule, path: ".env.test", line: nil, commit: String(repeating: "b", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "(env file committed)",
                                                                confidence: .unlikely, reasons: [.envFilePlaceholders])) }
        },
        .passes("a credential in a source file", alsoFires: [SecretCommittedCheck.id]) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: "github-token", path: "deploy.sh", line: 2, commit: String(repeating: "a", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "ghp_****")) }
        },
        .passes("a clean history") { _ in },
    ]
}

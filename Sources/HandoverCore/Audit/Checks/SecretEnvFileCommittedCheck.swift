import Foundation

/// An env file (`.env`, `.env.production`, `prod.env`, …) in any commit reachable from a branch or tag.
public enum SecretEnvFileCommittedCheck: AuditCheck {
    public static let id = "secrets.env-file-committed"
    public static let severity = Severity.blocker
    public static let title = "Env file committed to the repository"
    public static let impact = "Env files hold values, not only names: every key in it is readable by anyone with the repository, deleted or not."
    public static let remediation = "Rotate every secret the file held — deleting it is not enough, the history keeps it. Add it to .gitignore and commit only a .env.example with names."
    public static let reference = "The Twelve-Factor App: III. Config; GitHub: Removing sensitive data from a repository"
    public static let sections: [SectionName] = [.secrets]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let secrets = c.snapshot.secrets.collectedValue else { return [] }
        return secrets.findings.filter(\.isEnvFile).map { Observation("file:\($0.path)", SecretEvidence.lines($0)) }
    }

    public static let examples: [CheckExample] = [
        .triggers("a .env committed then deleted") { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: SecretRules.envFileRule, path: ".env", line: nil, commit: String(repeating: "b", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "(env file committed)",
                                                                removedIn: String(repeating: "c", count: 40), atHead: false)) }
        },
        .passes("a credential in a source file", alsoFires: [SecretCommittedCheck.id]) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: "github-token", path: "deploy.sh", line: 2, commit: String(repeating: "a", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "ghp_****")) }
        },
        .passes("a clean history") { _ in },
    ]
}

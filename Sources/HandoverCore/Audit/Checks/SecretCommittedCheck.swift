import Foundation

/// A credential shape (private key, cloud or payment key, token, database URL with a password) in any commit
/// reachable from a branch or tag.
public enum SecretCommittedCheck: AuditCheck {
    public static let id = "secrets.credential-committed"
    public static let severity = Severity.blocker
    public static let title = "Credential committed to the repository"
    public static let impact = "Anyone with read access to the repository, now or later (a fork, a leaked laptop, a public flip), can use the key."
    public static let remediation = "Rotate the key at its provider now — deleting the file or the line is not enough, the history keeps it. Then read it from the environment and record the rotation with an `accept` waiver."
    public static let reference = "OWASP Secrets Management Cheat Sheet; GitHub: Removing sensitive data from a repository"
    public static let sections: [SectionName] = [.secrets]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let secrets = c.snapshot.secrets.collectedValue else { return [] }
        return secrets.findings.filter { !$0.isEnvFile }.map { f in
            Observation("file:\(f.path)" + (f.line.map { ":\($0)" } ?? ""), SecretEvidence.lines(f))
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("a Stripe key three commits back") { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: "stripe-secret-key", path: "src/pay.ts", line: 4, commit: String(repeating: "a", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "sk_live_****", atHead: false)) }
        },
        .passes("only an env file", alsoFires: [SecretEnvFileCommittedCheck.id]) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: SecretRules.envFileRule, path: ".env", line: nil, commit: String(repeating: "b", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "(env file committed)")) }
        },
        .passes("a clean history") { _ in },
    ]
}

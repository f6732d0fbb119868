import Foundation
import HandoverModel
import HandoverCollect

/// A credential shape (private key, cloud or payment key, token, database URL with a password) in any commit
/// reachable from a branch or tag. Its severity follows the scan's confidence: a value that proves itself is a
/// blocker, a credential shape in code high, one in docs, tests or vendored code medium, a local database's
/// default password info. A history the scan could not read whole is said too (info): its silence proves nothing.
package enum SecretCommittedCheck: AuditCheck {
    package static let id = "secrets.credential-committed"
    package static let severity = Severity.blocker
    package static let title = "Credential committed to the repository"
    package static let impact = "Anyone with read access to the repository, now or later (a fork, a leaked laptop, a public flip), can use the key."
    package static let remediation = "Rotate the key at its provider now — deleting the file or the line is not enough, the history keeps it. Then read it from the environment and record the rotation with an `accept` waiver."
    package static let reference = "OWASP Secrets Management Cheat Sheet; GitHub: Removing sensitive data from a repository"
    package static let sections: [SectionName] = [.secrets]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let secrets = c.snapshot.secrets.collectedValue else { return [] }
        var out = secrets.findings.filter { !$0.isEnvFile }.map { f in
            Observation("file:\(f.path)" + (f.line.map { ":\($0)" } ?? ""), evidence(f), severity: severity(for: f.effectiveConfidence))
        }
        if let unreadable = secrets.unreadable {
            out.append(Observation("history:unreadable", ["\(Plural.count(unreadable.count, "object")) of the history could not be read (a partial or shallow clone, or a lost pack): what they hold was not scanned"]
                + unreadable.examples.map { "unread: \($0)" }, severity: .info))
        }
        return out
    }

    /// Blocker, high, medium, info for certain, likely, possible, unlikely.
    package static func severity(for confidence: SecretConfidence) -> Severity {
        switch confidence {
        case .certain: return .blocker
        case .likely, .unknown: return .high
        case .possible: return .medium
        case .unlikely: return .info
        }
    }

    /// What the finding is, how sure, why, and where else the same value appeared.
    static func evidence(_ f: SecretFinding) -> [String] {
        var out = ["\(f.rule) \(f.redacted) introduced in \(f.commit.prefix(12)) by \(f.author) on \(Timestamp.day(f.date)) (fingerprint \(f.fingerprint))"]
        let why = (f.reasons ?? []).map(\.text).joined(separator: "; ")
        out.append("confidence \(f.effectiveConfidence.rawValue)" + (why.isEmpty ? "" : ": \(why)"))
        if let places = f.occurrences {
            let more = (f.occurrenceCount ?? places.count) - places.count
            out.append("also in " + places.dropFirst().map { "\($0.path)" + ($0.line.map { ":\($0)" } ?? "") + " (\($0.commit.prefix(12)))" }.joined(separator: ", ")
                       + (more > 0 ? " and \(more) more" : ""))
        }
        if let atHead = f.atHead { out.append(atHead ? "still at HEAD" : "no longer at HEAD, still in the history") }
        return out
    }

    package static let examples: [CheckExample] = [
        .triggers("a Stripe key three commits back") { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: "stripe-secret-key", path: "src/pay.ts", line: 4, commit: String(repeating: "a", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "sk_live_****", atHead: false,
                                                                confidence: .certain, reasons: [.fullLengthLiveKey])) }
        },
        .triggers("a token shape in a test fixture", severity: .medium) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: "github-token", path: "test/fixtures/ci.sh", line: 2, commit: String(repeating: "a", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "ghp_****",
                                                                confidence: .possible, reasons: [.credentialShape, .testFixture])) }
        },
        .triggers("a CI service container's default database password", severity: .info) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: "database-url-password", path: ".github/workflows/ci.yml", line: 9,
                                                                commit: String(repeating: "a", count: 40), author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000),
                                                                redacted: "postgres://postgres:****", confidence: .unlikely, reasons: [.localDatabase, .defaultPassword])) }
        },
        .triggers("a partial clone: part of the history unread", severity: .info) { s in
            Edit.secrets(&s) { $0.unreadable = UnreadableObjects(count: 3, examples: ["blob 176f1134eb17 apps/web/font.ttf"]) }
        },
        .passes("only an env file", alsoFires: [SecretEnvFileCommittedCheck.id]) { s in
            Edit.secrets(&s) { $0.findings.append(SecretFinding(rule: SecretRules.envFileRule, path: ".env", line: nil, commit: String(repeating: "b", count: 40),
                                                                author: "Jo Doe", date: Date(timeIntervalSince1970: 1_780_000_000), redacted: "(env file committed)")) }
        },
        .passes("a clean history") { _ in },
    ]
}

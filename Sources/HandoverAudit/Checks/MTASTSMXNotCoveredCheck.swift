import Foundation
import HandoverModel

/// An MX host the domain's MTA-STS policy does not list.
package enum MTASTSMXNotCoveredCheck: AuditCheck {
    package static let id = "email.mta-sts-mx-not-covered"
    package static let severity = Severity.high
    package static let title = "MX host not listed in the MTA-STS policy"
    package static let impact = "Under `mode: enforce`, senders that honour MTA-STS (Gmail, Outlook, Yahoo among them) refuse to deliver to an MX the policy does not list (RFC 8461 §5): mail to that host is deferred, then bounced — to the whole domain when no MX is listed. Under `testing` nothing is refused yet (low), but it will be once the mode is enforce."
    package static let remediation = "Add an `mx:` line for each MX host to the policy (a `*.` pattern covers exactly one more leftmost label), serve it, then change the `id=` of `_mta-sts.<domain>` so senders fetch it again."
    package static let reference = "RFC 8461 §4.1, §5"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard let report = d.mtaSTSPolicy, let policy = report.usablePolicy else { return nil }
            let uncovered = report.uncoveredMX
            guard !uncovered.isEmpty else { return nil }
            let patterns = policy.mx.map { "`\($0)`" }.joined(separator: ", ")
            var evidence = uncovered.map { "MX \($0) matches none of the policy's mx patterns (\(patterns))" }
            if uncovered.count == report.mx.count { evidence.append("no MX host of \(d.name) is listed") }
            let testing = policy.mode == .testing
            if testing { evidence.append("mode is testing: reported, not refused, until the mode is enforce") }
            return Observation("domain:\(d.name)", evidence, severity: testing ? .low : nil)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("enforce policy lists only one of the two MX hosts") { s in
            Edit.mtaSTS(&s, body: "version: STSv1\nmode: enforce\nmx: aspmx.l.google.com\nmax_age: 604800\n") },
        .triggers("`*.l.google.com` does not cover alt1.aspmx.l.google.com (two labels)") { s in
            Edit.mtaSTS(&s, body: "version: STSv1\nmode: enforce\nmx: *.l.google.com\nmax_age: 86400\n") },
        .triggers("testing policy that would refuse an MX once enforced (low)", severity: .low, alsoFires: ["email.mta-sts-testing"]) { s in
            Edit.mtaSTS(&s, body: "version: STSv1\nmode: testing\nmx: mx.elsewhere.example\nmax_age: 86400\n") },
        .passes("enforce policy covering both MX hosts (CRLF lines)") { s in
            Edit.mtaSTS(&s, body: Edit.mtaSTSPolicy.replacingOccurrences(of: "\n", with: "\r\n")) },
        .passes("mode none lists no MX and refuses nothing", alsoFires: ["email.mta-sts-none"]) { s in
            Edit.mtaSTS(&s, body: "version: STSv1\nmode: none\nmax_age: 86400\n") },
        .passes("a policy served with an untrusted certificate applies to no sender", alsoFires: ["email.mta-sts-policy-unusable"]) { s in
            Edit.mtaSTS(&s, body: "version: STSv1\nmode: enforce\nmx: aspmx.l.google.com\nmax_age: 604800\n") { r in
                r.fetch?.outcome = .tlsFailed
                r.fetch?.certificateVerified = false
                r.fetch?.status = nil
            } },
    ]
}

import Foundation
import HandoverModel

/// An MTA-STS policy in testing mode.
package enum MTASTSTestingCheck: AuditCheck {
    package static let id = "email.mta-sts-testing"
    package static let severity = Severity.low
    package static let title = "MTA-STS policy in testing mode"
    package static let impact = "In testing mode senders deliver even when TLS to the MX fails or the MX is not listed, and only report it (RFC 8461 §5): the policy protects no mail from downgrade or MX spoofing yet. Low: mail flows, but the protection it advertises is not on."
    package static let remediation = "Read the TLS-RPT reports (`_smtp._tls.<domain> TXT \"v=TLSRPTv1; rua=mailto:…\"`) for a couple of weeks, then serve `mode: enforce` and change the `id=` of `_mta-sts.<domain>`."
    package static let reference = "RFC 8461 §5; RFC 8460 §3"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard let policy = d.mtaSTSPolicy?.usablePolicy, policy.mode == .testing else { return nil }
            var evidence = ["\(d.mtaSTSPolicy?.fetch?.url ?? d.name) says `mode: testing`"]
            if !d.tlsRPT.present { evidence.append("no TLS-RPT record at \(d.tlsRPT.name): the failures testing mode reports go nowhere") }
            return Observation("domain:\(d.name)", evidence)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("testing policy covering both MX hosts") { s in
            Edit.mtaSTS(&s, body: Edit.mtaSTSPolicy.replacingOccurrences(of: "mode: enforce", with: "mode: testing")) },
        .passes("enforce policy") { s in Edit.mtaSTS(&s) },
        .passes("`mode: Testing` is not a mode: the policy is invalid, not in testing", alsoFires: ["email.mta-sts-policy-unusable"]) { s in
            Edit.mtaSTS(&s, body: Edit.mtaSTSPolicy.replacingOccurrences(of: "mode: enforce", with: "mode: Testing")) },
    ]
}

import Foundation
import HandoverModel

/// A DKIM key published in testing mode (`t=y`).
package enum DKIMTestingCheck: AuditCheck {
    package static let id = "email.dkim-testing"
    package static let severity = Severity.medium
    package static let title = "DKIM key in testing mode (t=y)"
    package static let impact = "Verifiers must treat mail signed with a testing key like unsigned mail, so the signature does not help DMARC."
    package static let remediation = "Remove `t=y` from the selector's record once signing works."
    package static let reference = "RFC 6376 §3.6.1 (t=)"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).flatMap { domain in
            domain.dkim.compactMap { dkim -> Observation? in
                guard let record = dkim.record, record.testing, !record.revoked else { return nil }
                return Observation("domain:\(domain.name)/\(dkim.selector)", ["`\(dkim.selector)` has t=y"])
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("t=y") { s in Edit.email(&s) { $0.dkim[0].record?.testing = true } },
        .passes("t=s only (strict identity, not testing)") { s in Edit.email(&s) { d in
            d.dkim[0].record = DKIMRecord(parsing: "v=DKIM1; k=rsa; t=s; p=\(Edit.rsa2048)") } },
        .passes("no t=") { _ in },
    ]
}

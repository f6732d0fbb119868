import Foundation
import HandoverModel

/// A published DKIM key record that receivers cannot use: wrong version, unknown key type, no or unreadable `p=`.
package enum DKIMInvalidCheck: AuditCheck {
    package static let id = "email.dkim-invalid"
    package static let severity = Severity.high
    package static let title = "DKIM key record invalid"
    package static let impact = "Signatures made with this selector fail verification: the mail counts as unsigned, and DMARC then rests on SPF alone."
    package static let remediation = "Copy the DKIM record again from your mail provider (a truncated or re-wrapped key is the usual cause)."
    package static let reference = "RFC 6376 §3.6.1"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).flatMap { domain in
            domain.dkim.compactMap { dkim -> Observation? in
                guard let record = dkim.record, !record.errors.isEmpty else { return nil }
                return Observation("domain:\(domain.name)/\(dkim.selector)", record.errors)
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("a key that is not base64") { s in Edit.email(&s) { $0.dkim[0].record = DKIMRecord(parsing: "v=DKIM1; k=rsa; p=%%%") } },
        .triggers("an unknown key type") { s in Edit.email(&s) { d in
            d.dkim[0].record = DKIMRecord(parsing: "v=DKIM1; k=dsa; p=\(Edit.rsa2048)") } },
        .passes("a readable 2048-bit key") { s in Edit.email(&s) { $0.dkim[0].record = DKIMRecord(parsing: "v=DKIM1; k=rsa; p=\(Edit.rsa2048)") } },
    ]
}

import Foundation
import HandoverModel

/// A DKIM key shorter than 2048 bits: under 1024 is breakable and ignored by receivers.
package enum DKIMWeakKeyCheck: AuditCheck {
    package static let id = "email.dkim-weak-key"
    package static let severity = Severity.low
    package static let title = "DKIM key shorter than 2048 bits"
    package static let impact = "Keys under 1024 bits are ignored by major receivers and can be factored; 1024 is below current guidance."
    package static let remediation = "Rotate to a 2048-bit RSA (or Ed25519) key at your mail provider."
    package static let reference = "RFC 8301 §3.2"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).flatMap { domain in
            domain.dkim.compactMap { dkim -> Observation? in
                let codes = Set(dkim.verdicts.map(\.code))
                let subject = "domain:\(domain.name)/\(dkim.selector)"
                if codes.contains("dkim.key-under-1024") { return Observation(subject, ["\(dkim.record?.keyBits ?? 0)-bit key"], severity: .high) }
                if codes.contains("dkim.key-under-2048") { return Observation(subject, ["\(dkim.record?.keyBits ?? 0)-bit key"]) }
                return nil
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("512-bit key (high)", severity: .high) { s in Edit.email(&s) { $0.dkim[0].record?.keyBits = 512 } },
        .triggers("1024-bit key") { s in Edit.email(&s) { $0.dkim[0].record?.keyBits = 1024 } },
        .passes("2048-bit key") { _ in },
    ]
}

import Foundation
import HandoverModel

/// An enforcing DMARC policy applied to only part of the failing mail (`pct` below 100).
package enum DMARCPartialCheck: AuditCheck {
    package static let id = "email.dmarc-pct-below-100"
    package static let severity = Severity.medium
    package static let title = "DMARC enforced on only part of the failing mail"
    package static let impact = "With `pct=N` receivers apply quarantine or reject to N% of spoofed mail and the next weaker policy to the rest."
    package static let remediation = "Raise `pct` to 100 (or drop the tag) once the reports show your own mail passes."
    package static let reference = "RFC 7489 §6.3 (pct), §6.6.4"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard let record = d.dmarc.record, record.percent < 100, let policy = d.effectiveDMARCPolicy,
                  policy == .quarantine || policy == .reject else { return nil }
            return Observation("domain:\(d.name)", ["`pct=\(record.percent)`: \(d.effectiveDMARCPolicyTag) applies to \(record.percent)% of failing mail"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("p=reject; pct=25") { s in Edit.email(&s) { $0.dmarc.record?.percent = 25 } },
        .passes("p=none; pct=25 (nothing enforced to scale down)", alsoFires: ["email.dmarc-policy-none"]) { s in Edit.email(&s) { d in
            d.dmarc.record?.policy = DMARCRecord.Policy.none
            d.dmarc.record?.percent = 25 } },
        .passes("pct=100") { _ in },
    ]
}

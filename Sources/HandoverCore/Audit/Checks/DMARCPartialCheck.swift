import Foundation

/// An enforcing DMARC policy applied to only part of the failing mail (`pct` below 100).
public enum DMARCPartialCheck: AuditCheck {
    public static let id = "email.dmarc-pct-below-100"
    public static let severity = Severity.medium
    public static let title = "DMARC enforced on only part of the failing mail"
    public static let impact = "With `pct=N` receivers apply quarantine or reject to N% of spoofed mail and the next weaker policy to the rest."
    public static let remediation = "Raise `pct` to 100 (or drop the tag) once the reports show your own mail passes."
    public static let reference = "RFC 7489 §6.3 (pct), §6.6.4"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard let record = d.dmarc.record, record.percent < 100, let policy = d.effectiveDMARCPolicy,
                  policy == .quarantine || policy == .reject else { return nil }
            return Observation("domain:\(d.name)", ["`pct=\(record.percent)`: \(d.effectiveDMARCPolicyTag) applies to \(record.percent)% of failing mail"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("p=reject; pct=25") { s in Edit.email(&s) { $0.dmarc.record?.percent = 25 } },
        .passes("p=none; pct=25 (nothing enforced to scale down)", alsoFires: ["email.dmarc-policy-none"]) { s in Edit.email(&s) { d in
            d.dmarc.record?.policy = DMARCRecord.Policy.none
            d.dmarc.record?.percent = 25 } },
        .passes("pct=100") { _ in },
    ]
}

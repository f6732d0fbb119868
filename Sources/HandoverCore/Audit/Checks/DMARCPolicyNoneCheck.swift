import Foundation

/// DMARC only monitors (`p=none`).
public enum DMARCPolicyNoneCheck: AuditCheck {
    public static let id = "email.dmarc-policy-none"
    public static let severity = Severity.medium
    public static let title = "DMARC policy is p=none"
    public static let impact = "Spoofed mail claiming to be you is still delivered; the record only reports it."
    public static let remediation = "Once reports show your own mail passes, move to `p=quarantine`, then `p=reject`."
    public static let reference = "RFC 7489 §6.3 (p)"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard d.dmarc.record?.policy == DMARCRecord.Policy.none else { return nil }
            return Observation("domain:\(d.name)", [d.dmarc.text ?? "p=none"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("p=none") { s in Edit.email(&s) { $0.dmarc.record?.policy = DMARCRecord.Policy.none } },
        .passes("p=quarantine") { s in Edit.email(&s) { $0.dmarc.record?.policy = .quarantine } },
    ]
}

import Foundation

/// DMARC only monitors (`p=none`; for a subdomain under its organisational domain's record, `sp=none`).
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
            guard d.effectiveDMARCPolicy == DMARCRecord.Policy.none else { return nil }
            return Observation("domain:\(d.name)", [d.effectiveDMARCPolicyTag, d.dmarc.text ?? "p=none"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("p=none") { s in Edit.email(&s) { $0.dmarc.record?.policy = DMARCRecord.Policy.none } },
        .passes("p=quarantine") { s in Edit.email(&s) { $0.dmarc.record?.policy = .quarantine } },
        .triggers("a subdomain under its organisational domain's p=reject; sp=none") { s in Edit.email(&s) { d in
            d.name = "mail.\(d.name)"
            d.dmarc.record?.subdomainPolicy = DMARCRecord.Policy.none } },
        .passes("the organisational domain itself with p=reject; sp=none", alsoFires: ["email.dmarc-sp-weaker"]) { s in
            Edit.email(&s) { $0.dmarc.record?.subdomainPolicy = DMARCRecord.Policy.none } },
        .passes("a subdomain under its organisational domain's p=none; sp=reject") { s in Edit.email(&s) { d in
            d.name = "mail.\(d.name)"
            d.dmarc.record?.policy = DMARCRecord.Policy.none
            d.dmarc.record?.subdomainPolicy = .reject } },
    ]
}

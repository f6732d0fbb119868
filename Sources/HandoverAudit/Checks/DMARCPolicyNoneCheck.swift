import Foundation
import HandoverModel

/// DMARC only monitors (`p=none`; for a subdomain under its organisational domain's record, `sp=none`).
package enum DMARCPolicyNoneCheck: AuditCheck {
    package static let id = "email.dmarc-policy-none"
    package static let severity = Severity.medium
    package static let title = "DMARC policy is p=none"
    package static let impact = "Spoofed mail claiming to be you is still delivered; the record only reports it."
    package static let remediation = "Once reports show your own mail passes, move to `p=quarantine`, then `p=reject`."
    package static let reference = "RFC 7489 §6.3 (p)"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard d.effectiveDMARCPolicy == DMARCRecord.Policy.none else { return nil }
            return Observation("domain:\(d.name)", [d.effectiveDMARCPolicyTag, d.dmarc.text ?? "p=none"])
        }
    }

    package static let examples: [CheckExample] = [
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

import Foundation
import HandoverModel

/// The DMARC record's `sp=` is weaker than its `p=`: subdomains (which need no record of their own) are protected less.
package enum DMARCSubdomainWeakerCheck: AuditCheck {
    package static let id = "email.dmarc-sp-weaker"
    package static let severity = Severity.medium
    package static let title = "DMARC subdomain policy weaker than the domain's"
    package static let impact = "Phishers send from made-up subdomains (billing.yourdomain) that the weaker `sp=` lets through."
    package static let remediation = "Drop `sp=` (subdomains then get `p=`) or raise it to match `p=`."
    package static let reference = "RFC 7489 §6.3 (sp)"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            // Judged where the record is published; a subdomain covered by it is judged by the policy that applies to it.
            guard !d.dmarcFromOrganizationalDomain, let record = d.dmarc.record, let p = record.policy, let sp = record.subdomainPolicy,
                  sp < p else { return nil }
            return Observation("domain:\(d.name)", ["`sp=\(sp.rawValue)` is weaker than `p=\(p.rawValue)` at \(d.dmarc.foundAt ?? "_dmarc.\(d.name)")"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("p=reject; sp=quarantine") { s in Edit.email(&s) { $0.dmarc.record?.subdomainPolicy = .quarantine } },
        .passes("a subdomain under the organisational domain's p=reject; sp=quarantine (its policy is quarantine)") { s in
            Edit.email(&s) { d in
                d.name = "mail.\(d.name)"
                d.dmarc.record?.subdomainPolicy = .quarantine } },
        .passes("p=reject; sp=reject") { s in Edit.email(&s) { $0.dmarc.record?.subdomainPolicy = .reject } },
        .passes("p=quarantine; sp=reject", alsoFires: ["email.dmarc-weakened"], previous: { _ in }) { s in Edit.email(&s) { d in
            d.dmarc.record?.policy = .quarantine
            d.dmarc.record?.subdomainPolicy = .reject } },
    ]
}

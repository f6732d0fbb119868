import Foundation
import HandoverModel

/// A domain that sends mail has no DMARC record.
package enum DMARCMissingCheck: AuditCheck {
    package static let id = "email.dmarc-missing"
    package static let severity = Severity.high
    package static let title = "No DMARC on a domain that sends mail"
    package static let impact = "Phishers can spoof your domain to your customers, and Gmail and Yahoo throttle bulk mail without DMARC."
    package static let remediation = "Publish `_dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\"`, then move to quarantine and reject."
    package static let reference = "RFC 7489 §6.1"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard d.sendsMail, d.dmarc.verdicts.contains(where: { $0.code == "dmarc.missing" }) else { return nil }
            return Observation("domain:\(d.name)", ["no record at _dmarc.\(d.name)"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("no DMARC") { s in Edit.email(&s) { $0.sendsMail = true; $0.dmarc.record = nil; $0.dmarc.text = nil; $0.dmarc.foundAt = nil; $0.dmarc.outcome = .nodata } },
        .passes("no DMARC on a domain that sends no mail") { s in Edit.email(&s) { $0.sendsMail = false; $0.dmarc.record = nil; $0.dmarc.text = nil; $0.dmarc.foundAt = nil; $0.dmarc.outcome = .nodata } },
    ]
}

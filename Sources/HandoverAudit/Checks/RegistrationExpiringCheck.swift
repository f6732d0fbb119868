import Foundation
import HandoverModel

/// The domain's registration runs out within 30 days.
package enum RegistrationExpiringCheck: AuditCheck {
    package static let id = "dns.registration-expiring"
    package static let severity = Severity.blocker
    package static let title = "Domain registration expires within 30 days"
    package static let impact = "When the registration lapses, the site, the API and all email stop at once, and the name can be lost."
    package static let remediation = "Renew at the registrar now and turn on auto-renew with a card that will not expire."
    package static let reference = "RFC 9083 §4.5 (events: expiration)"
    package static let sections: [SectionName] = [.registration]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.registration.collectedValue?.domains ?? []).compactMap { d in
            guard let expires = d.expires, c.daysUntil(expires) <= 30 else { return nil }
            return Observation("domain:\(d.domain)", ["expires \(Timestamp.day(expires)) (\(c.daysUntil(expires)) days) at \(d.registrar ?? "an unknown registrar")"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("10 days left") { s in s.registration.data?.domains[0].expires = CheckExample.now + 10 * Edit.day },
        .passes("31 days left") { s in s.registration.data?.domains[0].expires = CheckExample.now + 31.5 * Edit.day },
    ]
}

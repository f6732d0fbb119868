import Foundation

/// The domain's registration runs out within 30 days.
public enum RegistrationExpiringCheck: AuditCheck {
    public static let id = "dns.registration-expiring"
    public static let severity = Severity.blocker
    public static let title = "Domain registration expires within 30 days"
    public static let impact = "When the registration lapses, the site, the API and all email stop at once, and the name can be lost."
    public static let remediation = "Renew at the registrar now and turn on auto-renew with a card that will not expire."
    public static let reference = "RFC 9083 §4.5 (events: expiration)"
    public static let sections: [SectionName] = [.registration]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.registration.collectedValue?.domains ?? []).compactMap { d in
            guard let expires = d.expires, c.daysUntil(expires) <= 30 else { return nil }
            return Observation("domain:\(d.domain)", ["expires \(Timestamp.day(expires)) (\(c.daysUntil(expires)) days) at \(d.registrar ?? "an unknown registrar")"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("10 days left") { s in s.registration.data?.domains[0].expires = HealthyExample.now + 10 * Edit.day },
        .passes("31 days left") { s in s.registration.data?.domains[0].expires = HealthyExample.now + 31.5 * Edit.day },
    ]
}

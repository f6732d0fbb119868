import Foundation
import HandoverModel

/// The certificate expires within `audit.cert_expiry_days` (blocker at 14 days, high at 30 by default).
package enum CertificateExpiringCheck: AuditCheck {
    package static let id = "tls.certificate-expiring"
    package static let severity = Severity.high
    package static let title = "Certificate expires soon"
    package static let impact = "When it expires, browsers block the site and API clients stop connecting."
    package static let remediation = "Renew now; check that automatic renewal (ACME) is set up and alerting on failure."
    package static let reference = "RFC 5280 §4.1.2.5"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            let days = c.daysUntil(e.leaf.notAfter)
            guard days >= 0, days <= c.settings.certExpiryHighDays else { return nil }
            return Observation("host:\(e.host.host)", ["expires \(Timestamp.day(e.leaf.notAfter)) (\(days) days)"],
                               severity: days <= c.settings.certExpiryBlockerDays ? .blocker : .high)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("10 days left (blocker)", severity: .blocker, alsoFires: [NoRenewalEvidenceCheck.id]) { s in Edit.leaf(&s) { $0.notAfter = CheckExample.now + 10 * Edit.day } },
        .triggers("25 days left (high)") { s in Edit.leaf(&s) { $0.notAfter = CheckExample.now + 25 * Edit.day } },
        .passes("31 days left") { s in Edit.leaf(&s) { $0.notAfter = CheckExample.now + 31.5 * Edit.day } },
        .passes("already expired (another check)", alsoFires: [CertificateExpiredCheck.id]) { s in Edit.leaf(&s) { $0.notAfter = CheckExample.now - Edit.day } },
    ]
}

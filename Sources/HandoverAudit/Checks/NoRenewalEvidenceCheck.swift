import Foundation
import HandoverModel

/// No sign of automatic renewal: a long-lived certificate close to expiry, or a short-lived one still served
/// past two thirds of its lifetime (ACME clients renew at two thirds).
package enum NoRenewalEvidenceCheck: AuditCheck {
    package static let id = "tls.no-renewal-evidence"
    package static let severity = Severity.medium
    package static let title = "No evidence of automatic certificate renewal"
    package static let impact = "A certificate renewed by hand expires the day someone forgets: an outage with a browser warning."
    package static let remediation = "Use ACME (Let's Encrypt or your host's managed certificates) and alert on renewal failures."
    package static let reference = "RFC 8555 §7.4; Let's Encrypt: renew at two thirds of the lifetime"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            let lifetime = e.leaf.notAfter.timeIntervalSince(e.leaf.notBefore)
            let used = lifetime > 0 ? c.now.timeIntervalSince(e.leaf.notBefore) / lifetime : 0
            let days = c.daysUntil(e.leaf.notAfter)
            guard days >= 0 else { return nil }
            if e.leaf.lifetimeDays > 100 && days <= 45 {
                return Observation("host:\(e.host.host)", ["\(e.leaf.lifetimeDays)-day certificate, \(days) days left"])
            }
            // Two days of grace past the two-thirds mark, for renewal jobs that run daily.
            if e.leaf.lifetimeDays <= 100 && used * lifetime > lifetime * 2 / 3 + 2 * 86_400 {
                return Observation("host:\(e.host.host)", ["\(Int(used * 100))% of its \(e.leaf.lifetimeDays)-day lifetime used and not replaced"])
            }
            return nil
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("90-day certificate at 80%", alsoFires: [CertificateExpiringCheck.id]) { s in Edit.leaf(&s) { $0.notBefore = CheckExample.now - 72 * Edit.day; $0.notAfter = CheckExample.now + 18 * Edit.day } },
        .triggers("1-year certificate with 40 days left") { s in Edit.leaf(&s) { $0.notBefore = CheckExample.now - 325 * Edit.day; $0.notAfter = CheckExample.now + 40 * Edit.day } },
        .passes("90-day certificate at a third") { _ in },
    ]
}

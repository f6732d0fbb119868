import Foundation

/// No sign of automatic renewal: a long-lived certificate close to expiry, or a short-lived one still served
/// past two thirds of its lifetime (ACME clients renew at two thirds).
public enum NoRenewalEvidenceCheck: AuditCheck {
    public static let id = "tls.no-renewal-evidence"
    public static let severity = Severity.medium
    public static let title = "No evidence of automatic certificate renewal"
    public static let impact = "A certificate renewed by hand expires the day someone forgets: an outage with a browser warning."
    public static let remediation = "Use ACME (Let's Encrypt or your host's managed certificates) and alert on renewal failures."
    public static let reference = "RFC 8555 §7.4; Let's Encrypt: renew at two thirds of the lifetime"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
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

    public static let examples: [CheckExample] = [
        .triggers("90-day certificate at 80%", alsoFires: [CertificateExpiringCheck.id]) { s in Edit.leaf(&s) { $0.notBefore = HealthyExample.now - 72 * Edit.day; $0.notAfter = HealthyExample.now + 18 * Edit.day } },
        .triggers("1-year certificate with 40 days left") { s in Edit.leaf(&s) { $0.notBefore = HealthyExample.now - 325 * Edit.day; $0.notAfter = HealthyExample.now + 40 * Edit.day } },
        .passes("90-day certificate at a third") { _ in },
    ]
}

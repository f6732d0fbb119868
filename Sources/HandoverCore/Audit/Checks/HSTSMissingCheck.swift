import Foundation

/// The canonical host sends no HSTS, or a max-age under 180 days.
public enum HSTSMissingCheck: AuditCheck {
    public static let id = "http.hsts-missing"
    public static let severity = Severity.medium
    public static let title = "HSTS missing or short"
    public static let impact = "Browsers may still try plain HTTP first, where a network attacker can intercept the visit."
    public static let remediation = "Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` from the canonical host."
    public static let reference = "RFC 6797 §6.1"
    public static let sections: [SectionName] = [.http]

    static let minimum = 180 * 86_400

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.securityHeaders ?? []).compactMap { h in
            guard h.outcome == .response else { return nil }
            guard let hsts = h.hsts else { return Observation("host:\(h.host)", ["no Strict-Transport-Security on \(h.url)"]) }
            guard let age = hsts.maxAge, age >= minimum else {
                return Observation("host:\(h.host)", ["max-age=\(hsts.maxAge.map(String.init) ?? "missing") (under 180 days)"])
            }
            return nil
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("no HSTS") { s in Edit.http(&s) { $0.securityHeaders[0].hsts = nil } },
        .triggers("one day") { s in Edit.http(&s) { $0.securityHeaders[0].hsts?.maxAge = 86_400 } },
        .passes("one year") { _ in },
    ]
}

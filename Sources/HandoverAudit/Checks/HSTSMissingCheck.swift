import Foundation
import HandoverModel

/// The canonical host sends no HSTS, or a max-age under 180 days.
package enum HSTSMissingCheck: AuditCheck {
    package static let id = "http.hsts-missing"
    package static let severity = Severity.medium
    package static let title = "HSTS missing or short"
    package static let impact = "Browsers may still try plain HTTP first, where a network attacker can intercept the visit."
    package static let remediation = "Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` from the canonical host."
    package static let reference = "RFC 6797 §6.1"
    package static let sections: [SectionName] = [.http]

    static let minimum = 180 * 86_400

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.securityHeaders ?? []).compactMap { h in
            guard h.outcome == .response else { return nil }
            guard let hsts = h.hsts else { return Observation("host:\(h.host)", ["no Strict-Transport-Security on \(h.url)"]) }
            guard let age = hsts.maxAge, age >= minimum else {
                return Observation("host:\(h.host)", ["max-age=\(hsts.maxAge.map(String.init) ?? "missing") (under 180 days)"])
            }
            return nil
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("no HSTS") { s in Edit.http(&s) { $0.securityHeaders[0].hsts = nil } },
        .triggers("one day") { s in Edit.http(&s) { $0.securityHeaders[0].hsts?.maxAge = 86_400 } },
        .passes("one year") { _ in },
    ]
}

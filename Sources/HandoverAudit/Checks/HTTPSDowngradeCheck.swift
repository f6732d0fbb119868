import Foundation
import HandoverModel

/// A redirect sends an https visitor to http.
package enum HTTPSDowngradeCheck: AuditCheck {
    package static let id = "http.https-downgrade"
    package static let severity = Severity.high
    package static let title = "Redirect from https:// to http://"
    package static let impact = "Visitors are moved off encryption: anyone on the network can read or alter the page."
    package static let remediation = "Make every redirect target https://; check the proxy's idea of the scheme (X-Forwarded-Proto)."
    package static let reference = "RFC 6797 §7.2"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.hosts ?? []).compactMap { h in
            let down = [h.http, h.https].filter(\.downgrade)
            return down.isEmpty ? nil : Observation("host:\(h.host)", down.map { $0.hops.map(\.url).joined(separator: " → ") })
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("downgrade") { s in Edit.http(&s) { $0.hosts[0].https.hops.insert(
            HTTPHop(url: $0.hosts[0].https.start, outcome: .response, status: 301, location: "http://\($0.hosts[0].host)/"), at: 0) } },
        .passes("no downgrade") { _ in },
    ]
}

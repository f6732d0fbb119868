import Foundation
import HandoverModel

/// A redirect chain comes back to a URL it already visited.
package enum RedirectLoopCheck: AuditCheck {
    package static let id = "http.redirect-loop"
    package static let severity = Severity.high
    package static let title = "Redirect loop"
    package static let impact = "Browsers give up with \"too many redirects\": the page is unreachable."
    package static let remediation = "Look for two rules sending visitors to each other (often http↔https behind a proxy, or www↔apex)."
    package static let reference = "RFC 9110 §15.4"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.hosts ?? []).compactMap { h in
            let loops = [h.http, h.https].filter { $0.loop || $0.end == .tooManyRedirects }
            return loops.isEmpty ? nil : Observation("host:\(h.host)", loops.map { $0.hops.map(\.url).joined(separator: " → ") })
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("loop") { s in Edit.http(&s) { $0.hosts[0].https.end = .loop } },
        .passes("no loop") { _ in },
    ]
}

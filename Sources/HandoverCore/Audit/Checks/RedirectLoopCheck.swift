import Foundation

/// A redirect chain comes back to a URL it already visited.
public enum RedirectLoopCheck: AuditCheck {
    public static let id = "http.redirect-loop"
    public static let severity = Severity.high
    public static let title = "Redirect loop"
    public static let impact = "Browsers give up with \"too many redirects\": the page is unreachable."
    public static let remediation = "Look for two rules sending visitors to each other (often http↔https behind a proxy, or www↔apex)."
    public static let reference = "RFC 9110 §15.4"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.hosts ?? []).compactMap { h in
            let loops = [h.http, h.https].filter { $0.loop || $0.end == .tooManyRedirects }
            return loops.isEmpty ? nil : Observation("host:\(h.host)", loops.map { $0.hops.map(\.url).joined(separator: " → ") })
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("loop") { s in Edit.http(&s) { $0.hosts[0].https.end = .loop } },
        .passes("no loop") { _ in },
    ]
}

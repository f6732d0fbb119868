import Foundation
import HandoverModel

/// p95 latency over the budget (`audit.p95_ms`, default 500 ms; over 800 ms is high).
package enum EndpointSlowCheck: AuditCheck {
    package static let id = "http.endpoint-slow"
    package static let severity = Severity.medium
    package static let title = "Endpoint p95 latency over budget"
    package static let impact = "Slow key pages lose sign-ups and sales; slow health checks flap monitors."
    package static let remediation = "Profile the endpoint (database queries, cold starts, region distance); cache what can be cached."
    package static let reference = "docs/launch-bars.md#latency-p95-under-500-ms"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.endpoints ?? []).compactMap { e in
            guard let p95 = e.p95Ms, p95 > c.settings.p95Ms else { return nil }
            return Observation("endpoint:\(e.url)", ["p95 \(p95) ms over \(e.answered) requests (budget \(c.settings.p95Ms) ms)"],
                               severity: p95 > max(800, c.settings.p95Ms) ? .high : .medium)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("p95 600 ms") { s in Edit.http(&s) { $0.endpoints[0].p95Ms = 600 } },
        .triggers("p95 900 ms (high)", severity: .high) { s in Edit.http(&s) { $0.endpoints[0].p95Ms = 900 } },
        .passes("p95 500 ms") { s in Edit.http(&s) { $0.endpoints[0].p95Ms = 500 } },
    ]
}

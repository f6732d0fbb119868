import Foundation

/// p95 latency over the budget (`audit.p95_ms`, default 500 ms; over 800 ms is high).
public enum EndpointSlowCheck: AuditCheck {
    public static let id = "http.endpoint-slow"
    public static let severity = Severity.medium
    public static let title = "Endpoint p95 latency over budget"
    public static let impact = "Slow key pages lose sign-ups and sales; slow health checks flap monitors."
    public static let remediation = "Profile the endpoint (database queries, cold starts, region distance); cache what can be cached."
    public static let reference = "LAUNCH-READY-ROADMAP: p95 under 500 ms"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.endpoints ?? []).compactMap { e in
            guard let p95 = e.p95Ms, p95 > c.settings.p95Ms else { return nil }
            return Observation("endpoint:\(e.url)", ["p95 \(p95) ms over \(e.answered) requests (budget \(c.settings.p95Ms) ms)"],
                               severity: p95 > max(800, c.settings.p95Ms) ? .high : .medium)
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("p95 600 ms") { s in Edit.http(&s) { $0.endpoints[0].p95Ms = 600 } },
        .triggers("p95 900 ms (high)", severity: .high) { s in Edit.http(&s) { $0.endpoints[0].p95Ms = 900 } },
        .passes("p95 500 ms") { s in Edit.http(&s) { $0.endpoints[0].p95Ms = 500 } },
    ]
}

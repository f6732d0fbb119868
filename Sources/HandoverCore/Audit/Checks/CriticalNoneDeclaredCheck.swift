import Foundation

/// The manifest declares no critical endpoint.
public enum CriticalNoneDeclaredCheck: AuditCheck {
    public static let id = "monitoring.no-critical-endpoints"
    public static let severity = Severity.medium
    public static let title = "No critical endpoint declared"
    public static let impact = "Nobody has said which URLs must work (login, checkout, the API), so none is sampled for latency or checked for a monitor."
    public static let remediation = "List the endpoints your customers depend on under `critical:` (name and URL)."
    public static let reference = "LAUNCH-READY-ROADMAP Stage 6: what must work"
    public static let sections: [SectionName] = [.critical]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let endpoints = c.snapshot.critical.collectedValue, endpoints.isEmpty else { return [] }
        return [Observation("critical", ["`critical:` in the manifest lists no endpoint"])]
    }

    public static let examples: [CheckExample] = [
        .triggers("critical: []") { s in s.critical.data = [] },
        .passes("critical endpoints declared") { _ in },
    ]
}

import Foundation

/// A monitoring link (status page, dashboard) does not answer.
public enum MonitorDeadLinkCheck: AuditCheck {
    public static let id = "monitoring.dead-link"
    public static let severity = Severity.medium
    public static let title = "Monitoring link is dead"
    public static let impact = "At midnight the on-call engineer follows a link that goes nowhere."
    public static let remediation = "Fix the link in the manifest (or the status page itself)."
    public static let reference = "docs/manifest.md: monitoring"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.monitors ?? []).filter(\.dead).map {
            Observation("monitor:\($0.name)", ["\($0.url): \($0.status.map(String.init) ?? $0.outcome.rawValue)"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("404") { s in Edit.http(&s) { $0.monitors[0].status = 404 } },
        .passes("answers") { _ in },
    ]
}

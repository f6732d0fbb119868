import Foundation
import HandoverModel

/// A monitoring link (status page, dashboard) does not answer.
package enum MonitorDeadLinkCheck: AuditCheck {
    package static let id = "monitoring.dead-link"
    package static let severity = Severity.medium
    package static let title = "Monitoring link is dead"
    package static let impact = "At midnight the on-call engineer follows a link that goes nowhere."
    package static let remediation = "Fix the link in the manifest (or the status page itself)."
    package static let reference = "docs/manifest.md: monitoring"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.monitors ?? []).filter(\.dead).map {
            Observation("monitor:\($0.name)", ["\($0.url): \($0.status.map(String.init) ?? $0.outcome.rawValue)"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("404") { s in Edit.http(&s) { $0.monitors[0].status = 404 } },
        .passes("answers") { _ in },
    ]
}

import Foundation
import HandoverModel

/// A critical endpoint no monitor covers.
package enum UnmonitoredCriticalCheck: AuditCheck {
    package static let id = "monitoring.critical-unmonitored"
    package static let severity = Severity.high
    package static let title = "Critical endpoint without a monitor"
    package static let impact = "If it breaks, customers find out first; nobody is paged."
    package static let remediation = "Add the URL to a monitor's `covers` (and the monitor itself at your uptime service)."
    package static let reference = "docs/launch-bars.md#alerts-within-2-minutes"
    package static let sections: [SectionName] = [.critical, .monitoring]

    package static func observe(_ c: AuditContext) -> [Observation] {
        let covered = Set((c.snapshot.monitoring.collectedValue ?? []).flatMap { $0.covers + [$0.url] })
        return (c.snapshot.critical.collectedValue ?? []).filter { !covered.contains($0.url) }.map {
            Observation("critical:\($0.name)", ["\($0.url) is in no monitor's covers"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("login unmonitored") { s in s.monitoring.data?[0].covers.removeAll { $0.hasSuffix("/login") } },
        .passes("all covered") { _ in },
    ]
}

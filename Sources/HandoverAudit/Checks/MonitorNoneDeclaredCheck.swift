import Foundation
import HandoverModel

/// The manifest declares no monitor at all.
package enum MonitorNoneDeclaredCheck: AuditCheck {
    package static let id = "monitoring.no-monitors"
    package static let severity = Severity.high
    package static let title = "No monitor declared"
    package static let impact = "Nothing pages anyone when the site goes down: customers find out first."
    package static let remediation = "Set up an uptime monitor that checks the site and your critical endpoints every minute or two, and list it under `monitoring:` with the URLs it `covers`."
    package static let reference = "docs/launch-bars.md#alerts-within-2-minutes"
    package static let sections: [SectionName] = [.monitoring]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let monitors = c.snapshot.monitoring.collectedValue, monitors.isEmpty else { return [] }
        return [Observation("monitoring", ["`monitoring:` in the manifest lists no monitor"])]
    }

    package static let examples: [CheckExample] = [
        .triggers("monitoring: []", alsoFires: [UnmonitoredCriticalCheck.id]) { s in s.monitoring.data = [] },
        .passes("one monitor declared") { _ in },
    ]
}

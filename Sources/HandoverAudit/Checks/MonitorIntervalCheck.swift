import Foundation
import HandoverModel

/// A monitor checks less often than every 2 minutes.
package enum MonitorIntervalCheck: AuditCheck {
    package static let id = "monitoring.interval-too-long"
    package static let severity = Severity.medium
    package static let title = "Monitor interval over 2 minutes"
    package static let impact = "An outage can run longer than the 2-minute alert target before anyone is told."
    package static let remediation = "Check every minute (or 30 s) for critical endpoints."
    package static let reference = "docs/launch-bars.md#alerts-within-2-minutes"
    package static let sections: [SectionName] = [.monitoring]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.monitoring.collectedValue ?? []).compactMap { m in
            guard let interval = m.intervalMs, interval > 120_000 else { return nil }
            return Observation("monitor:\(m.name)", ["every \(DurationText.format(milliseconds: interval))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("every 5 minutes") { s in s.monitoring.data?[0].intervalMs = 300_000 },
        .passes("every 2 minutes") { s in s.monitoring.data?[0].intervalMs = 120_000 },
    ]
}

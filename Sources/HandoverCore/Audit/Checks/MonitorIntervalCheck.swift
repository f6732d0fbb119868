import Foundation

/// A monitor checks less often than every 2 minutes.
public enum MonitorIntervalCheck: AuditCheck {
    public static let id = "monitoring.interval-too-long"
    public static let severity = Severity.medium
    public static let title = "Monitor interval over 2 minutes"
    public static let impact = "An outage can run longer than the 2-minute alert target before anyone is told."
    public static let remediation = "Check every minute (or 30 s) for critical endpoints."
    public static let reference = "LAUNCH-READY-ROADMAP: alerts within 2 minutes"
    public static let sections: [SectionName] = [.monitoring]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.monitoring.collectedValue ?? []).compactMap { m in
            guard let interval = m.intervalMs, interval > 120_000 else { return nil }
            return Observation("monitor:\(m.name)", ["every \(DurationText.format(milliseconds: interval))"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("every 5 minutes") { s in s.monitoring.data?[0].intervalMs = 300_000 },
        .passes("every 2 minutes") { s in s.monitoring.data?[0].intervalMs = 120_000 },
    ]
}

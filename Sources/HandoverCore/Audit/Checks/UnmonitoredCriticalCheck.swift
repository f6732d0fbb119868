import Foundation

/// A critical endpoint no monitor covers.
public enum UnmonitoredCriticalCheck: AuditCheck {
    public static let id = "monitoring.critical-unmonitored"
    public static let severity = Severity.high
    public static let title = "Critical endpoint without a monitor"
    public static let impact = "If it breaks, customers find out first; nobody is paged."
    public static let remediation = "Add the URL to a monitor's `covers` (and the monitor itself at your uptime service)."
    public static let reference = "LAUNCH-READY-ROADMAP: alerts within 2 minutes"
    public static let sections: [SectionName] = [.critical, .monitoring]

    public static func observe(_ c: AuditContext) -> [Observation] {
        let covered = Set((c.snapshot.monitoring.collectedValue ?? []).flatMap { $0.covers + [$0.url] })
        return (c.snapshot.critical.collectedValue ?? []).filter { !covered.contains($0.url) }.map {
            Observation("critical:\($0.name)", ["\($0.url) is in no monitor's covers"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("login unmonitored") { s in s.monitoring.data?[0].covers.removeAll { $0.hasSuffix("/login") } },
        .passes("all covered") { _ in },
    ]
}

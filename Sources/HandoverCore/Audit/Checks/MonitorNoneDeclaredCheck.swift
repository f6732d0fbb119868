import Foundation

/// The manifest declares no monitor at all.
public enum MonitorNoneDeclaredCheck: AuditCheck {
    public static let id = "monitoring.no-monitors"
    public static let severity = Severity.high
    public static let title = "No monitor declared"
    public static let impact = "Nothing pages anyone when the site goes down: customers find out first."
    public static let remediation = "Set up an uptime monitor that checks the site and your critical endpoints every minute or two, and list it under `monitoring:` with the URLs it `covers`."
    public static let reference = "LAUNCH-READY-ROADMAP: alerts within 2 minutes, before users arrive"
    public static let sections: [SectionName] = [.monitoring]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let monitors = c.snapshot.monitoring.collectedValue, monitors.isEmpty else { return [] }
        return [Observation("monitoring", ["`monitoring:` in the manifest lists no monitor"])]
    }

    public static let examples: [CheckExample] = [
        .triggers("monitoring: []", alsoFires: [UnmonitoredCriticalCheck.id]) { s in s.monitoring.data = [] },
        .passes("one monitor declared") { _ in },
    ]
}

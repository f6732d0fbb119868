import Foundation

/// The time the tool takes as "now": the system clock, or a fixed instant from `HANDOVER_NOW`
/// (`YYYY-MM-DDTHH:MM:SSZ`) so tests and reproducible demos can date snapshots without waiting for the clock.
/// Durations and deadlines never use it: they run on the monotonic clock.
package enum WallClock {
    package static let variable = "HANDOVER_NOW"

    package static func now() -> Date { fixed ?? Date() }

    /// The fixed instant, when `HANDOVER_NOW` is set to a valid time.
    static let fixed: Date? = ProcessInfo.processInfo.environment[variable].flatMap(Timestamp.parse)

    /// Why `HANDOVER_NOW` cannot be used, when it is set but not a time; nil otherwise.
    package static var problem: String? {
        guard let text = ProcessInfo.processInfo.environment[variable], fixed == nil else { return nil }
        return "\(variable)=\(TerminalText.clean(String(text.prefix(40)))) is not a UTC time such as 2026-12-01T10:00:00Z — unset it or fix it"
    }
}

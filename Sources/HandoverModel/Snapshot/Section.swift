/// One section of a snapshot: what was collected, or why nothing could be.
///
/// A failed or skipped section means "unknown": diff never reports its items as removed and the audit never
/// reports its findings as resolved. Encoded as `{"status": …, "reason": …, "data": …}`.
package struct Section<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    package typealias Status = SectionStatus

    package var status: Status
    /// Why the section failed or was skipped; nil when collected.
    package var reason: String?
    /// The collected data; a failed section may still carry what was read before the failure.
    package var data: Value?

    package init(status: Status, reason: String? = nil, data: Value? = nil) {
        self.status = status
        self.reason = reason
        self.data = data
    }

    /// A section whose data was collected.
    package static func collected(_ value: Value) -> Section { Section(status: .collected, data: value) }
    /// A section that could not be collected, with the reason in words a user can act on.
    package static func failed(_ reason: String, partial: Value? = nil) -> Section {
        Section(status: .failed, reason: reason, data: partial)
    }
    /// A section that was not collected on purpose (not requested, not configured).
    package static func skipped(_ reason: String) -> Section { Section(status: .skipped, reason: reason) }

    /// The data only when the section was fully collected.
    package var collectedValue: Value? { status == .collected ? data : nil }
}

/// Whether a section holds data.
package enum SectionStatus: String, Codable, Sendable, LenientRawEnum {
    case collected, failed, skipped, unknown
}

import Foundation

/// A health or critical endpoint measured over `collect.samples` requests.
package struct EndpointCheck: Codable, Sendable, Equatable {
    package var url: String
    /// Why it is probed: `health`, or `critical:NAME`; sorted.
    package var roles: [String]
    package var address: String?
    package var addressSource: String?
    /// How the last request ended.
    package var outcome: FetchOutcome
    /// The last answer's status, and every distinct status seen, sorted.
    package var status: Int?
    package var statuses: [Int]
    package var contentType: String?
    /// Body size of the last answer, read up to `bodyCap` bytes (the body itself is never stored).
    package var bytes: Int?
    /// The body was longer than the cap; `bytes` is the cap.
    package var truncated: Bool
    /// Requests made, and how many got an answer.
    package var attempts: Int
    package var answered: Int
    /// Latency of the answered requests (complete response, body read up to the cap), in milliseconds.
    package var p50Ms: Int?
    package var p95Ms: Int?
    package var maxMs: Int?
    package var detail: String?

    package init(url: String, roles: [String], address: String?, addressSource: String?, outcome: FetchOutcome, status: Int?,
                statuses: [Int], contentType: String?, bytes: Int?, truncated: Bool, attempts: Int, answered: Int,
                p50Ms: Int?, p95Ms: Int?, maxMs: Int?, detail: String?) {
        self.url = url
        self.roles = roles
        self.address = address
        self.addressSource = addressSource
        self.outcome = outcome
        self.status = status
        self.statuses = statuses
        self.contentType = contentType
        self.bytes = bytes
        self.truncated = truncated
        self.attempts = attempts
        self.answered = answered
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.maxMs = maxMs
        self.detail = detail
    }

    /// Nearest-rank percentile of millisecond samples (`fraction` in 0…1); nil when there are none.
    package static func percentile(_ samples: [Int], _ fraction: Double) -> Int? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

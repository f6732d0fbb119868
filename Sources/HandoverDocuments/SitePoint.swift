import Foundation
import HandoverModel

/// What the history page plots of one stored snapshot: open findings by severity, the p95 latency of each critical
/// endpoint, and the days left before each certificate and domain registration expires.
package struct SitePoint: Sendable, Equatable {
    package var name: String
    package var takenAt: Date
    /// Findings that count (not accepted), by severity, in `Severity.ranked` order.
    package var counts: [Int]
    /// Critical endpoint name (from its `critical:NAME` role) → p95 in milliseconds.
    package var latency: [String: Int]
    /// `certificate HOST` / `domain NAME` → whole days from the snapshot to the expiry.
    package var expiry: [String: Int]

    package init(name: String, takenAt: Date, counts: [Int], latency: [String: Int], expiry: [String: Int]) {
        self.name = name
        self.takenAt = takenAt
        self.counts = counts
        self.latency = latency
        self.expiry = expiry
    }

    package init(_ s: Snapshot, name: String, audit: AuditReport) {
        var latency: [String: Int] = [:]
        for endpoint in s.http.collectedValue?.endpoints ?? [] {
            guard let p95 = endpoint.p95Ms else { continue }
            for role in endpoint.roles where role.hasPrefix("critical:") { latency[String(role.dropFirst(9))] = p95 }
        }
        var expiry: [String: Int] = [:]
        func days(_ date: Date) -> Int { Int(floor(date.timeIntervalSince(s.createdAt) / 86_400)) }
        for host in s.tls.collectedValue?.hosts ?? [] {
            if let leaf = host.leaf { expiry["certificate \(host.host)"] = days(leaf.notAfter) }
        }
        for domain in s.registration.collectedValue?.domains ?? [] {
            if let expires = domain.expires { expiry["domain \(domain.domain)"] = days(expires) }
        }
        self.init(name: name, takenAt: s.createdAt, counts: audit.counts.map(\.1), latency: latency, expiry: expiry)
    }
}

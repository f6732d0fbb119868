import Foundation
import HandoverModel

/// The manifest declares no critical endpoint.
package enum CriticalNoneDeclaredCheck: AuditCheck {
    package static let id = "monitoring.no-critical-endpoints"
    package static let severity = Severity.medium
    package static let title = "No critical endpoint declared"
    package static let impact = "Nobody has said which URLs must work (login, checkout, the API), so none is sampled for latency or checked for a monitor."
    package static let remediation = "List the endpoints your customers depend on under `critical:` (name and URL)."
    package static let reference = "docs/launch-bars.md#handover-what-must-work"
    package static let sections: [SectionName] = [.critical]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let endpoints = c.snapshot.critical.collectedValue, endpoints.isEmpty else { return [] }
        return [Observation("critical", ["`critical:` in the manifest lists no endpoint"])]
    }

    package static let examples: [CheckExample] = [
        .triggers("critical: []") { s in s.critical.data = [] },
        .passes("critical endpoints declared") { _ in },
    ]
}

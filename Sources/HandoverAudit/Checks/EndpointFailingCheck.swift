import Foundation
import HandoverModel

/// A health or critical endpoint answers non-2xx, refuses or times out.
package enum EndpointFailingCheck: AuditCheck {
    package static let id = "http.endpoint-failing"
    package static let severity = Severity.high
    package static let title = "Health or critical endpoint failing"
    package static let impact = "What this endpoint serves (sign-up, checkout, webhooks, health) is down for users or for your monitors."
    package static let remediation = "Fix the endpoint, or correct its URL in the manifest; a webhook that only accepts POST needs a GET health route."
    package static let reference = "RFC 9110 §15"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.endpoints ?? []).compactMap { e in
            if e.outcome != .response { return Observation("endpoint:\(e.url)", ["\(e.outcome.rawValue)" + (e.detail.map { ": \($0)" } ?? "")]) }
            let failing = e.statuses.filter { !(200..<300).contains($0) }
            return failing.isEmpty ? nil : Observation("endpoint:\(e.url)", ["answered \(failing.map(String.init).joined(separator: ", ")) (\(e.roles.joined(separator: ", ")))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("503") { s in Edit.http(&s) { $0.endpoints[0].status = 503; $0.endpoints[0].statuses = [503] } },
        .triggers("timeout") { s in Edit.http(&s) { $0.endpoints[0].outcome = .timeout } },
        .passes("200") { _ in },
    ]
}

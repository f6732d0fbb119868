import Foundation
import HandoverModel

/// An owner's access was last reviewed more than 90 days ago, or never.
package enum OwnerReviewStaleCheck: AuditCheck {
    package static let id = "owners.review-stale"
    package static let severity = Severity.medium
    package static let title = "Access review older than 90 days"
    package static let impact = "People who left may still hold admin access to DNS, hosting or email."
    package static let remediation = "Review who has access, remove leavers, and set `reviewed` to today."
    package static let reference = "docs/launch-bars.md#handover-ownership-and-access"
    package static let sections: [SectionName] = [.owners]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.owners.collectedValue ?? []).compactMap { o in
            guard let text = o.reviewed, let day = Timestamp.parse(text + "T00:00:00Z") else {
                return Observation("owner:\(o.asset)", ["\(o.owner): never reviewed"])
            }
            let age = Int(c.now.timeIntervalSince(day) / 86_400)
            return age > 90 ? Observation("owner:\(o.asset)", ["\(o.owner): reviewed \(text) (\(age) days ago)"]) : nil
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("reviewed in spring") { s in s.owners.data?[0].reviewed = "2026-05-01" },
        .triggers("never") { s in s.owners.data?[0].reviewed = nil },
        .passes("reviewed last week") { _ in },
    ]
}

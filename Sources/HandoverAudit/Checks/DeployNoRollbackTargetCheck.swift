import Foundation
import HandoverModel

/// Nothing to roll back to: no release tag other than the deployed commit.
package enum DeployNoRollbackTargetCheck: AuditCheck {
    package static let id = "deploy.no-rollback-target"
    package static let severity = Severity.high
    package static let title = "No rollback target"
    package static let impact = "If this deploy breaks, there is no known-good release to go back to quickly."
    package static let remediation = "Tag each release; keep the previous build deployable (image or artifact) and write the rollback command in the manifest."
    package static let reference = "docs/launch-bars.md#handover-how-do-i-roll-back"
    package static let sections: [SectionName] = [.git]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let git = c.git, let head = git.head.commit else { return [] }
        guard !git.releaseTags.contains(where: { $0.commit != head.sha && $0.date <= head.date }) else { return [] }
        return [Observation("repo", ["\(git.releaseTags.count) release tag(s) matching \(git.releaseTagPattern), none behind HEAD"])]
    }

    package static let examples: [CheckExample] = [
        .triggers("no tags") { s in Edit.git(&s) { $0.releaseTags = [] } },
        .passes("an earlier release") { _ in },
    ]
}

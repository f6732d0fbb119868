import Foundation
import HandoverModel

/// HEAD is not at a release tag.
package enum DeployHeadNotReleasedCheck: AuditCheck {
    package static let id = "deploy.head-not-released"
    package static let severity = Severity.low
    package static let title = "HEAD is not at a release tag"
    package static let impact = "Untagged deploys make \"what is live\" and \"what do we roll back to\" harder to answer at midnight."
    package static let remediation = "Tag what you deploy (e.g. `git tag -a v1.4.0`), matching `release_tags`."
    package static let reference = "git-describe(1)"
    package static let sections: [SectionName] = [.git]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let git = c.git, let head = git.head.commit else { return [] }
        if let describe = git.describe, describe.distance == 0 { return [] }
        let detail = git.describe.map { "\(Plural.count($0.distance, "commit")) after \($0.tag)" } ?? "no release tag matching \(git.releaseTagPattern)"
        return [Observation("repo", ["HEAD \(head.sha.prefix(12)): \(detail)"])]
    }

    package static let examples: [CheckExample] = [
        .triggers("two commits after the tag") { s in Edit.git(&s) { $0.describe?.distance = 2 } },
        .passes("at the tag") { _ in },
    ]
}

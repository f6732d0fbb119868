import Foundation
import HandoverModel

/// Production runs a commit that is not on its branch.
package enum DeployVersionNotOnBranchCheck: AuditCheck {
    package static let id = "deploy.version-not-on-branch"
    package static let severity = Severity.high
    package static let title = "Live version is not on the deploy branch"
    package static let impact = "A hotfix or a local build is live; the next normal deploy silently reverts it."
    package static let remediation = "Merge the deployed commit into the branch (or redeploy from the branch)."
    package static let reference = "git-merge-base(1)"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.deployments ?? []).compactMap { d in
            guard d.relation == .notOnBranch else { return nil }
            return Observation("environment:\(d.environment)", ["\(d.commit.map { String($0.prefix(12)) } ?? d.reported ?? "?") is not on \(d.branch ?? "HEAD")"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("hotfix") { s in Edit.http(&s) { $0.deployments[0].relation = .notOnBranch } },
        .passes("same as the branch") { _ in },
    ]
}

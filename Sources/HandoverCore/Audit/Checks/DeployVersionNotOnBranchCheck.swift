import Foundation

/// Production runs a commit that is not on its branch.
public enum DeployVersionNotOnBranchCheck: AuditCheck {
    public static let id = "deploy.version-not-on-branch"
    public static let severity = Severity.high
    public static let title = "Live version is not on the deploy branch"
    public static let impact = "A hotfix or a local build is live; the next normal deploy silently reverts it."
    public static let remediation = "Merge the deployed commit into the branch (or redeploy from the branch)."
    public static let reference = "git-merge-base(1)"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.deployments ?? []).compactMap { d in
            guard d.relation == .notOnBranch else { return nil }
            return Observation("environment:\(d.environment)", ["\(d.commit.map { String($0.prefix(12)) } ?? d.reported ?? "?") is not on \(d.branch ?? "HEAD")"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("hotfix") { s in Edit.http(&s) { $0.deployments[0].relation = .notOnBranch } },
        .passes("same as the branch") { _ in },
    ]
}

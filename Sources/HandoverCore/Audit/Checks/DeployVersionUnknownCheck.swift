import Foundation

/// The live version could not be read, or names a commit the repository does not have.
public enum DeployVersionUnknownCheck: AuditCheck {
    public static let id = "deploy.version-unknown"
    public static let severity = Severity.medium
    public static let title = "Live version unknown"
    public static let impact = "Nobody can say which code production runs: debugging and rollback start with guesswork."
    public static let remediation = "Serve the commit id at the version URL (e.g. from the build's GIT_SHA) and fetch the repository."
    public static let reference = "docs/manifest.md: environments.NAME.version"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.deployments ?? []).compactMap { d in
            guard [.unavailable, .unknownCommit, .unknown].contains(d.relation) else { return nil }
            return Observation("environment:\(d.environment)", ["\(d.relation.rawValue) at \(d.url)" + (d.detail.map { ": \($0)" } ?? "")])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("401") { s in Edit.http(&s) { $0.deployments[0].relation = .unavailable; $0.deployments[0].status = 401 } },
        .passes("same as the branch") { _ in },
    ]
}

import Foundation
import HandoverModel

/// The live version could not be read, or names a commit the repository does not have.
package enum DeployVersionUnknownCheck: AuditCheck {
    package static let id = "deploy.version-unknown"
    package static let severity = Severity.medium
    package static let title = "Live version unknown"
    package static let impact = "Nobody can say which code production runs: debugging and rollback start with guesswork."
    package static let remediation = "Serve the commit id at the version URL (e.g. from the build's GIT_SHA) and fetch the repository."
    package static let reference = "docs/manifest.md: environments.NAME.version"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.deployments ?? []).compactMap { d in
            guard [.unavailable, .unknownCommit, .unknown].contains(d.relation) else { return nil }
            return Observation("environment:\(d.environment)", ["\(d.relation.rawValue) at \(d.url)" + (d.detail.map { ": \($0)" } ?? "")])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("401") { s in Edit.http(&s) { $0.deployments[0].relation = .unavailable; $0.deployments[0].status = 401 } },
        .passes("same as the branch") { _ in },
    ]
}

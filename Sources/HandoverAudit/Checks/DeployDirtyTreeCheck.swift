import Foundation
import HandoverModel

/// The working tree has uncommitted changes.
package enum DeployDirtyTreeCheck: AuditCheck {
    package static let id = "deploy.dirty-tree"
    package static let severity = Severity.medium
    package static let title = "Uncommitted changes in the working tree"
    package static let impact = "What runs may not be what git says: a deploy from this tree cannot be reproduced or rolled back to."
    package static let remediation = "Commit or stash the changes, and deploy only from a clean tree (or from CI)."
    package static let reference = "git-status(1)"
    package static let sections: [SectionName] = [.git]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let dirty = c.git?.dirty, dirty.isDirty else { return [] }
        return [Observation("repo", ["\(dirty.staged) staged, \(dirty.modified) modified, \(dirty.untracked) untracked, \(dirty.conflicted) conflicted"])]
    }

    package static let examples: [CheckExample] = [
        .triggers("modified file") { s in Edit.git(&s) { $0.dirty?.modified = 2 } },
        .passes("clean") { _ in },
    ]
}

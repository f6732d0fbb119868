import Foundation

/// The working tree has uncommitted changes.
public enum DeployDirtyTreeCheck: AuditCheck {
    public static let id = "deploy.dirty-tree"
    public static let severity = Severity.medium
    public static let title = "Uncommitted changes in the working tree"
    public static let impact = "What runs may not be what git says: a deploy from this tree cannot be reproduced or rolled back to."
    public static let remediation = "Commit or stash the changes, and deploy only from a clean tree (or from CI)."
    public static let reference = "git-status(1)"
    public static let sections: [SectionName] = [.git]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let dirty = c.git?.dirty, dirty.isDirty else { return [] }
        return [Observation("repo", ["\(dirty.staged) staged, \(dirty.modified) modified, \(dirty.untracked) untracked, \(dirty.conflicted) conflicted"])]
    }

    public static let examples: [CheckExample] = [
        .triggers("modified file") { s in Edit.git(&s) { $0.dirty?.modified = 2 } },
        .passes("clean") { _ in },
    ]
}

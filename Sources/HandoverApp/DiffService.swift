import Foundation
import HandoverCore
import HandoverGit

/// Diffs two snapshots and, when the deploy hash moved, adds the commits between the two hashes from the repository.
public struct DiffService: Sendable {
    public var p95BudgetMs: Int
    /// The repository to read commits from; nil leaves `commits` out.
    public var repository: URL?

    public init(p95BudgetMs: Int, repository: URL?) {
        self.p95BudgetMs = p95BudgetMs
        self.repository = repository
    }

    public func diff(old: Snapshot, oldName: String, new: Snapshot, newName: String) -> SnapshotDiff {
        var diff = SnapshotDiffer(p95BudgetMs: p95BudgetMs).diff(old: old, oldName: oldName, new: new, newName: newName)
        if let repository, let from = diff.old.commit, let to = diff.new.commit, from != to,
           !diff.notCompared.contains(where: { $0.layer == .git }) {
            diff.commits = CommitRangeReader(repository: repository).range(from: from, to: to)
        }
        return diff
    }
}

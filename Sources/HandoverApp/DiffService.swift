import Foundation
import HandoverGit
import HandoverModel
import HandoverDiff

/// Diffs two snapshots and, when the deploy hash moved, adds the commits between the two hashes from the repository.
package struct DiffService: Sendable {
    package var p95BudgetMs: Int
    /// The repository to read commits from; nil leaves `commits` out.
    package var repository: URL?

    package init(p95BudgetMs: Int, repository: URL?) {
        self.p95BudgetMs = p95BudgetMs
        self.repository = repository
    }

    package func diff(old: Snapshot, oldName: String, new: Snapshot, newName: String) -> SnapshotDiff {
        var diff = SnapshotDiffer(p95BudgetMs: p95BudgetMs).diff(old: old, oldName: oldName, new: new, newName: newName)
        if let repository, let from = diff.old.commit, let to = diff.new.commit, from != to,
           !diff.notCompared.contains(where: { $0.layer == .git }) {
            diff.commits = CommitRangeReader(repository: repository).range(from: from, to: to)
        }
        return diff
    }
}

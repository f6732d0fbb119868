import Foundation
import HandoverGit
import HandoverModel
import HandoverDiff
import HandoverStore

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
            diff.commits = CommitRangeReader(repository: repository, walker: Self.walker).range(from: from, to: to)
        }
        return diff
    }

    /// The same diff, with the commit walk (libgit2, one thread) and the comparison of the snapshots (another) run at
    /// once on the blocking pool: on a long history the walk is most of the time, and the machine has a second core.
    package func diffConcurrently(old: Snapshot, oldName: String, new: Snapshot, newName: String) async -> SnapshotDiff {
        let (from, to) = (old.git.data?.head.commit?.sha, new.git.data?.head.commit?.sha)
        let reader = repository.map { CommitRangeReader(repository: $0, walker: Self.walker) }
        async let walked: CommitRange? = {
            guard let reader, let from, let to, from != to else { return nil }
            return await BlockingWork.run { reader.range(from: from, to: to) }
        }()
        let budget = p95BudgetMs
        var diff = await BlockingWork.run { SnapshotDiffer(p95BudgetMs: budget).diff(old: old, oldName: oldName, new: new, newName: newName) }
        let range = await walked
        // The same conditions as `diff` (the differ's commits are the snapshots' head commits).
        if let range, !diff.notCompared.contains(where: { $0.layer == .git }) {
            diff.commits = range
        }
        return diff
    }

    /// The commit walk: `CommitRangeReader`'s default, or by HANDOVER_COMMIT_WALKER libgit2's revwalk alone
    /// (`libgit2`) or the own walk even without a commit-graph file (`own`), so that Benchmarks/diff.sh measures
    /// each with one binary in one run.
    static var walker: CommitRangeReader.Walker {
        switch ProcessInfo.processInfo.environment["HANDOVER_COMMIT_WALKER"] {
        case "libgit2": .libgit2
        case "own": .own(commitGraph: true)
        default: .automatic
        }
    }

    /// Opens two stored snapshots at once (each decode on a thread of its own), each as `store.open` gives it.
    package static func open(_ store: SnapshotStore, _ old: String, _ new: String) async
        -> (old: Result<SnapshotStore.Opened, SnapshotStoreError>, new: Result<SnapshotStore.Opened, SnapshotStoreError>) {
        let now = WallClock.now()
        async let newer = BlockingWork.run { Result { () throws(SnapshotStoreError) in try store.open(new, now: now) } }
        let older = await BlockingWork.run { Result { () throws(SnapshotStoreError) in try store.open(old, now: now) } }
        return (older, await newer)
    }
}

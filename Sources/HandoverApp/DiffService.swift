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

    /// The same diff, with the commit walk (one thread) and the comparison of the snapshots (another) run at
    /// once on the blocking pool: on a long history the walk is most of the time, and the machine has a second core.
    /// `early` is the walk `open` started from the files' parses; it is used when it walked the same two commits.
    package func diffConcurrently(old: Snapshot, oldName: String, new: Snapshot, newName: String, early: EarlyCommitWalk? = nil) async -> SnapshotDiff {
        let (from, to) = (old.git.data?.head.commit?.sha, new.git.data?.head.commit?.sha)
        let reader = repository.map { CommitRangeReader(repository: $0, walker: Self.walker) }
        async let walked: CommitRange? = {
            guard let reader, let from, let to, from != to else { return nil }
            if let early, let range = await early.range(from: from, to: to) { return range }
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

    /// The commit walk: `CommitRangeReader`'s default (the own reader, from a commit-graph file or the packs), or by
    /// HANDOVER_COMMIT_WALKER libgit2's revwalk alone (`libgit2`) or the own reader named (`own`, the default again
    /// since session 19), so that Benchmarks/diff.sh measures each with one binary in one run.
    static var walker: CommitRangeReader.Walker {
        switch ProcessInfo.processInfo.environment["HANDOVER_COMMIT_WALKER"] {
        case "libgit2": .libgit2
        case "own": .own(commitGraph: true)
        default: .automatic
        }
    }

    /// Opens two stored snapshots at once, each as `store.open` gives it. Without a repository each decode has a thread
    /// of its own. With one, the commit walk starts as soon as both files are read, from the deploy hashes their bytes
    /// show (checked against the parses later), and while it runs the two decodes take turns (`DecodeTurn`): on a
    /// long history the walk is the longest part of a diff, and with three busy threads on a two-core machine the
    /// scheduler gave it two thirds of a core (50,000 commits: 330–340 ms in all against 250 for the walk alone).
    package func open(_ store: SnapshotStore, _ old: String, _ new: String) async
        -> (old: Result<SnapshotStore.Opened, SnapshotStoreError>, new: Result<SnapshotStore.Opened, SnapshotStoreError>, walk: EarlyCommitWalk?) {
        let now = WallClock.now()
        let walk = repository.map { EarlyCommitWalk(reader: CommitRangeReader(repository: $0, walker: Self.walker)) }
        let turn = walk?.turn
        @Sendable func opened(_ reference: String, _ side: EarlyCommitWalk.Side) -> Result<SnapshotStore.Opened, SnapshotStoreError> {
            defer { turn?.leave() }
            return Result { () throws(SnapshotStoreError) in
                try store.open(reference, now: now, read: walk.map { walk in { walk.read(side, $0); turn?.enter() } },
                               parsed: walk.map { walk in { walk.parsed(side, $0) } })
            }
        }
        async let newer = BlockingWork.run { opened(new, .new) }
        let older = await BlockingWork.run { opened(old, .old) }
        return (older, await newer, walk)
    }
}

/// One decode at a time while the commit walk runs. A side enters when its file is read (after its deploy hash is
/// handed to the walk) and leaves when its `open` returns; it waits only while the other side holds the turn and a
/// walk is running — two snapshots of one deploy hash (no walk) or a walk already done decode at once, as without a
/// repository. A side that enters again (a `latest~N` that passes over a file) keeps its turn; a side that entered
/// while the other held the turn and no walk ran goes on without it.
package final class DecodeTurn: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`: the thread that holds the turn, and whether the walk runs.
    private var holder: pthread_t?
    private var walking = false

    package init() {}

    package func enter() {
        let me = pthread_self()
        condition.lock()
        defer { condition.unlock() }
        if let holder, pthread_equal(holder, me) != 0 { return }
        while holder != nil && walking { condition.wait() }
        if holder == nil { holder = me }
    }

    package func leave() {
        condition.lock()
        defer { condition.unlock() }
        guard let holder, pthread_equal(holder, pthread_self()) != 0 else { return }
        self.holder = nil
        condition.broadcast()
    }

    package func walkStarted() {
        condition.lock()
        walking = true
        condition.unlock()
    }

    package func walkEnded() {
        condition.lock()
        walking = false
        condition.broadcast()
        condition.unlock()
    }
}

/// The commit walk between two snapshots' deploy hashes, started from their parses before they are decoded. It only
/// runs early: `DiffService.diffConcurrently` takes its answer when it walked the two commits the decoded snapshots
/// name (the ones the differ compares), and walks again otherwise (a `latest~N` whose file was passed over).
package final class EarlyCommitWalk: @unchecked Sendable {
    package enum Side { case old, new }

    private let reader: CommitRangeReader
    /// What the two decodes of `DiffService.open` take turns on while this walk runs.
    package let turn = DecodeTurn()
    private let lock = NSLock()
    /// Guarded by `lock`: the head commit each side's last parse named (nil inside: none), and the walk started.
    private var heads: [Side: String?] = [:]
    private var started: (from: String, to: String, task: Task<CommitRange, Never>)?

    /// Starts libgit2's one-time initialisation at once, beside the reading of the files, off the walk's path.
    package init(reader: CommitRangeReader) {
        self.reader = reader
        Task { await BlockingWork.run { CommitRangeReader.prepareLibrary() } }
    }

    /// The two commits the walk was started for, nil before it starts.
    package var walked: (from: String, to: String)? { lock.withLock { started.map { ($0.from, $0.to) } } }

    /// Records the head commit one side's bytes show (a guess the parse checks); starts the walk once both sides name
    /// two different commits.
    package func read(_ side: Side, _ data: Data) {
        record(side, SnapshotStore.headCommitGuess(in: data))
    }

    /// Records the head commit of one side's parse; starts the walk once both sides name two different commits.
    package func parsed(_ side: Side, _ tape: JSONTape) {
        record(side, SnapshotStore.headCommit(in: tape))
    }

    private func record(_ side: Side, _ head: String?) {
        lock.withLock {
            heads[side] = .some(head)
            guard started == nil, let from = heads[.old] ?? nil, let to = heads[.new] ?? nil, from != to else { return }
            let (reader, turn) = (reader, turn)
            turn.walkStarted()
            started = (from, to, Task {
                let range = await BlockingWork.run { reader.range(from: from, to: to) }
                turn.walkEnded()
                return range
            })
        }
    }

    /// The walk's answer when it walked `from..to`, nil when it walked other commits or did not start.
    package func range(from: String, to: String) async -> CommitRange? {
        guard let walk = lock.withLock({ started }), walk.from == from, walk.to == to else { return nil }
        return await walk.task.value
    }
}

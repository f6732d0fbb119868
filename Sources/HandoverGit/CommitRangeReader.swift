import CLibgit2
import Foundation
import HandoverModel

/// The commits between two deploy hashes: deployed since (forward), taken back by a rollback (backward), or only in
/// the new one when the two diverged; a missing old commit is said plainly.
///
/// The answer is libgit2's revwalk's (time-sorted, with a hide callback), and so are the steps: `TimeSortedWalk` takes
/// libgit2's steps over commits read from git's commit-graph file (which libgit2 1.5 does not take from git 2.39: it
/// refuses the generation-data chunk) and the packs. Where that reader cannot read a commit, libgit2 walks.
package struct CommitRangeReader: Sendable {
    package let repository: URL
    /// Commits listed (the total is always counted).
    package let limit: Int
    package let walker: Walker

    /// Who walks: this package's reader (`commitGraph` false leaves the commit-graph file unread), libgit2 where it
    /// cannot; or libgit2's revwalk alone, the reference the tests compare with. `automatic` is the own reader, with
    /// the commit-graph file when the repository has one (50,000 commits: 1,185 → 550 ms wall for diff + commits).
    /// Over the packs alone it took 10–15 % more CPU than libgit2's revwalk in session 11; since session 18 it takes
    /// 5–8 % less (50,000 commits, `perf stat -r 9`, two rounds: 258–270 against 280–286 ms for the whole `diff`;
    /// Benchmarks/NOTES.md, "Session 19"), so libgit2 walks only where the own reader cannot read a commit.
    package enum Walker: Sendable {
        case automatic
        case own(commitGraph: Bool)
        case libgit2
    }

    /// Where the commits of one range were read, for tests and measurements.
    package struct Sources: Sendable, Equatable {
        package var commitGraph = 0
        package var packs = 0
        package var libgit2Objects = 0
        /// Walks libgit2's revwalk made because this package's reader could not read a commit.
        package var libgit2Walks = 0

        package init() {}
    }

    package init(repository: URL, limit: Int = 50, walker: Walker = .automatic) {
        self.repository = repository
        self.limit = limit
        self.walker = walker
    }

    /// Initialises libgit2 (once per process: Debian's build loads the system's CA bundle through mbedTLS there, 4.3 ms
    /// of CPU as measured in session 15) so that a walk started later does not pay it; `diff` calls it while it reads the snapshot files.
    package static func prepareLibrary() {
        _ = GitRepository.initialized
    }

    package func range(from: String, to: String) -> CommitRange {
        rangeAndSources(from: from, to: to).range
    }

    package func rangeAndSources(from: String, to: String) -> (range: CommitRange, sources: Sources) {
        var sources = Sources()
        let range = range(from: from, to: to, sources: &sources)
        return (range, sources)
    }

    private func range(from: String, to: String, sources: inout Sources) -> CommitRange {
        var result = CommitRange(from: from, to: to, direction: .unknown, commits: [], total: 0, note: nil)
        let repo: GitRepository
        do {
            repo = try GitRepository(path: repository.path)
        } catch {
            result.note = "repository not readable: \(ErrorText.of(error))"
            return result
        }
        var old = git_oid(), new = git_oid()
        guard git_oid_fromstr(&old, from) == 0, git_oid_fromstr(&new, to) == 0 else {
            result.note = "not commit ids"
            return result
        }
        let hasOld = repo.withCommit(&old) { _ in true } ?? false
        let hasNew = repo.withCommit(&new) { _ in true } ?? false
        guard hasNew else { result.direction = .newMissing; return result }
        guard hasOld else {
            result.direction = .oldMissing
            return result
        }
        // One walk answers the common case: new ^old counts and lists the commits deployed since, and old appears as the
        // parent of one of them exactly when new descends from it (forward). Nothing new (ahead 0) with new ≠ old means
        // old descends from new: a rollback, walked the other way. Equal hashes give nothing either way (diverged, 0),
        // as git_graph_descendant_of said before (it is false for a commit and itself).
        if git_oid_equal(&new, &old) == 1 {
            result.direction = .diverged
            return result
        }
        let reader: CommitLinkReader? = switch walker {
        case .automatic: CommitLinkReader(repo: repo)
        case .own(let commitGraph): CommitLinkReader(repo: repo, useGraph: commitGraph)
        case .libgit2: nil
        }
        defer {
            if let reader {
                sources.commitGraph += reader.fromGraph
                sources.packs += reader.fromPacks
                sources.libgit2Objects += reader.fromLibgit2
            }
        }
        let ahead = walk(repo, reader, include: new, exclude: old, sources: &sources)
        if ahead.total > 0 {
            result.direction = ahead.excludeIsParent ? .forward : .diverged
            (result.commits, result.total) = (ahead.commits, ahead.total)
        } else {
            result.direction = .backward
            let behind = walk(repo, reader, include: old, exclude: new, sources: &sources)
            (result.commits, result.total) = (behind.commits, behind.total)
        }
        return result
    }

    /// What one walk found: the first `limit` commits, how many there are, and whether `exclude` is a parent of one
    /// of them (then `include` descends from `exclude`).
    struct Walked {
        var commits: [CommitInfo] = []
        var total = 0
        var excludeIsParent = false
    }

    /// Commits reachable from `include` and not from `exclude`, newest first by commit time: walked by `reader` as
    /// libgit2 walks, else by libgit2. Only the listed commits are looked up whole (author, subject).
    func walk(_ repo: GitRepository, _ reader: CommitLinkReader?, include: git_oid, exclude: git_oid, sources: inout Sources) -> Walked {
        if let reader, var found = TimeSortedWalk.run(reader, include: CommitID(include), exclude: CommitID(exclude)) {
            var walked = Walked(total: found.total, excludeIsParent: found.excludeIsParent)
            while walked.commits.count < limit, let id = found.next() {
                var oid = id.oid
                if let info = repo.withCommit(&oid, GitRepository.info) { walked.commits.append(info) }
            }
            return walked
        }
        if reader != nil { sources.libgit2Walks += 1 }
        return libgit2Walk(repo, include: include, exclude: exclude)
    }

    /// Commits reachable from `include` and not from `exclude`, newest first by commit time. libgit2 reads each commit
    /// once through its commit list (no full commit parse) and asks the hide callback about every parent of every
    /// commit it keeps, which tells whether `exclude` is one of those parents without a second walk.
    func libgit2Walk(_ repo: GitRepository, include: git_oid, exclude: git_oid) -> Walked {
        final class Watch {
            var exclude: git_oid
            var seen = false
            init(_ exclude: git_oid) { self.exclude = exclude }
        }
        var walked = Walked()
        var walker: OpaquePointer?
        guard git_revwalk_new(&walker, repo.handle) == 0, let walker else { return walked }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TIME.rawValue)
        let watch = Watch(exclude)
        let callback: git_revwalk_hide_cb = { id, payload in
            guard let id, let payload else { return 0 }
            let watch = Unmanaged<Watch>.fromOpaque(payload).takeUnretainedValue()
            if git_oid_equal(id, &watch.exclude) == 1 { watch.seen = true }
            return 0
        }
        var include = include, exclude = exclude
        guard git_revwalk_add_hide_cb(walker, callback, Unmanaged.passUnretained(watch).toOpaque()) == 0,
              git_revwalk_push(walker, &include) == 0, git_revwalk_hide(walker, &exclude) == 0 else { return walked }
        var oid = git_oid()
        // The walk reads every commit once: caching them (libgit2 does, up to 4 KB each) cost 10-15 % of its CPU
        // (Benchmarks/NOTES.md, "diff"). The option is the process's; nothing else reads git while a diff walks.
        _ = handover_git_set_commit_cache_limit(0)
        defer { _ = handover_git_set_commit_cache_limit(4096) }
        while git_revwalk_next(&oid, walker) == 0 {
            walked.total += 1
            if walked.commits.count < limit, let info = repo.withCommit(&oid, GitRepository.info) { walked.commits.append(info) }
        }
        walked.excludeIsParent = withExtendedLifetime(watch) { watch.seen }
        return walked
    }
}

import CLibgit2
import Foundation
import HandoverModel

/// The commits between two deploy hashes, with libgit2's revwalk: deployed since (forward), taken back by a
/// rollback (backward), or only in the new one when the two diverged; a missing old commit is said plainly.
package struct CommitRangeReader: Sendable {
    package let repository: URL
    /// Commits listed (the total is always counted).
    package let limit: Int

    package init(repository: URL, limit: Int = 50) {
        self.repository = repository
        self.limit = limit
    }

    package func range(from: String, to: String) -> CommitRange {
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
        let ahead = walk(repo, include: new, exclude: old)
        if git_oid_equal(&new, &old) == 1 {
            result.direction = .diverged
        } else if ahead.total > 0 {
            result.direction = ahead.excludeIsParent ? .forward : .diverged
            (result.commits, result.total) = (ahead.commits, ahead.total)
        } else {
            result.direction = .backward
            let behind = walk(repo, include: old, exclude: new)
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

    /// Commits reachable from `include` and not from `exclude`, newest first by commit time. libgit2 reads each commit
    /// once through its commit list (no full commit parse) and asks the hide callback about every parent of every
    /// commit it keeps, which tells whether `exclude` is one of those parents without a second walk.
    func walk(_ repo: GitRepository, include: git_oid, exclude: git_oid) -> Walked {
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

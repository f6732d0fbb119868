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
        if git_graph_descendant_of(repo.handle, &new, &old) == 1 {
            result.direction = .forward
            (result.commits, result.total) = walk(repo, include: new, exclude: old)
        } else if git_graph_descendant_of(repo.handle, &old, &new) == 1 {
            result.direction = .backward
            (result.commits, result.total) = walk(repo, include: old, exclude: new)
        } else {
            result.direction = .diverged
            (result.commits, result.total) = walk(repo, include: new, exclude: old)
        }
        return result
    }

    /// Commits reachable from `include` and not from `exclude`, newest first by commit time.
    func walk(_ repo: GitRepository, include: git_oid, exclude: git_oid) -> ([CommitInfo], Int) {
        var walker: OpaquePointer?
        guard git_revwalk_new(&walker, repo.handle) == 0, let walker else { return ([], 0) }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TIME.rawValue)
        var include = include, exclude = exclude
        guard git_revwalk_push(walker, &include) == 0, git_revwalk_hide(walker, &exclude) == 0 else { return ([], 0) }
        var commits: [CommitInfo] = []
        var total = 0
        var oid = git_oid()
        while git_revwalk_next(&oid, walker) == 0 {
            total += 1
            if commits.count < limit, let info = repo.withCommit(&oid, GitRepository.info) { commits.append(info) }
        }
        return (commits, total)
    }
}

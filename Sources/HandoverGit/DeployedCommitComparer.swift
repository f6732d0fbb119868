import CLibgit2
import Foundation
import HandoverModel

/// Places a deployed commit relative to a branch: same as its head, N commits behind, ahead (the clone is stale),
/// not on the branch (a hotfix deployed from elsewhere), or unknown to the repository.
package struct DeployedCommitComparer: Sendable {
    package let repository: URL

    package init(repository: URL) { self.repository = repository }

    /// `branch` is looked up as a local branch, then as `origin/BRANCH`; nil compares with HEAD.
    package func compare(reported: String, branch: String?) -> VersionComparison {
        var result = VersionComparison(branch: branch, relation: .unknownCommit)
        let repo: GitRepository
        do {
            repo = try GitRepository(path: repository.path)
        } catch {
            result.relation = .unknown
            result.detail = "repository not readable: \(ErrorText.of(error))"
            return result
        }
        guard var head = branchHead(repo, branch: branch) else {
            result.relation = .unknown
            result.detail = branch.map { "branch \($0) not found (neither local nor origin/\($0))" } ?? "HEAD has no commit"
            return result
        }
        result.branchHead = GitRepository.string(&head)
        guard let id = VersionComparison.commitID(in: reported) else {
            result.detail = "the version is not a commit id (7–40 hex digits or `git describe` output)"
            return result
        }
        guard var deployed = lookup(repo, prefix: id) else {
            result.detail = "no commit \(id) in the repository (fetch, or was it built from another repository?)"
            return result
        }
        result.commit = GitRepository.string(&deployed)
        if git_oid_equal(&deployed, &head) == 1 {
            result.relation = .same
            return result
        }
        var ahead = 0, behind = 0
        _ = git_graph_ahead_behind(&ahead, &behind, repo.handle, &deployed, &head)
        if git_graph_descendant_of(repo.handle, &head, &deployed) == 1 {
            result.relation = .behind
            result.behindBy = behind
        } else if git_graph_descendant_of(repo.handle, &deployed, &head) == 1 {
            result.relation = .ahead
            result.aheadBy = ahead
        } else {
            result.relation = .notOnBranch
            result.behindBy = behind
            result.aheadBy = ahead
        }
        return result
    }

    private func branchHead(_ repo: GitRepository, branch: String?) -> git_oid? {
        let names = branch.map { ["refs/heads/\($0)", "refs/remotes/origin/\($0)"] } ?? ["HEAD"]
        for name in names {
            var oid = git_oid()
            if git_reference_name_to_id(&oid, repo.handle, name) == 0 { return peel(repo, oid) }
        }
        return nil
    }

    private func lookup(_ repo: GitRepository, prefix: String) -> git_oid? {
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, prefix, prefix.utf8.count) == 0 else { return nil }
        var object: OpaquePointer?
        guard git_object_lookup_prefix(&object, repo.handle, &oid, prefix.utf8.count, GIT_OBJECT_ANY) == 0, let object else { return nil }
        defer { git_object_free(object) }
        return peel(repo, git_object_id(object).pointee)
    }

    /// The commit a reference or tag points at.
    private func peel(_ repo: GitRepository, _ oid: git_oid) -> git_oid? {
        var oid = oid
        var object: OpaquePointer?
        guard git_object_lookup(&object, repo.handle, &oid, GIT_OBJECT_ANY) == 0, let object else { return nil }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else { return nil }
        defer { git_object_free(commit) }
        return git_object_id(commit).pointee
    }
}

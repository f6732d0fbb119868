import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// Reads the commits of a history scan on one thread, with a repository handle of its own (libgit2 handles must
/// not be shared between threads): the files each commit added or changed against its first parent, each blob at
/// most once per reader. It keeps no findings; `SecretHistoryRun.apply` turns its `SecretCommitScan`s into them.
final class SecretCommitReader {
    let repo: GitRepository
    let maxBytes: Int
    /// Blobs this reader has met (and its judge read, or tried to): a reader's commits come in walk order, so the
    /// run has met each of them before too.
    private var read: Set<String> = []
    /// The trees of the last commit read, alive for the next one's diff.
    private let trees: HistoryTreeDiff

    /// Blobs are read from the pack files by this reader's own (libgit2 rebuilds every version of a large file from
    /// the far end of its delta chain); libgit2 reads the rest.
    let objects: PackedObjects

    /// - Parameter objectCacheBytes: the pack reader's cache, when it is not `cacheBytes`: smaller for a reader whose
    ///   files another thread reads (`SecretPipelinedReading`), as it then builds only trees.
    init(repo: GitRepository, maxBytes: Int, cacheBytes: Int, objectCacheBytes: Int? = nil) {
        self.repo = repo
        self.maxBytes = maxBytes
        objects = PackedObjects(repo: repo, cacheBytes: objectCacheBytes ?? cacheBytes, limit: PackedObjects.largestBuilt)
        trees = HistoryTreeDiff(repo: repo, objects: objects)
        source = BlobSource(repo: repo, objects: objects)
        loader = SecretBlobLoader(source: source, maxBytes: maxBytes, cacheBytes: cacheBytes)
        judge = SecretBlobJudge(source: source)
    }

    /// Where this reader's blobs come from (env files here; the rest through `loader`).
    private let source: BlobSource
    /// Read and search the files of this reader's commits, on the same thread (`scan`).
    private let loader: SecretBlobLoader
    private let judge: SecretBlobJudge

    /// The commit's changes, read and searched; nil when the commit cannot be read.
    func scan(_ oid: git_oid) -> SecretCommitScan? {
        prepare(oid).map { judge.finish(loader.load($0)) }
    }

    /// The commit's changes with the files named but not yet read (`pending`): the first step of `scan`, for a
    /// thread that walks trees while others read and search files (`SecretPipelinedReading`).
    func prepare(_ oid: git_oid) -> SecretCommitScan? {
        var oid = oid
        let id = GitRepository.string(&oid)
        return repo.withCommit(&oid) { commit in
            let parents = (0..<git_commit_parentcount(commit)).compactMap { index -> String? in
                guard let parent = git_commit_parent_id(commit, index) else { return nil }
                return GitRepository.string(parent)
            }
            var scan = SecretCommitScan(id: id, parents: parents, info: GitRepository.info(commit))
            changes(of: commit, into: &scan)
            return scan
        }
    }

    /// The files one commit added or changed against its first parent.
    private func changes(of commit: OpaquePointer, into scan: inout SecretCommitScan) {
        defer { trees.finishCommit() }
        guard let tree = trees.tree(git_commit_tree_id(commit)) else {
            scan.events.append(.unreadableTree(id: GitRepository.string(git_commit_tree_id(commit)), path: "(root of \(scan.info.sha.prefix(12)))"))
            return
        }
        var parentTree: ParsedTree?
        var parent: OpaquePointer?
        if git_commit_parentcount(commit) > 0, git_commit_parent(&parent, commit, 0) == 0, let parent {
            parentTree = trees.tree(git_commit_tree_id(parent))
            git_commit_free(parent)
        }
        // A merge brings the other parents' files along: a file identical to its version in another parent was
        // introduced there (and found there — in this run or an earlier one), not by the merge.
        var mergedTrees: [OpaquePointer] = []
        for index in 1..<max(1, git_commit_parentcount(commit)) {
            var other: OpaquePointer?
            var otherTree: OpaquePointer?
            guard git_commit_parent(&other, commit, index) == 0, let other else { continue }
            if git_commit_tree(&otherTree, other) == 0, let otherTree { mergedTrees.append(otherTree) }
            git_commit_free(other)
        }
        defer { mergedTrees.forEach { git_tree_free($0) } }
        trees.forEachChange(from: parentTree, to: tree) { change in
            switch change.kind {
            case .unreadable:
                var id = change.newID ?? git_oid()
                scan.events.append(.unreadableTree(id: GitRepository.string(&id), path: change.path))
                return
            case .deleted:
                scan.events.append(.deleted(path: change.path))
                return
            case .added, .modified:
                break
            }
            if SecretRules.isEnvFile(change.path) {
                let judged = envFileJudgement(change)
                scan.events.append(.envFile(path: change.path, confidence: judged.0, reasons: judged.1))
            }
            guard var blobID = change.newID else { return }
            if mergedTrees.contains(where: { Self.tree($0, holds: &blobID, at: change.path) }) { return }
            let key = GitRepository.string(&blobID)
            var oldKey: String?
            if change.kind == .modified, var oldID = change.oldID { oldKey = GitRepository.string(&oldID) }
            let blob: SecretCommitScan.Blob = read.insert(key).inserted ? .pending(id: blobID, modified: change.kind == .modified) : .readBefore
            scan.events.append(.blob(path: change.path, key: key, oldKey: oldKey, blob))
        }
    }

    /// An env file is judged by what its versions hold: the most telling version decides (placeholders first, a
    /// real key later is a leak). Unreadable: certain.
    private func envFileJudgement(_ change: GitRepository.TreeChange) -> (SecretConfidence, [SecretReason]) {
        change.newID.flatMap { id -> (SecretConfidence, [SecretReason])? in
            var id = id
            guard case .bytes(let bytes)? = source.content(of: &id), let text = SecretBlobLoader.text(bytes, maxBytes: maxBytes) else { return nil }
            return text.withUnsafeBytes { EnvFileJudgement.judge(utf8: $0, path: change.path) }
        } ?? (.certain, [])
    }

    /// Whether `tree` has exactly the blob `id` at `path`.
    private static func tree(_ tree: OpaquePointer, holds id: inout git_oid, at path: String) -> Bool {
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return false }
        defer { git_tree_entry_free(entry) }
        return git_oid_equal(git_tree_entry_id(entry), &id) == 1
    }

    static func bytes(of blob: OpaquePointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
    }
}

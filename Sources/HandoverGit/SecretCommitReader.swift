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
    /// Blobs this reader has read (or tried to): a reader's commits come in walk order, so the run has met each of
    /// them before too.
    private var read: Set<String> = []
    private let cache: BlobCache
    /// The trees of the last commit read, alive for the next one's diff.
    private let trees: HistoryTreeDiff
    /// Blob bytes read since the allocator last gave its free pages back.
    private var readSinceTrim = 0

    /// Blobs are read from the pack files by this reader's own (libgit2 rebuilds every version of a large file from
    /// the far end of its delta chain); libgit2 reads the rest.
    let objects: PackedObjects

    init(repo: GitRepository, maxBytes: Int, cacheBytes: Int) {
        self.repo = repo
        self.maxBytes = maxBytes
        cache = BlobCache(limit: cacheBytes)
        objects = PackedObjects(repo: repo, cacheBytes: cacheBytes, limit: PackedObjects.largestBuilt)
        trees = HistoryTreeDiff(repo: repo, objects: objects)
        source = BlobSource(repo: repo, objects: objects)
        judge = SecretBlobJudge(source: source)
    }

    /// Where this reader's blobs come from.
    private let source: BlobSource
    /// Searches what this reader read, on the same thread (`scan`).
    private let judge: SecretBlobJudge

    /// The commit's changes, searched; nil when the commit cannot be read.
    func scan(_ oid: git_oid) -> SecretCommitScan? {
        prepare(oid).map(judge.finish)
    }

    /// The commit's changes with the files read but not searched (`pending`): the first half of `scan`, for a
    /// thread that reads while another searches (`SecretPipelinedReading`).
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
            scan.events.append(.blob(path: change.path, key: key, oldKey: oldKey, readBlob(change, key: key, oldKey: oldKey)))
        }
    }

    /// An env file is judged by what its versions hold: the most telling version decides (placeholders first, a
    /// real key later is a leak). Unreadable: certain.
    private func envFileJudgement(_ change: GitRepository.TreeChange) -> (SecretConfidence, [SecretReason]) {
        change.newID.flatMap { id -> (SecretConfidence, [SecretReason])? in
            var id = id
            guard case .bytes(let bytes)? = source.content(of: &id), let text = text(bytes) else { return nil }
            return text.withUnsafeBytes { EnvFileJudgement.judge(utf8: $0, path: change.path) }
        } ?? (.certain, [])
    }

    /// Reads a new or changed file once; what it holds is searched by `SecretBlobJudge.finish`.
    private func readBlob(_ change: GitRepository.TreeChange, key: String, oldKey: String?) -> SecretCommitScan.Blob {
        guard read.insert(key).inserted else { return .readBefore }
        guard var blobID = change.newID, let stored = source.content(of: &blobID) else { return .unreadable }
        guard case .bytes(let all) = stored, let bytes = text(all) else { return .skipped }
        readSinceTrim += bytes.count
        if readSinceTrim > GitMemoryBudget.trimEvery {
            readSinceTrim = 0
            GitMemoryBudget.releaseFreePages()
        }
        let previous = oldKey.flatMap { cache.blob($0) }
        cache.keep(bytes, as: key)
        return .pending(text: bytes, previous: previous, modified: change.kind == .modified)
    }

    /// The bytes to scan: text of at most `maxBytes` (libgit2's rule for text), else nil.
    private func text(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count <= maxBytes, !bytes.withUnsafeBytes(BinaryText.looksBinary) else { return nil }
        return bytes
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

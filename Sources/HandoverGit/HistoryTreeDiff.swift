import CLibgit2

/// The files that differ between a commit's tree and its parent's, exactly as git finds them, for a walk of
/// consecutive commits. Trees are read by the scan's own pack reader and parsed here (`ParsedTree`), not looked up
/// through libgit2: its object cache is small to bound memory (32 MB, `GitMemoryBudget`), and once full, each tree
/// added made it evict from the start of its hash table again, over the slots emptied before — 27 % of the CPU of a
/// scan of dub's 26,123 commits (docs/precision.md, "Speed — session 10"). Every tree a diff reads stays until the
/// next diff, whose old side is mostly the trees the last one read as its new side (the parent is usually the commit
/// read just before).
final class HistoryTreeDiff {
    private let repo: GitRepository
    private let objects: PackedObjects
    /// Trees the last diff read, by id.
    private var kept: [TreeKey: ParsedTree] = [:]
    /// Trees this diff has read so far (some moved over from `kept`).
    private var used: [TreeKey: ParsedTree] = [:]

    init(repo: GitRepository, objects: PackedObjects) {
        self.repo = repo
        self.objects = objects
    }

    /// A tree id as a dictionary key.
    struct TreeKey: Hashable {
        var high: UInt64, middle: UInt64, low: UInt32
        init(_ id: UnsafePointer<git_oid>) {
            let raw = UnsafeRawPointer(id)
            high = raw.loadUnaligned(as: UInt64.self)
            middle = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            low = raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
        }
    }

    /// The tree `id`, kept until the diff after the next `finishCommit()`; nil when it cannot be read.
    func tree(_ id: UnsafePointer<git_oid>) -> ParsedTree? {
        let key = TreeKey(id)
        if let tree = used[key] { return tree }
        if let tree = kept.removeValue(forKey: key) {
            used[key] = tree
            return tree
        }
        guard let tree = read(id) else { return nil }
        used[key] = tree
        return tree
    }

    /// A tree's bytes from the packs, else from libgit2's object database (loose objects, packs this reader cannot
    /// read), parsed.
    private func read(_ id: UnsafePointer<git_oid>) -> ParsedTree? {
        if case .found(let bytes) = objects.read(id, as: .tree) { return ParsedTree(bytes: bytes) }
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, repo.handle) == 0, let odb else { return nil }
        defer { git_odb_free(odb) }
        var object: OpaquePointer?
        guard git_odb_read(&object, odb, id) == 0, let object else { return nil }
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE, let data = git_odb_object_data(object) else { return nil }
        return ParsedTree(bytes: Array(UnsafeRawBufferPointer(start: data, count: git_odb_object_size(object))))
    }

    /// Ends one commit's diff: what it read is kept for the next one, the rest is let go.
    func finishCommit() {
        kept = used
        used = [:]
    }

    /// The files that differ between `old` (nil: an empty tree) and `new`, in git's entry order, descending only
    /// into subtrees whose ids differ.
    func forEachChange(from old: ParsedTree?, to new: ParsedTree?, prefix: String = "", _ visit: (GitRepository.TreeChange) -> Void) {
        let oldEntries = old?.entries ?? []
        let newEntries = new?.entries ?? []
        var i = 0, j = 0
        while i < oldEntries.count || j < newEntries.count {
            let order = i == oldEntries.count ? 1 : j == newEntries.count ? -1 : old!.order(oldEntries[i], newEntries[j], in: new!)
            if order < 0 {
                gone(oldEntries[i], of: old!, prefix: prefix, visit)
                i += 1
            } else if order > 0 {
                came(newEntries[j], of: new!, prefix: prefix, visit)
                j += 1
            } else {
                let (a, b) = (oldEntries[i], newEntries[j])
                let (oldTree, newTree) = (old!, new!)
                i += 1
                j += 1
                guard !oldTree.sameID(a, b, in: newTree) else { continue }
                let (ka, kb) = (oldTree.kind(a), newTree.kind(b))
                let name = prefix + newTree.name(b)
                if ka == .tree && kb == .tree {
                    guard let newSub = subtree(newTree.id(b), path: name, visit) else { continue }
                    // An old subtree that cannot be read: everything in the new one counts as added.
                    forEachChange(from: subtree(oldTree.id(a), path: name, { _ in }), to: newSub, prefix: name + "/", visit)
                } else if ka == .blob && kb == .blob && oldTree.isFile(a) && newTree.isFile(b) {
                    visit(GitRepository.TreeChange(kind: .modified, path: name, oldID: oldTree.id(a), newID: newTree.id(b)))
                } else {
                    gone(a, of: oldTree, prefix: prefix, visit)
                    came(b, of: newTree, prefix: prefix, visit)
                }
            }
        }
    }

    private func gone(_ entry: ParsedTree.Entry, of tree: ParsedTree, prefix: String, _ visit: (GitRepository.TreeChange) -> Void) {
        let name = prefix + tree.name(entry)
        switch tree.kind(entry) {
        case .tree:
            if let sub = subtree(tree.id(entry), path: name, { _ in }) { forEachChange(from: sub, to: nil, prefix: name + "/", visit) }
        case .blob where tree.isFile(entry):
            visit(GitRepository.TreeChange(kind: .deleted, path: name, oldID: tree.id(entry)))
        default: break
        }
    }

    private func came(_ entry: ParsedTree.Entry, of tree: ParsedTree, prefix: String, _ visit: (GitRepository.TreeChange) -> Void) {
        let name = prefix + tree.name(entry)
        switch tree.kind(entry) {
        case .tree:
            if let sub = subtree(tree.id(entry), path: name, visit) { forEachChange(from: nil, to: sub, prefix: name + "/", visit) }
        case .blob where tree.isFile(entry):
            visit(GitRepository.TreeChange(kind: .added, path: name, newID: tree.id(entry)))
        default: break
        }
    }

    /// The subtree named `id`; when it cannot be read, tells `visit` (an unreadable change) and gives nil.
    private func subtree(_ id: git_oid, path: String, _ visit: (GitRepository.TreeChange) -> Void) -> ParsedTree? {
        var id = id
        guard let tree = tree(&id) else {
            visit(GitRepository.TreeChange(kind: .unreadable, path: path, newID: id))
            return nil
        }
        return tree
    }
}

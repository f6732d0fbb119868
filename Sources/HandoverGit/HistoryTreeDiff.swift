import CLibgit2

/// The files that differ between a commit's tree and its parent's, exactly as git finds
/// them, for a walk of consecutive commits: every tree a diff reads stays alive until the next diff, whose old side
/// is mostly the trees the last one read as its new side (the parent is usually the commit read just before). So
/// the walk does not depend on libgit2's object cache for them: that cache is small to bound memory (32 MB shared by
/// every reader, `GitMemoryBudget`) and never holds a tree over 4 KB, a wide directory (a translations folder), which
/// was then inflated and parsed twice per commit that touched it.
final class HistoryTreeDiff {
    private let repo: GitRepository
    /// Trees the last diff read, by id.
    private var kept: [TreeKey: OpaquePointer] = [:]
    /// Trees this diff has read so far (some moved over from `kept`).
    private var used: [TreeKey: OpaquePointer] = [:]

    init(repo: GitRepository) { self.repo = repo }

    deinit {
        for tree in kept.values { git_tree_free(tree) }
        for tree in used.values { git_tree_free(tree) }
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

    /// The tree `id`, alive until the diff after the next `finishCommit()`; nil when it cannot be read.
    func tree(_ id: UnsafePointer<git_oid>) -> OpaquePointer? {
        let key = TreeKey(id)
        if let tree = used[key] { return tree }
        if let tree = kept.removeValue(forKey: key) {
            used[key] = tree
            return tree
        }
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, repo.handle, id) == 0, let tree else { return nil }
        used[key] = tree
        return tree
    }

    /// Ends one commit's diff: what it read is kept for the next one, the rest is freed.
    func finishCommit() {
        for tree in kept.values { git_tree_free(tree) }
        kept = used
        used = [:]
    }

    /// The files that differ between `old` (nil: an empty tree) and `new`, in git's entry order, descending only
    /// into subtrees whose ids differ.
    func forEachChange(from old: OpaquePointer?, to new: OpaquePointer?, prefix: String = "", _ visit: (GitRepository.TreeChange) -> Void) {
        let oldCount = old.map(git_tree_entrycount) ?? 0
        let newCount = new.map(git_tree_entrycount) ?? 0
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? git_tree_entry_byindex(old, i) : nil
            let b = j < newCount ? git_tree_entry_byindex(new, j) : nil
            let order: Int32 = a == nil ? 1 : b == nil ? -1 : Self.entryOrder(a!, b!)
            if order < 0 {
                gone(a!, prefix: prefix, visit)
                i += 1
            } else if order > 0 {
                came(b!, prefix: prefix, visit)
                j += 1
            } else {
                i += 1
                j += 1
                guard let a, let b, git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) == 0 else { continue }
                let (ta, tb) = (git_tree_entry_type(a), git_tree_entry_type(b))
                let name = prefix + String(cString: git_tree_entry_name(b))
                if ta == GIT_OBJECT_TREE && tb == GIT_OBJECT_TREE {
                    guard let newSub = subtree(b, path: name, visit) else { continue }
                    // An old subtree that cannot be read: everything in the new one counts as added.
                    forEachChange(from: subtree(a, path: name, { _ in }), to: newSub, prefix: name + "/", visit)
                } else if ta == GIT_OBJECT_BLOB && tb == GIT_OBJECT_BLOB && Self.isFile(a) && Self.isFile(b) {
                    visit(GitRepository.TreeChange(kind: .modified, path: name, oldID: git_tree_entry_id(a).pointee, newID: git_tree_entry_id(b).pointee))
                } else {
                    gone(a, prefix: prefix, visit)
                    came(b, prefix: prefix, visit)
                }
            }
        }
    }

    private func gone(_ entry: OpaquePointer, prefix: String, _ visit: (GitRepository.TreeChange) -> Void) {
        let name = prefix + String(cString: git_tree_entry_name(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_TREE:
            if let sub = subtree(entry, path: name, { _ in }) { forEachChange(from: sub, to: nil, prefix: name + "/", visit) }
        case GIT_OBJECT_BLOB where Self.isFile(entry):
            visit(GitRepository.TreeChange(kind: .deleted, path: name, oldID: git_tree_entry_id(entry).pointee))
        default: break
        }
    }

    private func came(_ entry: OpaquePointer, prefix: String, _ visit: (GitRepository.TreeChange) -> Void) {
        let name = prefix + String(cString: git_tree_entry_name(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_TREE:
            if let sub = subtree(entry, path: name, visit) { forEachChange(from: nil, to: sub, prefix: name + "/", visit) }
        case GIT_OBJECT_BLOB where Self.isFile(entry):
            visit(GitRepository.TreeChange(kind: .added, path: name, newID: git_tree_entry_id(entry).pointee))
        default: break
        }
    }

    /// The subtree `entry` names; when it cannot be read, tells `visit` (an unreadable change) and gives nil.
    private func subtree(_ entry: OpaquePointer, path: String, _ visit: (GitRepository.TreeChange) -> Void) -> OpaquePointer? {
        guard let tree = tree(git_tree_entry_id(entry)) else {
            visit(GitRepository.TreeChange(kind: .unreadable, path: path, newID: git_tree_entry_id(entry).pointee))
            return nil
        }
        return tree
    }

    /// Regular and executable files; not symlinks (mode 120000).
    private static func isFile(_ entry: OpaquePointer) -> Bool {
        let mode = git_tree_entry_filemode(entry)
        return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE
    }

    /// Git's tree order: names compared bytewise, a tree's name as if it ended in `/`.
    private static func entryOrder(_ a: OpaquePointer, _ b: OpaquePointer) -> Int32 {
        guard let na = git_tree_entry_name(a), let nb = git_tree_entry_name(b) else { return 0 }
        var p = na, q = nb
        while p.pointee != 0 && p.pointee == q.pointee {
            p += 1
            q += 1
        }
        func next(_ c: UnsafePointer<CChar>, _ entry: OpaquePointer) -> Int32 {
            c.pointee != 0 ? Int32(UInt8(bitPattern: c.pointee)) : git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 47 : 0
        }
        let (x, y) = (next(p, a), next(q, b))
        // Equal names (whatever their types) are the same entry; otherwise the first differing byte decides.
        if p.pointee == 0 && q.pointee == 0 { return 0 }
        return x - y
    }
}

import CLibgit2
import Foundation
import HandoverModel

/// Errors from libgit2, with its message copied before the next call overwrites it.
struct GitError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    init(code: Int32, during operation: String) {
        self.code = code
        let detail = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(code)"
        message = "\(operation): \(detail)"
    }

    var description: String { message }

    /// Why a folder could not be opened as a repository, in words: "is not a git repository" only when libgit2
    /// found none; a repository it found and could not read (a broken config, a missing object store) says so.
    static func openFailure(_ error: Error, path: String) -> String {
        if let error = error as? GitError, error.code == GIT_ENOTFOUND.rawValue { return "\(path) is not a git repository" }
        return "\(path): the git repository cannot be opened (\(ErrorText.of(error)))"
    }
}

/// One libgit2 repository handle. Not Sendable: it lives inside one collection call on one thread.
final class GitRepository {
    static let initialized: Bool = {
        let ok = git_libgit2_init() > 0
        // Reads are not re-hashed (as with git itself): half the cost of reading a wide tree.
        _ = handover_git_set_strict_hash_verification(0)
        GitMemoryBudget.apply()
        return ok
    }()

    let handle: OpaquePointer

    /// Opens exactly `path` (a work tree, a linked worktree or a bare repository); never searches upward.
    init(path: String) throws {
        _ = Self.initialized
        var repo: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
        let rc = git_repository_open_ext(&repo, path, flags, nil)
        guard rc == 0, let repo else { throw GitError(code: rc, during: "open") }
        handle = repo
    }

    deinit { git_repository_free(handle) }

    var isBare: Bool { git_repository_is_bare(handle) == 1 }
    var isShallow: Bool { git_repository_is_shallow(handle) == 1 }
    var isWorktree: Bool { git_repository_is_worktree(handle) == 1 }
    /// True when any reference besides HEAD exists.
    var hasReferences: Bool {
        var names = git_strarray()
        guard git_reference_list(&names, handle) == 0 else { return false }
        return !GitRepository.strings(&names).isEmpty
    }

    static func string(_ oid: UnsafePointer<git_oid>) -> String {
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        git_oid_tostr(&buffer, buffer.count, oid)
        return String(cString: buffer)
    }

    static func date(_ time: git_time_t) -> Date { Date(timeIntervalSince1970: TimeInterval(time)) }

    /// Reads a commit's facts; the caller still owns `commit`.
    static func info(_ commit: OpaquePointer) -> CommitInfo {
        let author = git_commit_author(commit)
        return CommitInfo(
            sha: string(git_commit_id(commit)),
            author: author.flatMap { $0.pointee.name.map { String(cString: $0) } } ?? "",
            date: date(author?.pointee.when.time ?? git_commit_time(commit)),
            subject: git_commit_summary(commit).map { String(cString: $0) } ?? "")
    }

    /// Looks up a commit and passes it to `body` while it is alive.
    func withCommit<T>(_ oid: UnsafePointer<git_oid>, _ body: (OpaquePointer) -> T) -> T? {
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, handle, oid) == 0, let commit else { return nil }
        defer { git_commit_free(commit) }
        return body(commit)
    }

    /// The names in a git_strarray, copied.
    static func strings(_ array: inout git_strarray) -> [String] {
        defer { git_strarray_dispose(&array) }
        return (0..<array.count).compactMap { index in array.strings[index].map { String(cString: $0) } }
    }

    /// Calls `visit` with the path and blob of every file under `tree`, depth first; the blob lives for the call.
    func forEachBlob(in tree: OpaquePointer, prefix: String = "", _ visit: (String, OpaquePointer) -> Void) {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry) else { continue }
            let path = prefix + String(cString: rawName)
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE:
                var sub: OpaquePointer?
                guard git_tree_lookup(&sub, handle, git_tree_entry_id(entry)) == 0, let sub else { continue }
                forEachBlob(in: sub, prefix: path + "/", visit)
                git_tree_free(sub)
            case GIT_OBJECT_BLOB:
                var blob: OpaquePointer?
                guard git_blob_lookup(&blob, handle, git_tree_entry_id(entry)) == 0, let blob else { continue }
                visit(path, blob)
                git_blob_free(blob)
            default:
                continue
            }
        }
    }

    /// A blob's bytes, when it is text and at most `maxBytes` long; valid only inside `body`.
    static func withBytes<T>(ofBlob blob: OpaquePointer, maxBytes: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        let size = Int(git_blob_rawsize(blob))
        guard size <= maxBytes, git_blob_is_binary(blob) == 0, let raw = git_blob_rawcontent(blob) else { return nil }
        return body(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// A blob's content as text; nil when it is binary or larger than `maxBytes`.
    static func text(ofBlob blob: OpaquePointer, maxBytes: Int) -> String? {
        withBytes(ofBlob: blob, maxBytes: maxBytes) { String(decoding: $0, as: UTF8.self) }
    }

    /// A file that differs between two trees, or a subtree that could not be read (`unreadable`: a partial or
    /// shallow clone, a lost pack; `newID` is the tree's id).
    struct TreeChange {
        enum Kind { case added, modified, deleted, unreadable }
        var kind: Kind
        var path: String
        var oldID: git_oid?
        var newID: git_oid?
    }

    /// The files that differ between `old` (nil: an empty tree) and `new`, found by walking both trees in git's
    /// entry order and descending only into subtrees whose ids differ. Unlike git_diff_tree_to_tree it builds no
    /// path or delta for an unchanged entry, which on a wide tree is most of the cost. Symlinks and submodules are
    /// not files here.
    func forEachChange(from old: OpaquePointer?, to new: OpaquePointer?, prefix: String = "", _ visit: (TreeChange) -> Void) {
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
                    withTree(b, path: name, visit) { newSub in
                        // An old subtree that cannot be read: everything in the new one counts as added.
                        if !withTree(a, path: name, { _ in }, { oldSub in forEachChange(from: oldSub, to: newSub, prefix: name + "/", visit) }) {
                            forEachChange(from: nil, to: newSub, prefix: name + "/", visit)
                        }
                    }
                } else if ta == GIT_OBJECT_BLOB && tb == GIT_OBJECT_BLOB && Self.isFile(a) && Self.isFile(b) {
                    visit(TreeChange(kind: .modified, path: name, oldID: git_tree_entry_id(a).pointee, newID: git_tree_entry_id(b).pointee))
                } else {
                    gone(a, prefix: prefix, visit)
                    came(b, prefix: prefix, visit)
                }
            }
        }
    }

    private func gone(_ entry: OpaquePointer, prefix: String, _ visit: (TreeChange) -> Void) {
        let name = prefix + String(cString: git_tree_entry_name(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_TREE: withTree(entry, path: name, { _ in }) { forEachChange(from: $0, to: nil, prefix: name + "/", visit) }
        case GIT_OBJECT_BLOB where Self.isFile(entry): visit(TreeChange(kind: .deleted, path: name, oldID: git_tree_entry_id(entry).pointee))
        default: break
        }
    }

    private func came(_ entry: OpaquePointer, prefix: String, _ visit: (TreeChange) -> Void) {
        let name = prefix + String(cString: git_tree_entry_name(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_TREE: withTree(entry, path: name, visit) { forEachChange(from: nil, to: $0, prefix: name + "/", visit) }
        case GIT_OBJECT_BLOB where Self.isFile(entry): visit(TreeChange(kind: .added, path: name, newID: git_tree_entry_id(entry).pointee))
        default: break
        }
    }

    /// Runs `body` with the subtree `entry` names; when it cannot be read, tells `visit` (an unreadable change) instead.
    @discardableResult
    private func withTree(_ entry: OpaquePointer, path: String, _ visit: (TreeChange) -> Void, _ body: (OpaquePointer) -> Void) -> Bool {
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, handle, git_tree_entry_id(entry)) == 0, let tree else {
            visit(TreeChange(kind: .unreadable, path: path, newID: git_tree_entry_id(entry).pointee))
            return false
        }
        defer { git_tree_free(tree) }
        body(tree)
        return true
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

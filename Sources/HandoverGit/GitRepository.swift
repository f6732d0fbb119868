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
}

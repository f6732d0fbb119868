import CLibgit2
import Foundation
import HandoverCore

/// Reads the source files of the HEAD commit through libgit2 (not the working tree) and collects the env var
/// names the code references.
public struct HeadSourceScanner: Sendable {
    public let repository: URL
    /// Blobs larger than this are skipped (generated bundles, data files).
    public let maxBytes: Int

    public init(repository: URL, maxBytes: Int = 1 << 20) {
        self.repository = repository
        self.maxBytes = maxBytes
    }

    /// Sorted by name; nil when the repository or its HEAD cannot be read.
    public func references() -> [CodeReference]? {
        guard let repo = try? GitRepository(path: repository.path) else { return nil }
        var head: OpaquePointer?
        guard git_repository_head(&head, repo.handle) == 0, let head else { return nil }
        defer { git_reference_free(head) }
        var object: OpaquePointer?
        guard git_reference_peel(&object, head, GIT_OBJECT_TREE) == 0, let tree = object else { return nil }
        defer { git_object_free(tree) }
        var byName: [String: Set<String>] = [:]
        walk(repo, tree: tree, prefix: "") { path, text in
            for (name, location) in CodeReferences.scan(text, path: path) { byName[name, default: []].insert(location) }
        }
        return byName.map { CodeReference(name: $0.key, locations: $0.value.sorted()) }.sorted { $0.name < $1.name }
    }

    private func walk(_ repo: GitRepository, tree: OpaquePointer, prefix: String, visit: (String, String) -> Void) {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry) else { continue }
            let path = prefix + String(cString: rawName)
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE:
                var sub: OpaquePointer?
                guard git_tree_lookup(&sub, repo.handle, git_tree_entry_id(entry)) == 0, let sub else { continue }
                walk(repo, tree: sub, prefix: path + "/", visit: visit)
                git_tree_free(sub)
            case GIT_OBJECT_BLOB where CodeReferences.isSource(path):
                var blob: OpaquePointer?
                guard git_blob_lookup(&blob, repo.handle, git_tree_entry_id(entry)) == 0, let blob else { continue }
                defer { git_blob_free(blob) }
                let size = Int(git_blob_rawsize(blob))
                guard size <= maxBytes, git_blob_is_binary(blob) == 0, let raw = git_blob_rawcontent(blob) else { continue }
                let text = String(decoding: UnsafeRawBufferPointer(start: raw, count: size), as: UTF8.self)
                visit(path, text)
            default:
                continue
            }
        }
    }
}

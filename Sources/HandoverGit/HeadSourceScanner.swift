import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// Reads the source files of the HEAD commit through libgit2 (not the working tree) and collects the env var
/// names the code references.
package struct HeadSourceScanner: Sendable {
    package let repository: URL
    /// Blobs larger than this are skipped (generated bundles, data files).
    package let maxBytes: Int

    /// Project files (`composer.lock`, env and build files) are read up to this size, larger than source files.
    static let projectFileMaxBytes = 4 << 20

    package init(repository: URL, maxBytes: Int = 1 << 20) {
        self.repository = repository
        self.maxBytes = maxBytes
    }

    /// Sorted by name; nil when the repository or its HEAD cannot be read.
    package func references() -> [CodeReference]? {
        guard let repo = try? GitRepository(path: repository.path) else { return nil }
        var head: OpaquePointer?
        guard git_repository_head(&head, repo.handle) == 0, let head else { return nil }
        defer { git_reference_free(head) }
        var object: OpaquePointer?
        guard git_reference_peel(&object, head, GIT_OBJECT_TREE) == 0, let tree = object else { return nil }
        defer { git_object_free(tree) }
        var collector = CodeReferences.Collector()
        repo.forEachBlob(in: tree) { path, blob in
            // Read at most once: a stock config file or a YAML file may be both a project file and source or words.
            let size = Int(git_blob_rawsize(blob))
            var loaded: String??
            func text() -> String? {
                if let loaded { return loaded }
                let read = GitRepository.text(ofBlob: blob, maxBytes: max(maxBytes, Self.projectFileMaxBytes))
                loaded = .some(read)
                return read
            }
            collector.addProjectFile(path: path) { size <= Self.projectFileMaxBytes ? text() : nil }
            let source = CodeReferences.isSource(path)
            guard source || CodeUnusedSymbols.namesSymbols(path), size <= maxBytes, let text = text() else { return }
            if source { collector.add(text, path: path) } else { collector.addWords(text, path: path) }
        }
        return collector.references()
    }
}

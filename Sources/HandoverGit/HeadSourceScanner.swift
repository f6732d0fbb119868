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
            collector.addProjectFile(path: path) { GitRepository.text(ofBlob: blob, maxBytes: 4 << 20) }
            let source = CodeReferences.isSource(path)
            guard source || CodeUnusedSymbols.namesSymbols(path), let text = GitRepository.text(ofBlob: blob, maxBytes: maxBytes) else { return }
            if source { collector.add(text, path: path) } else { collector.addWords(text, path: path) }
        }
        return collector.references()
    }
}

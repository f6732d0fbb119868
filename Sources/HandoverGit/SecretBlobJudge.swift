import CLibgit2
import Foundation
import HandoverCollect

/// A blob's bytes from the scan's pack reader, else from libgit2 (a loose object, a pack the reader cannot read).
/// Used on one thread: it holds a repository handle and a pack reader.
final class BlobSource {
    let repo: GitRepository
    let objects: PackedObjects

    init(repo: GitRepository, objects: PackedObjects) {
        self.repo = repo
        self.objects = objects
    }

    enum Content {
        case bytes([UInt8])
        /// Larger than the pack reader builds (and than any file scanned).
        case tooLarge
    }

    /// A blob's bytes, whatever their kind; nil when it cannot be read.
    func content(of id: inout git_oid) -> Content? {
        switch objects.read(&id, as: .blob) {
        case .found(let bytes):
            return .bytes(bytes)
        case .tooLarge:
            return .tooLarge
        case .elsewhere:
            var blob: OpaquePointer?
            guard git_blob_lookup(&blob, repo.handle, &id) == 0, let blob else { return nil }
            defer { git_blob_free(blob) }
            return .bytes(Array(SecretCommitReader.bytes(of: blob)))
        }
    }
}

/// The second step of reading a commit: reads each file a `SecretCommitReader` named (`pending`), once, with its
/// previous version when that is still in memory (`loaded`). It holds its own blob source and cache of recent
/// versions, so it can run on a thread of its own: the files come to it in walk order either way, so what it keeps
/// does not depend on the thread.
final class SecretBlobLoader {
    private let source: BlobSource
    private let maxBytes: Int
    private let cache: BlobCache
    /// Blob bytes read since the allocator last gave its free pages back.
    private var readSinceTrim = 0

    init(source: BlobSource, maxBytes: Int, cacheBytes: Int) {
        self.source = source
        self.maxBytes = maxBytes
        cache = BlobCache(limit: cacheBytes)
    }

    func load(_ scan: SecretCommitScan) -> SecretCommitScan {
        var scan = scan
        for index in scan.events.indices {
            guard case .blob(let path, let key, let oldKey, .pending(var id, let modified)) = scan.events[index] else { continue }
            scan.events[index] = .blob(path: path, key: key, oldKey: oldKey, load(&id, key: key, oldKey: oldKey, modified: modified))
        }
        return scan
    }

    /// The bytes to scan: text of at most `maxBytes` (libgit2's rule for text), else nil.
    static func text(_ bytes: [UInt8], maxBytes: Int) -> [UInt8]? {
        guard bytes.count <= maxBytes, !bytes.withUnsafeBytes(BinaryText.looksBinary) else { return nil }
        return bytes
    }

    private func load(_ id: inout git_oid, key: String, oldKey: String?, modified: Bool) -> SecretCommitScan.Blob {
        guard let stored = source.content(of: &id) else { return .unreadable }
        guard case .bytes(let all) = stored, let text = Self.text(all, maxBytes: maxBytes) else { return .skipped }
        readSinceTrim += text.count
        if readSinceTrim > GitMemoryBudget.trimEvery {
            readSinceTrim = 0
            GitMemoryBudget.releaseFreePages()
        }
        let previous = oldKey.flatMap { cache.blob($0) }
        cache.keep(text, as: key)
        // The changed part is found here, where both versions were just built or kept: the searching thread then
        // touches only that part of the text (what a search costs is mostly its first touch of the bytes).
        let region = previous.map { old in text.withUnsafeBytes { new in old.withUnsafeBytes { ChangedRegion.between(old: $0, new: new) } } }
        return .loaded(text: text, previous: previous, region: region, modified: modified)
    }
}

/// The last step of reading a commit: searches each file the loader read — only the lines that differ from its
/// previous version when that was still in memory — and drops a value already in the previous version (introduced
/// there, not here). It reads a previous version itself only when a match needs it, from its own `BlobSource`, so it
/// can run on another thread than the loader.
final class SecretBlobJudge {
    private let source: BlobSource

    init(source: BlobSource) { self.source = source }

    func finish(_ scan: SecretCommitScan) -> SecretCommitScan {
        var scan = scan
        for index in scan.events.indices {
            guard case .blob(let path, let key, let oldKey, .loaded(let text, let previous, let region, let modified)) = scan.events[index] else { continue }
            scan.events[index] = .blob(path: path, key: key, oldKey: oldKey,
                                       .read(search(text, previous: previous, region: region, modified: modified, path: path, oldKey: oldKey)))
        }
        return scan
    }

    private func search(_ text: [UInt8], previous: [UInt8]?, region: Range<Int>?, modified: Bool, path: String, oldKey: String?) -> [SecretRules.Match] {
        let matches = text.withUnsafeBytes { SecretRules.scan(utf8: $0, path: path, region: region) }
        guard !matches.isEmpty else { return [] }
        var old = previous
        if old == nil, modified, let oldKey {
            var oldID = git_oid()
            if git_oid_fromstr(&oldID, oldKey) == 0, case .bytes(let bytes)? = source.content(of: &oldID) { old = bytes }
        }
        guard let old else { return matches }
        // Already in the previous version of this file: introduced there, not here.
        return old.withUnsafeBufferPointer { old in
            matches.filter { SecretRules.find(Array($0.value.utf8), in: old.baseAddress!, from: 0, to: old.count) == nil }
        }
    }
}

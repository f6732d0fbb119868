import CLibgit2
import Foundation
import HandoverCore

/// Recently read blobs, kept alive as libgit2 objects (no copy), so a file's next version is compared with the
/// previous one without inflating it again. Bounded by bytes; the oldest go first.
final class BlobCache {
    private var blobs: [String: (blob: OpaquePointer, size: Int)] = [:]
    private var order: [String] = []
    private var head = 0
    private var bytes = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    deinit { for entry in blobs.values { git_blob_free(entry.blob) } }

    func blob(_ key: String) -> OpaquePointer? { blobs[key]?.blob }

    /// Keeps `blob` (the cache now owns it and frees it when it leaves).
    func keep(_ blob: OpaquePointer, as key: String, size: Int) {
        guard blobs[key] == nil, size <= limit / 4 else {
            git_blob_free(blob)
            return
        }
        blobs[key] = (blob, size)
        order.append(key)
        bytes += size
        while bytes > limit, head < order.count {
            if let gone = blobs.removeValue(forKey: order[head]) {
                bytes -= gone.size
                git_blob_free(gone.blob)
            }
            head += 1
        }
        if head > 4096 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}

/// The part of a new version of a file that differs from its previous version: the bytes between their common
/// prefix and common suffix, widened to whole lines (and back to a key block's BEGIN line when it starts inside
/// one), so a match is never cut.
enum ChangedRegion {
    static func between(old: UnsafeRawBufferPointer, new: UnsafeRawBufferPointer) -> Range<Int> {
        guard let o = old.baseAddress?.assumingMemoryBound(to: UInt8.self), let n = new.baseAddress?.assumingMemoryBound(to: UInt8.self),
              !old.isEmpty, !new.isEmpty else { return 0..<new.count }
        let common = min(old.count, new.count)
        var prefix = 0
        while prefix + 8 <= common && UnsafeRawPointer(o + prefix).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(n + prefix).loadUnaligned(as: UInt64.self) {
            prefix += 8
        }
        while prefix < common && o[prefix] == n[prefix] { prefix += 1 }
        var suffix = 0
        let maxSuffix = common - prefix
        while suffix + 8 <= maxSuffix
            && UnsafeRawPointer(o + old.count - suffix - 8).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(n + new.count - suffix - 8).loadUnaligned(as: UInt64.self) {
            suffix += 8
        }
        while suffix < maxSuffix && o[old.count - suffix - 1] == n[new.count - suffix - 1] { suffix += 1 }
        var start = prefix, end = new.count - suffix
        while start > 0 && n[start - 1] != 10 { start -= 1 }
        while end < new.count && n[end] != 10 { end += 1 }
        // Inside a key block (a BEGIN line above, no END line between): start at the BEGIN line.
        let lookBack = max(0, start - 16 << 10)
        var begin: Int?
        var p = lookBack
        while let found = SecretRules.find(beginMarker, in: n, from: p, to: start) {
            begin = found
            p = found + 1
        }
        if let begin, SecretRules.find(endMarker, in: n, from: begin, to: start) == nil {
            start = begin
            while start > 0 && n[start - 1] != 10 { start -= 1 }
        }
        return start..<max(start, end)
    }

    static let beginMarker = Array("-----BEGIN ".utf8)
    static let endMarker = Array("-----END ".utf8)
}

/// What libgit2 may hold in memory, for every repository this process opens. Its defaults (an object cache of
/// 256 MB and pack files mapped whole, up to 8 GB) let a history scan of a 400 MB repository grow past 300 MB: every
/// tree and commit it reads stays cached, and every pack page it touched stays mapped. Recent trees are all the scan
/// reads again (a commit's parent tree is the previous commit's tree), so a small cache costs no speed; pages of a
/// window that is unmapped stay in the page cache and map again without reading the disk.
package enum GitMemoryBudget {
    /// libgit2's cache of parsed trees and commits (raw bytes counted; parsed, about twice that).
    package static let objectCache = 32 << 20
    /// One mapped window of a pack file.
    package static let packWindow = 32 << 20
    /// All mapped pack windows together; the least recently used go first.
    package static let mappedPacks = 64 << 20

    /// Blob bytes a history scan reads between two `releaseFreePages()`.
    static let trimEvery = 64 << 20

    /// Gives the allocator's free pages back to the system. A scan frees most of what it allocates, but blobs kept
    /// in the caches sit between the freed buffers, so glibc cannot shrink its heap and keeps the holes: on
    /// formbricks about 100 MB. `malloc_trim` releases the whole free pages inside them.
    static func releaseFreePages() {
        handover_release_free_heap_pages()
    }

    static func apply() {
        _ = handover_git_set_cache_max_size(objectCache)
        _ = handover_git_set_mwindow_size(packWindow)
        _ = handover_git_set_mwindow_mapped_limit(mappedPacks)
    }

    /// The limits libgit2 now applies (opens the library first), for tests.
    package static func current() -> (objectCache: Int, mappedPacks: Int) {
        _ = GitRepository.initialized
        return (handover_git_cache_max_size(), Int(handover_git_mwindow_mapped_limit()))
    }
}

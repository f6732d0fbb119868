import CLibgit2

/// What libgit2 may hold in memory, for every repository this process opens. Its defaults (an object cache of
/// 256 MB and pack files mapped whole, up to 8 GB) let a history scan of a 400 MB repository grow past 300 MB: every
/// tree and commit it reads stays cached, and every pack page it touched stays mapped (formbricks: 640 MB). Pages of
/// an unmapped window stay in the page cache and map again without reading the disk. The history scan reads blobs and
/// trees with its own pack reader (`PackedObjects`), so this cache now holds mostly commits; 32 MB kept every
/// measured peak under 300 MB when it held the trees too (64 MB: 349 MB on dub, docs/precision.md "Speed — after").
package enum GitMemoryBudget {
    /// libgit2's cache of parsed trees and commits (raw bytes counted; parsed, about three times that).
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

#if canImport(Glibc)
import CMalloc
#endif

/// glibc's allocator, set for a process that runs a hundred threads at once and then keeps only their results.
///
/// Measured on the 500-host full snapshot (`Benchmarks/full-snapshot.sh`; issue 19): glibc gives each busy thread an
/// arena of its own (up to 8 per core), and memory freed in them stays mapped — 200–220 MB of peak RSS for 82 MB of
/// peak heap. Two arenas (`MALLOC_ARENA_MAX=2`) took 20 MB off; giving freed pages back once the collection is done
/// takes what the network work left behind off the last step, where the snapshot is encoded.
package enum ProcessMemory {
    /// At most two malloc arenas, one per core of the machines measured. Call before any thread starts.
    package static func limitArenas() {
        #if canImport(Glibc)
        _ = mallopt(M_ARENA_MAX, 2)
        #endif
    }

    /// Returns the pages of freed memory to the system (the top of every arena, and whole free pages inside them) when
    /// more than `worthGivingBack` lies free: the trim walks every free chunk (9–10 ms on the 500-host snapshot).
    package static func giveBackFreed() {
        #if canImport(Glibc)
        guard mallinfo2().fordblks > worthGivingBack else { return }
        _ = malloc_trim(0)
        #endif
    }

    /// Free bytes in the arenas below which a trim is not worth its walk.
    package static let worthGivingBack = 16 << 20
}

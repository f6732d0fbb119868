import Foundation

/// Runs blocking C calls (libgit2, ldns) and blocking disk reads on one shared, bounded pool of threads, so they never
/// hold a cooperative-pool thread and never start a thread per call.
package enum BlockingWork {
    /// Threads of the shared pool: 128 DNS questions in flight (`LDNSLookup`'s default concurrency) plus 8 for
    /// libgit2 and env work, so a git or env job never queues behind a wall of DNS questions that time out.
    ///
    /// An ldns query holds its thread until the answer or the timeout, so the pool's size is the number of questions in
    /// flight. Measured with `Benchmarks/blocking-pool.sh` (100 domains, 6,300 questions; debug build, 2 cores): with 10
    /// domains whose questions are never answered (2 s × 2 attempts each) the DNS section took 21 s with 128 threads,
    /// 38 s with 64, 71 s with 32, and ran into the 120 s deadline with 16 or fewer; with 50 ms of round trip, 6.4 s
    /// with 128 threads, 8.3 s with 64, 24 s with 16. 256 threads gained nothing over 128.
    package static let threadLimit = 128 + 8
    /// Stack of each pool thread: 8 MiB, as the main thread's, whatever `ulimit -s` gives new threads. The workloads
    /// measured at most 56 KiB (a history scan for secrets, debug build); the rest of the reservation costs no memory.
    package static let stackSize = 8 << 20
    /// The process-wide pool.
    package static let pool = BlockingPool(threadLimit: threadLimit, stackSize: stackSize)

    /// Runs `work` on the shared pool and returns its result; waits in line while every thread is busy.
    package static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await pool.run(work)
    }
}

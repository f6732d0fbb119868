import Foundation

/// A bounded set of threads that run blocking calls in the order they were queued.
///
/// Threads start on demand, one more whenever a job is queued and no started thread is free, up to `threadLimit`;
/// they then wait for work for the life of the pool (or until `shutdown`). Each thread gets a stack of `stackSize`
/// bytes whatever `ulimit -s` says. Not NIOThreadPool: its threads take the default stack (8 MiB here, 2 MiB under
/// `ulimit -s unlimited`, less if lowered), it must be started and shut down, and the core does not depend on NIO.
package final class BlockingPool: @unchecked Sendable {
    /// Most threads the pool starts.
    package let threadLimit: Int
    /// Stack of each thread, in bytes.
    package let stackSize: Int
    private let name: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [@Sendable () -> Void] = []
    private var next = 0
    private var started = 0
    private var idle = 0
    private var running = 0
    private var stopping = false

    /// At most `threadLimit` threads (at least one), each with `stackSize` bytes of stack and called `name`.
    package init(threadLimit: Int, stackSize: Int, name: String = "handover.blocking") {
        self.threadLimit = max(1, threadLimit)
        self.stackSize = stackSize
        self.name = name
    }

    /// Runs `work` on a pool thread and returns its result; waits in line while every thread is busy.
    /// A pool that was shut down still runs the work, on a thread of its own.
    package func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: work()) }
        }
    }

    /// What the pool holds at one instant.
    package struct Usage: Sendable, Equatable {
        /// Threads started and not ended (never more than `threadLimit`).
        package var threads: Int
        /// Jobs a thread has taken and not finished.
        package var running: Int
        /// Jobs waiting for a free thread.
        package var waiting: Int

        /// A usage, as a test expects it.
        package init(threads: Int, running: Int, waiting: Int) {
            self.threads = threads
            self.running = running
            self.waiting = waiting
        }
    }

    /// The threads and jobs now, read at once.
    package var usage: Usage { locked { Usage(threads: started, running: running, waiting: jobs.count - next) } }

    /// Lets every thread end once the queue is empty. Idle threads otherwise wait for work forever, which is right for
    /// the process-wide pool and wrong for one made by a test.
    package func shutdown() {
        locked { stopping = true }
        condition.broadcast()
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        if stopping {
            condition.unlock()
            start { job() }
            return
        }
        jobs.append(job)
        // A thread per job waiting beyond the idle ones, so a burst never waits for a thread that could start.
        let more = jobs.count - next > idle && started < threadLimit
        if more { started += 1 }
        condition.unlock()
        condition.signal()
        if more { start { self.serve() } }
    }

    private func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = stackSize
        thread.name = name
        thread.start()
    }

    private func serve() {
        condition.lock()
        while true {
            while next == jobs.count, !stopping {
                idle += 1
                condition.wait()
                idle -= 1
            }
            guard next < jobs.count else { break }
            let job = jobs[next]
            next += 1
            // Drop the finished part of the queue now and then, not on every job.
            if next >= 64, next * 2 >= jobs.count {
                jobs.removeFirst(next)
                next = 0
            }
            running += 1
            condition.unlock()
            job()
            condition.lock()
            running -= 1
        }
        started -= 1
        condition.unlock()
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}

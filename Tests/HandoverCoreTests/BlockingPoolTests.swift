import Foundation
import Testing
import HandoverModel

/// glibc's, which the Glibc module leaves out (it needs _GNU_SOURCE): the attributes of a running thread.
@_silgen_name("pthread_getattr_np") private func threadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32

/// Holds every job that enters until it is opened, counting the jobs inside at once.
final class JobGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var open = false
    private var inside = 0
    private var most = 0

    /// Jobs inside now, and the most there ever were at once.
    var counts: (inside: Int, most: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (inside, most)
    }

    func enter() {
        condition.lock()
        inside += 1
        most = max(most, inside)
        while !open { condition.wait() }
        inside -= 1
        condition.unlock()
    }

    func openUp() {
        condition.lock()
        open = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The pool that runs blocking C calls: bounded, in order, results handed back, stacks as large as asked.
/// A time limit stops a broken pool that would hang a test instead of failing it.
@Suite(.timeLimit(.minutes(1))) struct BlockingPoolTests {
    /// Starts `count` jobs that each enter `gate` and return their index, and returns once the pool is settled: every
    /// job submitted, held at the gate or waiting, and every started thread holding one (or nothing waiting).
    ///
    /// `inside` is read before the pool's usage: while the gate is shut jobs only move from waiting, to taken by a
    /// thread, to inside, so the two readings add up to `count` only when none is between waiting and inside.
    static func startHeld(_ count: Int, on pool: BlockingPool, gate: JobGate, into group: inout TaskGroup<Int>) async {
        for index in 0..<count {
            group.addTask { await pool.run { gate.enter(); return index } }
        }
        while true {
            let inside = gate.counts.inside
            let usage = pool.usage
            if inside + usage.waiting == count, usage.waiting == 0 || usage.running == usage.threads { return }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    static func osThreads() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
    }

    @Test func noMoreJobsRunAtOnceThanThePoolHasThreads() async {
        let pool = BlockingPool(threadLimit: 4, stackSize: 1 << 20, name: "test.bound")
        defer { pool.shutdown() }
        let gate = JobGate()
        let jobs = pool.threadLimit + 5
        let results = await withTaskGroup(of: Int.self) { group in
            await Self.startHeld(jobs, on: pool, gate: gate, into: &group)
            #expect(gate.counts.inside == 4)
            #expect(pool.usage == BlockingPool.Usage(threads: 4, running: 4, waiting: 5))
            gate.openUp()
            var results: [Int] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.sorted() == Array(0..<jobs), "every job's result comes back to its caller")
        #expect(gate.counts.most == 4)
        #expect(pool.usage.threads == 4)
    }

    @Test func twoHundredWaitingJobsDoNotStartTwoHundredThreads() async {
        let pool = BlockingPool(threadLimit: 4, stackSize: 1 << 20, name: "test.queue")
        defer { pool.shutdown() }
        let gate = JobGate()
        let before = Self.osThreads()
        let (started, during) = await withTaskGroup(of: Int.self) { group in
            await Self.startHeld(200, on: pool, gate: gate, into: &group)
            let counts = (pool.usage.threads, Self.osThreads())
            gate.openUp()
            for await _ in group {}
            return counts
        }
        #expect(started == 4)
        #expect(gate.counts.most == 4)
        // The process's own count, generous enough for every other pool in it (the shared one, NIO's, the
        // cooperative one) growing meanwhile; a thread per job would add 200.
        let others = BlockingWork.threadLimit + 4 * ProcessInfo.processInfo.activeProcessorCount
        #expect(during - before <= pool.threadLimit + others, "\(during - before) threads more while 200 jobs were queued")
    }

    @Test func theSharedPoolHandsResultsBackOnLargeStacks() async {
        let stack = await BlockingWork.run { () -> Int in
            var attributes = pthread_attr_t()
            guard threadAttributes(pthread_self(), &attributes) == 0 else { return -1 }
            defer { pthread_attr_destroy(&attributes) }
            var size = 0
            pthread_attr_getstacksize(&attributes, &size)
            return size
        }
        #expect(stack >= 8 << 20, "libgit2, ldns and the YAML parser get a stack of at least 8 MiB, not the process default")
        let sums = await withTaskGroup(of: Int.self) { group in
            for n in 1...50 { group.addTask { await BlockingWork.run { (1...n).reduce(0, +) } } }
            var all: [Int] = []
            for await sum in group { all.append(sum) }
            return all.sorted()
        }
        #expect(sums == (1...50).map { $0 * ($0 + 1) / 2 })
        #expect(BlockingWork.pool.usage.threads <= BlockingWork.threadLimit)
    }
}

import CLibgit2
import Foundation

/// One reader on two threads: a thread walks the commits and their trees and names the files each one added or
/// changed (`prepare`), while the calling thread reads those files from the packs, searches them and applies the scans
/// in walk order (`SecretBlobJudge.finish`). Nothing is read twice, unlike two readers (each with its own caches), so
/// the work is the same as on one thread. The walking thread runs at most `aheadCommits` commits past the search (one
/// commit always); what it hands over is names and ids, never file bytes, so memory stays bounded whatever the speeds.
enum SecretPipelinedReading {
    static let aheadCommits = 64

    /// Reads `commits` with `reader` on a thread of its own and passes every scan, finished by `judge`, in order, to
    /// `apply`. Past `deadline` (after at least one commit) it stops; returns how many were applied.
    static func run(_ reader: SecretCommitReader, judge: SecretBlobJudge, commits: [git_oid], deadline: ContinuousClock.Instant?,
                    _ apply: (SecretCommitScan?) -> Void) -> Int {
        let queue = Queue()
        let box = Box(reader: reader, commits: commits, deadline: deadline)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            for (position, oid) in box.commits.enumerated() {
                if let deadline = box.deadline, position > 0, ContinuousClock.now > deadline { break }
                let scan = box.reader.prepare(oid)
                guard queue.put(scan) else { break }
            }
            queue.close()
            finished.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        var applied = 0
        while let scan = queue.take() {
            if let deadline, applied > 0, ContinuousClock.now > deadline { break }
            apply(scan.map(judge.finish))
            applied += 1
        }
        queue.cancel()
        finished.wait()
        return applied
    }

    /// What the reading thread uses; only it touches the reader until `run` returns.
    private final class Box: @unchecked Sendable {
        let reader: SecretCommitReader
        let commits: [git_oid]
        let deadline: ContinuousClock.Instant?
        init(reader: SecretCommitReader, commits: [git_oid], deadline: ContinuousClock.Instant?) {
            self.reader = reader
            self.commits = commits
            self.deadline = deadline
        }
    }

    /// Scans in order between the two threads, bounded by count.
    private final class Queue: @unchecked Sendable {
        private let condition = NSCondition()
        private var items: [SecretCommitScan?] = []
        private var head = 0
        private var closed = false
        private var cancelled = false

        /// Waits for room; false when the other side has stopped taking.
        func put(_ scan: SecretCommitScan?) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while !cancelled && items.count - head >= SecretPipelinedReading.aheadCommits { condition.wait() }
            guard !cancelled else { return false }
            items.append(scan)
            condition.broadcast()
            return true
        }

        /// The next scan (nil inside: a commit that could not be read); nil when the reading thread is done.
        func take() -> SecretCommitScan?? {
            condition.lock()
            defer { condition.unlock() }
            while head == items.count && !closed { condition.wait() }
            guard head < items.count else { return nil }
            let item = items[head]
            items[head] = nil
            head += 1
            if head > 1024 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return .some(item)
        }

        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}

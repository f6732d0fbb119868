import CLibgit2
import Foundation

/// Reads a walk's commits with one `SecretCommitReader` per thread and hands the scans to the caller in walk order.
/// Each reader takes the next chunk of consecutive commits (a file's previous version is then mostly in its own
/// cache), at most `ahead` chunks past the one the caller waits for, so memory stays bounded whatever the speeds.
/// The caller applies every scan on its own thread: the result does not depend on which reader read what.
final class SecretParallelReading: @unchecked Sendable {
    private let commits: [git_oid]
    private let chunk: Int
    private let chunkCount: Int
    private let ahead: Int
    private let deadline: ContinuousClock.Instant?
    /// Guards everything below.
    private let condition = NSCondition()
    private var handedOut = 0
    private var waitingFor = 0
    private var done: [Int: [SecretCommitScan?]] = [:]
    private var stopped = false

    private init(commits: [git_oid], chunk: Int, readers: Int, deadline: ContinuousClock.Instant?) {
        self.commits = commits
        self.chunk = chunk
        chunkCount = (commits.count + chunk - 1) / chunk
        ahead = 2 * readers
        self.deadline = deadline
    }

    /// Consecutive commits a reader takes at once: large enough that a file's versions mostly stay with one reader,
    /// small enough that the last chunk does not leave the other threads idle long.
    static func chunkSize(commits: Int, readers: Int) -> Int {
        min(256, max(16, commits / max(1, readers * 16)))
    }

    /// Reads `commits` with `readers` (one thread each; one reader: on this thread) and passes every scan, in
    /// order, to `apply`. Past `deadline` (after at least one commit) it stops; returns how many were applied.
    static func run(_ readers: [SecretCommitReader], commits: [git_oid], deadline: ContinuousClock.Instant?,
                    _ apply: (SecretCommitScan?) -> Void) -> Int {
        guard readers.count > 1, commits.count > 1 else {
            var applied = 0
            for oid in commits {
                if let deadline, applied > 0, ContinuousClock.now > deadline { break }
                apply(readers.first?.scan(oid))
                applied += 1
            }
            return applied
        }
        let reading = SecretParallelReading(commits: commits, chunk: chunkSize(commits: commits.count, readers: readers.count),
                                            readers: readers.count, deadline: deadline)
        let finished = DispatchSemaphore(value: 0)
        for reader in readers {
            let box = ReaderBox(reader)
            let thread = Thread {
                reading.work(box.reader)
                finished.signal()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        let applied = reading.merge(apply)
        reading.stop()
        for _ in readers { finished.wait() }
        return applied
    }

    /// A reader handed to its thread; only that thread uses it from then on.
    private final class ReaderBox: @unchecked Sendable {
        let reader: SecretCommitReader
        init(_ reader: SecretCommitReader) { self.reader = reader }
    }

    private func work(_ reader: SecretCommitReader) {
        while let index = nextChunk() {
            let range = index * chunk..<min(commits.count, (index + 1) * chunk)
            var scans: [SecretCommitScan?] = []
            scans.reserveCapacity(range.count)
            for position in range {
                if let deadline, position > 0, ContinuousClock.now > deadline { break }
                scans.append(reader.scan(commits[position]))
            }
            condition.lock()
            done[index] = scans
            if scans.count < range.count { stopped = true }
            condition.broadcast()
            condition.unlock()
        }
    }

    private func nextChunk() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && handedOut < chunkCount && handedOut >= waitingFor + ahead { condition.wait() }
        guard !stopped, handedOut < chunkCount else { return nil }
        handedOut += 1
        return handedOut - 1
    }

    private func merge(_ apply: (SecretCommitScan?) -> Void) -> Int {
        var applied = 0
        for index in 0..<chunkCount {
            condition.lock()
            waitingFor = index
            condition.broadcast()
            while done[index] == nil { condition.wait() }
            let scans = done.removeValue(forKey: index) ?? []
            condition.unlock()
            for scan in scans {
                if let deadline, applied > 0, ContinuousClock.now > deadline { return applied }
                apply(scan)
                applied += 1
            }
            if scans.count < min(chunk, commits.count - index * chunk) { return applied }
        }
        return applied
    }

    private func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}

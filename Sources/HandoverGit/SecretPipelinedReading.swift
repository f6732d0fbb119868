import CLibgit2
import Foundation

/// One reader on three threads, each step of reading a commit on its own: a thread walks the commits and their trees
/// and names the files each one added or changed (`SecretCommitReader.prepare`); a second reads those files from the
/// packs with their previous versions (`SecretBlobLoader.load`: inflation and deltas); the calling thread searches
/// them and applies the scans in walk order (`SecretBlobJudge.finish`). Which step costs most depends on the
/// repository (many small files: the walk; large files rewritten often: reading and searching them), and three
/// threads let the system share two cores between whichever are busy. Nothing is read twice, unlike two readers (each
/// with its own caches), so the work is the same as on one thread. Each thread runs at most `aheadCommits` commits
/// past the next (one commit always), and the read files waiting for the search hold at most `aheadBytes`, so memory
/// stays bounded whatever the speeds.
enum SecretPipelinedReading {
    static let aheadCommits = 64
    static let aheadBytes = 16 << 20

    /// Reads `commits` with `reader` and `loader` on threads of their own and passes every scan, finished by `judge`,
    /// in order, to `apply`. Past `deadline` (after at least one commit) it stops; returns how many were applied.
    static func run(_ reader: SecretCommitReader, loader: SecretBlobLoader, judge: SecretBlobJudge, commits: [git_oid],
                    deadline: ContinuousClock.Instant?, _ apply: (SecretCommitScan?) -> Void) -> Int {
        let named = Queue(), loaded = Queue()
        let box = Box(reader: reader, loader: loader, commits: commits, deadline: deadline)
        let finished = DispatchSemaphore(value: 0)
        start {
            for (position, oid) in box.commits.enumerated() {
                if let deadline = box.deadline, position > 0, ContinuousClock.now > deadline { break }
                guard named.put(box.reader.prepare(oid)) else { break }
            }
            named.close()
            finished.signal()
        }
        start {
            while let scan = named.take() {
                let read = scan.map(box.loader.load)
                guard loaded.put(read, bytes: read.map(Self.loadedBytes) ?? 0) else { break }
            }
            named.cancel()
            loaded.close()
            finished.signal()
        }
        var applied = 0
        while let scan = loaded.take() {
            if let deadline, applied > 0, ContinuousClock.now > deadline { break }
            apply(scan.map(judge.finish))
            applied += 1
        }
        loaded.cancel()
        finished.wait()
        finished.wait()
        return applied
    }

    private static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 4 << 20
        thread.start()
    }

    static func loadedBytes(_ scan: SecretCommitScan) -> Int {
        scan.events.reduce(0) { sum, event in
            guard case .blob(_, _, _, .loaded(let text, _, _, _)) = event else { return sum }
            return sum + text.count
        }
    }

    /// What the two threads use; each touches only its own reader or loader until `run` returns.
    private final class Box: @unchecked Sendable {
        let reader: SecretCommitReader
        let loader: SecretBlobLoader
        let commits: [git_oid]
        let deadline: ContinuousClock.Instant?
        init(reader: SecretCommitReader, loader: SecretBlobLoader, commits: [git_oid], deadline: ContinuousClock.Instant?) {
            self.reader = reader
            self.loader = loader
            self.commits = commits
            self.deadline = deadline
        }
    }

    /// Scans in order between two threads, bounded by count and by bytes.
    private final class Queue: @unchecked Sendable {
        private let condition = NSCondition()
        private var items: [(scan: SecretCommitScan?, bytes: Int)] = []
        private var head = 0
        private var bytes = 0
        private var closed = false
        private var cancelled = false

        /// Waits for room; false when the other side has stopped taking.
        func put(_ scan: SecretCommitScan?, bytes size: Int = 0) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while !cancelled && items.count - head > 0
                && (items.count - head >= SecretPipelinedReading.aheadCommits || bytes + size > SecretPipelinedReading.aheadBytes) {
                condition.wait()
            }
            guard !cancelled else { return false }
            items.append((scan, size))
            bytes += size
            condition.broadcast()
            return true
        }

        /// The next scan (nil inside: a commit that could not be read); nil when the other side is done or has
        /// stopped.
        func take() -> SecretCommitScan?? {
            condition.lock()
            defer { condition.unlock() }
            while head == items.count && !closed && !cancelled { condition.wait() }
            guard head < items.count, !cancelled else { return nil }
            let item = items[head]
            items[head] = (nil, 0)
            head += 1
            bytes -= item.bytes
            if head > 1024 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return .some(item.scan)
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

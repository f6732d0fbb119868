import Foundation

/// Bounds async work by a deadline. Work still running when it passes is cancelled and abandoned, not awaited:
/// async work (an HTTP request, a DNS walk between its queries) stops at its next suspension point; a blocked C
/// call cannot be interrupted, so the caller must not wait for it and such work keeps its own budget.
package enum Deadline {
    /// The result of `work`, or nil when `milliseconds` pass first or the caller is cancelled.
    package static func run<T: Sendable>(milliseconds: Int, _ work: @escaping @Sendable () async -> T) async -> T? {
        let once = ResumeOnce<T?>()
        let tasks = TaskCanceller()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                once.install(continuation)
                tasks.hold(Task { once.resume(await work()) })
                tasks.hold(Task {
                    try? await Task.sleep(for: .milliseconds(milliseconds))
                    once.resume(nil)
                })
            }
        } onCancel: {
            once.resume(nil)
            tasks.cancelAll()
        }
        // The work when the deadline won, the timer when the work did: nothing is left running on our account.
        tasks.cancelAll()
        return result
    }
}

/// Resumes a continuation exactly once, whoever comes first — also when the first comes before the continuation.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?
    private var early: T?
    private var done = false

    func install(_ continuation: CheckedContinuation<T, Never>) {
        lock.lock()
        if done, let early {
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: T) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        done = true
        let pending = continuation
        continuation = nil
        if pending == nil { early = value }
        lock.unlock()
        pending?.resume(returning: value)
    }
}

/// Tasks started on a caller's behalf, cancelled together; one held after `cancelAll` is cancelled at once.
final class TaskCanceller: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Task<Void, Never>] = []
    private var cancelled = false

    func hold(_ task: Task<Void, Never>) {
        lock.lock()
        let now = cancelled
        if !now { tasks.append(task) }
        lock.unlock()
        if now { task.cancel() }
    }

    func cancelAll() {
        lock.lock()
        cancelled = true
        let all = tasks
        tasks = []
        lock.unlock()
        all.forEach { $0.cancel() }
    }
}

extension ContinuousClock.Instant {
    /// Whole milliseconds from this instant to now.
    package var millisecondsElapsed: Int {
        let elapsed = ContinuousClock.now - self
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

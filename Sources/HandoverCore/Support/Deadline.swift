import Foundation

/// Bounds async work by a deadline. Work still running when it passes is abandoned, not awaited: a blocked C
/// call cannot be cancelled, so the caller must not wait for it.
public enum Deadline {
    /// The result of `work`, or nil when `milliseconds` pass first.
    public static func run<T: Sendable>(milliseconds: Int, _ work: @escaping @Sendable () async -> T) async -> T? {
        let once = ResumeOnce<T?>()
        return await withCheckedContinuation { continuation in
            once.install(continuation)
            Task { once.resume(await work()) }
            Task {
                try? await Task.sleep(for: .milliseconds(milliseconds))
                once.resume(nil)
            }
        }
    }
}

/// Resumes a continuation exactly once, whoever comes first.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    func install(_ continuation: CheckedContinuation<T, Never>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: T) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(returning: value)
    }
}

extension ContinuousClock.Instant {
    /// Whole milliseconds from this instant to now.
    public var millisecondsElapsed: Int {
        let elapsed = ContinuousClock.now - self
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}

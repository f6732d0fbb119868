import Foundation
import Testing
import HandoverModel
import HandoverCollect

/// A deadline bounds the wait and cancels what it abandons; finished work stops the timer.
struct DeadlineTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        func raise() { lock.lock(); raised = true; lock.unlock() }
        var isRaised: Bool { lock.lock(); defer { lock.unlock() }; return raised }

        /// Whether the flag goes up within `seconds`.
        func raised(within seconds: Double) async -> Bool {
            let end = Date().addingTimeInterval(seconds)
            while !isRaised && Date() < end { try? await Task.sleep(for: .milliseconds(10)) }
            return isRaised
        }
    }

    @Test func workThatFinishesInTimeGivesItsResult() async {
        let result = await Deadline.run(milliseconds: 5_000) { 42 }
        #expect(result == 42)
    }

    @Test func abandonedWorkIsCancelled() async {
        let cancelled = Flag()
        let started = ContinuousClock.now
        let result = await Deadline.run(milliseconds: 100) { () -> Int in
            do { try await Task.sleep(for: .seconds(30)) } catch { cancelled.raise() }
            return 1
        }
        #expect(result == nil)
        #expect(started.millisecondsElapsed < 2_000)
        #expect(await cancelled.raised(within: 2), "the work went on after its deadline")
    }

    @Test func cancellingTheCallerCancelsTheWorkAndReturnsAtOnce() async {
        let cancelled = Flag()
        let caller = Task {
            await Deadline.run(milliseconds: 60_000) { () -> Int in
                do { try await Task.sleep(for: .seconds(60)) } catch { cancelled.raise() }
                return 1
            }
        }
        try? await Task.sleep(for: .milliseconds(50))
        caller.cancel()
        let started = ContinuousClock.now
        #expect(await caller.value == nil)
        #expect(started.millisecondsElapsed < 2_000)
        #expect(await cancelled.raised(within: 2), "the work went on after its caller was cancelled")
    }
}

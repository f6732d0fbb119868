import Testing
import HandoverModel

@Suite struct BoundedConcurrencyTests {
    /// Counts the bodies running at once.
    actor Gauge {
        var running = 0, most = 0, started: [Int] = []
        func enter(_ item: Int) { running += 1; most = max(most, running); started.append(item) }
        func leave() { running -= 1 }
    }

    @Test func atMostTheLimitRunAndTheResultsKeepTheItemsOrder() async {
        let gauge = Gauge()
        let items = Array(0..<40)
        let results = await BoundedConcurrency.map(items, limit: 4) { item in
            await gauge.enter(item)
            // Later items finish first, so the results come back out of order.
            try? await Task.sleep(for: .milliseconds(2 + (40 - item) % 7))
            await gauge.leave()
            return item * 10
        }
        #expect(results == items.map { $0 * 10 })
        let most = await gauge.most
        #expect(most == 4, "\(most) at once")
        #expect(await gauge.started.sorted() == items)
    }

    @Test func fewerItemsThanTheLimitAndNone() async {
        #expect(await BoundedConcurrency.map([3, 1, 2], limit: 16) { $0 + 1 } == [4, 2, 3])
        #expect(await BoundedConcurrency.map([Int](), limit: 16) { $0 }.isEmpty)
        #expect(await BoundedConcurrency.map([5, 6], limit: 0) { $0 } == [5, 6])
    }
}

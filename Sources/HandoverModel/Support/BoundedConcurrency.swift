/// Work over many items with at most a few of them started at once.
///
/// A collector that starts every domain at once makes every question of every domain a task waiting its turn at the
/// lookup's limit (128 in flight): on the 500-host full snapshot (125 domains) that was 6,000–7,600 waiting tasks
/// holding 28 of the 84 MB of peak heap (heaptrack). Starting the next domain only when one finishes keeps the lookup
/// just as busy (each domain asks 40–60 questions at once) with a tenth of the tasks.
package enum BoundedConcurrency {
    /// How many manifest domains a collector works on at once.
    package static let domains = 16

    /// `body` of every item, at most `limit` running at once; the results in the items' order.
    package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results: [Result?] = Array(repeating: nil, count: items.count)
            var next = 0
            func start() {
                let index = next
                group.addTask { (index, await body(items[index])) }
                next += 1
            }
            while next < min(max(1, limit), items.count) { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < items.count { start() }
            }
            return results.map { $0! }
        }
    }
}

import Foundation
import HandoverModel
import HandoverStore

/// `handover prune`: which stored snapshots go. Never the latest, the last known good, an unreadable one, or one
/// dated in the future (left for a person to inspect).
package struct PruneService: Sendable {
    package var store: SnapshotStore

    package init(store: SnapshotStore) {
        self.store = store
    }

    package struct Plan: Sendable, Equatable {
        /// Named or dated in the future: kept, outside the retention rules.
        package var future: [StoredSnapshot]
        /// The rest, oldest first.
        package var retention: RetentionPlan
        /// Every stored snapshot.
        package var total: Int
    }

    package func plan(keep: Int?, keepWithinMs: Int?, now: Date = WallClock.now()) throws -> Plan {
        let all = try store.list()
        var createdAt: [String: Date] = [:]
        var lastKnownGood: String?
        var future: [StoredSnapshot] = []
        for snapshot in all {
            let loaded = try? store.load(snapshot)
            if SnapshotStore.future(snapshot, createdAt: loaded?.createdAt, now: now) != nil {
                future.append(snapshot)
                continue
            }
            guard let loaded else { continue }
            createdAt[snapshot.name] = loaded.createdAt
            if loaded.audit.collectedValue?.isGood == true { lastKnownGood = snapshot.name }
        }
        let stored = all.filter { !future.contains($0) }
        let protected = lastKnownGood.map { [$0: "last known good"] } ?? [:]
        let retention = RetentionPlan.make(stored: stored, createdAt: createdAt, keep: keep, keepWithinMs: keepWithinMs, now: now,
                                           protected: protected)
        return Plan(future: future, retention: retention, total: all.count)
    }

    /// Deletes a snapshot the plan gave up, with its lookup index.
    package func delete(_ snapshot: StoredSnapshot) throws {
        try store.delete(snapshot)
        try? FileManager.default.removeItem(at: store.lookupIndexURL(for: snapshot.name))
    }
}

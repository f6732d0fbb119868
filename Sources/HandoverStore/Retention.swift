import Foundation
import HandoverModel

/// Which stored snapshots `handover prune` deletes: every snapshot that no rule keeps. The latest is always kept,
/// and so is every snapshot that cannot be read (nobody knows what it holds) and every protected one.
package struct RetentionPlan: Sendable, Equatable {
    package struct Decision: Sendable, Equatable {
        package var snapshot: StoredSnapshot
        /// Why it stays (`latest`, `one of the newest 5`, `within 90d`, `unreadable`, …); nil when it is deleted.
        package var keptBecause: String?
    }

    /// Oldest first, like the store lists them.
    package var decisions: [Decision]

    package var deletions: [StoredSnapshot] { decisions.filter { $0.keptBecause == nil }.map(\.snapshot) }

    /// - Parameters:
    ///   - createdAt: each readable snapshot's creation time by name; a name missing here is unreadable.
    ///   - protected: names kept whatever the rules say, with the reason (e.g. the last known good).
    package static func make(stored: [StoredSnapshot], createdAt: [String: Date], keep: Int?, keepWithinMs: Int?, now: Date,
                            protected: [String: String] = [:]) -> RetentionPlan {
        let newestFirst = Array(stored.reversed())
        var decisions: [Decision] = []
        for (index, snapshot) in newestFirst.enumerated() {
            var reason: String?
            if index == 0 {
                reason = "latest"
            } else if let why = protected[snapshot.name] {
                reason = why
            } else if createdAt[snapshot.name] == nil {
                reason = "unreadable: left for you to inspect"
            } else if let keep, index < keep {
                reason = "one of the newest \(keep)"
            } else if let keepWithinMs, let date = createdAt[snapshot.name],
                      now.timeIntervalSince(date) * 1000 <= Double(keepWithinMs) {
                reason = "within \(DurationText.format(milliseconds: keepWithinMs))"
            }
            decisions.append(Decision(snapshot: snapshot, keptBecause: reason))
        }
        return RetentionPlan(decisions: decisions.reversed())
    }
}

extension SnapshotStore {
    /// Deletes one stored snapshot file.
    package func delete(_ stored: StoredSnapshot) throws(SnapshotStoreError) {
        do {
            try FileManager.default.removeItem(at: stored.url)
        } catch {
            throw .writeFailed(path: stored.url.path, reason: "cannot delete: \(ErrorText.of(error))")
        }
    }
}

extension SnapshotStore {
    /// Where the lookup index of a snapshot lives: `.lookup/NAME` beside the snapshots (never listed as one).
    package func lookupIndexURL(for name: String) -> URL {
        directory.appendingPathComponent(".lookup").appendingPathComponent(name)
    }

    /// Writes a snapshot's lookup index (replacing an older one of the same name), sealed with the digest of the
    /// snapshot file as stored and its stat identity; a failure only costs speed.
    package func writeLookupIndex(_ index: LookupIndex, for stored: StoredSnapshot) {
        let before = FileSeal.of(stored.url.path)
        guard let source = FileManager.default.contents(atPath: stored.url.path) else { return }
        var index = index
        index.digest = LookupIndex.digest(source)
        // The file's identity, when it did not change while it was read: lookup then skips the digest.
        if let before, FileSeal.of(stored.url.path) == before { index.file = before.text }
        let url = lookupIndexURL(for: index.snapshot)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? CanonicalJSON.encode(index) { try? Redactor.shared.redact(data).write(to: url, options: .atomic) }
    }
}

extension SnapshotStore {
    /// The snapshots stored before `stored`, oldest first, in the store's order (two in one second by when they were
    /// written); every one when `stored` is not in the store.
    package func history(before stored: StoredSnapshot) -> [StoredSnapshot] {
        Array(((try? list()) ?? []).prefix { $0.name != stored.name })
    }

    /// The newest stored snapshot taken at or before `date` (by its name's timestamp), else the oldest one.
    package func newest(atOrBefore date: Date) throws(SnapshotStoreError) -> StoredSnapshot {
        let all = try list()
        guard let oldest = all.first else { throw .empty(directory: directory.path) }
        let cutoff = Timestamp.compact(date)
        return all.last { $0.timestamp <= cutoff } ?? oldest
    }
}

import Foundation
import HandoverModel
import HandoverStore
import HandoverDiff

/// `handover log`: one entry per stored snapshot, with its changes against the readable one before it.
package struct SnapshotLog: Sendable {
    package var store: SnapshotStore
    package var p95BudgetMs: Int

    package init(store: SnapshotStore, p95BudgetMs: Int) {
        self.store = store
        self.p95BudgetMs = p95BudgetMs
    }

    package struct Entry: Encodable, Sendable, Equatable {
        package var file: String
        package var createdAt: Date?
        package var head: String?
        /// Changes against the previous readable snapshot; nil for the first one or an unreadable file.
        package var changes: Int?
        package var added: Int?
        package var removed: Int?
        package var changed: Int?
        package var weakens: Int?
        package var notCompared: [String]?
        /// Counted findings by severity from the audit stored in the snapshot.
        package var findings: [String: Int]?
        package var error: String?
    }

    /// Oldest first; `layer` counts only the changes of that layer.
    package func entries(layer only: SectionName? = nil) throws -> [Entry] {
        let differ = SnapshotDiffer(p95BudgetMs: p95BudgetMs)
        var entries: [Entry] = []
        var previous: (name: String, snapshot: Snapshot)?
        for stored in try store.list() {
            let snapshot: Snapshot
            do {
                snapshot = try store.load(stored)
            } catch {
                entries.append(Entry(file: stored.name, error: ErrorText.of(error, max: 4_000)))
                continue
            }
            var entry = Entry(file: stored.name, createdAt: snapshot.createdAt, head: snapshot.git.data?.head.commit?.sha)
            if let audit = snapshot.audit.collectedValue {
                entry.findings = Dictionary(uniqueKeysWithValues: audit.counts.map { ($0.0.rawValue, $0.1) })
            }
            if let previous {
                let diff = differ.diff(old: previous.snapshot, oldName: previous.name, new: snapshot, newName: stored.name)
                let changes = diff.substantive.filter { only == nil || $0.layer == only }
                entry.changes = changes.count
                entry.added = changes.filter { $0.kind == .added }.count
                entry.removed = changes.filter { $0.kind == .removed }.count
                entry.changed = changes.filter { $0.kind == .changed }.count
                entry.weakens = changes.filter { $0.impact == .weakens }.count
                entry.notCompared = diff.notCompared.map(\.layer.rawValue).filter { only == nil || $0 == only?.rawValue }
            }
            entries.append(entry)
            previous = (stored.name, snapshot)
        }
        return entries
    }
}

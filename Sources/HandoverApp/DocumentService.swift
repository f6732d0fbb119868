import Foundation
import HandoverModel
import HandoverManifest
import HandoverStore
import HandoverDiff
import HandoverDocuments

/// Everything the documents and `lookup` need about one stored snapshot: its audit (recomputed against the
/// history), its diff against the previous snapshot, and the view model.
package struct DocumentService: Sendable {
    package var manifest: Manifest?
    package var repository: URL?
    package var store: SnapshotStore

    package init(manifest: Manifest?, repository: URL?, store: SnapshotStore) {
        self.manifest = manifest
        self.repository = repository
        self.store = store
    }

    package func context(for stored: StoredSnapshot) throws -> (Snapshot, AuditReport, DocumentContext) {
        context(for: try store.load(stored), stored: stored)
    }

    /// The same for a snapshot already loaded; history files that cannot be read are passed over.
    package func context(for snapshot: Snapshot, stored: StoredSnapshot) -> (Snapshot, AuditReport, DocumentContext) {
        let before = store.history(before: stored)
        // The previous snapshot serves the audit, the diff and the key ages: decoded once.
        let previous = before.last.flatMap { last in (try? store.load(last)).map { (stored: last, snapshot: $0) } }
        let preloaded = previous.map { [$0.stored.name: $0.snapshot] } ?? [:]
        let keysFirstSeen = DKIMKeys.firstSeen(of: snapshot, in: before) { preloaded[$0.name] ?? (try? store.load($0)) }
        let page = context(for: snapshot, stored: stored, before: before, previous: previous, preloaded: preloaded,
                           keysFirstSeen: keysFirstSeen)
        return (snapshot, page.audit, page.context)
    }

    /// One snapshot's audit, diff and view model from history the caller has already read (the site walks the
    /// store once and builds every snapshot's page with this).
    /// - Parameters:
    ///   - before: the stored snapshots older than `snapshot`, oldest first, readable or not.
    ///   - previous: the newest readable one of them, already decoded.
    ///   - preloaded: decoded snapshots the audit may need, by file name; any other it reads from the store.
    ///   - keysFirstSeen: when each DKIM key was first seen in `before`.
    package func context(for snapshot: Snapshot, stored: StoredSnapshot, before: [StoredSnapshot],
                         previous: (stored: StoredSnapshot, snapshot: Snapshot)?, preloaded: [String: Snapshot],
                         keysFirstSeen: [String: Date]) -> (audit: AuditReport, diff: SnapshotDiff?, context: DocumentContext) {
        let audit = AuditService(manifest: manifest, store: store).audit(snapshot, before: before, preloaded: preloaded)
        var diff: SnapshotDiff?
        if let previous {
            diff = DiffService(p95BudgetMs: manifest?.audit.p95Ms ?? 500, repository: repository)
                .diff(old: previous.snapshot, oldName: previous.stored.name, new: snapshot, newName: stored.name)
        }
        let context = DocumentContextBuilder(manifest: manifest).build(snapshot, name: stored.name, audit: audit, diff: diff,
                                                                        keysFirstSeen: keysFirstSeen)
        return (audit, diff, context)
    }
}

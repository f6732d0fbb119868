import Foundation
import HandoverCore

/// Audits a snapshot against the store's history: the previous snapshot's stored audit gives new / open / resolved,
/// the newest earlier snapshot whose stored audit was good gives the last known good.
public struct AuditService: Sendable {
    public var manifest: Manifest?
    public var store: SnapshotStore

    public init(manifest: Manifest?, store: SnapshotStore) {
        self.manifest = manifest
        self.store = store
    }

    /// - Parameters:
    ///   - before: stored snapshots older than the audited one, oldest first (all of them when auditing a new one).
    ///   - now: the moment judged at; the snapshot's own time by default, so an audit is reproducible.
    public func audit(_ snapshot: Snapshot, before: [StoredSnapshot], now: Date? = nil) -> AuditReport {
        var previous: Snapshot?
        var history: [(name: String, snapshot: Snapshot)] = []
        // Newest first; stop at the first good stored audit (all that last-known-good needs).
        for stored in before.reversed() {
            guard let loaded = try? store.load(stored) else { continue }
            if previous == nil { previous = loaded }
            history.insert((stored.name, loaded), at: 0)
            if loaded.audit.collectedValue?.isGood == true { break }
        }
        let context = AuditContext(snapshot: snapshot, previous: previous, settings: manifest?.audit ?? AuditSettings(),
                                   now: now ?? snapshot.createdAt)
        return Auditor(waivers: manifest?.accept ?? []).audit(context, previousReport: previous?.audit.collectedValue, history: history)
    }
}

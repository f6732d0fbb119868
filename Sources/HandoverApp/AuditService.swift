import Foundation
import HandoverModel
import HandoverManifest
import HandoverStore
import HandoverAudit

/// Audits a snapshot against the store's history: the previous snapshot's stored audit gives new / open / resolved,
/// the newest earlier snapshot whose stored audit was good gives the last known good.
package struct AuditService: Sendable {
    package var manifest: Manifest?
    package var store: SnapshotStore

    package init(manifest: Manifest?, store: SnapshotStore) {
        self.manifest = manifest
        self.store = store
    }

    /// What the audit never reads of the snapshots before the audited one: it compares the previous snapshot's email
    /// (DMARC weakened), its stored audit (new, open, resolved) and the history's stored audits (last known good).
    /// Left undecoded, the 500-host snapshot's DNS, TLS, HTTP and RDAP — most of its 14 MB — are neither decoded nor
    /// kept while the next snapshot is collected.
    package static let unreadOfHistory: Set<SectionName> = [.dns, .tls, .http, .registration]

    /// Audits a stored snapshot against the snapshots stored before it.
    package func audit(_ snapshot: Snapshot, stored: StoredSnapshot) -> AuditReport {
        audit(snapshot, before: store.history(before: stored))
    }

    /// - Parameters:
    ///   - before: stored snapshots older than the audited one, oldest first (all of them when auditing a new one).
    ///   - now: the moment judged at; the snapshot's own time by default, so an audit is reproducible.
    ///   - preloaded: snapshots the caller has already decoded, by file name (decoding a large one costs more than
    ///     auditing it).
    package func audit(_ snapshot: Snapshot, before: [StoredSnapshot], now: Date? = nil,
                      preloaded: [String: Snapshot] = [:]) -> AuditReport {
        var previous: Snapshot?
        var history: [(name: String, snapshot: Snapshot)] = []
        var carried: AuditReport.KnownGood?
        let names = Set(before.map(\.name))
        // Newest first; stop at the first stored audit: a good one is the answer, any other carries the answer it
        // found (its last known good, or none ever) — older files are not read, so a project that was never good
        // does not decode its whole history on every run. Only a last known good that was pruned since sends the
        // search further back.
        for stored in before.reversed() {
            guard let loaded = preloaded[stored.name] ?? (try? store.load(stored, unread: Self.unreadOfHistory)) else { continue }
            // Dated after the audited snapshot (plus the clock skew allowed): not its history, whatever its name says.
            if SnapshotStore.future(stored, createdAt: loaded.createdAt, now: snapshot.createdAt) != nil { continue }
            if previous == nil { previous = loaded }
            history.insert((stored.name, loaded), at: 0)
            guard let report = loaded.audit.collectedValue else { continue }
            if report.isGood { break }
            if let known = report.lastKnownGood, !names.contains(known.snapshot) { continue }
            carried = report.lastKnownGood
            break
        }
        let context = AuditContext(snapshot: snapshot, previous: previous, settings: manifest?.audit ?? AuditSettings(),
                                   now: now ?? snapshot.createdAt)
        return Auditor(waivers: manifest?.accept ?? []).audit(context, previousReport: previous?.audit.collectedValue, history: history,
                                                              carriedKnownGood: carried)
    }
}

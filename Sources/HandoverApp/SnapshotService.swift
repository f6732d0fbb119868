import Foundation
import HandoverModel
import HandoverManifest
import HandoverStore
import HandoverDocuments

/// `handover snapshot`: collect, audit against the stored history, store, and keep what the next runs start from.
package struct SnapshotService: Sendable {
    package var manifest: Manifest
    package var store: SnapshotStore

    package init(manifest: Manifest, store: SnapshotStore) {
        self.manifest = manifest
        self.store = store
    }

    /// A snapshot as stored, with the audit it carries.
    package struct Taken: Sendable {
        package var snapshot: Snapshot
        package var stored: StoredSnapshot
        package var report: AuditReport
    }

    /// Collects, audits and writes a new snapshot; then seals it as the base of the next secrets scan (when it scanned)
    /// and writes its lookup index. Throws only when the store cannot write.
    package func take(_ pipeline: SnapshotPipeline, progress: @Sendable (String) -> Void = { _ in }) async throws -> Taken {
        var pipeline = pipeline
        // The newest stored snapshot is decoded once: the audit compares with it. The secrets scan goes on only from
        // the snapshot this machine sealed (a snapshot file is repository content anyone can commit).
        // Without the secrets scan nothing collected needs it: it is decoded on a thread of its own while the sections
        // are collected.
        let store = self.store
        let scans = pipeline.sections.contains(.secrets)
        let unread = AuditService.unreadOfHistory  // the secrets base reads `secrets`, the audit what it lists
        async let decoded = scans ? nil : BlockingWork.run { try? store.open("latest", unread: unread) }
        let opened = scans ? try? store.open("latest", unread: unread) : nil
        let secretsBase = SecretsBase(repository: pipeline.repositoryURL, store: store)
        if scans { pipeline.previousSecrets = secretsBase.previous(newest: opened) }
        var snapshot = await pipeline.run(progress: progress)
        // What the network work freed goes back before the last step, where the snapshot is encoded and indexed.
        ProcessMemory.giveBackFreed()
        let newest = scans ? opened : await decoded
        // The audit of the new snapshot, against the stored history, travels with it.
        let report = AuditService(manifest: manifest, store: store)
            .audit(snapshot, before: (try? store.list()) ?? [], preloaded: newest.map { [$0.stored.name: $0.snapshot] } ?? [:])
        snapshot.audit = .collected(report)
        let stored = try store.write(snapshot)
        ProcessMemory.giveBackFreed()  // the encoder's copy of the snapshot, before the index is built
        if snapshot.secrets.status == .collected { secretsBase.seal(stored) }
        // `handover lookup` answers from this index in a few milliseconds instead of decoding the snapshot.
        let context = DocumentContextBuilder(manifest: manifest).build(snapshot, name: stored.name, audit: report, diff: nil)
        store.writeLookupIndex(Lookup.index(snapshot: snapshot, name: stored.name, context: context), for: stored)
        return Taken(snapshot: snapshot, stored: stored, report: report)
    }

    /// The `live` side of `handover diff`: every section collected now, the secrets scan going on from the sealed base,
    /// nothing stored.
    package func live(_ pipeline: SnapshotPipeline, progress: @Sendable (String) -> Void = { _ in }) async -> Snapshot {
        var pipeline = pipeline
        pipeline.previousSecrets = SecretsBase(repository: pipeline.repositoryURL, store: store).previous()
        return await pipeline.run(progress: progress)
    }
}

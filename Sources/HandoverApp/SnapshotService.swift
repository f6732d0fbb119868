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
        // `handover lookup` answers from an index in a few milliseconds instead of decoding the snapshot. The index is
        // built under the name the file will most likely get, on a thread of its own while the snapshot is encoded
        // and written (500 hosts: about 200 ms each, one after the other before, with the second core idle).
        let name = store.proposedName(createdAt: snapshot.createdAt)
        let (manifest, finished) = (self.manifest, snapshot)
        async let index = BlockingWork.run { Self.lookupIndex(finished, name: name, audit: report, manifest: manifest) }
        let stored = try store.write(snapshot, preferring: name)
        ProcessMemory.giveBackFreed()  // the encoder's copy of the snapshot
        if snapshot.secrets.status == .collected { secretsBase.seal(stored) }
        let built = await index
        store.writeLookupIndex(stored.name == name ? built : Self.lookupIndex(snapshot, name: stored.name, audit: report, manifest: manifest), for: stored)
        return Taken(snapshot: snapshot, stored: stored, report: report)
    }

    static func lookupIndex(_ snapshot: Snapshot, name: String, audit: AuditReport, manifest: Manifest) -> LookupIndex {
        let context = DocumentContextBuilder(manifest: manifest).build(snapshot, name: name, audit: audit, diff: nil)
        return Lookup.index(snapshot: snapshot, name: name, context: context)
    }

    /// The `live` side of `handover diff`: every section collected now, the secrets scan going on from the sealed base,
    /// nothing stored.
    package func live(_ pipeline: SnapshotPipeline, progress: @Sendable (String) -> Void = { _ in }) async -> Snapshot {
        var pipeline = pipeline
        pipeline.previousSecrets = SecretsBase(repository: pipeline.repositoryURL, store: store).previous()
        return await pipeline.run(progress: progress)
    }
}

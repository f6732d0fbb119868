import Foundation
import HandoverGit
import HandoverModel
import HandoverStore

/// Where an incremental secrets scan may start: only from a snapshot this machine wrote and nobody changed since.
///
/// A snapshot file is repository content: anyone who can commit can add one dated now whose `scannedTips` name HEAD
/// and whose findings are empty, and a scan continued from it would skip the history that holds their key. So the
/// base is sealed where no commit reaches — `.git/handover/secrets-base.json`, naming the snapshot file this machine
/// wrote and its SHA-256 — and a scan continues only from that file, byte for byte. Anything else (a fresh clone, a
/// CI runner, a snapshot edited or replaced by a pull) means a full scan.
package struct SecretsBase: Sendable {
    package let repository: URL
    package let store: SnapshotStore

    package init(repository: URL, store: SnapshotStore) {
        self.repository = repository
        self.store = store
    }

    struct Seal: Codable {
        var snapshot: String
        var digest: String
    }

    var sealURL: URL? {
        GitPrivateDirectory.url(repository: repository)?.appendingPathComponent("secrets-base.json")
    }

    /// The `secrets` section to continue from, or nil for a full scan. `newest`, when the caller already decoded the
    /// newest snapshot, is reused if it is the sealed file (the usual case): its bytes are still hashed, not decoded again.
    package func previous(now: Date = WallClock.now(), newest: SnapshotStore.Opened? = nil) -> SecretsState? {
        guard let url = sealURL, case .success(let sealed) = BoundedFile.read(url.path, maxBytes: 64 << 10),
              let seal = try? JSONDecoder().decode(Seal.self, from: sealed),
              let stored = try? store.resolve(seal.snapshot),
              case .success(let bytes) = BoundedFile.read(stored.url.path, maxBytes: SnapshotStore.maxSnapshotBytes),
              LookupIndex.digest(bytes) == seal.digest,
              let snapshot = newest.flatMap({ $0.stored.name == stored.name ? $0.snapshot : nil })
                ?? (try? SnapshotStore.decode(bytes, path: stored.url.path)),
              SnapshotStore.future(stored, createdAt: snapshot.createdAt, now: now) == nil
        else { return nil }
        return snapshot.secrets.collectedValue
    }

    /// Records `stored` (just written, with a collected `secrets` section) as the base of the next scan. A failure
    /// only costs speed: the next scan is full.
    package func seal(_ stored: StoredSnapshot) {
        guard let url = sealURL, let bytes = FileManager.default.contents(atPath: stored.url.path) else { return }
        let seal = Seal(snapshot: stored.name, digest: LookupIndex.digest(bytes))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? CanonicalJSON.encode(seal) { try? data.write(to: url, options: .atomic) }
    }
}

import Crypto
import Foundation
import HandoverModel
import HandoverStore

/// DKIM keys as the calendar counts their age: a key is its selector's name and the digest of its public key, so a
/// rotated key under the same selector starts a new age.
package enum DKIMKeys {
    /// Rotate every six months (M3AAWG DKIM Key Rotation Best Common Practices).
    package static let rotationDays: Double = 182

    /// The published, unrevoked keys of a snapshot: identity → the name asked.
    package static func published(in s: Snapshot) -> [(identity: String, name: String)] {
        (s.email.collectedValue?.domains ?? []).flatMap { domain in
            domain.dkim.compactMap { report -> (String, String)? in
                guard let record = report.record, !record.revoked,
                      let key = record.tags.first(where: { $0.name == "p" })?.value, !key.isEmpty else { return nil }
                let name = report.name ?? "\(report.selector)._domainkey.\(domain.name)"
                let digest = SHA256.hash(data: Data(key.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
                return ("\(name.lowercased()) \(digest)", name)
            }
        }
    }

    /// When each key of `current` was first seen, from the stored snapshots (oldest first); reading stops once every
    /// key is found. A snapshot that cannot be read is passed over.
    package static func firstSeen(of current: Snapshot, in history: [StoredSnapshot], load: (StoredSnapshot) -> Snapshot?) -> [String: Date] {
        var wanted = Set(published(in: current).map(\.identity))
        var seen: [String: Date] = [:]
        for stored in history where !wanted.isEmpty {
            guard let snapshot = load(stored) else { continue }
            for key in published(in: snapshot) where wanted.contains(key.identity) {
                seen[key.identity] = snapshot.createdAt
                wanted.remove(key.identity)
            }
        }
        return seen
    }
}

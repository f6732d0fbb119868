import Crypto
import Foundation

/// The precomputed answers of `handover lookup` for one snapshot, stored as `snapshots/.lookup/NAME.json`.
package struct LookupIndex: Codable, Sendable, Equatable {
    package var snapshot: String
    /// SHA-256 of the snapshot file the index was made from: an index whose snapshot file is not byte for byte that
    /// one (replaced, edited, crafted beside it) is not used.
    package var digest: String = ""
    /// Lower-cased term → the text `lookup` prints.
    package var answers: [String: String]
    /// Every term, for suggestions.
    package var terms: [String]

    package init(snapshot: String, answers: [String: String], terms: [String]) {
        self.snapshot = snapshot
        self.answers = answers
        self.terms = terms
    }

    /// Reads an index fast (JSONSerialization, no Codable pass); nil when absent, unreadable, for another snapshot or
    /// made from other bytes than the snapshot file's now. It is a cache: never trusted without its source.
    package static func read(_ url: URL, snapshot: StoredSnapshot) -> LookupIndex? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["snapshot"] as? String == snapshot.name, let digest = object["digest"] as? String,
              let answers = object["answers"] as? [String: String], let terms = object["terms"] as? [String],
              let source = FileManager.default.contents(atPath: snapshot.url.path), digest == Self.digest(source) else { return nil }
        var index = LookupIndex(snapshot: snapshot.name, answers: answers, terms: terms)
        index.digest = digest
        return index
    }

    /// `sha256:` and the hex digest of a snapshot file's bytes.
    package static func digest(_ data: Data) -> String {
        "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

import Crypto
import Foundation

/// The fingerprint of a credential's value: `rule:` and 40 bits of an HMAC-SHA256 of the value, keyed by a constant
/// and the repository's root commit ids, stretched over `rounds` HMACs. The same value gives the same fingerprint
/// in every file, commit, run and machine for the same repository; the value itself is never stored.
///
/// Why keyed: a plain hash of a low-entropy value (a database password) can be confirmed by hashing guesses; the
/// key needs the repository (its root commits are not in a snapshot), and whoever has the repository has the
/// value anyway. Why truncated and stretched: a snapshot leaked together with the root ids still costs `rounds`
/// HMACs per guess, and 40 bits match many guesses of a large dictionary. See docs/secrets.md for the trade-off.
package struct SecretFingerprint: Sendable {
    /// The HMAC key's bytes (SymmetricKey is not Sendable).
    let key: [UInt8]
    static let rounds = 512

    /// The key for a repository whose root commits (commits without parents) are `roots`, as hex ids.
    package init(roots: [String]) {
        let material = "handover secret fingerprint v1\n" + Set(roots).sorted().joined(separator: "\n")
        key = Array(SHA256.hash(data: Data(material.utf8)))
    }

    /// `rule:` and ten hex digits.
    package func callAsFunction(rule: String, value: String) -> String {
        let key = SymmetricKey(data: self.key)
        var mac = Data(HMAC<SHA256>.authenticationCode(for: Data((rule + "\u{0}" + value).utf8), using: key))
        for _ in 1..<Self.rounds { mac = Data(HMAC<SHA256>.authenticationCode(for: mac, using: key)) }
        return rule + ":" + mac.prefix(5).map { String(format: "%02x", $0) }.joined()
    }
}

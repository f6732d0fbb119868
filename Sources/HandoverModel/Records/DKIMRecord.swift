import Foundation

/// A DKIM key record (RFC 6376 §3.6.1) with its key type and size read from the key itself.
package struct DKIMRecord: Codable, Sendable, Equatable {
    package var tags: [DMARCTag]
    /// `rsa` (default) or `ed25519`.
    package var keyType: String
    /// Key size in bits, when the key could be read.
    package var keyBits: Int?
    /// `p=` is empty: the key was revoked (§3.6.1).
    package var revoked: Bool
    /// `t=y`: the domain is testing DKIM.
    package var testing: Bool
    package var errors: [String]

    package init(parsing text: String) {
        tags = DMARCTag.list(text)
        errors = []
        keyType = "rsa"
        revoked = false
        testing = false
        if let v = tags.firstIndex(where: { $0.name == "v" }) {
            if v != 0 { errors.append("`v=` must be the first tag (RFC 6376 §3.6.1)") }
            if tags[v].value != "DKIM1" { errors.append("`v=\(tags[v].value)` must be DKIM1 (RFC 6376 §3.6.1)") }
        }
        if let k = tags.first(where: { $0.name == "k" }) { keyType = k.value.lowercased() }
        if !["rsa", "ed25519"].contains(keyType) { errors.append("unknown key type `k=\(keyType)` (RFC 6376 §3.6.1, RFC 8463)") }
        if let t = tags.first(where: { $0.name == "t" }) {
            testing = t.value.split(separator: ":").contains { $0.trimmingCharacters(in: .whitespaces) == "y" }
        }
        guard let p = tags.first(where: { $0.name == "p" }) else {
            errors.append("`p=` (the public key) is required (RFC 6376 §3.6.1)")
            return
        }
        let base64 = p.value.filter { !$0.isWhitespace }
        if base64.isEmpty {
            revoked = true
            return
        }
        guard let der = Data(base64Encoded: base64) else {
            errors.append("`p=` is not valid base64 (RFC 6376 §3.6.1)")
            return
        }
        keyBits = keyType == "ed25519" ? (der.count == 32 ? 256 : nil) : PublicKeyInfo.rsaModulusBits(Array(der))
        if keyBits == nil { errors.append("the `p=` key could not be read as a \(keyType) public key (RFC 6376 §3.6.1)") }
    }
}

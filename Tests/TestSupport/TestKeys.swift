import Foundation

/// RSA public keys made with openssl for DKIM fixtures, as base64 DER SubjectPublicKeyInfo.
package enum TestKeys {
    private static let cache = KeyCache()

    package static func rsaPublicKey(bits: Int) throws -> String {
        if let key = cache.get(bits) { return key }
        let dir = TempDirectory("handover-keys")
        let generated = try ProcessRunner.run("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)",
                                                          "-out", dir.file("k.pem").path])
        guard generated.status == 0 else { throw ProcessFailure(description: "openssl genpkey: \(generated.stderr)") }
        let exported = try ProcessRunner.run("openssl", ["pkey", "-in", dir.file("k.pem").path, "-pubout", "-outform", "DER",
                                                         "-out", dir.file("k.der").path])
        guard exported.status == 0, let der = FileManager.default.contents(atPath: dir.file("k.der").path) else {
            throw ProcessFailure(description: "openssl pkey: \(exported.stderr)")
        }
        let key = der.base64EncodedString()
        cache.set(bits, key)
        return key
    }

    /// Splits a TXT value into quoted 255-byte character-strings for a zone file.
    package static func zoneStrings(_ value: String) -> String {
        var parts: [String] = []
        var rest = Substring(value)
        while !rest.isEmpty {
            parts.append("\"\(rest.prefix(255))\"")
            rest = rest.dropFirst(255)
        }
        return parts.joined(separator: " ")
    }
}

private final class KeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [Int: String] = [:]
    func get(_ bits: Int) -> String? { lock.lock(); defer { lock.unlock() }; return keys[bits] }
    func set(_ bits: Int, _ key: String) { lock.lock(); keys[bits] = key; lock.unlock() }
}

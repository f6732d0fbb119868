import SwiftASN1

/// Key type and size read from a SubjectPublicKeyInfo (certificates, DKIM keys).
package enum PublicKeyInfo {
    static let rsa: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    static let ec: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    static let curves: [ASN1ObjectIdentifier: (String, Int)] = [
        [1, 2, 840, 10045, 3, 1, 7]: ("ECDSA P-256", 256), [1, 3, 132, 0, 34]: ("ECDSA P-384", 384),
        [1, 3, 132, 0, 35]: ("ECDSA P-521", 521),
    ]

    /// `("RSA", 2048)`, `("ECDSA P-256", 256)`, `("Ed25519", 256)`, or the algorithm OID with nil bits.
    package static func describe(spki: [UInt8]) -> (type: String, bits: Int?) {
        guard let root = try? DER.parse(spki), case .constructed(let children) = root.content else { return ("unknown", nil) }
        let nodes = Array(children)
        guard nodes.count == 2, case .constructed(let algorithm) = nodes[0].content else { return ("unknown", nil) }
        let parts = Array(algorithm)
        guard let oidNode = parts.first, let oid = try? ASN1ObjectIdentifier(derEncoded: oidNode) else { return ("unknown", nil) }
        switch oid {
        case rsa: return ("RSA", rsaModulusBits(spki))
        case ec:
            if parts.count > 1, let curve = try? ASN1ObjectIdentifier(derEncoded: parts[1]), let known = curves[curve] {
                return (known.0, known.1)
            }
            return ("ECDSA", nil)
        case ed25519: return ("Ed25519", 256)
        default: return (oid.description, nil)
        }
    }

    /// The modulus size of an RSA key given as SubjectPublicKeyInfo or as a bare PKCS#1 RSAPublicKey.
    package static func rsaModulusBits(_ der: [UInt8]) -> Int? {
        guard let root = try? DER.parse(der), case .constructed(let children) = root.content else { return nil }
        let nodes = Array(children)
        guard nodes.count == 2 else { return nil }
        if nodes[0].identifier == .integer {  // PKCS#1 RSAPublicKey { modulus, exponent }
            return (try? ArraySlice<UInt8>(derEncoded: nodes[0])).map(bitLength)
        }
        guard case .constructed(let algorithm) = nodes[0].content, let oidNode = Array(algorithm).first,
            let oid = try? ASN1ObjectIdentifier(derEncoded: oidNode), oid == rsa,
            let bits = try? ASN1BitString(derEncoded: nodes[1])
        else { return nil }
        return rsaModulusBits(Array(bits.bytes))
    }

    static func bitLength(_ bytes: ArraySlice<UInt8>) -> Int {
        let trimmed = bytes.drop { $0 == 0 }
        guard let first = trimmed.first else { return 0 }
        return trimmed.count * 8 - first.leadingZeroBitCount
    }
}

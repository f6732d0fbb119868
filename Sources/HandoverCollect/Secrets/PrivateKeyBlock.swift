import Foundation
import SwiftASN1

/// Whether a `-----BEGIN … PRIVATE KEY-----` block holds a key: its body must decode from base64 and parse as
/// one of the key encodings below. A truncated example (`MIIEpA...`), a marker inside a minified line or a
/// source map, or a block whose body is prose is not a key.
enum PrivateKeyBlock {
    /// The key kinds the parser knows, by the label in the BEGIN line.
    enum Kind: Equatable {
        case rsa, ec, dsa, pkcs8, encryptedPKCS8, openSSH, pgp
    }

    /// The kind of the block starting at `text`'s `-----BEGIN`, when its body parses as that kind; nil otherwise.
    /// `text` runs from the BEGIN line to (at least) the END line.
    static func parse(_ text: Substring) -> Kind? {
        guard text.hasPrefix("-----BEGIN "), let close = text.dropFirst(11).range(of: "-----"),
              let end = text[close.upperBound...].range(of: "-----END ") else { return nil }
        let kind: Kind
        switch text[text.index(text.startIndex, offsetBy: 11)..<close.lowerBound] {
        case "RSA PRIVATE KEY": kind = .rsa
        case "EC PRIVATE KEY": kind = .ec
        case "DSA PRIVATE KEY": kind = .dsa
        case "ENCRYPTED PRIVATE KEY": kind = .encryptedPKCS8
        case "OPENSSH PRIVATE KEY": kind = .openSSH
        case "PGP PRIVATE KEY BLOCK": kind = .pgp
        case "PRIVATE KEY": kind = .pkcs8
        default: return nil
        }
        var lines = text[close.upperBound..<end.lowerBound].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        // Legacy encrypted PEM (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) and PGP armour carry headers, then a blank line.
        let hasHeaders = lines.contains { $0.contains(": ") }
        if hasHeaders { lines = Array(lines.drop { !$0.isEmpty && $0.contains(":") }) }
        if kind == .pgp, let checksum = lines.lastIndex(where: { $0.hasPrefix("=") }) { lines.removeSubrange(checksum...) }
        let body = lines.filter { !$0.isEmpty }.joined()
        guard body.count >= 64, let der = Data(base64Encoded: body) else { return nil }
        let bytes = [UInt8](der)
        if hasHeaders && kind != .pgp {
            // The DER is encrypted: only its length can be judged (a block cipher's whole blocks).
            return bytes.count >= 64 && bytes.count % 8 == 0 ? kind : nil
        }
        return parses(bytes, as: kind) ? kind : nil
    }

    static func parses(_ bytes: [UInt8], as kind: Kind) -> Bool {
        switch kind {
        case .openSSH:
            return bytes.starts(with: Array("openssh-key-v1\0".utf8)) && bytes.count > 100
        case .pgp:
            // A secret-key packet first: old format tag 5 (0x94…0x97) or new format 0xC5.
            guard let first = bytes.first else { return false }
            return (first & 0xFC) == 0x94 || first == 0xC5
        default:
            guard let root = try? DER.parse(bytes), root.identifier == .sequence, case .constructed(let children) = root.content else { return false }
            let items = Array(children)
            func isInteger(_ i: Int) -> Bool { i < items.count && items[i].identifier == .integer }
            func isOctets(_ i: Int) -> Bool { i < items.count && items[i].identifier == .octetString }
            func isSequence(_ i: Int) -> Bool { i < items.count && items[i].identifier == .sequence }
            switch kind {
            case .rsa: return items.count >= 9 && (0..<9).allSatisfy(isInteger)  // version, n, e, d, p, q, dp, dq, qinv
            case .dsa: return items.count == 6 && (0..<6).allSatisfy(isInteger)
            case .ec: return isInteger(0) && isOctets(1)  // SEC1: version 1, the private key, [0] curve, [1] public key
            case .pkcs8: return isInteger(0) && isSequence(1) && isOctets(2)  // version, algorithm, the key
            case .encryptedPKCS8: return items.count == 2 && isSequence(0) && isOctets(1)
            case .openSSH, .pgp: return false
            }
        }
    }
}

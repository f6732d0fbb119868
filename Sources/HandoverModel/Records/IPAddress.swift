import Foundation

/// An IPv4 or IPv6 address as bytes, for CIDR matching.
package struct IPAddress: Sendable, Equatable, CustomStringConvertible {
    package var bytes: [UInt8]

    package var isIPv4: Bool { bytes.count == 4 }

    package init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let all = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4-mapped IPv6 address is checked as IPv4 (RFC 7208 §5).
            if all[0..<10].allSatisfy({ $0 == 0 }) && all[10] == 0xFF && all[11] == 0xFF {
                bytes = Array(all[12..<16])
            } else {
                bytes = all
            }
            return
        }
        return nil
    }

    /// Loopback, link-local or unspecified: an address inside the machine or its link (127.0.0.0/8, 169.254.0.0/16,
    /// 0.0.0.0/8, ::1, fe80::/10, ::) — where a cloud's metadata service and local admin ports live.
    package var isInternal: Bool {
        if isIPv4 { return bytes[0] == 127 || bytes[0] == 0 || (bytes[0] == 169 && bytes[1] == 254) }
        let zeroPrefix = bytes[0..<15].allSatisfy { $0 == 0 }
        return (zeroPrefix && (bytes[15] == 1 || bytes[15] == 0)) || (bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80)
    }

    /// True when the first `prefix` bits equal those of `network` (same family only).
    package func isIn(_ network: IPAddress, prefix: Int) -> Bool {
        guard bytes.count == network.bytes.count, prefix >= 0, prefix <= bytes.count * 8 else { return false }
        var remaining = prefix
        for (a, b) in zip(bytes, network.bytes) {
            if remaining <= 0 { return true }
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }

    package var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var raw = bytes
        _ = inet_ntop(isIPv4 ? AF_INET : AF_INET6, &raw, &buffer, socklen_t(buffer.count))
        return String(cString: buffer)
    }

    /// The reverse-lookup name: `4.3.2.1.in-addr.arpa` or nibbles under `ip6.arpa`.
    package var reverseName: String {
        if isIPv4 { return bytes.reversed().map(String.init).joined(separator: ".") + ".in-addr.arpa" }
        let nibbles = bytes.flatMap { [String($0 >> 4, radix: 16), String($0 & 0xF, radix: 16)] }
        return nibbles.reversed().joined(separator: ".") + ".ip6.arpa"
    }

    /// The `i` macro form: dotted IPv4, or dot-separated nibbles for IPv6 (RFC 7208 §7.3).
    package var macroForm: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        return bytes.flatMap { [String($0 >> 4, radix: 16), String($0 & 0xF, radix: 16)] }.joined(separator: ".")
    }
}

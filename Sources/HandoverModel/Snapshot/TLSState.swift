import Foundation

/// The certificates hosts really serve, and whether a browser would trust them.
package struct TLSState: Codable, Sendable, Equatable {
    /// Where trust was judged from: `system` or the `--ca-file` / `collect.ca_file` path.
    package var trustStore: String
    /// Sorted by host, then port.
    package var hosts: [HostTLS]

    package init(trustStore: String, hosts: [HostTLS]) {
        self.trustStore = trustStore
        self.hosts = hosts
    }
}

/// One TLS handshake.
package struct HostTLS: Codable, Sendable, Equatable {
    package enum Outcome: String, Codable, Sendable, LenientRawEnum {
        /// The handshake completed (the chain may still be untrusted: see `verdict`).
        case handshake
        case refused, timeout
        /// The name had no address to connect to.
        case noAddress = "no-address"
        case handshakeFailed = "handshake-failed"
        case error, unknown
    }

    package var host: String
    package var port: Int
    /// The address connected to (from DNS or `connect_to`).
    package var address: String?
    /// Where the address came from: `dns` or `connect_to`.
    package var addressSource: String?
    /// The port dialled when `connect_to` sent the probe elsewhere than `port`.
    package var connectPort: Int?
    package var outcome: Outcome
    package var detail: String?
    /// `TLSv1.3`, `TLSv1.2`, …
    package var tlsVersion: String?
    package var alpn: String?
    /// The chain as the server sent it, leaf first; captured even when verification fails.
    package var chain: [CertificateInfo]
    /// What the verifier said of the chain against the trust store; nil when no chain could be read. Dates, names
    /// and self-signing are judged from `chain` when read (`verdict(at:)`).
    package var verification: ChainVerification?

    package init(host: String, port: Int, address: String?, addressSource: String?, outcome: Outcome, detail: String? = nil,
                tlsVersion: String? = nil, alpn: String? = nil, chain: [CertificateInfo] = [], verification: ChainVerification? = nil) {
        self.host = host
        self.port = port
        self.address = address
        self.addressSource = addressSource
        self.outcome = outcome
        self.detail = detail
        self.tlsVersion = tlsVersion
        self.alpn = alpn
        self.chain = chain
        self.verification = verification
    }

    enum CodingKeys: String, CodingKey {
        case host, port, address, addressSource, connectPort, outcome, detail, tlsVersion, alpn, chain, verification
        case legacyVerdict = "verdict"
    }

    /// The part of a schema-1 `verdict` that was the verifier's word; the rest is judged again from the chain.
    private struct LegacyVerdict: Decodable {
        var unknownIssuer: Bool
        var detail: String?
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        host = try c.decode(String.self, forKey: .host)
        port = try c.decode(Int.self, forKey: .port)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        addressSource = try c.decodeIfPresent(String.self, forKey: .addressSource)
        connectPort = try c.decodeIfPresent(Int.self, forKey: .connectPort)
        outcome = try c.decode(Outcome.self, forKey: .outcome)
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        tlsVersion = try c.decodeIfPresent(String.self, forKey: .tlsVersion)
        alpn = try c.decodeIfPresent(String.self, forKey: .alpn)
        chain = try c.decodeIfPresent([CertificateInfo].self, forKey: .chain) ?? []
        verification = try c.decodeIfPresent(ChainVerification.self, forKey: .verification)
        if verification == nil, let legacy = try c.decodeIfPresent(LegacyVerdict.self, forKey: .legacyVerdict) {
            verification = ChainVerification(issuerTrusted: !legacy.unknownIssuer, detail: legacy.detail)
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(host, forKey: .host)
        try c.encode(port, forKey: .port)
        try c.encodeIfPresent(address, forKey: .address)
        try c.encodeIfPresent(addressSource, forKey: .addressSource)
        try c.encodeIfPresent(connectPort, forKey: .connectPort)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(detail, forKey: .detail)
        try c.encodeIfPresent(tlsVersion, forKey: .tlsVersion)
        try c.encodeIfPresent(alpn, forKey: .alpn)
        try c.encode(chain, forKey: .chain)
        try c.encodeIfPresent(verification, forKey: .verification)
    }

    package var leaf: CertificateInfo? { chain.first }
}

/// What one certificate says about itself.
package struct CertificateInfo: Codable, Sendable, Equatable {
    package var subject: String
    package var issuer: String
    /// The issuer's organization (O=), for "renewed vs replaced" and CAA.
    package var issuerOrganization: String?
    /// DNS names and IP addresses of the subjectAltName extension.
    package var subjectAlternativeNames: [String]
    /// Hex bytes separated by colons, every byte two digits (`48:0c:34`), as openssl and browsers print it.
    package var serial: String
    /// SHA-256 of the DER, hex.
    package var sha256: String
    package var notBefore: Date
    package var notAfter: Date
    /// `RSA`, `ECDSA P-256`, `Ed25519`, …
    package var keyType: String
    package var keyBits: Int?
    package var signatureAlgorithm: String

    package init(subject: String, issuer: String, issuerOrganization: String?, subjectAlternativeNames: [String], serial: String,
                sha256: String, notBefore: Date, notAfter: Date, keyType: String, keyBits: Int?, signatureAlgorithm: String) {
        self.subject = subject
        self.issuer = issuer
        self.issuerOrganization = issuerOrganization
        self.subjectAlternativeNames = subjectAlternativeNames
        self.serial = Self.paddedSerial(serial)
        self.sha256 = sha256
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.keyType = keyType
        self.keyBits = keyBits
        self.signatureAlgorithm = signatureAlgorithm
    }

    /// A serial with every byte as two hex digits: snapshots written before the padding (`48:c:34`) compare and print
    /// equal to ones written after it (`48:0c:34`).
    package static func paddedSerial(_ serial: String) -> String {
        serial.split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.count == 1 ? "0" + $0.lowercased() : $0.lowercased() }
            .joined(separator: ":")
    }

    /// Validity period in whole days (e.g. 90 for ACME certificates).
    package var lifetimeDays: Int { Int(notAfter.timeIntervalSince(notBefore) / 86_400) }
}

/// What swift-certificates' verifier said of a chain, with validity dates switched off: whether the issuer leads to a
/// root of the trust store. An observation about the store of the collecting machine, so it is recorded.
package struct ChainVerification: Codable, Sendable, Equatable {
    package var issuerTrusted: Bool
    /// The verifier's own words when the chain did not lead to a trusted root.
    package var detail: String?

    package init(issuerTrusted: Bool, detail: String?) {
        self.issuerTrusted = issuerTrusted
        self.detail = detail
    }
}

/// Whether a browser would accept the chain, as structured flags; judged from the facts (`HostTLS.verdict(at:)`).
package struct TrustVerdict: Sendable, Equatable {
    package var trusted: Bool
    package var expired: Bool
    package var notYetValid: Bool
    package var selfSigned: Bool
    /// The chain does not lead to a root of the trust store.
    package var unknownIssuer: Bool
    package var hostnameMismatch: Bool
    /// Days until the leaf expires at the time judged (negative once expired).
    package var daysLeft: Int
    /// The verifier's own words when the chain did not validate.
    package var detail: String?

    package init(trusted: Bool, expired: Bool, notYetValid: Bool, selfSigned: Bool, unknownIssuer: Bool, hostnameMismatch: Bool,
                daysLeft: Int, detail: String?) {
        self.trusted = trusted
        self.expired = expired
        self.notYetValid = notYetValid
        self.selfSigned = selfSigned
        self.unknownIssuer = unknownIssuer
        self.hostnameMismatch = hostnameMismatch
        self.daysLeft = daysLeft
        self.detail = detail
    }
}

/// RFC 6125 §6.4 name matching of a host against a certificate's subjectAltName entries.
package enum HostnameMatch {
    /// True when `host` matches a DNS name (a `*.` wildcard covers exactly one left-most label) or an IP entry.
    package static func matches(_ host: String, sans: [String]) -> Bool {
        let host = DNSName.normalized(host)
        if IPAddress(host) != nil {
            return sans.contains { IPAddress($0).map { $0 == IPAddress(host) } ?? false }
        }
        return sans.contains { san in
            let name = DNSName.normalized(san)
            if name == host { return true }
            guard name.hasPrefix("*.") else { return false }
            let suffix = name.dropFirst(1)  // ".example.com"
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
    }
}

import Foundation

/// The certificates hosts really serve, and whether a browser would trust them.
///
/// Stored with each certificate once (schema 3): `certificates` holds every certificate the hosts served, sorted by
/// SHA-256, and each host's `chain` names its certificates by that hash. One certificate is commonly served by every
/// host of a domain (and a shared edge certificate names hundreds of hosts), so writing it per host repeated its
/// names once per host. Read back, hosts serving one certificate share one value. Schema 1 and 2 files, with the
/// chains written out in full, are still read.
package struct TLSState: Codable, Sendable, Equatable {
    /// Where trust was judged from: `system` or the `--ca-file` / `collect.ca_file` path.
    package var trustStore: String
    /// Sorted by host, then port.
    package var hosts: [HostTLS]

    package init(trustStore: String, hosts: [HostTLS]) {
        self.trustStore = trustStore
        self.hosts = hosts
    }

    /// Every certificate the hosts served, once each, sorted by SHA-256.
    package var certificates: [CertificateInfo] {
        var seen = Set<String>()
        var all: [CertificateInfo] = []
        for host in hosts {
            for certificate in host.chain where seen.insert(certificate.sha256).inserted { all.append(certificate) }
        }
        return all.sorted { $0.sha256 < $1.sha256 }
    }

    enum CodingKeys: String, CodingKey {
        case trustStore, certificates, hosts
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        trustStore = try c.decode(String.self, forKey: .trustStore)
        // Absent before schema 3, whose chains are written out in full.
        let table = try c.decodeIfPresent([CertificateInfo].self, forKey: .certificates).map { certificates in
            Dictionary(certificates.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        }
        var list = try c.nestedUnkeyedContainer(forKey: .hosts)
        var hosts: [HostTLS] = []
        if let count = list.count { hosts.reserveCapacity(count) }
        while !list.isAtEnd {
            hosts.append(try HostTLS(from: try list.superDecoder(), certificates: table))
        }
        self.hosts = hosts
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trustStore, forKey: .trustStore)
        try c.encode(certificates, forKey: .certificates)
        try c.encode(hosts.map(ChainByReference.init), forKey: .hosts)
    }

    /// A host as the section stores it: its chain as the SHA-256 of each certificate.
    private struct ChainByReference: Encodable {
        let host: HostTLS
        func encode(to encoder: any Encoder) throws { try host.encode(to: encoder, chainByReference: true) }
    }
}

/// Makes hosts that were served one certificate share one value, as the collector gathers them: a certificate naming
/// hundreds of hosts is then held once, not once per host.
package struct CertificateSharing: Sendable {
    private var known: [String: CertificateInfo] = [:]

    package init() {}

    /// `host` with each certificate of its chain replaced by the first one seen with the same SHA-256.
    package mutating func sharing(_ host: HostTLS) -> HostTLS {
        var host = host
        host.chain = host.chain.map { certificate in
            if let first = known[certificate.sha256] { return first }
            known[certificate.sha256] = certificate
            return certificate
        }
        return host
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
        try self.init(from: decoder, certificates: nil)
    }

    /// `certificates`: the section's certificates by SHA-256 when the chain names them (schema 3), nil when the chain
    /// is written out in full (schemas 1 and 2).
    init(from decoder: any Decoder, certificates: [String: CertificateInfo]?) throws {
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
        if let certificates {
            chain = try (c.decodeIfPresent([String].self, forKey: .chain) ?? []).map { sha256 in
                guard let certificate = certificates[sha256] else {
                    throw DecodingError.dataCorruptedError(forKey: .chain, in: c,
                                                           debugDescription: "no certificate \(sha256) in the section's `certificates`")
                }
                return certificate
            }
        } else {
            chain = try c.decodeIfPresent([CertificateInfo].self, forKey: .chain) ?? []
        }
        verification = try c.decodeIfPresent(ChainVerification.self, forKey: .verification)
        if verification == nil, let legacy = try c.decodeIfPresent(LegacyVerdict.self, forKey: .legacyVerdict) {
            verification = ChainVerification(issuerTrusted: !legacy.unknownIssuer, detail: legacy.detail)
        }
    }

    package func encode(to encoder: any Encoder) throws {
        try encode(to: encoder, chainByReference: false)
    }

    /// `chainByReference`: the chain as each certificate's SHA-256, as `TLSState` stores it beside its `certificates`.
    func encode(to encoder: any Encoder, chainByReference: Bool) throws {
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
        if chainByReference {
            try c.encode(chain.map(\.sha256), forKey: .chain)
        } else {
            try c.encode(chain, forKey: .chain)
        }
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

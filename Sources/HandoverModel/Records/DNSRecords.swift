/// Record types handover queries.
package enum DNSRecordType: String, Codable, Sendable, CaseIterable, LenientRawEnum {
    case a = "A", aaaa = "AAAA", cname = "CNAME", mx = "MX", ns = "NS", soa = "SOA", txt = "TXT", caa = "CAA"
    case ds = "DS", dnskey = "DNSKEY", spf = "SPF", ptr = "PTR"
    case unknown

    /// The IANA type code.
    package var code: UInt16 {
        switch self {
        case .a: return 1
        case .ns: return 2
        case .cname: return 5
        case .ptr: return 12
        case .soa: return 6
        case .mx: return 15
        case .txt: return 16
        case .aaaa: return 28
        case .ds: return 43
        case .dnskey: return 48
        case .spf: return 99
        case .caa: return 257
        case .unknown: return 0
        }
    }

    package init(code: UInt16) {
        self = DNSRecordType.allCases.first { $0.code == code && $0 != .unknown } ?? .unknown
    }
}

/// How a query ended. Every outcome is data; none is an error of the snapshot.
package enum DNSOutcome: String, Codable, Sendable, LenientRawEnum {
    /// NOERROR with records of the asked type.
    case answer
    /// NOERROR without records of the asked type.
    case nodata
    case nxdomain, servfail, refused
    /// No answer within timeout × retries.
    case timeout
    /// A malformed answer or another rcode (FORMERR, NOTIMP, …); see `detail`.
    case error
    case unknown
}

/// One resource record as answered: owner, type, TTL and the value in presentation form (TXT strings joined).
package struct DNSRecord: Codable, Sendable, Equatable, Hashable {
    package var name: String
    package var type: DNSRecordType
    package var ttl: Int
    package var value: String
    /// What is unusual about a text value: `control-bytes`, `non-ascii`, `invalid-utf8`; nil when nothing is.
    /// The value is kept as answered; renderers escape it.
    package var flags: [String]?

    package init(name: String, type: DNSRecordType, ttl: Int, value: String) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.value = value
        flags = Self.flags(of: value)
    }

    static func flags(of value: String) -> [String]? {
        var flags: [String] = []
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { flags.append("control-bytes") }
        if value.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }) { flags.append("invalid-utf8") }
        if value.unicodeScalars.contains(where: { $0.value > 0x7E && $0 != "\u{FFFD}" }) { flags.append("non-ascii") }
        return flags.isEmpty ? nil : flags
    }
}

/// The answer to one query.
package struct DNSResponse: Codable, Sendable, Equatable {
    package var outcome: DNSOutcome
    /// Records of the asked type at the end of any CNAME chain, sorted by value.
    package var records: [DNSRecord]
    /// CNAME records followed to reach the answer, in order.
    package var chain: [DNSRecord]
    /// The resolver set the AD (authenticated data) bit.
    package var authenticated: Bool
    /// What went wrong, for `error` and `timeout`.
    package var detail: String?

    package init(outcome: DNSOutcome, records: [DNSRecord] = [], chain: [DNSRecord] = [], authenticated: Bool = false,
                detail: String? = nil) {
        self.outcome = outcome
        self.records = records
        self.chain = chain
        self.authenticated = authenticated
        self.detail = detail
    }

    /// The values of the answer's records.
    package var values: [String] { records.map(\.value) }
}

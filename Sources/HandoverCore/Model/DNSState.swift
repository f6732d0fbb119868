/// The DNS map: for every domain of the manifest, what its names resolve to, as answered.
public struct DNSState: Codable, Sendable, Equatable {
    /// The resolvers asked (`system` when /etc/resolv.conf was used).
    public var resolvers: [String]
    /// Sorted by domain name.
    public var domains: [DomainDNS]

    public init(resolvers: [String], domains: [DomainDNS]) {
        self.resolvers = resolvers
        self.domains = domains
    }
}

/// One domain's records.
public struct DomainDNS: Codable, Sendable, Equatable {
    public var name: String
    /// The apex (`@`) and every host, sorted by name.
    public var hosts: [HostDNS]
    public var mx: DNSResponse
    /// Whether each MX target has an address.
    public var mxTargets: [MXTarget]
    public var ns: DNSResponse
    public var soa: DNSResponse
    /// The SOA serial, when the SOA answered.
    public var soaSerial: Int?
    public var dnssec: DNSSECState
    /// The manifest's `expect` entries checked against the answers.
    public var expectations: [ExpectationResult]
    /// Providers recognised from NS, MX, SPF includes and CNAME targets.
    public var providers: [ProviderDetection]

    public init(name: String, hosts: [HostDNS], mx: DNSResponse, mxTargets: [MXTarget], ns: DNSResponse, soa: DNSResponse,
                soaSerial: Int?, dnssec: DNSSECState, expectations: [ExpectationResult], providers: [ProviderDetection]) {
        self.name = name
        self.hosts = hosts
        self.mx = mx
        self.mxTargets = mxTargets
        self.ns = ns
        self.soa = soa
        self.soaSerial = soaSerial
        self.dnssec = dnssec
        self.expectations = expectations
        self.providers = providers
    }
}

/// One host's address and text records.
public struct HostDNS: Codable, Sendable, Equatable {
    /// `@` for the apex, else the label as written in the manifest.
    public var label: String
    public var name: String
    /// A answer; its `chain` is the host's CNAME chain.
    public var a: DNSResponse
    public var aaaa: DNSResponse
    public var txt: DNSResponse
    public var caa: CAAResult

    public init(label: String, name: String, a: DNSResponse, aaaa: DNSResponse, txt: DNSResponse, caa: CAAResult) {
        self.label = label
        self.name = name
        self.a = a
        self.aaaa = aaaa
        self.txt = txt
        self.caa = caa
    }

    /// The host's CNAME chain, in order.
    public var cnameChain: [String] { a.chain.map(\.value) }
}

/// The CAA records that govern a name, found by climbing towards the root (RFC 8659 §3).
public struct CAAResult: Codable, Sendable, Equatable {
    /// The name whose CAA RRset applies; nil when no name up to the TLD has one.
    public var foundAt: String?
    public var records: [DNSRecord]
    /// Every name asked, in order, with its outcome.
    public var climb: [CAAStep]

    public init(foundAt: String?, records: [DNSRecord], climb: [CAAStep]) {
        self.foundAt = foundAt
        self.records = records
        self.climb = climb
    }
}

public struct CAAStep: Codable, Sendable, Equatable {
    public var name: String
    public var outcome: DNSOutcome

    public init(name: String, outcome: DNSOutcome) {
        self.name = name
        self.outcome = outcome
    }
}

/// An MX target and whether it has an address.
public struct MXTarget: Codable, Sendable, Equatable {
    public var preference: Int
    public var host: String
    /// True for a null MX (`0 .`, RFC 7505): the domain accepts no mail.
    public var nullMX: Bool
    public var a: DNSOutcome
    public var aaaa: DNSOutcome

    public init(preference: Int, host: String, nullMX: Bool, a: DNSOutcome, aaaa: DNSOutcome) {
        self.preference = preference
        self.host = host
        self.nullMX = nullMX
        self.a = a
        self.aaaa = aaaa
    }

    /// The target has an A or AAAA record.
    public var resolves: Bool { a == .answer || aaaa == .answer }
}

/// DNSSEC presence: a DS at the parent, a DNSKEY at the apex, and whether the resolver validated.
public struct DNSSECState: Codable, Sendable, Equatable {
    public var ds: DNSOutcome
    public var dnskey: DNSOutcome
    /// The resolver set the AD bit on the apex answer.
    public var authenticated: Bool

    public init(ds: DNSOutcome, dnskey: DNSOutcome, authenticated: Bool) {
        self.ds = ds
        self.dnskey = dnskey
        self.authenticated = authenticated
    }

    /// Signed and delegated: DS at the parent and DNSKEY at the apex.
    public var enabled: Bool { ds == .answer && dnskey == .answer }
}

/// A manifest `expect` entry against what DNS answered.
public struct ExpectationResult: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable, LenientRawEnum {
        case match, mismatch
        /// The query failed (timeout, SERVFAIL, …): not known to match or not.
        case unknown
    }

    public var host: String
    public var type: DNSRecordType
    public var expected: [String]
    public var actual: [String]
    public var outcome: DNSOutcome
    public var manifestLine: Int

    public init(host: String, type: DNSRecordType, expected: [String], actual: [String], outcome: DNSOutcome,
                manifestLine: Int) {
        self.host = host
        self.type = type
        self.expected = expected
        self.actual = actual
        self.outcome = outcome
        self.manifestLine = manifestLine
    }
}

/// A provider recognised from a record: "DNS is at Cloudflare (from NS)".
public struct ProviderDetection: Codable, Sendable, Equatable, Hashable {
    public enum Role: String, Codable, Sendable, LenientRawEnum {
        case dns, mailbox, sending, hosting, unknown
    }

    public var role: Role
    public var provider: String
    /// The record type it was recognised from (NS, MX, SPF, CNAME, A).
    public var source: String
    /// The value that matched.
    public var evidence: String

    public init(role: Role, provider: String, source: String, evidence: String) {
        self.role = role
        self.provider = provider
        self.source = source
        self.evidence = evidence
    }
}

/// The DNS map: for every domain of the manifest, what its names resolve to, as answered.
package struct DNSState: Codable, Sendable, Equatable {
    /// The resolvers asked (`system` when /etc/resolv.conf was used).
    package var resolvers: [String]
    /// Sorted by domain name.
    package var domains: [DomainDNS]

    package init(resolvers: [String], domains: [DomainDNS]) {
        self.resolvers = resolvers
        self.domains = domains
    }

    /// The first host of any domain that `predicate` accepts, found without gathering every domain's hosts into one
    /// array first (asked once per host, that copy made a 500-host audit quadratic).
    package func firstHost(where predicate: (HostDNS) -> Bool) -> HostDNS? {
        for domain in domains {
            if let host = domain.hosts.first(where: predicate) { return host }
        }
        return nil
    }
}

/// One domain's records.
package struct DomainDNS: Codable, Sendable, Equatable {
    package var name: String
    /// The apex (`@`) and every host, sorted by name.
    package var hosts: [HostDNS]
    package var mx: DNSResponse
    /// Whether each MX target has an address.
    package var mxTargets: [MXTarget]
    package var ns: DNSResponse
    package var soa: DNSResponse
    /// The SOA serial, when the SOA answered.
    package var soaSerial: Int?
    package var dnssec: DNSSECState
    /// The manifest's `expect` entries checked against the answers.
    package var expectations: [ExpectationResult]
    /// Providers recognised from NS, MX, SPF includes and CNAME targets.
    package var providers: [ProviderDetection]

    package init(name: String, hosts: [HostDNS], mx: DNSResponse, mxTargets: [MXTarget], ns: DNSResponse, soa: DNSResponse,
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
package struct HostDNS: Codable, Sendable, Equatable {
    /// `@` for the apex, else the label as written in the manifest.
    package var label: String
    package var name: String
    /// A answer; its `chain` is the host's CNAME chain.
    package var a: DNSResponse
    package var aaaa: DNSResponse
    package var txt: DNSResponse
    package var caa: CAAResult

    package init(label: String, name: String, a: DNSResponse, aaaa: DNSResponse, txt: DNSResponse, caa: CAAResult) {
        self.label = label
        self.name = name
        self.a = a
        self.aaaa = aaaa
        self.txt = txt
        self.caa = caa
    }

    /// The host's CNAME chain, in order.
    package var cnameChain: [String] { a.chain.map(\.value) }
}

/// The CAA records that govern a name, found by climbing towards the root (RFC 8659 §3).
package struct CAAResult: Codable, Sendable, Equatable {
    /// The name whose CAA RRset applies; nil when no name up to the TLD has one.
    package var foundAt: String?
    package var records: [DNSRecord]
    /// Every name asked, in order, with its outcome.
    package var climb: [CAAStep]

    package init(foundAt: String?, records: [DNSRecord], climb: [CAAStep]) {
        self.foundAt = foundAt
        self.records = records
        self.climb = climb
    }
}

package struct CAAStep: Codable, Sendable, Equatable {
    package var name: String
    package var outcome: DNSOutcome

    package init(name: String, outcome: DNSOutcome) {
        self.name = name
        self.outcome = outcome
    }
}

/// An MX target and whether it has an address.
package struct MXTarget: Codable, Sendable, Equatable {
    package var preference: Int
    package var host: String
    /// True for a null MX (`0 .`, RFC 7505): the domain accepts no mail.
    package var nullMX: Bool
    package var a: DNSOutcome
    package var aaaa: DNSOutcome

    package init(preference: Int, host: String, nullMX: Bool, a: DNSOutcome, aaaa: DNSOutcome) {
        self.preference = preference
        self.host = host
        self.nullMX = nullMX
        self.a = a
        self.aaaa = aaaa
    }

    /// The target has an A or AAAA record.
    package var resolves: Bool { a == .answer || aaaa == .answer }
}

/// DNSSEC presence: a DS at the parent, a DNSKEY at the apex, and whether the resolver validated.
package struct DNSSECState: Codable, Sendable, Equatable {
    package var ds: DNSOutcome
    package var dnskey: DNSOutcome
    /// The resolver set the AD bit on the apex answer.
    package var authenticated: Bool

    package init(ds: DNSOutcome, dnskey: DNSOutcome, authenticated: Bool) {
        self.ds = ds
        self.dnskey = dnskey
        self.authenticated = authenticated
    }

    /// Signed and delegated: DS at the parent and DNSKEY at the apex.
    package var enabled: Bool { ds == .answer && dnskey == .answer }
}

/// A manifest `expect` entry against what DNS answered.
package struct ExpectationResult: Codable, Sendable, Equatable {
    package enum Verdict: String, Codable, Sendable, LenientRawEnum {
        case match, mismatch
        /// The query failed (timeout, SERVFAIL, …): not known to match or not.
        case unknown
    }

    package var host: String
    package var type: DNSRecordType
    package var expected: [String]
    package var actual: [String]
    package var outcome: DNSOutcome
    package var manifestLine: Int

    package init(host: String, type: DNSRecordType, expected: [String], actual: [String], outcome: DNSOutcome,
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
package struct ProviderDetection: Codable, Sendable, Equatable, Hashable {
    package enum Role: String, Codable, Sendable, LenientRawEnum {
        case dns, mailbox, sending, hosting, unknown
    }

    package var role: Role
    package var provider: String
    /// The record type it was recognised from (NS, MX, SPF, CNAME, A).
    package var source: String
    /// The value that matched.
    package var evidence: String

    package init(role: Role, provider: String, source: String, evidence: String) {
        self.role = role
        self.provider = provider
        self.source = source
        self.evidence = evidence
    }
}

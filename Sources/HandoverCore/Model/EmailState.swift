/// Email authentication per domain: SPF, DMARC, DKIM, MTA-STS, TLS-RPT, BIMI.
public struct EmailState: Codable, Sendable, Equatable {
    /// The public suffix list used for organizational domains.
    public var publicSuffixVersion: String
    public var domains: [DomainEmail]

    public init(publicSuffixVersion: String, domains: [DomainEmail]) {
        self.publicSuffixVersion = publicSuffixVersion
        self.domains = domains
    }
}

/// A specific verdict with a stable code (`spf.lookup-limit`, `dmarc.policy-none`, …) and the facts behind it.
public struct EmailVerdict: Codable, Sendable, Equatable, Hashable {
    public var code: String
    public var detail: String

    public init(_ code: String, _ detail: String) {
        self.code = code
        self.detail = detail
    }
}

/// Pass when nothing is wrong.
public enum EmailStatus: String, Codable, Sendable, LenientRawEnum {
    case pass, warn, fail, unknown
}

public struct DomainEmail: Codable, Sendable, Equatable {
    public var name: String
    /// MX records, or an SPF record other than `v=spf1 -all`.
    public var sendsMail: Bool
    public var spf: SPFReport
    public var dmarc: DMARCReport
    /// Configured selectors, and probed ones that exist; a probed selector that is absent is not listed.
    public var dkim: [DKIMReport]
    public var mtaSTS: PresenceReport
    public var tlsRPT: PresenceReport
    public var bimi: PresenceReport

    public init(name: String, sendsMail: Bool, spf: SPFReport, dmarc: DMARCReport, dkim: [DKIMReport], mtaSTS: PresenceReport,
                tlsRPT: PresenceReport, bimi: PresenceReport) {
        self.name = name
        self.sendsMail = sendsMail
        self.spf = spf
        self.dmarc = dmarc
        self.dkim = dkim
        self.mtaSTS = mtaSTS
        self.tlsRPT = tlsRPT
        self.bimi = bimi
    }
}

public struct SPFReport: Codable, Sendable, Equatable {
    public var status: EmailStatus
    public var verdicts: [EmailVerdict]
    /// The whole include/redirect tree, recorded even past the limits.
    public var tree: SPFNode
    /// DNS-querying terms in the whole tree (limit 10).
    public var lookups: Int
    /// Lookups that found nothing (limit 2).
    public var voidLookups: Int
}

/// One domain's SPF record within the tree.
public struct SPFNode: Codable, Sendable, Equatable {
    public var domain: String
    /// How it was reached: `include:x`, `redirect=x`, or nil for the root.
    public var via: String?
    public var outcome: DNSOutcome
    /// The SPF record(s) found; more than one is a permerror.
    public var records: [String]
    public var errors: [String]
    public var children: [SPFNode]

    public init(domain: String, via: String?, outcome: DNSOutcome, records: [String], errors: [String], children: [SPFNode]) {
        self.domain = domain
        self.via = via
        self.outcome = outcome
        self.records = records
        self.errors = errors
        self.children = children
    }
}

public struct DMARCReport: Codable, Sendable, Equatable {
    public var status: EmailStatus
    public var verdicts: [EmailVerdict]
    /// The name whose record applies (`_dmarc.<domain>` or `_dmarc.<organizational domain>`).
    public var foundAt: String?
    public var outcome: DNSOutcome
    public var text: String?
    public var record: DMARCRecord?
    /// External report destinations and whether each authorized the reports (RFC 7489 §7.1).
    public var externalDestinations: [ExternalDestination]
    /// Every DMARC record at `foundAt` when there is more than one (receivers then apply none); nil otherwise.
    public var records: [String]? = nil
}

extension DomainEmail {
    /// The DMARC record found is the organisational domain's, not the domain's own: its `sp=` is what applies here
    /// (RFC 7489 §6.6.3).
    public var dmarcFromOrganizationalDomain: Bool {
        guard let foundAt = dmarc.foundAt else { return false }
        return foundAt != "_dmarc.\(name)"
    }

    /// The policy receivers apply to this domain's failing mail: `p=`, or for a subdomain covered by its organisational
    /// domain's record, `sp=` (falling back to `p=`). Nil when no usable record applies.
    public var effectiveDMARCPolicy: DMARCRecord.Policy? {
        guard let record = dmarc.record else { return nil }
        return dmarcFromOrganizationalDomain ? record.effectiveSubdomainPolicy : record.policy
    }

    /// Which tag decided `effectiveDMARCPolicy`, as written for evidence: `p=reject`, or `sp=none of _dmarc.example.com`.
    public var effectiveDMARCPolicyTag: String {
        let policy = effectiveDMARCPolicy?.rawValue ?? "none"
        guard dmarcFromOrganizationalDomain, let foundAt = dmarc.foundAt else { return "p=\(policy)" }
        let tag = dmarc.record?.subdomainPolicy != nil ? "sp" : "p"
        return "\(tag)=\(policy) of \(foundAt) (the organisational domain's record applies to \(name))"
    }
}

public struct ExternalDestination: Codable, Sendable, Equatable {
    public var domain: String
    /// The name asked: `<domain>._report._dmarc.<destination>`.
    public var query: String
    public var authorized: Bool
    public var outcome: DNSOutcome
}

public struct DKIMReport: Codable, Sendable, Equatable {
    public var selector: String
    /// From the manifest (true) or found by probing common selectors (false).
    public var configured: Bool
    public var status: EmailStatus
    public var verdicts: [EmailVerdict]
    public var outcome: DNSOutcome
    public var record: DKIMRecord?
}

/// Whether an optional record exists (MTA-STS, TLS-RPT, BIMI).
public struct PresenceReport: Codable, Sendable, Equatable {
    public var name: String
    public var present: Bool
    public var outcome: DNSOutcome
    public var text: String?
}

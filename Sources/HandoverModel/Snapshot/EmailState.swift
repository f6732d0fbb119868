/// Email authentication per domain: SPF, DMARC, DKIM, MTA-STS, TLS-RPT, BIMI.
package struct EmailState: Codable, Sendable, Equatable {
    /// The public suffix list used for organizational domains.
    package var publicSuffixVersion: String
    package var domains: [DomainEmail]

    package init(publicSuffixVersion: String, domains: [DomainEmail]) {
        self.publicSuffixVersion = publicSuffixVersion
        self.domains = domains
    }
}

/// A specific verdict with a stable code (`spf.lookup-limit`, `dmarc.policy-none`, …) and the facts behind it.
package struct EmailVerdict: Codable, Sendable, Equatable, Hashable {
    package var code: String
    package var detail: String

    package init(_ code: String, _ detail: String) {
        self.code = code
        self.detail = detail
    }
}

/// Pass when nothing is wrong.
package enum EmailStatus: String, Codable, Sendable, LenientRawEnum {
    case pass, warn, fail, unknown
}

package struct DomainEmail: Codable, Sendable, Equatable {
    package var name: String
    /// MX records, or an SPF record other than `v=spf1 -all`.
    package var sendsMail: Bool
    package var spf: SPFReport
    package var dmarc: DMARCReport
    /// Configured selectors, and probed ones that exist; a probed selector that is absent is not listed.
    package var dkim: [DKIMReport]
    package var mtaSTS: PresenceReport
    package var tlsRPT: PresenceReport
    package var bimi: PresenceReport
    /// The MTA-STS TXT records, MX hosts and policy fetch; nil in snapshots taken before they were recorded.
    package var mtaSTSPolicy: MTASTSReport? = nil

    package init(name: String, sendsMail: Bool, spf: SPFReport, dmarc: DMARCReport, dkim: [DKIMReport], mtaSTS: PresenceReport,
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

/// A domain's SPF facts: the whole include/redirect tree as DNS answered it, and the counts RFC 7208 limits.
/// What they mean (`verdicts`, `status`) is worked out when read, with the reading build's rules.
package struct SPFReport: Codable, Sendable, Equatable {
    /// The whole include/redirect tree, recorded even past the limits.
    package var tree: SPFNode
    /// DNS-querying terms in the whole tree (limit 10).
    package var lookups: Int
    /// Lookups that found nothing (limit 2).
    package var voidLookups: Int
    /// What the deprecated SPF record type (99) query answered for the domain.
    package var type99: DNSOutcome?
    /// A snapshot written before the facts above were complete (schema 1) kept the verdicts it judged; the ones the
    /// tree cannot tell again (a loop, a type-99 record) are read from there. Never written.
    package var recordedVerdicts: [EmailVerdict]?

    package init(tree: SPFNode, lookups: Int, voidLookups: Int, type99: DNSOutcome?) {
        self.tree = tree
        self.lookups = lookups
        self.voidLookups = voidLookups
        self.type99 = type99
    }

    enum CodingKeys: String, CodingKey { case tree, lookups, voidLookups, type99, recordedVerdicts = "verdicts" }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tree = try c.decode(SPFNode.self, forKey: .tree)
        lookups = try c.decode(Int.self, forKey: .lookups)
        voidLookups = try c.decode(Int.self, forKey: .voidLookups)
        type99 = try c.decodeIfPresent(DNSOutcome.self, forKey: .type99)
        if type99 == nil { recordedVerdicts = try c.decodeIfPresent([EmailVerdict].self, forKey: .recordedVerdicts) }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tree, forKey: .tree)
        try c.encode(lookups, forKey: .lookups)
        try c.encode(voidLookups, forKey: .voidLookups)
        try c.encodeIfPresent(type99, forKey: .type99)
    }
}

/// One domain's SPF record within the tree.
package struct SPFNode: Codable, Sendable, Equatable {
    package var domain: String
    /// How it was reached: `include:x`, `redirect=x`, or nil for the root.
    package var via: String?
    package var outcome: DNSOutcome
    /// The SPF record(s) found; more than one is a permerror.
    package var records: [String]
    /// What the parser found wrong in the records.
    package var errors: [String]
    /// Why this include was not asked (the walk's node, depth or time cap); nil when it was.
    package var notWalked: String?
    /// The include/redirect terms of this node that point back at a domain above it, as written (`include:a.test`).
    package var loops: [String]?
    package var children: [SPFNode]

    package init(domain: String, via: String?, outcome: DNSOutcome, records: [String], errors: [String], notWalked: String? = nil,
                loops: [String]? = nil, children: [SPFNode]) {
        self.domain = domain
        self.via = via
        self.outcome = outcome
        self.records = records
        self.errors = errors
        self.notWalked = notWalked
        self.loops = loops
        self.children = children
    }

    enum CodingKeys: String, CodingKey { case domain, via, outcome, records, errors, notWalked, loops, children }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        domain = try c.decode(String.self, forKey: .domain)
        via = try c.decodeIfPresent(String.self, forKey: .via)
        outcome = try c.decode(DNSOutcome.self, forKey: .outcome)
        records = try c.decode([String].self, forKey: .records)
        errors = try c.decode([String].self, forKey: .errors)
        notWalked = try c.decodeIfPresent(String.self, forKey: .notWalked)
        loops = try c.decodeIfPresent([String].self, forKey: .loops)
        children = try c.decode([SPFNode].self, forKey: .children)
        // Schema 1 wrote the cap as an error "not walked: REASON".
        if notWalked == nil, let legacy = errors.first(where: { $0.hasPrefix(Self.legacyNotWalked) }) {
            notWalked = String(legacy.dropFirst(Self.legacyNotWalked.count))
            errors.removeAll { $0 == legacy }
        }
    }

    static let legacyNotWalked = "not walked: "
}

/// What the domain's DMARC lookup found.
package struct DMARCReport: Codable, Sendable, Equatable {
    /// The names asked, in order: `_dmarc.<domain>`, then `_dmarc.<organizational domain>` when it differs.
    package var asked: [String]?
    /// The name whose record applies (`_dmarc.<domain>` or `_dmarc.<organizational domain>`).
    package var foundAt: String?
    /// The last answer's outcome.
    package var outcome: DNSOutcome
    package var text: String?
    package var record: DMARCRecord?
    /// External report destinations and whether each authorized the reports (RFC 7489 §7.1).
    package var externalDestinations: [ExternalDestination]
    /// Every DMARC record at `foundAt` when there is more than one (receivers then apply none); nil otherwise.
    package var records: [String]? = nil

    package init(asked: [String]?, foundAt: String?, outcome: DNSOutcome, text: String?, record: DMARCRecord?,
                externalDestinations: [ExternalDestination], records: [String]? = nil) {
        self.asked = asked
        self.foundAt = foundAt
        self.outcome = outcome
        self.text = text
        self.record = record
        self.externalDestinations = externalDestinations
        self.records = records
    }
    /// The `dmarc.multiple` verdict of a snapshot written before the records were kept; never written.
    package var recordedMultiple: [EmailVerdict]?

    enum CodingKeys: String, CodingKey {
        case asked, foundAt, outcome, text, record, externalDestinations, records, recordedMultiple = "verdicts"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        asked = try c.decodeIfPresent([String].self, forKey: .asked)
        foundAt = try c.decodeIfPresent(String.self, forKey: .foundAt)
        outcome = try c.decode(DNSOutcome.self, forKey: .outcome)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        record = try c.decodeIfPresent(DMARCRecord.self, forKey: .record)
        externalDestinations = try c.decodeIfPresent([ExternalDestination].self, forKey: .externalDestinations) ?? []
        records = try c.decodeIfPresent([String].self, forKey: .records)
        if records == nil, record == nil {
            let recorded = try c.decodeIfPresent([EmailVerdict].self, forKey: .recordedMultiple)?.filter { $0.code == "dmarc.multiple" }
            recordedMultiple = recorded?.isEmpty == false ? recorded : nil
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(asked, forKey: .asked)
        try c.encodeIfPresent(foundAt, forKey: .foundAt)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(record, forKey: .record)
        try c.encode(externalDestinations, forKey: .externalDestinations)
        try c.encodeIfPresent(records, forKey: .records)
    }
}

extension DomainEmail {
    /// The DMARC record found is the organisational domain's, not the domain's own: its `sp=` is what applies here
    /// (RFC 7489 §6.6.3).
    package var dmarcFromOrganizationalDomain: Bool {
        guard let foundAt = dmarc.foundAt else { return false }
        return foundAt != "_dmarc.\(name)"
    }

    /// The policy receivers apply to this domain's failing mail: `p=`, or for a subdomain covered by its organisational
    /// domain's record, `sp=` (falling back to `p=`). Nil when no usable record applies.
    package var effectiveDMARCPolicy: DMARCRecord.Policy? {
        guard let record = dmarc.record else { return nil }
        return dmarcFromOrganizationalDomain ? record.effectiveSubdomainPolicy : record.policy
    }

    /// Which tag decided `effectiveDMARCPolicy`, as written for evidence: `p=reject`, or `sp=none of _dmarc.example.com`.
    package var effectiveDMARCPolicyTag: String {
        let policy = effectiveDMARCPolicy?.rawValue ?? "none"
        guard dmarcFromOrganizationalDomain, let foundAt = dmarc.foundAt else { return "p=\(policy)" }
        let tag = dmarc.record?.subdomainPolicy != nil ? "sp" : "p"
        return "\(tag)=\(policy) of \(foundAt) (the organisational domain's record applies to \(name))"
    }
}

package struct ExternalDestination: Codable, Sendable, Equatable {
    package var domain: String
    /// The name asked: `<domain>._report._dmarc.<destination>`.
    package var query: String
    package var authorized: Bool
    package var outcome: DNSOutcome

    package init(domain: String, query: String, authorized: Bool, outcome: DNSOutcome) {
        self.domain = domain
        self.query = query
        self.authorized = authorized
        self.outcome = outcome
    }
}

package struct DKIMReport: Codable, Sendable, Equatable {
    package var selector: String
    /// The name asked (`<selector>._domainkey.<domain>`); absent in snapshots of schema 1.
    package var name: String?
    /// From the manifest (true) or found by probing common selectors (false).
    package var configured: Bool
    package var outcome: DNSOutcome
    package var record: DKIMRecord?

    package init(selector: String, name: String?, configured: Bool, outcome: DNSOutcome, record: DKIMRecord?) {
        self.selector = selector
        self.name = name
        self.configured = configured
        self.outcome = outcome
        self.record = record
    }
}

/// Whether an optional record exists (MTA-STS, TLS-RPT, BIMI).
package struct PresenceReport: Codable, Sendable, Equatable {
    package var name: String
    package var present: Bool
    package var outcome: DNSOutcome
    package var text: String?

    package init(name: String, present: Bool, outcome: DNSOutcome, text: String?) {
        self.name = name
        self.present = present
        self.outcome = outcome
        self.text = text
    }
}

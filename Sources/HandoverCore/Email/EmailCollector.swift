/// Email authentication for every manifest domain. Verdicts have stable codes so the audit and the diff can
/// name them; a probed DKIM selector that is absent is not a verdict, a configured one is.
public struct EmailCollector: Sendable {
    /// Common DKIM selectors probed on every domain (data, not code branches).
    public static let probedSelectors = [
        "default", "dkim", "google", "k1", "k2", "k3", "mail", "mandrill", "mxvault", "pm", "protonmail", "protonmail2",
        "protonmail3", "resend", "s1", "s2", "selector1", "selector2", "sendgrid", "smtp", "fm1", "fm2", "fm3", "zoho",
        "mailjet", "everlytickey1", "cm", "sig1",
    ]

    public let resolution: DNSResolution
    public let suffixes: PublicSuffixList
    /// How long each domain's SPF walk may take (it is capped in nodes and depth as well).
    public let spfBudget: Duration

    public init(lookup: any DNSLookup, suffixes: PublicSuffixList = .shared, spfBudget: Duration = .seconds(10)) {
        resolution = DNSResolution(lookup: lookup)
        self.suffixes = suffixes
        self.spfBudget = spfBudget
    }

    public func collect(_ manifest: Manifest) async -> Section<EmailState> {
        guard !manifest.domains.isEmpty else { return .skipped("no `domains` in the manifest") }
        let domains = await withTaskGroup(of: DomainEmail.self) { group in
            for spec in manifest.domains { group.addTask { await self.domain(spec.name, selectors: spec.dkimSelectors) } }
            var all: [DomainEmail] = []
            for await d in group { all.append(d) }
            return all.sorted { $0.name < $1.name }
        }
        return .collected(EmailState(publicSuffixVersion: PublicSuffixList.version, domains: domains))
    }

    public func domain(_ name: String, selectors: [String]) async -> DomainEmail {
        let domain = DNSName.normalized(name)
        async let spf = SPFTreeBuilder(resolution: resolution, budget: spfBudget).report(for: domain)
        async let dmarc = dmarc(for: domain)
        async let dkim = dkim(domain, configured: selectors)
        async let mx = resolution.resolve(domain, .mx)
        async let mtaSTS = presence("_mta-sts.\(domain)", prefix: "v=STSv1")
        async let tlsRPT = presence("_smtp._tls.\(domain)", prefix: "v=TLSRPTv1")
        async let bimi = presence("default._bimi.\(domain)", prefix: "v=BIMI1")
        let spfReport = await spf
        let mxAnswer = await mx
        let hasMX = mxAnswer.values.contains { !$0.hasSuffix(" .") && $0 != "0 ." }
        let rootSPF = spfReport.tree.records.first.map { $0.lowercased().split(separator: " ").joined(separator: " ") }
        let sendsMail = hasMX || (rootSPF != nil && rootSPF != "v=spf1 -all")
        var dmarcReport = await dmarc
        if dmarcReport.verdicts.contains(where: { $0.code == "dmarc.missing" }) {
            dmarcReport.status = sendsMail ? .fail : .warn
        }
        return DomainEmail(name: domain, sendsMail: sendsMail, spf: spfReport, dmarc: dmarcReport, dkim: await dkim,
                           mtaSTS: await mtaSTS, tlsRPT: await tlsRPT, bimi: await bimi)
    }

    func dmarc(for domain: String) async -> DMARCReport {
        var candidates = ["_dmarc.\(domain)"]
        if let org = suffixes.organizationalDomain(of: domain), org != domain { candidates.append("_dmarc.\(org)") }
        var lastOutcome = DNSOutcome.nodata
        for query in candidates {
            let txt = await resolution.resolve(query, .txt)
            lastOutcome = txt.outcome
            if [.timeout, .servfail, .error, .refused].contains(txt.outcome) {
                return DMARCReport(status: .unknown, verdicts: [EmailVerdict("dmarc.temperror", "\(query): \(txt.outcome.rawValue)")],
                                   foundAt: nil, outcome: txt.outcome, text: nil, record: nil, externalDestinations: [])
            }
            let records = txt.values.filter(DMARCRecord.isDMARC)
            if records.count > 1 {
                return DMARCReport(status: .fail, verdicts: [EmailVerdict("dmarc.multiple", "\(query) has \(records.count) DMARC records; receivers then apply none (RFC 7489 §6.6.3)")],
                                   foundAt: query, outcome: txt.outcome, text: nil, record: nil, externalDestinations: [],
                                   records: records)
            }
            guard let text = records.first else { continue }
            let record = DMARCRecord(parsing: text)
            let external = await externalDestinations(record, domain: domain)
            let verdicts = Self.verdicts(record, external: external, foundAt: query)
            let failing: Set<String> = ["dmarc.invalid"]
            let status: EmailStatus = verdicts.isEmpty ? .pass : verdicts.contains { failing.contains($0.code) } ? .fail : .warn
            return DMARCReport(status: status, verdicts: verdicts, foundAt: query, outcome: txt.outcome, text: text, record: record,
                               externalDestinations: external)
        }
        return DMARCReport(status: .fail, verdicts: [EmailVerdict("dmarc.missing", "no DMARC record at \(candidates.joined(separator: " or "))")],
                           foundAt: nil, outcome: lastOutcome, text: nil, record: nil, externalDestinations: [])
    }

    static func verdicts(_ record: DMARCRecord, external: [ExternalDestination], foundAt: String) -> [EmailVerdict] {
        var verdicts = record.errors.map { EmailVerdict("dmarc.invalid", $0) }
        if record.policy == DMARCRecord.Policy.none {
            verdicts.append(EmailVerdict("dmarc.policy-none", "`p=none` only monitors: spoofed mail is still delivered — move to quarantine, then reject"))
        }
        if let sp = record.subdomainPolicy, let p = record.policy, sp < p {
            verdicts.append(EmailVerdict("dmarc.sp-weaker", "`sp=\(sp.rawValue)` is weaker than `p=\(p.rawValue)`: subdomains can be spoofed more easily"))
        }
        if record.percent < 100 {
            verdicts.append(EmailVerdict("dmarc.pct-below-100", "`pct=\(record.percent)` applies the policy to only \(record.percent)% of failing mail"))
        }
        if record.aggregateReports.isEmpty {
            verdicts.append(EmailVerdict("dmarc.no-rua", "no `rua=`: nobody receives aggregate reports, so failures go unseen"))
        }
        for destination in external where !destination.authorized {
            verdicts.append(EmailVerdict("dmarc.external-unauthorized", "reports to \(destination.domain) are not authorized: \(destination.query) has no v=DMARC1 record (RFC 7489 §7.1)"))
        }
        return verdicts
    }

    func externalDestinations(_ record: DMARCRecord, domain: String) async -> [ExternalDestination] {
        let own = suffixes.organizationalDomain(of: domain) ?? domain
        var result: [ExternalDestination] = []
        for destination in Set(record.reportDomains).sorted() {
            let theirs = suffixes.organizationalDomain(of: destination) ?? destination
            guard theirs != own else { continue }
            let query = "\(domain)._report._dmarc.\(destination)"
            let txt = await resolution.resolve(query, .txt)
            let authorized = txt.values.contains { $0.hasPrefix("v=DMARC1") }
            result.append(ExternalDestination(domain: destination, query: query, authorized: authorized, outcome: txt.outcome))
        }
        return result
    }

    func dkim(_ domain: String, configured: [String]) async -> [DKIMReport] {
        let all = configured.map { ($0, true) } + Self.probedSelectors.filter { !configured.contains($0) }.map { ($0, false) }
        return await withTaskGroup(of: DKIMReport?.self) { group in
            for (selector, isConfigured) in all {
                group.addTask { await self.selector(selector, domain: domain, configured: isConfigured) }
            }
            var reports: [DKIMReport] = []
            for await report in group { if let report { reports.append(report) } }
            return reports.sorted { ($0.configured ? 0 : 1, $0.selector) < ($1.configured ? 0 : 1, $1.selector) }
        }
    }

    func selector(_ selector: String, domain: String, configured: Bool) async -> DKIMReport? {
        let name = "\(selector)._domainkey.\(domain)"
        let txt = await resolution.resolve(name, .txt)
        let text = txt.values.first { $0.contains("p=") } ?? txt.values.first
        guard let text else {
            guard configured else { return nil }
            let failed = [.timeout, .servfail, .error, .refused].contains(txt.outcome)
            return DKIMReport(selector: selector, configured: true, status: failed ? .unknown : .fail,
                              verdicts: [EmailVerdict(failed ? "dkim.temperror" : "dkim.missing",
                                                      failed ? "\(name): \(txt.outcome.rawValue)" : "configured selector `\(selector)` has no key at \(name)")],
                              outcome: txt.outcome, record: nil)
        }
        let record = DKIMRecord(parsing: text)
        var verdicts = record.errors.map { EmailVerdict("dkim.invalid", $0) }
        if record.revoked { verdicts.append(EmailVerdict("dkim.revoked", "`\(selector)` has an empty p=: the key is revoked and signatures with it fail")) }
        if let bits = record.keyBits, record.keyType == "rsa" {
            if bits < 1024 {
                verdicts.append(EmailVerdict("dkim.key-under-1024", "`\(selector)` is a \(bits)-bit RSA key; receivers ignore keys under 1024 bits (RFC 8301 §3.2)"))
            } else if bits < 2048 {
                verdicts.append(EmailVerdict("dkim.key-under-2048", "`\(selector)` is a \(bits)-bit RSA key; 2048 bits is the recommended minimum (RFC 8301 §3.2)"))
            }
        }
        if record.testing { verdicts.append(EmailVerdict("dkim.testing", "`\(selector)` has t=y: receivers treat signatures as in testing")) }
        let failing: Set<String> = ["dkim.invalid", "dkim.revoked", "dkim.key-under-1024"]
        let status: EmailStatus = verdicts.isEmpty ? .pass : verdicts.contains { failing.contains($0.code) } ? .fail : .warn
        return DKIMReport(selector: selector, configured: configured, status: status, verdicts: verdicts, outcome: txt.outcome, record: record)
    }

    func presence(_ name: String, prefix: String) async -> PresenceReport {
        let txt = await resolution.resolve(name, .txt)
        let text = txt.values.first { $0.hasPrefix(prefix) }
        return PresenceReport(name: name, present: text != nil, outcome: txt.outcome, text: text)
    }
}

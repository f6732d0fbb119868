import HandoverModel
import HandoverManifest
/// Email authentication for every manifest domain, as facts: the SPF tree, the DMARC and DKIM records DNS serves.
/// What they mean is judged when read (Audit/Judgement/EmailJudgement.swift). A probed DKIM selector that is absent
/// is not recorded; a configured one is.
package struct EmailCollector: Sendable {
    /// Common DKIM selectors probed on every domain (data, not code branches).
    package static let probedSelectors = [
        "default", "dkim", "google", "k1", "k2", "k3", "mail", "mandrill", "mxvault", "pm", "protonmail", "protonmail2",
        "protonmail3", "resend", "s1", "s2", "selector1", "selector2", "sendgrid", "smtp", "fm1", "fm2", "fm3", "zoho",
        "mailjet", "everlytickey1", "cm", "sig1",
    ]

    package let resolution: DNSResolution
    package let suffixes: PublicSuffixList
    /// How long each domain's SPF walk may take (it is capped in nodes and depth as well).
    package let spfBudget: Duration

    package init(lookup: any DNSLookup, suffixes: PublicSuffixList = .shared, spfBudget: Duration = .seconds(10)) {
        resolution = DNSResolution(lookup: lookup)
        self.suffixes = suffixes
        self.spfBudget = spfBudget
    }

    package func collect(_ manifest: Manifest) async -> Section<EmailState> {
        guard !manifest.domains.isEmpty else { return .skipped("no `domains` in the manifest") }
        let domains = await BoundedConcurrency.map(manifest.domains, limit: BoundedConcurrency.domains) {
            await self.domain($0.name, selectors: $0.dkimSelectors)
        }.sorted { $0.name < $1.name }
        return .collected(EmailState(publicSuffixVersion: PublicSuffixList.version, domains: domains))
    }

    package func domain(_ name: String, selectors: [String]) async -> DomainEmail {
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
        return DomainEmail(name: domain, sendsMail: sendsMail, spf: spfReport, dmarc: await dmarc, dkim: await dkim,
                           mtaSTS: await mtaSTS, tlsRPT: await tlsRPT, bimi: await bimi)
    }

    func dmarc(for domain: String) async -> DMARCReport {
        var candidates = ["_dmarc.\(domain)"]
        if let org = suffixes.organizationalDomain(of: domain), org != domain { candidates.append("_dmarc.\(org)") }
        var asked: [String] = []
        var lastOutcome = DNSOutcome.nodata
        for query in candidates {
            asked.append(query)
            let txt = await resolution.resolve(query, .txt)
            lastOutcome = txt.outcome
            if [.timeout, .servfail, .error, .refused].contains(txt.outcome) {
                return DMARCReport(asked: asked, foundAt: nil, outcome: txt.outcome, text: nil, record: nil, externalDestinations: [])
            }
            let records = txt.values.filter(DMARCRecord.isDMARC)
            if records.count > 1 {
                return DMARCReport(asked: asked, foundAt: query, outcome: txt.outcome, text: nil, record: nil, externalDestinations: [],
                                   records: records)
            }
            guard let text = records.first else { continue }
            let record = DMARCRecord(parsing: text)
            return DMARCReport(asked: asked, foundAt: query, outcome: txt.outcome, text: text, record: record,
                               externalDestinations: await externalDestinations(record, domain: domain))
        }
        return DMARCReport(asked: asked, foundAt: nil, outcome: lastOutcome, text: nil, record: nil, externalDestinations: [])
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
        guard text != nil || configured else { return nil }
        return DKIMReport(selector: selector, name: name, configured: configured, outcome: txt.outcome,
                          record: text.map(DKIMRecord.init(parsing:)))
    }

    func presence(_ name: String, prefix: String) async -> PresenceReport {
        let txt = await resolution.resolve(name, .txt)
        let text = txt.values.first { $0.hasPrefix(prefix) }
        return PresenceReport(name: name, present: text != nil, outcome: txt.outcome, text: text)
    }
}

/// Walks a domain's whole SPF include/redirect tree for the snapshot, past the limits, and names each fault.
public struct SPFTreeBuilder: Sendable {
    public let resolution: DNSResolution

    public init(resolution: DNSResolution) { self.resolution = resolution }

    public func report(for domain: String) async -> SPFReport {
        var visited: Set<String> = []
        var lookups = 0, voids = 0
        var verdicts: [EmailVerdict] = []
        let tree = await node(domain, via: nil, visited: &visited, lookups: &lookups, voids: &voids, verdicts: &verdicts)
        let txt = await resolution.lookup.query(domain, .spf)
        if txt.outcome == .answer {
            verdicts.append(EmailVerdict("spf.type99", "\(domain) publishes a type-99 SPF record; that type is deprecated (RFC 7208 §3.1) — keep only the TXT record"))
        }
        if tree.outcome == .answer || tree.outcome == .nodata || tree.outcome == .nxdomain, tree.records.isEmpty {
            verdicts.insert(EmailVerdict("spf.none", "\(domain) has no SPF record"), at: 0)
        }
        if lookups > SPFEvaluator.lookupLimit {
            verdicts.append(EmailVerdict("spf.lookup-limit", "\(lookups) DNS-querying terms in the include tree; the limit is \(SPFEvaluator.lookupLimit) (RFC 7208 §4.6.4) — receivers return permerror"))
        }
        if voids > SPFEvaluator.voidLimit {
            verdicts.append(EmailVerdict("spf.void-limit", "\(voids) lookups find nothing; the limit is \(SPFEvaluator.voidLimit) (RFC 7208 §4.6.4)"))
        }
        if let root = tree.records.first, tree.records.count == 1 {
            let record = SPFRecord(parsing: root)
            let all = record.directives.last { $0.name == "all" }
            switch all?.qualifier {
            case .pass?: verdicts.append(EmailVerdict("spf.plus-all", "`+all` lets any server on the internet send as \(domain)"))
            case .neutral?: verdicts.append(EmailVerdict("spf.neutral-all", "`?all` says nothing about other servers; receivers treat them as neutral"))
            case nil where record.modifier("redirect") == nil:
                verdicts.append(EmailVerdict("spf.no-all", "no `all` mechanism or redirect: unmatched servers get neutral — end with `-all` or `~all`"))
            default: break
            }
        }
        let statusFailing: Set<String> = ["spf.none", "spf.multiple", "spf.syntax", "spf.lookup-limit", "spf.void-limit", "spf.plus-all", "spf.loop"]
        let status: EmailStatus = [.timeout, .servfail, .error, .refused].contains(tree.outcome) ? .unknown
            : verdicts.contains(where: { statusFailing.contains($0.code) }) ? .fail : (verdicts.isEmpty ? .pass : .warn)
        return SPFReport(status: status, verdicts: verdicts, tree: tree, lookups: lookups, voidLookups: voids)
    }

    private func node(_ domain: String, via: String?, visited: inout Set<String>, lookups: inout Int, voids: inout Int,
                      verdicts: inout [EmailVerdict]) async -> SPFNode {
        visited.insert(domain)
        let txt = await resolution.resolve(domain, .txt)
        let records = txt.values.filter(SPFRecord.isSPF)
        if via != nil && records.isEmpty && (txt.outcome == .nxdomain || txt.outcome == .nodata || txt.outcome == .answer) {
            voids += 1
            verdicts.append(EmailVerdict("spf.include-missing", "`\(via!)` points at \(domain), which has no SPF record — receivers return permerror"))
        }
        if [.timeout, .servfail, .error, .refused].contains(txt.outcome) {
            verdicts.append(EmailVerdict("spf.temperror", "TXT lookup for \(domain) gave \(txt.outcome.rawValue): that part of the tree is unknown"))
        }
        guard !records.isEmpty else {
            return SPFNode(domain: domain, via: via, outcome: txt.outcome, records: [], errors: [], children: [])
        }
        if records.count > 1 {
            verdicts.append(EmailVerdict("spf.multiple", "\(domain) publishes \(records.count) SPF records; exactly one is allowed (RFC 7208 §3.2) — merge them"))
        }
        var children: [SPFNode] = []
        var errors: [String] = []
        for text in records {
            let record = SPFRecord(parsing: text)
            errors += record.errors
            for error in record.errors { verdicts.append(EmailVerdict("spf.syntax", "\(domain): \(error)")) }
            lookups += record.terms.filter(\.countsAsLookup).count
            // The void checks of a/mx/exists terms are independent: ask them all at once.
            voids += await withTaskGroup(of: Int.self) { group in
                for term in record.terms where term.kind == .directive && ["a", "mx", "exists"].contains(term.name) {
                    group.addTask { await self.isVoid(term, domain: domain) ? 1 : 0 }
                }
                return await group.reduce(0, +)
            }
            for term in record.terms {
                if term.kind == .directive && term.name == "ptr" {
                    verdicts.append(EmailVerdict("spf.ptr", "\(domain) uses `\(term.text)`; ptr is slow and discouraged (RFC 7208 §5.5)"))
                }
                guard let target = term.argument, (term.kind == .directive && term.name == "include") || (term.kind == .modifier && term.name == "redirect") else {
                    continue
                }
                guard !target.contains("%") else { continue }  // macro targets depend on the sender; not walked
                let next = DNSName.normalized(target)
                if visited.contains(next) {
                    verdicts.append(EmailVerdict("spf.loop", "`\(term.text)` in \(domain) loops back to \(next)"))
                    continue
                }
                children.append(await node(next, via: term.text, visited: &visited, lookups: &lookups, voids: &voids, verdicts: &verdicts))
            }
        }
        return SPFNode(domain: domain, via: via, outcome: txt.outcome, records: records, errors: errors, children: children)
    }

    /// Whether an `a`, `mx` or `exists` term's name has no records of the kind it asks for.
    private func isVoid(_ term: SPFTerm, domain: String) async -> Bool {
        let name = term.argument.map(DNSName.normalized) ?? domain
        guard !name.contains("%") else { return false }
        let type: DNSRecordType = term.name == "mx" ? .mx : .a
        let response = await resolution.resolve(name, type)
        if response.outcome == .nxdomain || response.outcome == .nodata {
            if term.name == "a" { return await resolution.resolve(name, .aaaa).records.isEmpty }
            return true
        }
        return false
    }
}

/// Walks a domain's whole SPF include/redirect tree for the snapshot, past the limits, and names each fault.
///
/// The walk goes level by level: every include of a level is asked at once, so a tree costs about its depth in
/// round trips, not its size. It is capped — in nodes, in depth and in time — because the tree is written by whoever
/// controls the domains it names (a wildcard zone can publish an endless one); what the caps leave out is recorded as
/// not walked, so the tree's verdict is unknown there rather than silently complete.
public struct SPFTreeBuilder: Sendable {
    public let resolution: DNSResolution
    /// Most nodes walked (each one TXT query and its void checks). RFC 7208 stops evaluation at 10 lookups.
    public var maximumNodes: Int
    /// Deepest include chain walked below the root.
    public var maximumDepth: Int
    /// No new level is started past this.
    public var budget: Duration

    public init(resolution: DNSResolution, maximumNodes: Int = 100, maximumDepth: Int = 10, budget: Duration = .seconds(10)) {
        self.resolution = resolution
        self.maximumNodes = maximumNodes
        self.maximumDepth = maximumDepth
        self.budget = budget
    }

    public func report(for domain: String) async -> SPFReport {
        var lookups = 0, voids = 0
        var verdicts: [EmailVerdict] = []
        let tree = await walk(domain, lookups: &lookups, voids: &voids, verdicts: &verdicts)
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

    /// One node as the walk builds it: its answer, and its children as indices into the walk's list.
    private struct Built {
        var node: SPFNode
        var ancestors: Set<String>
        var depth: Int
        var children: [Int] = []
    }

    /// What one TXT answer holds, asked with the void checks of its a/mx/exists terms.
    private struct Fetched: Sendable {
        var response: DNSResponse
        var voids: Int
    }

    private func walk(_ root: String, lookups: inout Int, voids: inout Int, verdicts: inout [EmailVerdict]) async -> SPFNode {
        let started = ContinuousClock.now
        var built = [Built(node: SPFNode(domain: root, via: nil, outcome: .unknown, records: [], errors: [], children: []),
                           ancestors: [], depth: 0)]
        var walked: Set<String> = [root]
        var level = [0]
        var notWalked: [String] = []  // why each capped include was left out
        while !level.isEmpty {
            if ContinuousClock.now - started > budget {
                for index in level { built[index].node.errors = ["not walked: the SPF walk's time budget (\(budget)) ran out"] }
                verdicts.append(EmailVerdict("spf.temperror", "the SPF walk of \(root) ran out of time: \(level.count) include(s) not asked"))
                break
            }
            let answers = await withTaskGroup(of: (Int, Fetched).self) { group in
                for index in level {
                    let domain = built[index].node.domain
                    group.addTask { (index, await self.fetch(domain)) }
                }
                var all: [Int: Fetched] = [:]
                for await (index, fetched) in group { all[index] = fetched }
                return all
            }
            var next: [Int] = []
            for index in level {
                guard let fetched = answers[index] else { continue }
                let txt = fetched.response
                let domain = built[index].node.domain
                let via = built[index].node.via
                let records = txt.values.filter(SPFRecord.isSPF)
                built[index].node.outcome = txt.outcome
                built[index].node.records = records
                voids += fetched.voids
                if let via, records.isEmpty, [.nxdomain, .nodata, .answer].contains(txt.outcome) {
                    voids += 1
                    verdicts.append(EmailVerdict("spf.include-missing", "`\(via)` points at \(domain), which has no SPF record — receivers return permerror"))
                }
                if [.timeout, .servfail, .error, .refused].contains(txt.outcome) {
                    verdicts.append(EmailVerdict("spf.temperror", "TXT lookup for \(domain) gave \(txt.outcome.rawValue): that part of the tree is unknown"))
                }
                if records.count > 1 {
                    verdicts.append(EmailVerdict("spf.multiple", "\(domain) publishes \(records.count) SPF records; exactly one is allowed (RFC 7208 §3.2) — merge them"))
                }
                let path = built[index].ancestors.union([domain])
                for text in records {
                    let record = SPFRecord(parsing: text)
                    built[index].node.errors += record.errors
                    for error in record.errors { verdicts.append(EmailVerdict("spf.syntax", "\(domain): \(error)")) }
                    lookups += record.terms.filter(\.countsAsLookup).count
                    for term in record.terms {
                        if term.kind == .directive && term.name == "ptr" {
                            verdicts.append(EmailVerdict("spf.ptr", "\(domain) uses `\(term.text)`; ptr is slow and discouraged (RFC 7208 §5.5)"))
                        }
                        guard let target = term.argument,
                              (term.kind == .directive && term.name == "include") || (term.kind == .modifier && term.name == "redirect") else {
                            continue
                        }
                        guard !target.contains("%") else { continue }  // macro targets depend on the sender; not walked
                        let child = DNSName.normalized(target)
                        if path.contains(child) {
                            verdicts.append(EmailVerdict("spf.loop", "`\(term.text)` in \(domain) loops back to \(child)"))
                            continue
                        }
                        // Reached before on another branch: walked once, and its lookups counted where it was walked.
                        guard walked.insert(child).inserted else { continue }
                        var node = SPFNode(domain: child, via: term.text, outcome: .unknown, records: [], errors: [], children: [])
                        let depth = built[index].depth + 1
                        let capped = built.count >= maximumNodes ? "the SPF tree has more than \(maximumNodes) nodes"
                            : depth > maximumDepth ? "includes nest deeper than \(maximumDepth)" : nil
                        if let capped {
                            notWalked.append(capped)
                            // Past the node cap only the first left-out include is recorded (so the tree says it is
                            // incomplete); the record cannot be made to grow the snapshot without bound.
                            if built.count > maximumNodes { continue }
                            node.errors = ["not walked: " + capped]
                        }
                        built.append(Built(node: node, ancestors: path, depth: depth))
                        built[index].children.append(built.count - 1)
                        if capped == nil { next.append(built.count - 1) }
                    }
                }
            }
            level = next
        }
        if let reason = notWalked.first {
            verdicts.append(EmailVerdict("spf.temperror", "\(notWalked.count) include(s) of \(root) not walked: \(reason)"))
        }
        func assemble(_ index: Int) -> SPFNode {
            var node = built[index].node
            node.children = built[index].children.map(assemble)
            return node
        }
        return assemble(0)
    }

    /// The TXT answer for one node and, for each SPF record in it, how many of its a/mx/exists terms find nothing.
    private func fetch(_ domain: String) async -> Fetched {
        let txt = await resolution.resolve(domain, .txt)
        let terms = txt.values.filter(SPFRecord.isSPF).flatMap { SPFRecord(parsing: $0).terms }
            .filter { $0.kind == .directive && ["a", "mx", "exists"].contains($0.name) }
        // The void checks of a/mx/exists terms are independent: ask them all at once.
        let voids = await withTaskGroup(of: Int.self) { group in
            for term in terms { group.addTask { await self.isVoid(term, domain: domain) ? 1 : 0 } }
            return await group.reduce(0, +)
        }
        return Fetched(response: txt, voids: voids)
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

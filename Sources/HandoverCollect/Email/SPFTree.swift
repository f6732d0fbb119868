import HandoverModel
/// Walks a domain's whole SPF include/redirect tree for the snapshot, past the limits, and names each fault.
///
/// The walk goes level by level: every include of a level is asked at once, and the next level as soon as the
/// level's TXT answers are in (the void checks of a/mx/exists terms run beside it), so a tree costs about its depth
/// in round trips, not its size. It is capped — in nodes, in depth and in time — because the tree is written by whoever
/// controls the domains it names (a wildcard zone can publish an endless one); what the caps leave out is recorded as
/// not walked, so the tree's verdict is unknown there rather than silently complete.
package struct SPFTreeBuilder: Sendable {
    package let resolution: DNSResolution
    /// Most nodes walked (each one TXT query and its void checks). RFC 7208 stops evaluation at 10 lookups.
    package var maximumNodes: Int
    /// Deepest include chain walked below the root.
    package var maximumDepth: Int
    /// No new level is started past this.
    package var budget: Duration

    package init(resolution: DNSResolution, maximumNodes: Int = 100, maximumDepth: Int = 10, budget: Duration = .seconds(10)) {
        self.resolution = resolution
        self.maximumNodes = maximumNodes
        self.maximumDepth = maximumDepth
        self.budget = budget
    }

    package func report(for domain: String) async -> SPFReport {
        var lookups = 0, voids = 0
        async let type99 = resolution.lookup.query(domain, .spf)
        let tree = await walk(domain, lookups: &lookups, voids: &voids)
        return SPFReport(tree: tree, lookups: lookups, voidLookups: voids, type99: await type99.outcome)
    }

    /// One node as the walk builds it: its answer, and its children as indices into the walk's list.
    private struct Built {
        var node: SPFNode
        var ancestors: Set<String>
        var depth: Int
        var children: [Int] = []
    }

    /// What one TXT answer holds, and the void checks of its a/mx/exists terms, still running: the walk goes on to
    /// the next level as soon as the level's TXT answers are in, and counts the void checks at the end.
    private struct Fetched: Sendable {
        var response: DNSResponse
        var voids: Task<Int, Never>
    }

    private func walk(_ root: String, lookups: inout Int, voids: inout Int) async -> SPFNode {
        let started = ContinuousClock.now
        var built = [Built(node: SPFNode(domain: root, via: nil, outcome: .unknown, records: [], errors: [], children: []),
                           ancestors: [], depth: 0)]
        var walked: Set<String> = [root]
        var level = [0]
        var pendingVoids: [Task<Int, Never>] = []
        while !level.isEmpty {
            if ContinuousClock.now - started > budget {
                for index in level { built[index].node.notWalked = "the SPF walk ran out of time (budget \(budget))" }
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
                let records = txt.values.filter(SPFRecord.isSPF)
                built[index].node.outcome = txt.outcome
                built[index].node.records = records
                pendingVoids.append(fetched.voids)
                if built[index].node.via != nil, records.isEmpty, [.nxdomain, .nodata, .answer].contains(txt.outcome) { voids += 1 }
                let path = built[index].ancestors.union([domain])
                for text in records {
                    let record = SPFRecord(parsing: text)
                    built[index].node.errors += record.errors
                    lookups += record.terms.filter(\.countsAsLookup).count
                    for term in record.terms {
                        guard let target = term.argument,
                              (term.kind == .directive && term.name == "include") || (term.kind == .modifier && term.name == "redirect") else {
                            continue
                        }
                        guard !target.contains("%") else { continue }  // macro targets depend on the sender; not walked
                        let child = DNSName.normalized(target)
                        if path.contains(child) {
                            built[index].node.loops = (built[index].node.loops ?? []) + [term.text]
                            continue
                        }
                        // Reached before on another branch: walked once, and its lookups counted where it was walked.
                        guard walked.insert(child).inserted else { continue }
                        var node = SPFNode(domain: child, via: term.text, outcome: .unknown, records: [], errors: [], children: [])
                        let depth = built[index].depth + 1
                        let capped = built.count >= maximumNodes ? "the SPF tree has more than \(maximumNodes) nodes"
                            : depth > maximumDepth ? "includes nest deeper than \(maximumDepth)" : nil
                        if let capped {
                            // Past the node cap only the first left-out include is recorded (so the tree says it is
                            // incomplete); the record cannot be made to grow the snapshot without bound.
                            if built.count > maximumNodes { continue }
                            node.notWalked = capped
                        }
                        built.append(Built(node: node, ancestors: path, depth: depth))
                        built[index].children.append(built.count - 1)
                        if capped == nil { next.append(built.count - 1) }
                    }
                }
            }
            level = next
        }
        for pending in pendingVoids { voids += await pending.value }
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
        // The void checks of a/mx/exists terms are independent: ask them all at once, beside the walk.
        let voids = Task {
            await withTaskGroup(of: Int.self) { group in
                for term in terms { group.addTask { await self.isVoid(term, domain: domain) ? 1 : 0 } }
                return await group.reduce(0, +)
            }
        }
        return Fetched(response: txt, voids: voids)
    }

    /// Whether an `a`, `mx` or `exists` term's name has no records of the kind it asks for.
    private func isVoid(_ term: SPFTerm, domain: String) async -> Bool {
        let name = term.argument.map(DNSName.normalized) ?? domain
        guard !name.contains("%") else { return false }
        let type: DNSRecordType = term.name == "mx" ? .mx : .a
        // An `a` term is void only when AAAA finds nothing either: both are asked at once (one round trip, not two).
        async let aaaa: DNSResponse? = term.name == "a" ? resolution.resolve(name, .aaaa) : nil
        let response = await resolution.resolve(name, type)
        if response.outcome == .nxdomain || response.outcome == .nodata {
            if term.name == "a" { return await aaaa?.records.isEmpty ?? true }
            return true
        }
        return false
    }
}

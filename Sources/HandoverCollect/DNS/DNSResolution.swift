import HandoverModel
/// Queries that follow CNAME chains across answers (an authoritative server stops at its zone's edge).
package struct DNSResolution: Sendable {
    /// Longest CNAME chain followed before giving up.
    package static let maximumChain = 8

    package let lookup: any DNSLookup

    package init(lookup: any DNSLookup) { self.lookup = lookup }

    /// The answer for `name`/`type`, chasing a CNAME chain the resolver left unfinished; loops are recorded
    /// as an `error` with the chain so far.
    package func resolve(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        guard type != .cname else { return await lookup.query(name, type) }
        var chain: [DNSRecord] = []
        var seen: Set<String> = [name]
        var current = name
        while true {
            var response = await lookup.query(current, type)
            for link in response.chain {
                chain.append(link)
                guard seen.insert(link.value).inserted else {
                    return DNSResponse(outcome: .error, chain: chain, detail: "CNAME loop at \(link.value)")
                }
            }
            guard chain.count <= Self.maximumChain else {
                return DNSResponse(outcome: .error, chain: chain, detail: "CNAME chain longer than \(Self.maximumChain)")
            }
            if response.records.isEmpty, response.outcome == .nodata, let last = response.chain.last {
                current = last.value
                continue
            }
            response.chain = chain
            return response
        }
    }
}

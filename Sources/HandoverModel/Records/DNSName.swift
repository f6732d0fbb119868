/// Domain name helpers.
package enum DNSName {
    /// Lowercased, without the trailing dot.
    package static func normalized(_ name: String) -> String {
        // Most names are already lower-case ASCII without a final dot: returned as they are, without allocating (an
        // audit of 500 hosts whose certificate names 500 others normalises 250,000 names per check).
        if name.utf8.last != UInt8(ascii: "."), !name.utf8.contains(where: { (0x41...0x5A).contains($0) || $0 >= 0x80 }) {
            return name
        }
        var n = name.lowercased()
        while n.hasSuffix(".") && n.count > 1 { n.removeLast() }
        return n
    }

    /// `app.acme.example` → `acme.example`; nil at a top-level name.
    /// `name` is `domain` or a name under it, compared label by label (`evilacme.example` is not under `acme.example`).
    package static func isWithin(_ name: String, _ domain: String) -> Bool {
        let name = normalized(name), domain = normalized(domain)
        return name == domain || name.hasSuffix("." + domain)
    }

    package static func parent(_ name: String) -> String? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let rest = name[name.index(after: dot)...]
        return rest.isEmpty ? nil : String(rest)
    }

    /// The host label form used in manifests: `@` for the apex, else `label.domain`.
    package static func fqdn(host: String, domain: String) -> String {
        host == "@" || host.isEmpty ? domain : (host.hasSuffix("." + domain) || host == domain ? host : "\(host).\(domain)")
    }
}

/// Follows CNAME records inside one answer.
package enum DNSChain {
    /// The CNAMEs from `name` in order, and the records of `type` where the chain ends. Loops stop the walk.
    package static func follow(from name: String, type: DNSRecordType, in records: [DNSRecord]) -> (cnames: [DNSRecord], records: [DNSRecord]) {
        if type == .cname {
            return ([], records.filter { $0.type == .cname && $0.name == name }.sorted { $0.value < $1.value })
        }
        var cnames: [DNSRecord] = []
        var current = name
        var seen: Set<String> = [name]
        while let next = records.first(where: { $0.type == .cname && $0.name == current }) {
            cnames.append(next)
            current = next.value
            guard seen.insert(current).inserted else { break }
        }
        let final = records.filter { $0.type == type && $0.name == current }.sorted { $0.value < $1.value }
        return (cnames, final)
    }
}

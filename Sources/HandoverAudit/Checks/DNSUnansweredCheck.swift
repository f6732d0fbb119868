import Foundation
import HandoverModel

/// A host's address query got no usable answer: SERVFAIL or a CNAME loop (high), silence or a garbled reply
/// (medium — they may be this vantage point). Unlike `dns.host-missing` nothing is known about the record, and that is
/// the finding: a zone that does not load or nameservers that do not answer take the whole name down for every
/// visitor whose resolver sees the same. REFUSED is not the domain's answer but the resolver's: a recursive resolver
/// refuses clients it does not serve, whatever they ask. It is one low note about the resolver, never a finding per host.
package enum DNSUnansweredCheck: AuditCheck {
    package static let id = "dns.unanswered"
    package static let severity = Severity.high
    package static let title = "No usable DNS answer for a host"
    package static let impact = "Visitors whose resolvers get the same answer cannot reach the host; nothing else about it can be checked."
    package static let remediation = "Check the zone at the DNS provider (a zone that fails to load answers SERVFAIL) and the nameservers; "
        + "a timeout can also be the resolver handover used (`collect.resolvers`) — rerun from another network before escalating. "
        + "A resolver that refuses does not serve handover: point `collect.resolvers` (or `--resolver`) at a recursive resolver."
    package static let reference = "RFC 1035 §4.1.1 (RCODE)"
    package static let sections: [SectionName] = [.dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        let hosts = (c.dns?.domains ?? []).flatMap(\.hosts)
        var observations: [Observation] = hosts.compactMap { host in
            let a = host.a
            let via = a.chain.last.map { " (via CNAME \($0.value))" } ?? ""
            let evidence = [(a.outcome == .timeout ? "no answer" : a.outcome.rawValue.uppercased()) + " for A" + via
                            + (a.detail.map { ": \($0)" } ?? "")]
            switch a.outcome {
            case .servfail:
                // The zone's servers fail (a zone that does not load, a broken DNSSEC chain): everyone sees it.
                return Observation("host:\(host.name)", evidence)
            case .error where (a.detail ?? "").hasPrefix("CNAME"):
                return Observation("host:\(host.name)", evidence)  // a CNAME loop or an endless chain
            case .timeout, .error:
                // Silence or a garbled answer may be this vantage point's network.
                return Observation("host:\(host.name)", evidence, severity: .medium)
            default:
                return nil
            }
        }
        let refused = hosts.filter { $0.a.outcome == .refused }.map(\.name)
        if !refused.isEmpty {
            let resolvers = c.dns?.resolvers ?? []
            let asked = resolvers.isEmpty ? "the resolver" : "resolver " + resolvers.joined(separator: ", ")
            observations.append(Observation("resolver:\(resolvers.joined(separator: ","))", [
                "\(asked) refused A for \(refused.count) of \(hosts.count) hosts (\(refused.joined(separator: ", "))): "
                    + "it does not answer handover, so nothing is known about these names — not a fault of the domain",
            ], severity: .low))
        }
        return observations
    }

    package static let examples: [CheckExample] = [
        .triggers("api answers SERVFAIL") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .servfail) } } },
        .triggers("www times out (medium)", severity: .medium) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "www" }) { d.hosts[i].a = DNSResponse(outcome: .timeout, detail: "127.0.0.1:53: no answer") } } },
        .passes("NXDOMAIN is an answer (dns.host-missing says so)", alsoFires: [DNSHostMissingCheck.id]) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .nxdomain) } } },
        .triggers("a CNAME loop") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "app" }) {
                d.hosts[i].a = DNSResponse(outcome: .error, chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: d.hosts[i].name)],
                                           detail: "CNAME loop at \(d.hosts[i].name)")
            } } },
        .triggers("the resolver refuses: one low note about the resolver", severity: .low) { s in Edit.dns(&s) { d in
            for i in d.hosts.indices { d.hosts[i].a = DNSResponse(outcome: .refused) } } },
        .passes("NXDOMAIN at the end of a CNAME chain is an answer (dns.dangling-cname says so)", alsoFires: [DNSDanglingCNAMECheck.id]) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) {
                d.hosts[i].a = DNSResponse(outcome: .nxdomain, chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: "acme.fly.dev")])
            } } },
        .passes("no AAAA is fine") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].aaaa = DNSResponse(outcome: .nodata) } } },
    ]
}

import Foundation

/// A host's address query got no usable answer: SERVFAIL, REFUSED, a CNAME loop or another malformed reply, or
/// silence. Unlike
/// `dns.host-missing` nothing is known about the record, and that is the finding: a zone that does not load or
/// nameservers that do not answer take the whole name down for every visitor whose resolver sees the same.
public enum DNSUnansweredCheck: AuditCheck {
    public static let id = "dns.unanswered"
    public static let severity = Severity.high
    public static let title = "No usable DNS answer for a host"
    public static let impact = "Visitors whose resolvers get the same answer cannot reach the host; nothing else about it can be checked."
    public static let remediation = "Check the zone at the DNS provider (a zone that fails to load answers SERVFAIL) and the nameservers; "
        + "a timeout can also be the resolver handover used (`collect.resolvers`) — rerun from another network before escalating."
    public static let reference = "RFC 1035 §4.1.1 (RCODE)"
    public static let sections: [SectionName] = [.dns]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.dns?.domains ?? []).flatMap { domain in
            domain.hosts.compactMap { host in
                let a = host.a
                guard [.servfail, .refused, .error, .timeout].contains(a.outcome) else { return nil }
                let what = a.outcome == .timeout ? "no answer" : a.outcome.rawValue.uppercased()
                // A timeout may be this vantage point's network; a server's error answer is the zone's own.
                return Observation("host:\(host.name)", ["\(what) for A" + (a.detail.map { ": \($0)" } ?? "")],
                                   severity: a.outcome == .timeout ? .medium : nil)
            }
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("api answers SERVFAIL") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .servfail) } } },
        .triggers("www times out") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "www" }) { d.hosts[i].a = DNSResponse(outcome: .timeout, detail: "127.0.0.1:53: no answer") } } },
        .passes("NXDOMAIN is an answer (dns.host-missing says so)") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .nxdomain) } } },
        .passes("no AAAA is fine") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].aaaa = DNSResponse(outcome: .nodata) } } },
    ]
}

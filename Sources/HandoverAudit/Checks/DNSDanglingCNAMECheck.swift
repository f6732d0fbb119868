import Foundation
import HandoverModel

/// A host is a CNAME whose target does not exist: the chain ends in NXDOMAIN. Besides the host being down, whoever
/// registers the target (a deleted app's name at the hosting provider, an expired domain) serves this host, with its
/// cookies and its place in the CAA and SPF of the domain: a subdomain takeover.
package enum DNSDanglingCNAMECheck: AuditCheck {
    package static let id = "dns.dangling-cname"
    package static let severity = Severity.high
    package static let title = "CNAME points at a name that does not exist"
    package static let impact = "The host is down for every visitor, and whoever claims the target name at its provider serves it "
        + "(subdomain takeover)."
    package static let remediation = "Delete the CNAME, or point it at a name that exists; if the target was an app or bucket at a "
        + "hosting provider, claim it back there before anyone else does."
    package static let reference = "RFC 8020 (NXDOMAIN); OWASP WSTG-CONF-10 (subdomain takeover)"
    package static let sections: [SectionName] = [.dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.dns?.domains ?? []).flatMap { domain in
            domain.hosts.compactMap { host in
                guard host.a.outcome == .nxdomain, let last = host.a.chain.last else { return nil }
                let chain = ([host.name] + host.cnameChain).joined(separator: " → ")
                return Observation("host:\(host.name)", ["CNAME \(chain): \(last.value) does not exist (NXDOMAIN)"])
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("api is a CNAME to a deleted app") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) {
                d.hosts[i].a = DNSResponse(outcome: .nxdomain, chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: "acme-old.fly.dev")])
            } } },
        .triggers("the end of a two-link chain does not exist") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "www" }) {
                d.hosts[i].a = DNSResponse(outcome: .nxdomain, chain: [
                    DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: "cname.vercel-dns.com"),
                    DNSRecord(name: "cname.vercel-dns.com", type: .cname, ttl: 300, value: "gone.vercel-dns.com"),
                ])
            } } },
        .passes("a CNAME into another zone that resolves") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) {
                d.hosts[i].a = DNSResponse(outcome: .answer, records: [DNSRecord(name: "acme.fly.dev", type: .a, ttl: 60, value: "66.241.124.10")],
                                           chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: "acme.fly.dev")])
            } } },
        .passes("NXDOMAIN without a CNAME is a missing host (dns.host-missing)", alsoFires: [DNSHostMissingCheck.id]) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .nxdomain) } } },
        .passes("a CNAME whose target the resolver would not look up is unknown, not dangling", alsoFires: [DNSUnansweredCheck.id]) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) {
                d.hosts[i].a = DNSResponse(outcome: .refused, chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: "acme.fly.dev")])
            } } },
    ]
}

import Foundation
import HandoverModel

/// A host the manifest probes (its `hosts`, or the apex, www, app and api when it lists none) does not exist or has no address. A CNAME whose target
/// does not exist is `dns.dangling-cname`, not this.
package enum DNSHostMissingCheck: AuditCheck {
    package static let id = "dns.host-missing"
    package static let severity = Severity.high
    package static let title = "Host missing or NXDOMAIN"
    package static let impact = "Links, emails and apps that use this name fail for every visitor."
    package static let remediation = "Create the record (A/AAAA or CNAME) at the DNS provider; if the product does not use this host, list the domain's `hosts:` without it (a given `hosts:` is the whole list)."
    package static let reference = "RFC 8020 (NXDOMAIN)"
    package static let sections: [SectionName] = [.dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.dns?.domains ?? []).flatMap { domain in
            domain.hosts.compactMap { host in
                let a = host.a, aaaa = host.aaaa
                if a.outcome == .nxdomain { return a.chain.isEmpty ? Observation("host:\(host.name)", ["NXDOMAIN"]) : nil }
                let definite: Set<DNSOutcome> = [.nodata, .answer]
                guard a.records.isEmpty, aaaa.records.isEmpty, definite.contains(a.outcome), definite.contains(aaaa.outcome) else { return nil }
                return Observation("host:\(host.name)", ["no A or AAAA record" + (a.chain.isEmpty ? "" : " at the end of CNAME \(host.cnameChain.joined(separator: " → "))")])
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("api is NXDOMAIN") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .nxdomain) } } },
        .triggers("www has no address") { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "www" }) { d.hosts[i].a = DNSResponse(outcome: .nodata); d.hosts[i].aaaa = DNSResponse(outcome: .nodata) } } },
        .passes("a CNAME to a name that does not exist is dns.dangling-cname", alsoFires: [DNSDanglingCNAMECheck.id]) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) {
                d.hosts[i].a = DNSResponse(outcome: .nxdomain, chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: "gone.fly.dev")])
            } } },
        .passes("a timeout is unknown, not missing", alsoFires: [DNSUnansweredCheck.id]) { s in Edit.dns(&s) { d in
            if let i = d.hosts.firstIndex(where: { $0.label == "api" }) { d.hosts[i].a = DNSResponse(outcome: .timeout) } } },
    ]
}

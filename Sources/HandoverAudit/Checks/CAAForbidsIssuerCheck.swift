import Foundation
import HandoverModel

/// The CA that issued the certificate a host serves is not allowed by the host's CAA records.
package enum CAAForbidsIssuerCheck: AuditCheck {
    package static let id = "dns.caa-forbids-issuer"
    package static let severity = Severity.blocker
    package static let title = "CAA does not allow the issuer that serves the certificate"
    package static let impact = "The next renewal will be refused by the CA: the site goes down with an expired certificate."
    package static let remediation = "Add an `issue` record for the serving CA, or move issuance to a CA the records allow."
    package static let reference = "RFC 8659 §4.2"
    package static let sections: [SectionName] = [.dns, .tls]

    /// `issue` identifiers of the CAA set that applies to `host`, or nil when no CAA applies.
    static func issuers(_ c: AuditContext, host: String) -> [String]? {
        guard let record = c.dns?.firstHost(where: { $0.name == host }), record.caa.foundAt != nil else { return nil }
        return record.caa.records.compactMap { r -> String? in
            let parts = r.value.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, parts[1].lowercased() == "issue" else { return nil }
            return parts[2].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
    }

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { entry in
            guard let allowed = issuers(c, host: entry.host.host), !allowed.isEmpty,
                  let serving = entry.host.issuerCAADomains, !serving.contains(where: allowed.contains) else { return nil }
            return Observation("host:\(entry.host.host)", ["served by \(entry.leaf.issuerOrganization ?? entry.leaf.issuer) (\(serving.joined(separator: ", "))); CAA allows \(allowed.joined(separator: ", "))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("CAA allows another CA") { s in Edit.dns(&s) { d in
            for i in d.hosts.indices { d.hosts[i].caa.records = [DNSRecord(name: d.name, type: .caa, ttl: 300, value: "0 issue \"digicert.com\"")] } } },
        .passes("CAA allows the serving CA") { _ in },
    ]
}

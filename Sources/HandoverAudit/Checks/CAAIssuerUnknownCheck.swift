import Foundation
import HandoverModel

/// CAA exists but the serving issuer is not in handover's issuer table, so whether CAA allows it is unknown.
package enum CAAIssuerUnknownCheck: AuditCheck {
    package static let id = "dns.caa-issuer-unknown"
    package static let severity = Severity.info
    package static let title = "Cannot tell whether CAA allows the serving issuer"
    package static let impact = "If CAA does not allow this CA, renewals will fail; check it by hand."
    package static let remediation = "Compare the issuer's documented CAA domain with the `issue` records."
    package static let reference = "RFC 8659 §4.2"
    package static let sections: [SectionName] = [.dns, .tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { entry in
            guard let allowed = CAAForbidsIssuerCheck.issuers(c, host: entry.host.host), !allowed.isEmpty,
                  entry.host.issuerCAADomains == nil else { return nil }
            return Observation("host:\(entry.host.host)", ["issuer \(entry.leaf.issuerOrganization ?? entry.leaf.issuer) not in the table; CAA allows \(allowed.joined(separator: ", "))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("private CA") { s in Edit.tls(&s) { $0.chain[0].issuerOrganization = "Acme Private CA" } },
        .passes("known issuer") { _ in },
    ]
}

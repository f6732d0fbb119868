import Foundation
import HandoverModel

/// Certificate expired
package enum CertificateExpiredCheck: AuditCheck {
    package static let id = "tls.certificate-expired"
    package static let severity = Severity.blocker
    package static let title = "Certificate expired"
    package static let impact = "Browsers block the site with a full-page warning; API clients refuse to connect."
    package static let remediation = "Renew now and find out why automatic renewal did not run."
    package static let reference = "RFC 5280 §4.1.2.5"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.leaf.notAfter < c.now else { return nil }
            return Observation("host:\(e.host.host)", ["expired \(Timestamp.day(e.leaf.notAfter)), issued by \(e.leaf.issuerOrganization ?? e.leaf.issuer)"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.leaf(&s) { $0.notAfter = CheckExample.now - Edit.day } },
        .passes("trusted") { _ in },
    ]
}

import Foundation
import HandoverModel

/// Certificate not yet valid
package enum CertificateNotYetValidCheck: AuditCheck {
    package static let id = "tls.certificate-not-yet-valid"
    package static let severity = Severity.blocker
    package static let title = "Certificate not yet valid"
    package static let impact = "Browsers block the site until the certificate's start date: usually a wrong clock or a premature deploy."
    package static let remediation = "Serve the previous certificate until the new one is valid, and check the server clock."
    package static let reference = "RFC 5280 §4.1.2.5"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.leaf.notBefore > c.now else { return nil }
            return Observation("host:\(e.host.host)", ["valid from \(Timestamp.day(e.leaf.notBefore))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.leaf(&s) { $0.notBefore = CheckExample.now + Edit.day } },
        .passes("trusted") { _ in },
    ]
}

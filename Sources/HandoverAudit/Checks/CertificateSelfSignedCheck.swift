import Foundation
import HandoverModel

/// Self-signed certificate
package enum CertificateSelfSignedCheck: AuditCheck {
    package static let id = "tls.certificate-self-signed"
    package static let severity = Severity.blocker
    package static let title = "Self-signed certificate"
    package static let impact = "Every browser and API client rejects it."
    package static let remediation = "Serve a certificate from a public CA (e.g. Let's Encrypt through your host)."
    package static let reference = "RFC 5280 §6.1"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.verdict.selfSigned else { return nil }
            return Observation("host:\(e.host.host)", ["self-signed: \(e.leaf.subject)"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.tls(&s) { $0.chain = [$0.chain[0]]; $0.chain[0].issuer = $0.chain[0].subject; $0.verification?.issuerTrusted = false } },
        .passes("trusted") { _ in },
    ]
}

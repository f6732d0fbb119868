import Foundation
import HandoverModel

/// Certificate from an untrusted issuer
package enum CertificateUntrustedCheck: AuditCheck {
    package static let id = "tls.certificate-untrusted"
    package static let severity = Severity.blocker
    package static let title = "Certificate from an untrusted issuer"
    package static let impact = "Browsers and API clients reject the chain: the site looks broken or hijacked."
    package static let remediation = "Serve the full chain from a public CA; check that the intermediate is included."
    package static let reference = "RFC 5280 §6.1"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.verdict.unknownIssuer && !e.verdict.selfSigned else { return nil }
            return Observation("host:\(e.host.host)", ["issuer \(e.leaf.issuer) does not lead to a trusted root" + (e.verdict.detail.map { ": \($0)" } ?? "")])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.tls(&s) { $0.verification = ChainVerification(issuerTrusted: false, detail: "no chain to a trusted root") } },
        .passes("trusted") { _ in },
    ]
}

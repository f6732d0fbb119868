import Foundation

/// Self-signed certificate
public enum CertificateSelfSignedCheck: AuditCheck {
    public static let id = "tls.certificate-self-signed"
    public static let severity = Severity.blocker
    public static let title = "Self-signed certificate"
    public static let impact = "Every browser and API client rejects it."
    public static let remediation = "Serve a certificate from a public CA (e.g. Let's Encrypt through your host)."
    public static let reference = "RFC 5280 §6.1"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.verdict.selfSigned else { return nil }
            return Observation("host:\(e.host.host)", ["self-signed: \(e.leaf.subject)"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.tls(&s) { $0.chain = [$0.chain[0]]; $0.chain[0].issuer = $0.chain[0].subject; $0.verification?.issuerTrusted = false } },
        .passes("trusted") { _ in },
    ]
}

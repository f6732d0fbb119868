import Foundation

/// Certificate from an untrusted issuer
public enum CertificateUntrustedCheck: AuditCheck {
    public static let id = "tls.certificate-untrusted"
    public static let severity = Severity.blocker
    public static let title = "Certificate from an untrusted issuer"
    public static let impact = "Browsers and API clients reject the chain: the site looks broken or hijacked."
    public static let remediation = "Serve the full chain from a public CA; check that the intermediate is included."
    public static let reference = "RFC 5280 §6.1"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.verdict.unknownIssuer && !e.verdict.selfSigned else { return nil }
            return Observation("host:\(e.host.host)", ["issuer \(e.leaf.issuer) does not lead to a trusted root" + (e.verdict.detail.map { ": \($0)" } ?? "")])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.tls(&s) { $0.verification = ChainVerification(issuerTrusted: false, detail: "no chain to a trusted root") } },
        .passes("trusted") { _ in },
    ]
}

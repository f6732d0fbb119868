import Foundation

/// Certificate expired
public enum CertificateExpiredCheck: AuditCheck {
    public static let id = "tls.certificate-expired"
    public static let severity = Severity.blocker
    public static let title = "Certificate expired"
    public static let impact = "Browsers block the site with a full-page warning; API clients refuse to connect."
    public static let remediation = "Renew now and find out why automatic renewal did not run."
    public static let reference = "RFC 5280 §4.1.2.5"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.leaf.notAfter < c.now else { return nil }
            return Observation("host:\(e.host.host)", ["expired \(Timestamp.day(e.leaf.notAfter)), issued by \(e.leaf.issuerOrganization ?? e.leaf.issuer)"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.leaf(&s) { $0.notAfter = HealthyExample.now - Edit.day } },
        .passes("trusted") { _ in },
    ]
}

import Foundation

/// Certificate not yet valid
public enum CertificateNotYetValidCheck: AuditCheck {
    public static let id = "tls.certificate-not-yet-valid"
    public static let severity = Severity.blocker
    public static let title = "Certificate not yet valid"
    public static let impact = "Browsers block the site until the certificate's start date: usually a wrong clock or a premature deploy."
    public static let remediation = "Serve the previous certificate until the new one is valid, and check the server clock."
    public static let reference = "RFC 5280 §4.1.2.5"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.leaf.notBefore > c.now else { return nil }
            return Observation("host:\(e.host.host)", ["valid from \(Timestamp.day(e.leaf.notBefore))"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.leaf(&s) { $0.notBefore = HealthyExample.now + Edit.day } },
        .passes("trusted") { _ in },
    ]
}

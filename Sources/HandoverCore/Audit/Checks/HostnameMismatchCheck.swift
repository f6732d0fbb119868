import Foundation

/// Certificate does not cover the host name
public enum HostnameMismatchCheck: AuditCheck {
    public static let id = "tls.hostname-mismatch"
    public static let severity = Severity.blocker
    public static let title = "Certificate does not cover the host name"
    public static let impact = "Browsers warn that the site may be an impostor; API clients refuse to connect."
    public static let remediation = "Issue a certificate whose SANs include this host (or a wildcard covering it)."
    public static let reference = "RFC 6125 §6.4"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.verdict.hostnameMismatch else { return nil }
            return Observation("host:\(e.host.host)", ["names: \(e.leaf.subjectAlternativeNames.joined(separator: ", "))"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.tls(&s) { $0.chain[0].subjectAlternativeNames = ["other.example"] } },
        .passes("trusted") { _ in },
    ]
}

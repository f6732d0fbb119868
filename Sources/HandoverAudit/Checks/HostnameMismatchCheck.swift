import Foundation
import HandoverModel

/// Certificate does not cover the host name
package enum HostnameMismatchCheck: AuditCheck {
    package static let id = "tls.hostname-mismatch"
    package static let severity = Severity.blocker
    package static let title = "Certificate does not cover the host name"
    package static let impact = "Browsers warn that the site may be an impostor; API clients refuse to connect."
    package static let remediation = "Issue a certificate whose SANs include this host (or a wildcard covering it)."
    package static let reference = "RFC 6125 §6.4"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        c.handshakes.compactMap { e in
            guard e.verdict.hostnameMismatch else { return nil }
            return Observation("host:\(e.host.host)", ["names: \(e.leaf.subjectAlternativeNames.joined(separator: ", "))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("broken") { s in Edit.tls(&s) { $0.chain[0].subjectAlternativeNames = ["other.example"] } },
        .passes("trusted") { _ in },
    ]
}

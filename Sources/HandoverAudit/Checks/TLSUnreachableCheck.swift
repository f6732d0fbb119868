import Foundation
import HandoverModel

/// A host with an address does not complete a TLS handshake.
package enum TLSUnreachableCheck: AuditCheck {
    package static let id = "tls.unreachable"
    package static let severity = Severity.high
    package static let title = "HTTPS does not answer"
    package static let impact = "Visitors and API clients get a connection error on this host."
    package static let remediation = "Check the host's listener on port 443, its firewall and its certificate configuration."
    package static let reference = "RFC 8446 §4"
    package static let sections: [SectionName] = [.tls]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.tls?.hosts ?? []).compactMap { h in
            guard [.refused, .timeout, .handshakeFailed].contains(h.outcome) else { return nil }
            return Observation("host:\(h.host)", ["\(h.outcome.rawValue) at \(h.address ?? "?"):\(h.connectPort ?? h.port)" + (h.detail.map { ": \($0)" } ?? "")])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("timeout") { s in Edit.tls(&s) { $0.outcome = .timeout } },
        .passes("no address (the DNS checks say so)") { s in Edit.tls(&s) { $0.outcome = .noAddress } },
    ]
}

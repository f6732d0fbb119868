import Foundation

/// A host with an address does not complete a TLS handshake.
public enum TLSUnreachableCheck: AuditCheck {
    public static let id = "tls.unreachable"
    public static let severity = Severity.high
    public static let title = "HTTPS does not answer"
    public static let impact = "Visitors and API clients get a connection error on this host."
    public static let remediation = "Check the host's listener on port 443, its firewall and its certificate configuration."
    public static let reference = "RFC 8446 §4"
    public static let sections: [SectionName] = [.tls]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.tls?.hosts ?? []).compactMap { h in
            guard [.refused, .timeout, .handshakeFailed].contains(h.outcome) else { return nil }
            return Observation("host:\(h.host)", ["\(h.outcome.rawValue) at \(h.address ?? "?"):\(h.connectPort ?? h.port)" + (h.detail.map { ": \($0)" } ?? "")])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("timeout") { s in Edit.tls(&s) { $0.outcome = .timeout } },
        .passes("no address (the DNS checks say so)") { s in Edit.tls(&s) { $0.outcome = .noAddress } },
    ]
}

import Foundation
import HandoverModel

/// An MX record points at a name without an address.
package enum MXTargetCheck: AuditCheck {
    package static let id = "dns.mx-target-unresolvable"
    package static let severity = Severity.high
    package static let title = "Mail exchanger without an address"
    package static let impact = "Mail to this domain bounces or is delayed: customers' replies and password resets get lost."
    package static let remediation = "Point the MX at the mail provider's documented host names, or fix their A/AAAA records."
    package static let reference = "RFC 5321 §5.1"
    package static let sections: [SectionName] = [.dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        let definite: Set<DNSOutcome> = [.nxdomain, .nodata]
        return (c.dns?.domains ?? []).compactMap { domain in
            let bad = domain.mxTargets.filter { !$0.nullMX && definite.contains($0.a) && definite.contains($0.aaaa) }
            return bad.isEmpty ? nil : Observation("domain:\(domain.name)", bad.map { "MX \($0.preference) \($0.host): A \($0.a.rawValue), AAAA \($0.aaaa.rawValue)" })
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("target does not exist") { s in Edit.dns(&s) { $0.mxTargets[0].a = .nxdomain; $0.mxTargets[0].aaaa = .nxdomain } },
        .passes("target resolves over IPv4 only") { s in Edit.dns(&s) { $0.mxTargets[0].aaaa = .nodata } },
    ]
}

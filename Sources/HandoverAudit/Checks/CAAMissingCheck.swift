import Foundation
import HandoverModel

/// No CAA record anywhere up the tree: any certificate authority may issue for the domain.
package enum CAAMissingCheck: AuditCheck {
    package static let id = "dns.caa-missing"
    package static let severity = Severity.medium
    package static let title = "No CAA record"
    package static let impact = "Any certificate authority may issue certificates for your domain, which widens what a mis-issuance can do."
    package static let remediation = "Add `0 issue \"<your CA's domain>\"` (e.g. letsencrypt.org) at the apex."
    package static let reference = "RFC 8659 §4"
    package static let sections: [SectionName] = [.dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.dns?.domains ?? []).compactMap { domain in
            guard let apex = domain.hosts.first(where: { $0.label == "@" }), apex.caa.foundAt == nil,
                  apex.caa.climb.allSatisfy({ $0.outcome == .nodata || $0.outcome == .nxdomain }) else { return nil }
            return Observation("domain:\(domain.name)", ["no CAA at \(apex.caa.climb.map(\.name).joined(separator: ", "))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("no CAA") { s in Edit.dns(&s) { d in
            for i in d.hosts.indices { d.hosts[i].caa = CAAResult(foundAt: nil, records: [], climb: [CAAStep(name: d.name, outcome: .nodata)]) } } },
        .passes("CAA found") { _ in },
    ]
}

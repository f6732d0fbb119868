import Foundation
import HandoverModel

/// A host does not point where the manifest's `expect` says.
package enum DNSExpectationCheck: AuditCheck {
    package static let id = "dns.expectation-mismatch"
    package static let severity = Severity.blocker
    package static let title = "Host does not point where the manifest expects"
    package static let impact = "Visitors reach another server than the one you deploy to, or none at all."
    package static let remediation = "Fix the record at the DNS provider, or update `expect` if the move was intended."
    package static let reference = "RFC 1034 §3.6"
    package static let sections: [SectionName] = [.dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.dns?.domains ?? []).flatMap { domain in
            domain.expectations.filter { $0.verdict == .mismatch }.map { e in
                let host = e.host == "@" ? domain.name : "\(e.host).\(domain.name)"
                return Observation("host:\(host)", ["expected \(e.type.rawValue) \(e.expected.joined(separator: ", ")), got \(e.actual.isEmpty ? e.outcome.rawValue : e.actual.joined(separator: ", "))"])
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("apex moved") { s in Edit.dns(&s) { $0.expectations[0].actual = ["203.0.113.9"] } },
        .passes("expectation met") { _ in },
    ]
}

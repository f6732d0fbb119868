import Foundation
import HandoverModel

/// DMARC without aggregate reports (rua)
package enum DMARCNoRUACheck: AuditCheck {
    package static let id = "email.dmarc-no-rua"
    package static let severity = Severity.medium
    package static let title = "DMARC without aggregate reports (rua)"
    package static let impact = "Without reports you cannot see who sends as your domain, nor notice when your own mail starts failing."
    package static let remediation = "Add `rua=mailto:dmarc@<your domain>` (or a reporting service) to the DMARC record."
    package static let reference = "RFC 7489 §6.3"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dmarc.no-rua"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dmarc.record?.aggregateReports = [] } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// DMARC reports go to a domain that has not authorized them
package enum DMARCExternalUnauthorizedCheck: AuditCheck {
    package static let id = "email.dmarc-external-unauthorized"
    package static let severity = Severity.low
    package static let title = "DMARC reports go to a domain that has not authorized them"
    package static let impact = "Receivers drop reports to an external domain without its authorization record: you get no reports."
    package static let remediation = "Publish `<your domain>._report._dmarc.<their domain> TXT \"v=DMARC1\"` at the destination, or report to your own domain."
    package static let reference = "RFC 7489 §7.1"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dmarc.external-unauthorized"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dmarc.externalDestinations.append(ExternalDestination(
            domain: "reports.example", query: "\(d.name)._report._dmarc.reports.example", authorized: false, outcome: .nxdomain)) } },
        .passes("no such verdict") { _ in },
    ]
}

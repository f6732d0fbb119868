import Foundation

/// DMARC reports go to a domain that has not authorized them
public enum DMARCExternalUnauthorizedCheck: AuditCheck {
    public static let id = "email.dmarc-external-unauthorized"
    public static let severity = Severity.low
    public static let title = "DMARC reports go to a domain that has not authorized them"
    public static let impact = "Receivers drop reports to an external domain without its authorization record: you get no reports."
    public static let remediation = "Publish `<your domain>._report._dmarc.<their domain> TXT \"v=DMARC1\"` at the destination, or report to your own domain."
    public static let reference = "RFC 7489 §7.1"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dmarc.external-unauthorized"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dmarc.externalDestinations.append(ExternalDestination(
            domain: "reports.example", query: "\(d.name)._report._dmarc.reports.example", authorized: false, outcome: .nxdomain)) } },
        .passes("no such verdict") { _ in },
    ]
}

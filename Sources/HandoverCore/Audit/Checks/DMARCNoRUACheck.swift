import Foundation

/// DMARC without aggregate reports (rua)
public enum DMARCNoRUACheck: AuditCheck {
    public static let id = "email.dmarc-no-rua"
    public static let severity = Severity.medium
    public static let title = "DMARC without aggregate reports (rua)"
    public static let impact = "Without reports you cannot see who sends as your domain, nor notice when your own mail starts failing."
    public static let remediation = "Add `rua=mailto:dmarc@<your domain>` (or a reporting service) to the DMARC record."
    public static let reference = "RFC 7489 §6.3"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dmarc.no-rua"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dmarc.record?.aggregateReports = [] } },
        .passes("no such verdict") { _ in },
    ]
}

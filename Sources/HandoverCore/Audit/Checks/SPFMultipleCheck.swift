import Foundation

/// More than one SPF record
public enum SPFMultipleCheck: AuditCheck {
    public static let id = "email.spf-multiple"
    public static let severity = Severity.high
    public static let title = "More than one SPF record"
    public static let impact = "Receivers treat several SPF records as a permanent error: SPF fails for all your mail."
    public static let remediation = "Merge the records into one `v=spf1 … -all`."
    public static let reference = "RFC 7208 §4.5"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.multiple"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree.records.append("v=spf1 -all") } },
        .passes("no such verdict") { _ in },
    ]
}

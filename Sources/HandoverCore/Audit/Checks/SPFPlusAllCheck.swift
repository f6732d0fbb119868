import Foundation

/// SPF ends in +all
public enum SPFPlusAllCheck: AuditCheck {
    public static let id = "email.spf-plus-all"
    public static let severity = Severity.high
    public static let title = "SPF ends in +all"
    public static let impact = "+all authorizes every server on the internet to send as your domain."
    public static let remediation = "End the record with -all (or ~all while you roll out)."
    public static let reference = "RFC 7208 §5.1"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.plus-all"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree.records = ["v=spf1 include:_spf.google.com +all"] } },
        .passes("no such verdict") { _ in },
    ]
}

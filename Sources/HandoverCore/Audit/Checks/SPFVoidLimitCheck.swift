import Foundation

/// SPF has more than 2 void lookups
public enum SPFVoidLimitCheck: AuditCheck {
    public static let id = "email.spf-void-limit"
    public static let severity = Severity.high
    public static let title = "SPF has more than 2 void lookups"
    public static let impact = "Receivers fail SPF after two lookups that return nothing: legitimate mail is rejected."
    public static let remediation = "Remove includes and mechanisms that point at names without records."
    public static let reference = "RFC 7208 §4.6.4"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.void-limit"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.voidLookups = 3 } },
        .passes("no such verdict") { _ in },
    ]
}

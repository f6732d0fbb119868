import Foundation

/// SPF needs more than 10 DNS lookups
public enum SPFLookupLimitCheck: AuditCheck {
    public static let id = "email.spf-lookup-limit"
    public static let severity = Severity.high
    public static let title = "SPF needs more than 10 DNS lookups"
    public static let impact = "Receivers stop at 10 lookups and fail SPF (permerror): legitimate mail is rejected or marked as spam."
    public static let remediation = "Remove unused includes, or replace nested includes with ip4/ip6 ranges."
    public static let reference = "RFC 7208 §4.6.4"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.lookup-limit"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.lookups = 11 } },
        .passes("no such verdict") { _ in },
    ]
}

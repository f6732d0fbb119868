import Foundation

/// SPF ends in ?all
public enum SPFNeutralAllCheck: AuditCheck {
    public static let id = "email.spf-neutral-all"
    public static let severity = Severity.medium
    public static let title = "SPF ends in ?all"
    public static let impact = "?all says nothing about unlisted senders, so spoofed mail is judged on other signals only."
    public static let remediation = "End the record with -all (or ~all while you roll out)."
    public static let reference = "RFC 7208 §2.6.2"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.neutral-all"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree.records = ["v=spf1 include:_spf.google.com ?all"] } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation

/// No SPF record
public enum SPFMissingCheck: AuditCheck {
    public static let id = "email.spf-missing"
    public static let severity = Severity.high
    public static let title = "No SPF record"
    public static let impact = "Anyone can send mail as your domain and receivers have no way to tell; your own mail lands in spam more often."
    public static let remediation = "Publish one TXT record `v=spf1 include:<your mail providers> -all` at the apex."
    public static let reference = "RFC 7208 §3"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.none"]) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree = SPFNode(domain: d.name, via: nil, outcome: .nodata, records: [], errors: [], children: []) } },
        .passes("no such verdict") { _ in },
    ]
}

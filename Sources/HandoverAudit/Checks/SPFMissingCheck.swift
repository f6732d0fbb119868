import Foundation
import HandoverModel

/// No SPF record
package enum SPFMissingCheck: AuditCheck {
    package static let id = "email.spf-missing"
    package static let severity = Severity.high
    package static let title = "No SPF record"
    package static let impact = "Anyone can send mail as your domain and receivers have no way to tell; your own mail lands in spam more often."
    package static let remediation = "Publish one TXT record `v=spf1 include:<your mail providers> -all` at the apex."
    package static let reference = "RFC 7208 §3"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.none"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree = SPFNode(domain: d.name, via: nil, outcome: .nodata, records: [], errors: [], children: []) } },
        .passes("no such verdict") { _ in },
    ]
}

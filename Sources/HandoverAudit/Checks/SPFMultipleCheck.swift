import Foundation
import HandoverModel

/// More than one SPF record
package enum SPFMultipleCheck: AuditCheck {
    package static let id = "email.spf-multiple"
    package static let severity = Severity.high
    package static let title = "More than one SPF record"
    package static let impact = "Receivers treat several SPF records as a permanent error: SPF fails for all your mail."
    package static let remediation = "Merge the records into one `v=spf1 … -all`."
    package static let reference = "RFC 7208 §4.5"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.multiple"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree.records.append("v=spf1 -all") } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// SPF ends in +all
package enum SPFPlusAllCheck: AuditCheck {
    package static let id = "email.spf-plus-all"
    package static let severity = Severity.high
    package static let title = "SPF ends in +all"
    package static let impact = "+all authorizes every server on the internet to send as your domain."
    package static let remediation = "End the record with -all (or ~all while you roll out)."
    package static let reference = "RFC 7208 §5.1"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.plus-all"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree.records = ["v=spf1 include:_spf.google.com +all"] } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// SPF ends in ?all
package enum SPFNeutralAllCheck: AuditCheck {
    package static let id = "email.spf-neutral-all"
    package static let severity = Severity.medium
    package static let title = "SPF ends in ?all"
    package static let impact = "?all says nothing about unlisted senders, so spoofed mail is judged on other signals only."
    package static let remediation = "End the record with -all (or ~all while you roll out)."
    package static let reference = "RFC 7208 §2.6.2"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.neutral-all"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.tree.records = ["v=spf1 include:_spf.google.com ?all"] } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// SPF has more than 2 void lookups
package enum SPFVoidLimitCheck: AuditCheck {
    package static let id = "email.spf-void-limit"
    package static let severity = Severity.high
    package static let title = "SPF has more than 2 void lookups"
    package static let impact = "Receivers fail SPF after two lookups that return nothing: legitimate mail is rejected."
    package static let remediation = "Remove includes and mechanisms that point at names without records."
    package static let reference = "RFC 7208 §4.6.4"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.void-limit"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.voidLookups = 3 } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// SPF needs more than 10 DNS lookups
package enum SPFLookupLimitCheck: AuditCheck {
    package static let id = "email.spf-lookup-limit"
    package static let severity = Severity.high
    package static let title = "SPF needs more than 10 DNS lookups"
    package static let impact = "Receivers stop at 10 lookups and fail SPF (permerror): legitimate mail is rejected or marked as spam."
    package static let remediation = "Remove unused includes, or replace nested includes with ip4/ip6 ranges."
    package static let reference = "RFC 7208 §4.6.4"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["spf.lookup-limit"]) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.spf.lookups = 11 } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// DKIM key revoked
package enum DKIMRevokedCheck: AuditCheck {
    package static let id = "email.dkim-revoked"
    package static let severity = Severity.high
    package static let title = "DKIM key revoked"
    package static let impact = "A revoked key (empty p=) makes every signature with this selector fail."
    package static let remediation = "Rotate the selector at your mail provider and publish the new key."
    package static let reference = "RFC 6376 §3.6.1"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dkim.revoked"], dkim: true) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dkim[0].record = DKIMRecord(parsing: "v=DKIM1; k=rsa; p=") } },
        .passes("no such verdict") { _ in },
    ]
}

import Foundation
import HandoverModel

/// Configured DKIM selector not found
package enum DKIMMissingCheck: AuditCheck {
    package static let id = "email.dkim-missing"
    package static let severity = Severity.medium
    package static let title = "Configured DKIM selector not found"
    package static let impact = "Mail signed with this selector fails DKIM, so DMARC passes only through SPF alignment, which forwarding breaks."
    package static let remediation = "Publish the provider's DKIM key at SELECTOR._domainkey, or remove the selector from dkim_selectors."
    package static let reference = "RFC 6376 §3.6.2"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dkim.missing"], dkim: true) }

    package static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dkim[0].record = nil; d.dkim[0].outcome = .nxdomain; d.dkim[0].configured = true } },
        .passes("no such verdict") { _ in },
    ]
}

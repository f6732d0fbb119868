import Foundation

/// Configured DKIM selector not found
public enum DKIMMissingCheck: AuditCheck {
    public static let id = "email.dkim-missing"
    public static let severity = Severity.medium
    public static let title = "Configured DKIM selector not found"
    public static let impact = "Mail signed with this selector fails DKIM, so DMARC passes only through SPF alignment, which forwarding breaks."
    public static let remediation = "Publish the provider's DKIM key at SELECTOR._domainkey, or remove the selector from dkim_selectors."
    public static let reference = "RFC 6376 §3.6.2"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dkim.missing"], dkim: true) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dkim[0].record = nil; d.dkim[0].outcome = .nxdomain; d.dkim[0].configured = true } },
        .passes("no such verdict") { _ in },
    ]
}

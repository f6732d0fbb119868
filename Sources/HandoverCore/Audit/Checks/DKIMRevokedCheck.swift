import Foundation

/// DKIM key revoked
public enum DKIMRevokedCheck: AuditCheck {
    public static let id = "email.dkim-revoked"
    public static let severity = Severity.high
    public static let title = "DKIM key revoked"
    public static let impact = "A revoked key (empty p=) makes every signature with this selector fail."
    public static let remediation = "Rotate the selector at your mail provider and publish the new key."
    public static let reference = "RFC 6376 §3.6.1"
    public static let sections: [SectionName] = [.email]

    public static func observe(_ c: AuditContext) -> [Observation] { c.emailVerdicts(["dkim.revoked"], dkim: true) }

    public static let examples: [CheckExample] = [
        .triggers("verdict present") { s in Edit.email(&s) { d in d.dkim[0].record = DKIMRecord(parsing: "v=DKIM1; k=rsa; p=") } },
        .passes("no such verdict") { _ in },
    ]
}

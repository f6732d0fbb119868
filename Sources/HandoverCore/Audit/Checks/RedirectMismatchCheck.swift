import Foundation

/// A redirect the manifest declares is not what the site does.
public enum RedirectMismatchCheck: AuditCheck {
    public static let id = "http.redirect-mismatch"
    public static let severity = Severity.medium
    public static let title = "Declared redirect not honoured"
    public static let impact = "Old links, ads or emails that rely on this redirect land somewhere else."
    public static let remediation = "Fix the redirect rule at the host, or update `redirects` in the manifest."
    public static let reference = "RFC 9110 §15.4"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.redirectChecks ?? []).filter { !$0.matches }.map {
            Observation("redirect:\($0.from)", ["expected \($0.expected), got \($0.actual ?? "no answer") (manifest line \($0.manifestLine))"])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("ends elsewhere") { s in Edit.http(&s) { $0.redirectChecks[0].actual = "https://www.acme.example/" } },
        .passes("matches") { _ in },
    ]
}

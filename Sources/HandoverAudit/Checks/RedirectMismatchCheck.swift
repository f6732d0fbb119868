import Foundation
import HandoverModel

/// A redirect the manifest declares is not what the site does.
package enum RedirectMismatchCheck: AuditCheck {
    package static let id = "http.redirect-mismatch"
    package static let severity = Severity.medium
    package static let title = "Declared redirect not honoured"
    package static let impact = "Old links, ads or emails that rely on this redirect land somewhere else."
    package static let remediation = "Fix the redirect rule at the host, or update `redirects` in the manifest."
    package static let reference = "RFC 9110 §15.4"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.redirectChecks ?? []).filter { !$0.matches }.map {
            Observation("redirect:\($0.from)", ["expected \($0.expected), got \($0.actual ?? "no answer") (manifest line \($0.manifestLine))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("ends elsewhere") { s in Edit.http(&s) { $0.redirectChecks[0].actual = "https://www.acme.example/" } },
        .passes("matches") { _ in },
    ]
}

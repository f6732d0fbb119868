import Foundation
import HandoverModel

/// No DMARC policy applies although a record is published: more than one record at the name, or a record without a
/// valid `p=` (high: receivers apply no policy, RFC 7489 §6.6.3); a tag receivers ignore (low).
package enum DMARCInvalidCheck: AuditCheck {
    package static let id = "email.dmarc-invalid"
    package static let severity = Severity.high
    package static let title = "DMARC record invalid: no policy applied"
    package static let impact = "Receivers discard several records or one without a valid policy, so spoofed mail is judged as if you had no DMARC at all."
    package static let remediation = "Publish exactly one `v=DMARC1; p=…; rua=mailto:…` record at the name the evidence gives, with the tags spelled as RFC 7489 §6.3 defines them."
    package static let reference = "RFC 7489 §6.3, §6.6.3"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            let subject = "domain:\(d.name)"
            let at = d.dmarc.foundAt ?? "_dmarc.\(d.name)"
            if let records = d.dmarc.records, records.count > 1 {
                return Observation(subject, ["\(at) publishes \(records.count) DMARC records; receivers apply none"] + records)
            }
            if d.dmarc.records == nil, d.dmarc.verdicts.contains(where: { $0.code == "dmarc.multiple" }) {
                // Snapshots written before the records were kept say so only in the verdict they recorded.
                return Observation(subject, d.dmarc.verdicts.filter { $0.code == "dmarc.multiple" }.map(\.detail))
            }
            guard let text = d.dmarc.text else { return nil }
            let record = DMARCRecord(parsing: text)
            guard !record.errors.isEmpty else { return nil }
            let appliesNoPolicy = record.policy == nil || record.policy == .unknown
            return Observation(subject, ["\(at): \(text)"] + record.errors, severity: appliesNoPolicy ? nil : .low)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("two records at _dmarc") { s in Edit.email(&s) { d in
            d.dmarc.records = ["v=DMARC1; p=reject; rua=mailto:dmarc@\(d.name)", "v=DMARC1; p=none"]
            d.dmarc.text = nil
            d.dmarc.record = nil } },
        .triggers("p=rejct (high: no policy)") { s in Edit.email(&s) { d in
            d.dmarc.text = "v=DMARC1; p=rejct; rua=mailto:dmarc@\(d.name)"
            d.dmarc.record = DMARCRecord(parsing: d.dmarc.text!) } },
        .triggers("no p= at all (high)") { s in Edit.email(&s) { d in
            d.dmarc.text = "v=DMARC1; rua=mailto:dmarc@\(d.name)"
            d.dmarc.record = DMARCRecord(parsing: d.dmarc.text!) } },
        .triggers("an ignored tag (low)", severity: .low) { s in Edit.email(&s) { d in
            d.dmarc.text = "v=DMARC1; p=reject; adkim=x; rua=mailto:dmarc@\(d.name)"
            d.dmarc.record = DMARCRecord(parsing: d.dmarc.text!) } },
        .passes("one valid record") { _ in },
    ]
}

import Foundation
import HandoverModel

/// The DMARC policy that applies to a domain (`p=`, or `sp=` of the organisational domain's record) is weaker than in the previous snapshot.
package enum DMARCWeakenedCheck: AuditCheck {
    package static let id = "email.dmarc-weakened"
    package static let severity = Severity.medium
    package static let title = "DMARC weakened since the previous snapshot"
    package static let impact = "Mail spoofing your domain that was rejected before is now delivered."
    package static let remediation = "Restore the stronger policy unless the change was deliberate (then accept this finding with a reason)."
    package static let reference = "RFC 7489 §6.3"
    package static let sections: [SectionName] = [.email]

    static func rank(_ p: DMARCRecord.Policy?) -> Int {
        switch p { case .reject: return 2; case .quarantine: return 1; default: return 0 }
    }

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let before = c.previous?.email.collectedValue else { return [] }
        return (c.email?.domains ?? []).compactMap { d in
            guard let old = before.domains.first(where: { $0.name == d.name }),
                  rank(d.effectiveDMARCPolicy) < rank(old.effectiveDMARCPolicy) else { return nil }
            return Observation("domain:\(d.name)", ["\(old.effectiveDMARCPolicyTag) → \(d.effectiveDMARCPolicyTag)"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("reject → quarantine", previous: { _ in }) { s in Edit.email(&s) { $0.dmarc.record?.policy = .quarantine } },
        .passes("quarantine → reject", previous: { s in Edit.email(&s) { $0.dmarc.record?.policy = .quarantine } }) { _ in },
        .passes("no previous snapshot") { s in Edit.email(&s) { $0.dmarc.record?.policy = .quarantine } },
    ]
}

import Foundation
import HandoverModel

/// A domain that receives mail without MTA-STS.
package enum MTASTSNoneCheck: AuditCheck {
    package static let id = "email.mta-sts-none"
    package static let severity = Severity.info
    package static let title = "No MTA-STS for a domain that receives mail"
    package static let impact = "Without MTA-STS, senders use STARTTLS only when offered and accept any certificate, so an attacker on the path can strip TLS or divert mail (RFC 8461 §1). Not a launch risk: mail flows; a cheap protection once it does."
    package static let remediation = "Serve `version: STSv1`, `mode: testing`, an `mx:` line per MX host and `max_age: 86400` at https://mta-sts.<domain>/.well-known/mta-sts.txt, publish `_mta-sts.<domain> TXT \"v=STSv1; id=<date>\"` and a TLS-RPT record, then move to enforce."
    package static let reference = "RFC 8461 §3, §8.3"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard let report = d.mtaSTSPolicy, !report.mx.isEmpty else { return nil }
            if !report.published, report.answered {
                return Observation("domain:\(d.name)", ["no `v=STSv1` record at \(report.name) (\(report.outcome.rawValue)); MX: \(report.mx.joined(separator: ", "))"])
            }
            if report.usablePolicy?.mode == MTASTSPolicy.Mode.none {
                return Observation("domain:\(d.name)", ["\(report.fetch?.url ?? report.name) says `mode: none`: MTA-STS is withdrawn (RFC 8461 §8.3)"])
            }
            return nil
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("no _mta-sts record, two MX hosts") { s in
            Edit.mtaSTS(&s) { r in
                r.outcome = .nxdomain
                r.records = []
                r.fetch = nil
            } },
        .triggers("mode none") { s in Edit.mtaSTS(&s, body: "version: STSv1\nmode: none\nmax_age: 86400\n") },
        .passes("no record and no MX: the domain receives no mail") { s in
            Edit.mtaSTS(&s) { r in
                r.outcome = .nxdomain
                r.records = []
                r.fetch = nil
                r.mx = []
            } },
        .passes("the TXT lookup timed out: absence is not known") { s in
            Edit.mtaSTS(&s) { r in
                r.outcome = .timeout
                r.records = []
                r.fetch = nil
            } },
        .passes("enforce policy") { s in Edit.mtaSTS(&s) },
    ]
}

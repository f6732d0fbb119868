import Foundation
import HandoverModel

/// A `_mta-sts` record whose policy senders cannot fetch, verify or parse.
package enum MTASTSPolicyUnusableCheck: AuditCheck {
    package static let id = "email.mta-sts-policy-unusable"
    package static let severity = Severity.medium
    package static let title = "MTA-STS record without a usable policy"
    package static let impact = "The domain advertises MTA-STS but senders find no policy they may apply (RFC 8461 §3.3, §5.1): new senders deliver as if it did not exist, so downgrade and MX spoofing stay possible, and senders that cached an earlier policy keep applying it, with its old MX list, until its max_age runs out."
    package static let remediation = "Serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt directly (no redirect), as text/plain, with a certificate valid for mta-sts.<domain>, holding `version: STSv1`, `mode`, `mx` and `max_age`; keep one `v=STSv1; id=…` record — or remove the record."
    package static let reference = "RFC 8461 §3.1, §3.2, §3.3"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { d in
            guard let reasons = d.mtaSTSPolicy?.unusableReasons, !reasons.isEmpty else { return nil }
            return Observation("domain:\(d.name)", reasons)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("404 for the policy") { s in Edit.mtaSTS(&s, body: "<h1>Not found</h1>", status: 404, contentType: "text/html") },
        .triggers("an HTML page served with 200") { s in
            Edit.mtaSTS(&s, body: "<!DOCTYPE html>\n<html><body style=\"color: red\">hi</body></html>\n", contentType: "text/html; charset=utf-8") },
        .triggers("a valid policy served as application/octet-stream") { s in Edit.mtaSTS(&s, contentType: "application/octet-stream") },
        .triggers("a redirect, which senders do not follow") { s in
            Edit.mtaSTS(&s, body: "", status: 301, contentType: "text/html") { r in r.fetch?.location = "https://acme.example/mta-sts.txt" } },
        .triggers("a certificate that does not verify") { s in
            Edit.mtaSTS(&s) { r in
                r.fetch?.outcome = .tlsFailed
                r.fetch?.certificateVerified = false
                r.fetch?.status = nil
                r.fetch?.policy = nil
                r.fetch?.detail = "handshake failed: CERTIFICATE_VERIFY_FAILED"
            } },
        .triggers("no address for mta-sts.<domain>") { s in
            Edit.mtaSTS(&s) { r in
                r.fetch?.outcome = .noAddress
                r.fetch?.certificateVerified = nil
                r.fetch?.status = nil
                r.fetch?.policy = nil
            } },
        .triggers("max_age over a year") { s in
            Edit.mtaSTS(&s, body: Edit.mtaSTSPolicy.replacingOccurrences(of: "604800", with: "31557601")) },
        .triggers("two v=STSv1 records") { s in Edit.mtaSTS(&s) { r in r.records.append("v=STSv1; id=2") } },
        .triggers("a record without id=") { s in Edit.mtaSTS(&s) { r in r.records = ["v=STSv1;"] } },
        .passes("valid enforce policy with an unknown field and a repeated mode") { s in
            Edit.mtaSTS(&s, body: Edit.mtaSTSPolicy + "mode: none\nextension_x: 1\n") },
        .passes("no record: nothing to fetch") { s in
            Edit.mtaSTS(&s) { r in
                r.records = []
                r.outcome = .nodata
                r.fetch = nil
                r.mx = []
            } },
    ]
}

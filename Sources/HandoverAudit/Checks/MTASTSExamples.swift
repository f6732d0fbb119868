import Foundation
import HandoverModel

extension Edit {
    /// A policy that covers the healthy example's two MX hosts: `*.l.google.com` covers `aspmx.l.google.com` but not
    /// `alt1.aspmx.l.google.com` (one label only), which the second pattern covers.
    package static let mtaSTSPolicy = "version: STSv1\nmode: enforce\nmx: *.l.google.com\nmx: *.aspmx.l.google.com\nmax_age: 604800\n"

    /// Gives the healthy domain MTA-STS facts: its record, its MX hosts and `body` served as `contentType` with `status`
    /// over verified TLS; `change` then edits them.
    package static func mtaSTS(_ s: inout Snapshot, body: String = mtaSTSPolicy, status: Int = 200, contentType: String = "text/plain",
                               _ change: (inout MTASTSReport) -> Void = { _ in }) {
        email(&s) { d in
            let fetch = MTASTSFetch(url: "https://mta-sts.\(d.name)/.well-known/mta-sts.txt", outcome: .response, certificateVerified: true,
                                    verifiedBy: "system roots", status: status, contentType: contentType, location: nil,
                                    bytes: body.utf8.count, truncated: false, detail: nil,
                                    policy: status == 200 ? MTASTSPolicy(parsing: body) : nil)
            var report = MTASTSReport(name: "_mta-sts.\(d.name)", outcome: .answer, records: ["v=STSv1; id=20261101"],
                                      mx: ["alt1.aspmx.l.google.com", "aspmx.l.google.com"], mxOutcome: .answer, fetch: fetch)
            change(&report)
            d.mtaSTSPolicy = report
        }
    }
}

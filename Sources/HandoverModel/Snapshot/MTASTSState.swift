/// A domain's MTA-STS (RFC 8461) as observed: the `_mta-sts` TXT records, the MX hosts the policy must cover, and the
/// policy fetch. Whether a policy applies, and what it leaves out, is judged when read
/// (`HandoverAudit/Judgement/MTASTSJudgement.swift`).
package struct MTASTSReport: Codable, Sendable, Equatable {
    /// The name asked: `_mta-sts.<domain>`.
    package var name: String
    /// What the TXT lookup answered.
    package var outcome: DNSOutcome
    /// Every TXT record there that starts with `v=STSv1` (more than one means senders apply none, §3.1).
    package var records: [String]
    /// The domain's MX hosts, lower-cased without the final dot (a null MX is left out), as DNS answered.
    package var mx: [String]
    /// What the MX lookup answered.
    package var mxOutcome: DNSOutcome
    /// The policy fetch; nil when there is no `v=STSv1` record (senders do not fetch then).
    package var fetch: MTASTSFetch?

    package init(name: String, outcome: DNSOutcome, records: [String], mx: [String], mxOutcome: DNSOutcome, fetch: MTASTSFetch?) {
        self.name = name
        self.outcome = outcome
        self.records = records
        self.mx = mx
        self.mxOutcome = mxOutcome
        self.fetch = fetch
    }
}

/// `GET https://mta-sts.<domain>/.well-known/mta-sts.txt` with the certificate verified and redirects not followed.
package struct MTASTSFetch: Codable, Sendable, Equatable {
    /// Bytes of a policy read at most: RFC 8461 §3.3 has senders bound the size, and 64 KiB is the common bound.
    package static let bodyCap = 64 * 1024

    package var url: String
    package var outcome: FetchOutcome
    /// True when the answer came over TLS whose certificate verified for the policy host against `verifiedBy`; false
    /// when the handshake failed (an untrusted, expired or misnamed certificate, or no TLS at all); nil when no
    /// handshake was reached.
    package var certificateVerified: Bool?
    /// The trust store the certificate was checked against (an observation about the collecting machine).
    package var verifiedBy: String?
    package var status: Int?
    package var contentType: String?
    /// A redirect's `Location`, recorded and not followed (§3.3).
    package var location: String?
    package var bytes: Int
    /// The body was longer than the cap (64 KiB) and was not read further.
    package var truncated: Bool
    /// Why the fetch failed, or what broke off.
    package var detail: String?
    /// The body parsed, when the status was 200.
    package var policy: MTASTSPolicy?

    package init(url: String, outcome: FetchOutcome, certificateVerified: Bool?, verifiedBy: String?, status: Int?, contentType: String?,
                location: String?, bytes: Int, truncated: Bool, detail: String?, policy: MTASTSPolicy?) {
        self.url = url
        self.outcome = outcome
        self.certificateVerified = certificateVerified
        self.verifiedBy = verifiedBy
        self.status = status
        self.contentType = contentType
        self.location = location
        self.bytes = bytes
        self.truncated = truncated
        self.detail = detail
        self.policy = policy
    }
}

import Foundation
import HandoverModel

/// Records each domain's MTA-STS (RFC 8461) as facts: the `_mta-sts` TXT records, the MX hosts, and — when a
/// `v=STSv1` record is published — the policy fetched from `https://mta-sts.<domain>/.well-known/mta-sts.txt` with the
/// certificate verified, redirects not followed and the body bounded (§3.3). Whether the policy applies and what it
/// leaves out is judged when read.
package struct MTASTSCollector: Sendable {
    /// A client that verifies certificates and never follows redirects.
    package var fetcher: any HTTPFetching
    /// Where `mta-sts.<domain>` connects (`connect_to`, else the resolver).
    package var router: ProbeRouter
    /// The snapshot's DNS answers (the email section asked the same questions, so they are cached).
    package var resolve: @Sendable (String, DNSRecordType) async -> DNSResponse
    /// The trust store the fetcher verifies against, recorded with each fetch.
    package var trustStore: String

    package init(fetcher: any HTTPFetching, router: ProbeRouter, trustStore: String,
                resolve: @escaping @Sendable (String, DNSRecordType) async -> DNSResponse) {
        self.fetcher = fetcher
        self.router = router
        self.trustStore = trustStore
        self.resolve = resolve
    }

    /// The email state with each domain's `mtaSTSPolicy` filled in; the domains are looked at side by side.
    package func collect(_ state: EmailState) async -> EmailState {
        var state = state
        let reports = await withTaskGroup(of: (Int, MTASTSReport).self) { group in
            for (index, domain) in state.domains.enumerated() {
                group.addTask {
                    let report = await self.report(for: domain.name)
                    return (index, report)
                }
            }
            var all: [Int: MTASTSReport] = [:]
            for await (index, report) in group { all[index] = report }
            return all
        }
        for (index, report) in reports { state.domains[index].mtaSTSPolicy = report }
        return state
    }

    /// One domain's MTA-STS facts.
    package func report(for domain: String) async -> MTASTSReport {
        let name = "_mta-sts.\(domain)"
        async let txt = resolve(name, .txt)
        async let mx = resolve(domain, .mx)
        let (txtAnswer, mxAnswer) = await (txt, mx)
        let records = txtAnswer.values.filter { $0.hasPrefix("v=STSv1") }.prefix(8).map { RemoteText.clip($0, max: 256) }
        let hosts = Self.hosts(mxAnswer)
        var fetch: MTASTSFetch?
        if !records.isEmpty { fetch = await fetchPolicy(domain) }
        return MTASTSReport(name: name, outcome: txtAnswer.outcome, records: Array(records), mx: hosts, mxOutcome: mxAnswer.outcome,
                            fetch: fetch)
    }

    /// The MX hosts of an answer (`10 mx.example.com.`), lower-cased, without the final dot; a null MX is not a host.
    static func hosts(_ answer: DNSResponse) -> [String] {
        let hosts = answer.values.compactMap { value -> String? in
            guard let host = value.split(separator: " ").last.map(String.init)?.lowercased(), host != "." else { return nil }
            return host.hasSuffix(".") ? String(host.dropLast()) : host
        }
        return Array(Set(hosts)).sorted().prefix(32).map { RemoteText.clip($0, max: 253) }
    }

    /// The policy fetch as observed. Only a 200 answer's body is parsed; any other answer is recorded as it came.
    func fetchPolicy(_ domain: String) async -> MTASTSFetch {
        let host = "mta-sts.\(domain)"
        let urlText = "https://\(host)/.well-known/mta-sts.txt"
        guard let url = URL(string: urlText) else {
            return MTASTSFetch(url: RemoteText.clip(urlText), outcome: .error, certificateVerified: nil, verifiedBy: nil, status: nil,
                               contentType: nil, location: nil, bytes: 0, truncated: false, detail: "not a valid URL", policy: nil)
        }
        let route = await router.route(host: host, port: 443)
        let response = await fetcher.fetch(url, route: route, bodyCap: MTASTSFetch.bodyCap, keepBody: true)
        let verified: Bool? = switch response.outcome {
        case .response: true
        case .tlsFailed: false
        default: nil
        }
        let status = response.status
        let policy = status == 200 && !response.truncated ? MTASTSPolicy(parsing: String(decoding: response.body, as: UTF8.self)) : nil
        return MTASTSFetch(
            url: urlText, outcome: response.outcome, certificateVerified: verified, verifiedBy: verified == nil ? nil : trustStore,
            status: status, contentType: response.header("content-type").map { RemoteText.clip($0, max: 128) },
            location: status.map { (300..<400).contains($0) } == true ? response.header("location").map { RemoteText.clip($0, max: 512) } : nil,
            bytes: response.bytes, truncated: response.truncated, detail: response.detail.map { RemoteText.clip($0, max: 300) }, policy: policy)
    }
}

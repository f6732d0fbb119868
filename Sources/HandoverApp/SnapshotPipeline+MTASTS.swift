import Foundation
import HandoverCollect
import HandoverManifest
import HandoverModel
import HandoverNetwork

extension SnapshotPipeline {
    /// The email section with each domain's MTA-STS facts (TXT records, MX hosts, the policy fetched over verified
    /// HTTPS). They are fetched within `milliseconds`; past it, or when the section was not collected, the section is
    /// returned as it was, without them.
    static func withMTASTS(_ section: Section<EmailState>, lookup: any DNSLookup, connectTo: [ConnectOverride], timeoutMs: Int,
                           caFile: String?, milliseconds: Int) async -> Section<EmailState> {
        guard let state = section.collectedValue, milliseconds > 0 else { return section }
        let resolution = DNSResolution(lookup: lookup)
        let router = ProbeRouter(connectTo: connectTo, dns: nil) { name in
            if let address = await lookup.query(name, .a).values.first { return address }
            return await lookup.query(name, .aaaa).values.first
        }
        let trustStore = caFile.map { "system roots and \($0)" } ?? "system roots"
        return await withFetcher(HTTPFetcher(timeoutMs: timeoutMs, verifyCertificates: true, caFile: caFile)) { fetcher in
            let collector = MTASTSCollector(fetcher: fetcher, router: router, trustStore: trustStore) { await resolution.resolve($0, $1) }
            let filled = await Deadline.run(milliseconds: milliseconds) { await collector.collect(state) }
            return filled.map { Section.collected($0) } ?? section
        }
    }
}

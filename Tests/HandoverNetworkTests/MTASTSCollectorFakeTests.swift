import Foundation
import HandoverNetwork
import Testing
import HandoverModel
import HandoverManifest

/// The MTA-STS collector behind fakes: what it asks, where it connects, and what it records of an answer.
@Suite struct MTASTSCollectorFakeTests {
    /// DNS from a table of `NAME TYPE` → values; anything else is NXDOMAIN.
    static func dns(_ table: [String: [String]]) -> @Sendable (String, DNSRecordType) async -> DNSResponse {
        { name, type in
            guard let values = table["\(name) \(type.rawValue)"] else { return DNSResponse(outcome: .nxdomain) }
            return DNSResponse(outcome: .answer, records: values.map { DNSRecord(name: name, type: type, ttl: 300, value: $0) })
        }
    }

    static let router = ProbeRouter(connectTo: [ConnectOverride(source: HostPort(host: "mta-sts.a.test", port: 443),
                                                                target: HostPort(host: "127.0.0.9", port: 8443))], dns: nil)
    static let url = "https://mta-sts.a.test/.well-known/mta-sts.txt"

    @Test func withoutARecordNothingIsFetched() async {
        let fetcher = FakeFetcher([:])
        let collector = MTASTSCollector(fetcher: fetcher, router: Self.router, trustStore: "test roots",
                                        resolve: Self.dns(["a.test MX": ["10 MX1.a.test.", "0 ."], "_mta-sts.a.test TXT": ["v=spf1 -all"]]))
        let report = await collector.report(for: "a.test")
        #expect(fetcher.requests.isEmpty)
        #expect(report.fetch == nil && report.records.isEmpty && report.outcome == .answer)
        #expect(report.mx == ["mx1.a.test"], "lower-cased, no final dot, no null MX")
    }

    @Test func thePolicyIsFetchedFromTheWellKnownURLThroughTheRouteAndParsed() async throws {
        let fetcher = FakeFetcher([Self.url: .init(status: 200, headers: [("Content-Type", "text/plain")],
                                                   body: "version: STSv1\r\nmode: testing\r\nmx: *.a.test\r\nmax_age: 86400\r\n")])
        let collector = MTASTSCollector(fetcher: fetcher, router: Self.router, trustStore: "test roots",
                                        resolve: Self.dns(["a.test MX": ["10 mx1.a.test."], "_mta-sts.a.test TXT": ["v=STSv1; id=7"]]))
        let state = await collector.collect(EmailState(publicSuffixVersion: "x", domains: []))
        #expect(state.domains.isEmpty)
        let report = await collector.report(for: "a.test")
        let request = try #require(fetcher.requests.first)
        #expect(fetcher.requests.count == 1)
        #expect(request.url.absoluteString == Self.url && request.keepBody && request.bodyCap == 64 * 1024)
        #expect(request.route == Route(address: "127.0.0.9", port: 8443, source: "connect_to"))
        let fetch = try #require(report.fetch)
        #expect(fetch.status == 200 && fetch.contentType == "text/plain" && fetch.certificateVerified == true && fetch.verifiedBy == "test roots")
        #expect(fetch.policy?.mode == .testing && fetch.policy?.mx == ["*.a.test"] && fetch.policy?.maxAge == 86_400)
        #expect(report.records == ["v=STSv1; id=7"])
    }

    @Test func aRedirectIsRecordedNotFollowedAndAFailureIsData() async throws {
        let fetcher = FakeFetcher([Self.url: .init(status: 302, headers: [("Location", "https://elsewhere.test/p.txt")], body: "moved")])
        let resolve = Self.dns(["a.test MX": ["10 mx1.a.test."], "_mta-sts.a.test TXT": ["v=STSv1; id=7"], "b.test MX": ["10 mx.b.test."],
                                "_mta-sts.b.test TXT": ["v=STSv1; id=8"]])
        let collector = MTASTSCollector(fetcher: fetcher, router: Self.router, trustStore: "test roots", resolve: resolve)
        let redirected = try #require(await collector.report(for: "a.test").fetch)
        #expect(redirected.status == 302 && redirected.location == "https://elsewhere.test/p.txt" && redirected.policy == nil)
        #expect(fetcher.requests.map(\.url.absoluteString) == [Self.url])
        // No route for mta-sts.b.test: recorded as no address, never thrown.
        let unrouted = try #require(await collector.report(for: "b.test").fetch)
        #expect(unrouted.outcome == .refused && fetcher.requests.last?.route.address == nil)
        #expect(unrouted.certificateVerified == nil && unrouted.policy == nil)
    }
}

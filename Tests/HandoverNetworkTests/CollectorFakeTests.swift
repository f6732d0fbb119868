import Foundation
import HandoverNetwork
import Testing
import HandoverModel
import HandoverManifest

/// Answers GETs from a table (URL → status, headers, body) and records every request in the order it came; a URL not
/// in the table is refused, as a closed port would be.
final class FakeFetcher: HTTPFetching, @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: [(String, String)] = []
        var body = ""
    }

    let answers: [String: Answer]
    private let lock = NSLock()
    private var log: [FetchRequest] = []

    init(_ answers: [String: Answer]) { self.answers = answers }

    var requests: [FetchRequest] { lock.withLock { log } }

    func fetch(_ request: FetchRequest) async -> HTTPFetcher.Response {
        lock.withLock { log.append(request) }
        let url = request.url.absoluteString
        guard let answer = answers[url] else {
            return HTTPFetcher.Response(url: url, route: request.route, outcome: .refused, detail: "connection refused")
        }
        let body = Array(answer.body.utf8)
        return HTTPFetcher.Response(url: url, route: request.route, outcome: .response, status: answer.status,
                                    headers: answer.headers.map { (name: $0.0, value: $0.1) },
                                    body: request.keepBody ? body : [], bytes: body.count, elapsedMs: 7)
    }
}

/// A TLS probe whose every handshake ends as `outcome`; records the hosts it was asked to probe.
final class FakeProbe: TLSProbing, @unchecked Sendable {
    let trustStoreName = "fake roots"
    let outcome: HostTLS.Outcome
    let detail: String
    private let lock = NSLock()
    private var log: [String] = []

    init(outcome: HostTLS.Outcome, detail: String) {
        self.outcome = outcome
        self.detail = detail
    }

    var probed: [String] { lock.withLock { log.sorted() } }

    func probe(host: String, port: Int, address: String, addressSource: String) async -> HostTLS {
        lock.withLock { log.append("\(host) \(address):\(port) \(addressSource)") }
        return HostTLS(host: host, port: port, address: address, addressSource: addressSource, outcome: outcome, detail: detail)
    }
}

/// The HTTP, TLS and registration collectors driven by fakes: no server, no socket, the same code paths.
@Suite struct CollectorFakeTests {
    static let manifest = """
        project: Fake
        domains:
          - name: site.test
            hosts: [www]
            rdap: https://rdap.test/
            redirects:
              - {from: "http://www.site.test/", to: "https://site.test/"}

        """

    /// www over http → www over https → the apex, which answers.
    static let threeHops: [String: FakeFetcher.Answer] = [
        "http://www.site.test/": .init(status: 301, headers: [("Location", "https://www.site.test/")]),
        "https://www.site.test/": .init(status: 301, headers: [("Location", "https://site.test/")]),
        "https://site.test/": .init(status: 200, headers: [("Strict-Transport-Security", "max-age=63072000"), ("Set-Cookie", "s=1")]),
        "http://site.test/": .init(status: 301, headers: [("Location", "https://site.test/")]),
    ]

    static let resolver = ProbeRouter(connectTo: [], dns: nil, resolve: { _ in "192.0.2.7" })

    func collector(_ fetcher: FakeFetcher) -> HTTPCollector {
        HTTPCollector(fetcher: fetcher, router: Self.resolver, samples: 1, credential: { _ in nil },
                      compare: { _, _ in VersionComparison(relation: .unavailable) })
    }

    @Test func aRedirectChainOfThreeHopsIsRecordedInOrder() async throws {
        let fetcher = FakeFetcher(Self.threeHops)
        let chain = await collector(fetcher).walk(URL(string: "http://www.site.test/")!, allowed: ["www.site.test", "site.test"],
                                                  canonical: "site.test")
        #expect(fetcher.requests.map(\.url.absoluteString) == ["http://www.site.test/", "https://www.site.test/", "https://site.test/"])
        #expect(fetcher.requests.map(\.route) == Array(repeating: Route(address: "192.0.2.7", port: 80, source: "resolver"), count: 1)
                + Array(repeating: Route(address: "192.0.2.7", port: 443, source: "resolver"), count: 2))
        #expect(chain.hops.map(\.url) == ["http://www.site.test/", "https://www.site.test/", "https://site.test/"])
        #expect(chain.hops.map(\.status) == [301, 301, 200])
        #expect(chain.hops.map(\.location) == ["https://www.site.test/", "https://site.test/", nil])
        #expect(chain.hops.allSatisfy { $0.address == "192.0.2.7" && $0.addressSource == "resolver" && $0.timeMs == 7 })
        #expect(chain.end == .final && chain.finalURL == "https://site.test/" && chain.finalStatus == 200)
        // Only allowlisted headers are kept: the cookie the apex set is not.
        #expect(chain.hops.last?.headers == ["strict-transport-security": "max-age=63072000"])
    }

    @Test func theSectionHoldsTheChainsAndChecksTheManifestRedirects() async throws {
        let fetcher = FakeFetcher(Self.threeHops)
        let manifest = try ManifestLoader.parse(data: Data(Self.manifest.utf8), path: "handover.yml")
        let state = try #require(await collector(fetcher).collect(manifest).collectedValue)
        let www = try #require(state.hosts.first { $0.host == "www.site.test" })
        #expect(www.http.hops.map(\.status) == [301, 301, 200])
        #expect(www.https.hops.map(\.url) == ["https://www.site.test/", "https://site.test/"])
        #expect(state.redirectChecks.map(\.matches) == [true])
        #expect(state.redirectChecks.first?.statuses == [301, 301, 200])
        #expect(state.securityHeaders.first { $0.host == "site.test" }?.hsts?.maxAge == 63_072_000)
    }

    @Test func aHopThatIsRefusedEndsTheChainAsData() async throws {
        let fetcher = FakeFetcher(["http://www.site.test/": .init(status: 302, headers: [("Location", "http://down.site.test/")])])
        let chain = await collector(fetcher).walk(URL(string: "http://www.site.test/")!, allowed: nil, canonical: nil)
        #expect(chain.hops.map(\.outcome) == [.response, .refused])
        #expect(chain.hops.last?.detail == "connection refused" && chain.hops.last?.timeMs == nil)
        #expect(chain.end == .failed && chain.finalURL == nil)
    }

    @Test func theCredentialGoesOnlyThroughTheVerifyingFetcher() async throws {
        let yaml = "project: Fake\nenvironments:\n  production:\n    branch: main\n"
            + "    version: {url: \"https://site.test/v\", json_key: build.sha, auth_header_env: FAKE_TOKEN}\n"
        let manifest = try ManifestLoader.parse(data: Data(yaml.utf8), path: "handover.yml")
        let observing = FakeFetcher([:])
        let verifying = FakeFetcher(["https://site.test/v": .init(status: 200, body: #"{"build": {"sha": "abc1234"}}"#)])
        let collector = HTTPCollector(fetcher: observing, credentialFetcher: verifying, router: Self.resolver, samples: 1,
                                      credential: { $0 == "FAKE_TOKEN" ? "fake-token-91" : nil },
                                      compare: { reported, branch in VersionComparison(branch: branch, relation: reported == "abc1234" ? .same : .unknown) })
        let state = try #require(await collector.collect(manifest).collectedValue)
        let deployed = try #require(state.deployments.first)
        #expect(deployed.reported == "abc1234" && deployed.relation == .same && deployed.branch == "main", "\(deployed)")
        #expect(observing.requests.isEmpty)
        let sent = try #require(verifying.requests.first)
        #expect(sent.headers.contains { $0.0 == "Authorization" && $0.1 == "Bearer fake-token-91" })
        #expect(sent.keepBody && sent.bodyCap == 256 * 1024)
    }

    @Test func aTLSTimeoutIsRecordedInTheSection() async throws {
        let probe = FakeProbe(outcome: .timeout, detail: "no TLS handshake within 2000 ms")
        let manifest = try ManifestLoader.parse(data: Data(Self.manifest.utf8), path: "handover.yml")
        let connectTo = [ConnectOverride(source: HostPort(host: "www.site.test", port: nil), target: HostPort(host: "192.0.2.9", port: 8443))]
        let section = await TLSCollector(probe: probe, connectTo: connectTo).collect(manifest, dns: nil)
        let state = try #require(section.collectedValue, "a timeout is data, not a failed section: \(section)")
        #expect(state.trustStore == "fake roots")
        #expect(probe.probed == ["www.site.test 192.0.2.9:8443 connect_to"], "only a host with an address is probed")
        let www = try #require(state.hosts.first { $0.host == "www.site.test" })
        #expect(www.outcome == .timeout && www.detail == "no TLS handshake within 2000 ms")
        #expect(www.port == 443 && www.connectPort == 8443 && www.address == "192.0.2.9")
        let apex = try #require(state.hosts.first { $0.host == "site.test" })
        #expect(apex.outcome == .noAddress)
    }

    @Test func registrationRecordsWhatTheRDAPServerSaid() async throws {
        let manifest = try ManifestLoader.parse(data: Data(Self.manifest.utf8), path: "handover.yml")
        let missing = FakeFetcher(["https://rdap.test/domain/site.test": .init(status: 404)])
        let notFound = try #require(await RegistrationCollector(fetcher: missing, router: Self.resolver).collect(manifest).collectedValue)
        #expect(notFound.domains.map(\.outcome) == [.notFound])
        #expect(missing.requests.map(\.url.absoluteString) == ["https://rdap.test/domain/site.test"])
        #expect(missing.requests.first?.keepBody == true && missing.requests.first?.headers.first?.1 == "application/rdap+json")

        let down = try #require(await RegistrationCollector(fetcher: FakeFetcher([:]), router: Self.resolver).collect(manifest).collectedValue)
        #expect(down.domains.map(\.outcome) == [.unreachable] && down.domains.first?.detail == "connection refused")
    }
}

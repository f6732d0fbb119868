import Foundation
import HandoverGit
import HandoverNetwork
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverManifest
import HandoverCollect
import HandoverAudit

@Suite(.serialized, .enabled(if: TestServers.runNginxTests)) struct HTTPCollectorTests {
    let fixtures: HTTPFixtures

    init() throws { fixtures = try HTTPFixtures.shared.get() }

    func collect(credential: String? = HTTPFixtures.canary) async throws -> HTTPState {
        let fetcher = HTTPFetcher(timeoutMs: 2_000)
        let verified = HTTPFetcher(timeoutMs: 2_000, verifyCertificates: true, caFile: try TLSFixtures.shared.get().ca.rootPath)
        let repo = fixtures.repo.url
        let collector = HTTPCollector(
            fetcher: fetcher, credentialFetcher: verified, router: ProbeRouter(connectTo: fixtures.connectTo, dns: nil), samples: 3,
            credential: { $0 == "VERSION_TOKEN" ? credential : nil },
            compare: { DeployedCommitComparer(repository: repo).compare(reported: $0, branch: $1) })
        let section = await collector.collect(try fixtures.manifest())
        await fetcher.shutdown()
        await verified.shutdown()
        return try #require(section.collectedValue, "\(section)")
    }

    func chain(_ state: HTTPState, _ host: String, https: Bool) throws -> RedirectChain {
        let entry = try #require(state.hosts.first { $0.host == host })
        return https ? entry.https : entry.http
    }

    @Test func redirectChainsAreRecordedHopByHop() async throws {
        let state = try await collect()
        let www = try chain(state, "www.site.test", https: false)
        #expect(www.hops.map(\.url) == ["http://www.site.test/", "https://www.site.test/", "https://site.test/"])
        #expect(www.hops.map(\.status) == [301, 301, 200])
        #expect(www.hops.map(\.location) == ["https://www.site.test/", "https://site.test/", nil])
        #expect(www.end == .final && www.finalURL == "https://site.test/" && www.endsOnCanonical == true)
        #expect(!www.loop && !www.downgrade && !www.leavesCanonical)
        #expect(www.hops.allSatisfy { $0.address == "127.0.0.1" && $0.addressSource == "connect_to" && $0.timeMs != nil })

        let loop = try chain(state, "loop.site.test", https: true)
        #expect(loop.hops.map(\.url) == ["https://loop.site.test/", "https://loop.site.test/a"])
        #expect(loop.hops.map(\.status) == [302, 302])
        #expect(loop.loop && loop.end == .loop && loop.finalURL == nil)

        let down = try chain(state, "down.site.test", https: true)
        #expect(down.hops.map(\.url) == ["https://down.site.test/", "http://down.site.test/plain"])
        #expect(down.downgrade && down.end == .final && down.finalStatus == 200)

        let off = try chain(state, "off.site.test", https: true)
        #expect(off.hops.count == 1 && off.end == .leftManifest)
        #expect(off.hops.first?.location == "https://elsewhere.invalid/landing")

        // The TLS section calls this certificate expired; HTTP still records what visitors are sent through.
        let expired = try chain(state, "expired.site.test", https: false)
        #expect(expired.hops.map(\.status) == [301, 200])
        #expect(expired.hops.map(\.url) == ["http://expired.site.test/", "https://expired.site.test/"])
    }

    @Test func manifestRedirectsAreCheckedAgainstTheChains() async throws {
        let state = try await collect()
        #expect(state.redirectChecks.map(\.from) == ["http://site.test/", "http://www.site.test/"])
        #expect(state.redirectChecks.map(\.matches) == [false, true])
        #expect(state.redirectChecks.first?.actual == "https://site.test/")
        #expect(state.redirectChecks.last?.statuses == [301, 301, 200])
    }

    @Test func endpointsAreSampled() async throws {
        let state = try await collect()
        #expect(state.endpoints.map(\.url) == ["https://api.site.test/fail", "https://api.site.test/healthz", "https://api.site.test/slow"])
        let health = try #require(state.endpoints.first { $0.url.hasSuffix("/healthz") })
        #expect(health.roles == ["critical:API", "health"])
        #expect(health.status == 200 && health.contentType == "application/json" && health.bytes == 11)
        #expect(health.attempts == 3 && health.answered == 3 && health.p50Ms != nil && health.p95Ms! <= health.maxMs!)
        let fail = try #require(state.endpoints.first { $0.url.hasSuffix("/fail") })
        #expect(fail.status == 503 && fail.statuses == [503] && fail.roles == ["health"])
        // nginx delays requests past 2 per second: the second and third samples wait ≈ 500 ms.
        let slow = try #require(state.endpoints.first { $0.url.hasSuffix("/slow") })
        #expect(slow.answered == 3 && (slow.p95Ms ?? 0) >= 400 && (slow.maxMs ?? 0) >= 400, "\(slow)")
    }

    @Test func securityHeadersAndCORS() async throws {
        let state = try await collect()
        let site = try #require(state.securityHeaders.first)
        #expect(state.securityHeaders.map(\.host) == ["site.test"])
        #expect(site.hsts == .init(maxAge: 63_072_000, includeSubDomains: true, preload: true))
        #expect(site.cspFrameAncestors && site.xContentTypeOptions == "nosniff" && site.xFrameOptions == "DENY")
        #expect(site.referrerPolicy == "strict-origin-when-cross-origin")
        #expect(site.serverLeaksVersion && site.server?.hasPrefix("nginx/") == true)
        let bare = try chain(state, "bare.site.test", https: true).hops[0].headers
        #expect(bare["server"] == "nginx" && bare["strict-transport-security"] == nil)
        // Cookies are never stored.
        let stored = try String(decoding: CanonicalJSON.encode(state), as: UTF8.self)
        #expect(!stored.contains(HTTPFixtures.canary) && !stored.lowercased().contains("set-cookie"))

        let cors = try #require(state.cors.first)
        #expect(state.cors.map(\.host) == ["api.site.test"])
        #expect(cors.reflectsOrigin && cors.allowOrigin == "https://evil.invalid" && cors.allowCredentials == "true")
        #expect(!cors.wildcardWithCredentials)
    }

    @Test func deployedVersionsAreComparedWithGit() async throws {
        let state = try await collect()
        let byName = Dictionary(uniqueKeysWithValues: state.deployments.map { ($0.environment, $0) })
        #expect(byName["production"]?.relation == .same)
        #expect(byName["production"]?.commit == fixtures.commits["c3"])
        #expect(byName["behind"]?.relation == .behind && byName["behind"]?.behindBy == 2)
        #expect(byName["behind"]?.commit == fixtures.commits["c1"])
        #expect(byName["hotfix"]?.relation == .notOnBranch && byName["hotfix"]?.source == "header:X-Commit")
        #expect(byName["unknown"]?.relation == .unknownCommit && byName["unknown"]?.reported == "deadbeefdeadbeef")
        #expect(byName["secret"]?.relation == .same && byName["secret"]?.authHeaderEnv == "VERSION_TOKEN")
        #expect(byName["secret"]?.branchHead == fixtures.commits["c3"])
        let stored = try String(decoding: CanonicalJSON.encode(state), as: UTF8.self)
        #expect(!stored.contains(HTTPFixtures.canary))
    }

    @Test func aMissingCredentialIsSaidByName() async throws {
        let state = try await collect(credential: nil)
        let secret = try #require(state.deployments.first { $0.environment == "secret" })
        #expect(secret.status == 401 && secret.relation == .unavailable)
        #expect(secret.detail?.contains("VERSION_TOKEN is not set") == true)
    }

    @Test func monitoringLinks() async throws {
        let state = try await collect()
        #expect(state.monitors.map(\.name) == ["Old status page", "Status page"])
        #expect(state.monitors.map(\.dead) == [true, false])
        #expect(state.monitors.last?.finalURL == "https://status.site.test/" && state.monitors.first?.status == 404)
    }

    @Test func registrationComesFromRDAP() async throws {
        let tls = try TLSFixtures.shared.get()
        let fetcher = HTTPFetcher(timeoutMs: 2_000, verifyCertificates: true, caFile: tls.ca.rootPath)
        let router = ProbeRouter(connectTo: fixtures.connectTo, dns: nil)
        let now = try #require(ISO8601DateFormatter().date(from: "2027-03-01T00:00:00Z"))
        let section = await RegistrationCollector(fetcher: fetcher, router: router).collect(try fixtures.manifest())
        let domain = try #require(section.collectedValue?.domains.first)
        #expect(domain.outcome == .found && domain.rdapSource == "manifest")
        #expect(domain.rdapURL == "https://rdap.site.test/domain/site.test")
        #expect(domain.expires == ISO8601DateFormatter().date(from: fixtures.rdapExpiry) && domain.daysLeft(at: now) == 13)
        #expect(domain.registrar == "Example Registrar <b>Inc</b>")
        #expect(domain.statuses == ["active", "client transfer prohibited"])

        // Without the test CA the RDAP server is not trusted: unknown, never a failed section.
        let untrusting = HTTPFetcher(timeoutMs: 2_000, verifyCertificates: true)
        let unverified = await RegistrationCollector(fetcher: untrusting, router: router).collect(try fixtures.manifest())
        #expect(unverified.status == .collected)
        #expect(unverified.data?.domains.first?.outcome == .unreachable)
        await fetcher.shutdown()
        await untrusting.shutdown()
    }

    @Test func refusedAndSilentHostsCostAtMostTheTimeout() async throws {
        let silent = SilentServer()
        let refusedPort = FreePort.next()
        let fetcher = HTTPFetcher(timeoutMs: 800)
        let url = URL(string: "https://hang.site.test/")!
        let start = ContinuousClock.now
        async let hung = fetcher.fetch(url, route: Route(address: "127.0.0.1", port: silent.port, source: "connect_to"))
        async let refused = fetcher.fetch(url, route: Route(address: "127.0.0.1", port: refusedPort, source: "connect_to"))
        let (h, r) = await (hung, refused)
        #expect(ContinuousClock.now - start < .milliseconds(1_800))
        #expect(h.outcome == .timeout, "\(String(describing: h.detail))")
        #expect(r.outcome == .refused, "\(String(describing: r.detail))")
        await fetcher.shutdown()
    }

    @Test func pureParsers() {
        #expect(SecurityHeaders.HSTS(parsing: "max-age=\"300\" ; INCLUDESUBDOMAINS") == .init(maxAge: 300, includeSubDomains: true, preload: false))
        #expect(EndpointCheck.percentile([10, 20, 30, 40, 1000], 0.95) == 1000)
        #expect(EndpointCheck.percentile([10, 20, 30, 40, 1000], 0.5) == 30)
        #expect(EndpointCheck.percentile([], 0.5) == nil)
        #expect(VersionComparison.commitID(in: "v1.2.0-3-gabc1234") == "abc1234")
        #expect(VersionComparison.commitID(in: " ABCDEF1234 ") == "abcdef1234")
        #expect(VersionComparison.commitID(in: "release-2") == nil)
        #expect(RDAPBootstrap.queryURL(domain: "Acme.IO.", override: nil)?.url == "https://rdap.identitydigital.services/rdap/domain/acme.io")
        #expect(RDAPBootstrap.queryURL(domain: "acme.zz", override: nil) == nil)
        #expect(RemoteText.clip("a\u{1B}[31mb\r\nc").contains("\u{1B}") == false)
    }
}

/// Hostile servers: control bytes in headers, an endless body. Recorded safely or refused as an error; never a
/// crash, never a hang.
@Suite struct HostileHTTPTests {
    @Test func endlessBodiesStopAtTheCap() async throws {
        let server = HostileHTTPServer(head: "HTTP/1.1 200 OK\r\nServer: nginx/1.0 <b>x</b> | *y*\r\nContent-Type: text/html\r\n\r\n")
        let fetcher = HTTPFetcher(timeoutMs: 2_000)
        let start = ContinuousClock.now
        let response = await fetcher.fetch(URL(string: "http://hostile.test/")!, route: Route(address: "127.0.0.1", port: server.port, source: "connect_to"),
                                           bodyCap: 100_000)
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(response.outcome == .response && response.status == 200)
        #expect(response.bytes == 100_000 && response.truncated)
        #expect(response.storedHeaders["server"] == "nginx/1.0 <b>x</b> | *y*")
        await fetcher.shutdown()
    }

    @Test func aTricklingBodyCostsAtMostTheTimeout() async throws {
        let server = TrickleHTTPServer(interval: 0.4, bytes: 10)
        let fetcher = HTTPFetcher(timeoutMs: 1_000)
        let start = ContinuousClock.now
        let response = await fetcher.fetch(URL(string: "http://slow.test/version")!, route: Route(address: "127.0.0.1", port: server.port, source: "connect_to"))
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .milliseconds(1_600), "\(elapsed): a body trickling a byte every 0.4 s must be cut at the 1 s timeout")
        #expect(response.outcome == .response && response.status == 200, "\(response.outcome) \(String(describing: response.status))")
        #expect(response.detail == "body not complete within 1000 ms: cut off", "\(String(describing: response.detail))")
        await fetcher.shutdown()
    }

    /// A monitoring link (followed anywhere) whose host `status.example` is routed to `server`.
    static func monitorWalk(to server: HostileHTTPServer) async -> RedirectChain {
        let fetcher = HTTPFetcher(timeoutMs: 1_000)
        let router = ProbeRouter(connectTo: [ConnectOverride(source: HostPort(host: "status.example", port: 80),
                                                             target: HostPort(host: "127.0.0.1", port: server.port))], dns: nil)
        let collector = HTTPCollector(fetcher: fetcher, router: router, samples: 1, compare: { _, _ in VersionComparison(relation: .unavailable) })
        let chain = await collector.walk(URL(string: "http://status.example/")!, allowed: nil, canonical: nil)
        await fetcher.shutdown()
        return chain
    }

    @Test func aMonitorRedirectIntoTheMachineIsNotDialled() async throws {
        let server = HostileHTTPServer(head: "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/admin\r\nContent-Length: 0\r\n\r\n")
        let chain = await Self.monitorWalk(to: server)
        #expect(chain.end == .internalAddress, "\(chain.end)")
        #expect(chain.hops.map(\.url) == ["http://status.example/", "http://127.0.0.1:1/admin"])
        let last = try #require(chain.hops.last)
        #expect(last.timeMs == nil && last.status == nil && last.detail == "not dialled: 127.0.0.1 is a loopback or link-local address")
        // (Only loopback is ever a target here; link-local is judged without dialling.)
        #expect(IPAddress("169.254.169.254")?.isInternal == true && IPAddress("127.0.0.2")?.isInternal == true && IPAddress("::1")?.isInternal == true && IPAddress("fe80::1")?.isInternal == true)
        #expect(IPAddress("192.0.2.1")?.isInternal == false && IPAddress("2001:db8::1")?.isInternal == false)
    }

    @Test func tokensInARedirectQueryAreNotStored() async throws {
        let server = HostileHTTPServer(head: "HTTP/1.1 302 Found\r\nLocation: https://login.test/cb?state=xyz&access_token=eyJhbGciOiJIUzI1NiJ9x7&page=2&id=a1b2c3d4e5f6a7b8c9d0#frag=1\r\nContent-Length: 0\r\n\r\n")
        let chain = await Self.monitorWalk(to: server)
        let redacted = "https://login.test/cb?state=****&access_token=****&page=2&id=****#frag=1"
        #expect(chain.hops.first?.location == redacted, "\(String(describing: chain.hops.first?.location))")
        #expect(chain.hops.map(\.url) == ["http://status.example/", redacted])
        let stored = String(decoding: try CanonicalJSON.encode(chain), as: UTF8.self)
        #expect(!stored.contains("eyJhbGciOiJIUzI1NiJ9x7") && !stored.contains("a1b2c3d4e5f6a7b8c9d0") && !stored.contains("xyz"))
        #expect(StoredURL.redacted("https://a.test/p?q=shoes&sort=asc") == "https://a.test/p?q=shoes&sort=asc")
    }

    @Test func controlBytesInHeadersNeverReachTheSnapshot() async throws {
        let server = HostileHTTPServer(head: "HTTP/1.1 301 Moved\r\nLocation: https://a.test/\u{1B}[31mred\r\nX-Frame-Options: \u{7}DENY\r\nContent-Length: 0\r\n\r\n")
        let fetcher = HTTPFetcher(timeoutMs: 2_000)
        let response = await fetcher.fetch(URL(string: "http://hostile.test/")!, route: Route(address: "127.0.0.1", port: server.port, source: "connect_to"))
        // NIO's HTTP parser refuses a head with control bytes in its values: an error, nothing of it stored.
        #expect(response.outcome == .error && response.storedHeaders.isEmpty, "\(response.outcome) \(response.storedHeaders)")
        for value in response.storedHeaders.values { #expect(!value.unicodeScalars.contains { $0.value < 0x20 }, "\(value)") }
        #expect(!(response.detail ?? "").unicodeScalars.contains { $0.value < 0x20 })
        await fetcher.shutdown()
    }
}

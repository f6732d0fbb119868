import Foundation
import HandoverCore
import HandoverGit
import HandoverNetwork
import HandoverTestSupport
import Testing

/// The HTTP fixtures: one nginx with a TLS and a plain listener, a vhost per behaviour, and a git repository whose
/// commits the version endpoints report.
final class HTTPFixtures: Sendable {
    static let shared = Result { try HTTPFixtures() }
    static let canary = "canary-token-7Qx9vL2"

    let nginx: NginxServer
    let repo: TempDirectory
    /// main: c1 → c2 → c3 (head); hotfix: c1 → h1.
    let commits: [String: String]
    let rdapExpiry = "2027-03-14T09:30:00Z"

    init() throws {
        let tls = try TLSFixtures.shared.get()
        let made = Date()
        let site = try tls.ca.issue("site", sans: ["site.test", "*.site.test"], notBefore: made - 86_400, notAfter: made + 60 * 86_400)
        let expired = tls.hosts.first { $0.name == "expired.test" }!

        repo = TempDirectory("handover-version-repo")
        var commits: [String: String] = [:]
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: repo.url)
        for name in ["c1", "c2", "c3"] {
            repo.write("\(name).txt", name)
            _ = try ProcessRunner.git(["add", "."], in: repo.url)
            _ = try ProcessRunner.git(["commit", "-q", "-m", name], in: repo.url, date: "2026-11-0\(commits.count + 1)T10:00:00Z")
            commits[name] = try ProcessRunner.git(["rev-parse", "HEAD"], in: repo.url).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try ProcessRunner.git(["checkout", "-q", "-b", "hotfix", commits["c1"]!], in: repo.url)
        repo.write("h1.txt", "h1")
        _ = try ProcessRunner.git(["add", "."], in: repo.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "h1"], in: repo.url, date: "2026-11-05T10:00:00Z")
        commits["h1"] = try ProcessRunner.git(["rev-parse", "HEAD"], in: repo.url).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ProcessRunner.git(["checkout", "-q", "main"], in: repo.url)
        self.commits = commits

        let rdap = #"{"objectClassName":"domain","ldhName":"SITE.TEST","status":["client transfer prohibited","active"],"#
            + #""events":[{"eventAction":"registration","eventDate":"2020-03-14T09:30:00Z"},"#
            + #"{"eventAction":"expiration","eventDate":"\#(rdapExpiry)"}],"#
            + #""entities":[{"objectClassName":"entity","roles":["registrar"],"handle":"42","#
            + #""vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Example Registrar <b>Inc</b>"]]]}]}"#
        // `return` runs before limit_req does; a static file is delayed by it.
        repo.write("slow.txt", "slow\n")
        let slowFile = repo.file("slow.txt").path
        let toHTTPS = "location / { return 301 https://$host$request_uri; }"
        func json(_ body: String) -> String { "default_type application/json; return 200 '\(body)';" }
        nginx = try NginxServer(hosts: [
            .init(name: "site.test", certificate: site.0, key: site.1, directives: """
                server_tokens on;
                add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
                add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
                add_header X-Content-Type-Options nosniff always;
                add_header Referrer-Policy strict-origin-when-cross-origin always;
                add_header X-Frame-Options DENY always;
                add_header Set-Cookie "session=\(Self.canary); HttpOnly" always;
                location = /dead-status { return 404; }
                location / { return 200 "home\\n"; }
                """, httpDirectives: toHTTPS),
            .init(name: "www.site.test", certificate: site.0, key: site.1,
                  directives: "location / { return 301 https://site.test$request_uri; }", httpDirectives: toHTTPS),
            .init(name: "loop.site.test", certificate: site.0, key: site.1, directives: """
                absolute_redirect off;
                location = /a { return 302 https://loop.site.test/; }
                location / { return 302 /a; }
                """),
            .init(name: "down.site.test", certificate: site.0, key: site.1,
                  directives: "location / { return 301 http://down.site.test/plain; }",
                  httpDirectives: "location / { return 200 \"plain\\n\"; }"),
            .init(name: "off.site.test", certificate: site.0, key: site.1,
                  directives: "location / { return 302 https://elsewhere.invalid/landing; }"),
            .init(name: "bare.site.test", certificate: site.0, key: site.1,
                  directives: "server_tokens off; location / { return 200 \"bare\\n\"; }"),
            .init(name: "api.site.test", certificate: site.0, key: site.1, directives: """
                location = /healthz { \(json(#"{"ok":true}"#)) }
                location = /fail { return 503 "down\\n"; }
                location = /slow { limit_req zone=slow burst=20; default_type text/plain; alias \(slowFile); }
                location = /version/same { \(json(#"{"build":{"commit":"\#(commits["c3"]!)"}}"#)) }
                location = /version/behind { \(json(#"{"build":{"commit":"\#(String(commits["c1"]!.prefix(10)))"}}"#)) }
                location = /version/hotfix { add_header X-Commit \(commits["h1"]!); return 204; }
                location = /version/unknown { \(json(#"{"build":{"commit":"deadbeefdeadbeef"}}"#)) }
                location = /version/secret {
                    if ($http_authorization != "Bearer \(Self.canary)") { return 401; }
                    \(json(#"{"build":{"commit":"\#(commits["c3"]!)"}}"#))
                }
                location / {
                    add_header Access-Control-Allow-Origin $http_origin always;
                    add_header Access-Control-Allow-Credentials true always;
                    return 200 "api\\n";
                }
                """),
            .init(name: "status.site.test", certificate: site.0, key: site.1, directives: "location / { return 200 \"all good\\n\"; }"),
            .init(name: "rdap.site.test", certificate: site.0, key: site.1, directives: """
                location = /domain/site.test { default_type application/rdap+json; return 200 '\(rdap)'; }
                """),
            .init(name: "expired.site.test", certificate: expired.certificate, key: expired.key,
                  directives: "location / { return 200 \"expired but here\\n\"; }", httpDirectives: toHTTPS),
        ], httpPreamble: "limit_req_zone $server_name zone=slow:1m rate=2r/s;")
    }

    var names: [String] {
        ["site.test", "www.site.test", "app.site.test", "api.site.test", "loop.site.test", "down.site.test", "off.site.test",
         "bare.site.test", "status.site.test", "rdap.site.test", "expired.site.test"]
    }

    /// Every fixture name on both ports, as `connect_to` entries.
    var connectTo: [ConnectOverride] {
        names.flatMap { name in
            [ConnectOverride(source: HostPort(host: name, port: 443), target: HostPort(host: "127.0.0.1", port: nginx.tlsPort)),
             ConnectOverride(source: HostPort(host: name, port: 80), target: HostPort(host: "127.0.0.1", port: nginx.httpPort))]
        }
    }

    func manifest(samples: Int = 3) throws -> Manifest {
        let yaml = """
            project: Site
            environments:
              production:
                branch: main
                version: {url: "https://api.site.test/version/same", json_key: build.commit}
              behind:
                branch: main
                version: {url: "https://api.site.test/version/behind", json_key: build.commit}
              hotfix:
                branch: main
                version: {url: "https://api.site.test/version/hotfix", header: X-Commit}
              unknown:
                branch: main
                version: {url: "https://api.site.test/version/unknown", json_key: build.commit}
              secret:
                branch: main
                version: {url: "https://api.site.test/version/secret", json_key: build.commit, auth_header_env: VERSION_TOKEN}
            monitoring:
              - {name: Status page, url: "https://status.site.test/"}
              - {name: Old status page, url: "https://site.test/dead-status"}
            critical:
              - {name: API, kind: api, url: "https://api.site.test/healthz"}
              - {name: Slow, kind: api, url: "https://api.site.test/slow"}
            domains:
              - name: site.test
                hosts: [loop, down, off, bare, expired]
                canonical: site.test
                rdap: https://rdap.site.test/
                redirects:
                  - {from: "http://www.site.test/", to: "https://site.test/"}
                  - {from: "http://site.test/", to: "https://www.site.test/"}
                health: ["https://api.site.test/healthz", "https://api.site.test/fail"]

            """
        var manifest = try ManifestLoader.parse(data: Data(yaml.utf8), path: "handover.yml")
        manifest.collect.samples = samples
        return manifest
    }
}

@Suite(.serialized, .enabled(if: TestServers.runNginxTests)) struct HTTPCollectorTests {
    let fixtures: HTTPFixtures

    init() throws { fixtures = try HTTPFixtures.shared.get() }

    func collect(credential: String? = HTTPFixtures.canary) async throws -> HTTPState {
        let fetcher = HTTPFetcher(timeoutMs: 2_000)
        let repo = fixtures.repo.url
        let collector = HTTPCollector(
            fetcher: fetcher, router: ProbeRouter(connectTo: fixtures.connectTo, dns: nil), samples: 3,
            credential: { $0 == "VERSION_TOKEN" ? credential : nil },
            compare: { DeployedCommitComparer(repository: repo).compare(reported: $0, branch: $1) })
        let section = await collector.collect(try fixtures.manifest())
        await fetcher.shutdown()
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
        let section = await RegistrationCollector(fetcher: fetcher, router: router).collect(try fixtures.manifest(), now: now)
        let domain = try #require(section.collectedValue?.domains.first)
        #expect(domain.outcome == .found && domain.rdapSource == "manifest")
        #expect(domain.rdapURL == "https://rdap.site.test/domain/site.test")
        #expect(domain.expires == ISO8601DateFormatter().date(from: fixtures.rdapExpiry) && domain.daysLeft == 13)
        #expect(domain.registrar == "Example Registrar <b>Inc</b>")
        #expect(domain.statuses == ["active", "client transfer prohibited"])

        // Without the test CA the RDAP server is not trusted: unknown, never a failed section.
        let untrusting = HTTPFetcher(timeoutMs: 2_000, verifyCertificates: true)
        let unverified = await RegistrationCollector(fetcher: untrusting, router: router).collect(try fixtures.manifest(), now: now)
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

import Foundation
import HandoverModel
import HandoverManifest

/// The test CA and its certificates, made once per test run (key generation is the slow part).
package final class TLSFixtures: Sendable {
    package static let day: TimeInterval = 86_400
    package static let shared = Result { try TLSFixtures() }

    package let ca: TestCA
    package let hosts: [NginxServer.VirtualHost]
    /// A moment just after every fixture was made, so "now" is inside every valid certificate.
    package let now: Date
    package let notAfter: Date

    package init() throws {
        ca = try TestCA()
        let made = Date()
        let day = Self.day
        notAfter = Date(timeIntervalSince1970: (made.timeIntervalSince1970 + 60 * day).rounded(.down))
        let valid = try ca.issue("valid", sans: ["valid.test", "www.valid.test"], notBefore: made - day, notAfter: notAfter)
        let expired = try ca.issue("expired", sans: ["expired.test"], notBefore: made - 100 * day, notAfter: made - 10 * day)
        let future = try ca.issue("future", sans: ["future.test"], notBefore: made + 10 * day, notAfter: made + 100 * day)
        let wrong = try ca.issue("wrong", sans: ["other.test"], notBefore: made - day, notAfter: made + 30 * day)
        let selfSigned = try ca.selfSigned("self", host: "self.test")
        let hostile = try ca.issue("hostile", sans: ["hostile.test"], notBefore: made - day, notAfter: made + 30 * day,
                                   subject: "/CN=hostile.test/O=<script>alert(1)<\\/script> | **x** [y](javascript:z)")
        hosts = [
            .init(name: "valid.test", certificate: valid.0, key: valid.1),
            .init(name: "expired.test", certificate: expired.0, key: expired.1),
            .init(name: "future.test", certificate: future.0, key: future.1),
            .init(name: "wrong.test", certificate: wrong.0, key: wrong.1),
            .init(name: "self.test", certificate: selfSigned.0, key: selfSigned.1),
            .init(name: "hostile.test", certificate: hostile.0, key: hostile.1),
        ]
        now = Date().addingTimeInterval(5)
    }
}

/// The HTTP fixtures: one nginx with a TLS and a plain listener, a vhost per behaviour, and a git repository whose
/// commits the version endpoints report.
package final class HTTPFixtures: Sendable {
    package static let shared = Result { try HTTPFixtures() }
    package static let canary = "canary-token-7Qx9vL2"

    package let nginx: NginxServer
    package let repo: TempDirectory
    /// main: c1 → c2 → c3 (head); hotfix: c1 → h1.
    package let commits: [String: String]
    package let rdapExpiry = "2027-03-14T09:30:00Z"

    package init() throws {
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

    package var names: [String] {
        ["site.test", "www.site.test", "app.site.test", "api.site.test", "loop.site.test", "down.site.test", "off.site.test",
         "bare.site.test", "status.site.test", "rdap.site.test", "expired.site.test"]
    }

    /// Every fixture name on both ports, as `connect_to` entries.
    package var connectTo: [ConnectOverride] {
        names.flatMap { name in
            [ConnectOverride(source: HostPort(host: name, port: 443), target: HostPort(host: "127.0.0.1", port: nginx.tlsPort)),
             ConnectOverride(source: HostPort(host: name, port: 80), target: HostPort(host: "127.0.0.1", port: nginx.httpPort))]
        }
    }

    /// The manifest the HTTP fixtures are probed with (no `collect` block).
    package var manifestYAML: String {
        """
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
                hosts: [loop, down, off, bare, expired, www, app, api]
                canonical: site.test
                rdap: https://rdap.site.test/
                redirects:
                  - {from: "http://www.site.test/", to: "https://site.test/"}
                  - {from: "http://site.test/", to: "https://www.site.test/"}
                health: ["https://api.site.test/healthz", "https://api.site.test/fail"]

            """
    }

    package func manifest(samples: Int = 3) throws -> Manifest {
        var manifest = try ManifestLoader.parse(data: Data(manifestYAML.utf8), path: "handover.yml")
        manifest.collect.samples = samples
        return manifest
    }
}


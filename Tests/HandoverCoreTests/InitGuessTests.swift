import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect

/// What `init` guesses from a repository's files, each guess with its source, and a starter manifest the reader
/// accepts whatever was guessed.
@Suite struct InitGuessTests {
    @Test(arguments: [
        ("app/api/health/route.ts", "/api/health"),
        ("apps/web/app/(marketing)/healthz/route.js", "/healthz"),
        ("src/app/api/v2/health/route.ts", "/api/v2/health"),
        ("pages/api/health.ts", "/api/health"),
        ("web/src/pages/api/public/ready.ts", "/api/public/ready"),
        ("pages/api/ping/index.ts", "/api/ping"),
        ("src/routes/health/+server.ts", "/health"),
        ("server/api/health.ts", "/api/health"),
        ("server/routes/ping.get.ts", nil),
    ] as [(String, String?)])
    func fileRoutes(path: String, route: String?) {
        #expect(ProjectHints.fileRoute(path) == route)
    }

    @Test(arguments: ["app/api/users/route.ts", "pages/api/stripe/webhook.ts", "app/health/page.tsx", "app/[slug]/health/route.ts",
                      "app/_lib/health/route.ts", "pages/health.tsx", "lib/health.ts"])
    func notFileRoutes(path: String) {
        #expect(ProjectHints.fileRoute(path) == nil)
    }

    @Test(arguments: [
        ("app.get('/health', (req, res) => res.send('ok'))", "/health"),
        ("router.get(\"/api/healthz\", handler)", "/api/healthz"),
        ("@app.get(\"/ping\")\nasync def ping():", "/ping"),
        ("@app.route('/ready')", "/ready"),
        ("http.HandleFunc(\"/healthz\", healthz)", "/healthz"),
        ("mux.HandleFunc(\"/livez\", live)", "/livez"),
        ("  get \"up\" => \"rails/health#show\", as: :rails_health_check", "/up"),
        ("app.get(`/heartbeat`, ok)", "/heartbeat"),
    ])
    func codeRoutes(text: String, route: String) {
        var hints = ProjectHints()
        hints.read(source: text, path: "src/server.ts")
        #expect(hints.healthRoutes.map(\.value) == [route])
        #expect(hints.healthRoutes.first?.source.hasPrefix("src/server.ts:") == true)
    }

    @Test(arguments: ["app.get('/users', h)", "fetch('/api/health')", "const health = '/health'", "app.get('/api/healthy-food', h)",
                      "router.post('/update', h)", "app.get('/health/../../etc', h)x"])
    func notCodeRoutes(text: String) {
        var hints = ProjectHints()
        hints.read(source: text, path: "src/server.ts")
        #expect(hints.healthRoutes.map(\.value).allSatisfy { $0.hasSuffix("/etc") == false && $0 != "/users" && $0 != "/api/healthy-food" })
        if !text.contains("/etc") { #expect(hints.healthRoutes.isEmpty, "\(hints.healthRoutes)") }
    }

    @Test func statusPagesFromAReadme() {
        var hints = ProjectHints()
        hints.read(readme: """
            # Acme
            [![status](https://status.acme.io/badge?theme=dark)](https://status.acme.io)
            Docs at https://docs.acme.io, built on https://www.openstatus.dev and https://instatus.com.
            Our page: https://acme.instatus.com/ — and https://status.acme.io again.
            Not ours: http://status.insecure.example/ (plain http).
            """, file: "README.md")
        #expect(hints.statusPages == [Guess("https://status.acme.io", from: "README.md:2"), Guess("https://acme.instatus.com/", from: "README.md:4")])
    }

    @Test func platformFilesSayHostsRoutesAndTheRollback() {
        var hints = ProjectHints()
        hints.read(root: "fly.toml", text: """
            app = "acme-web"
            primary_region = "ams"
            [[http_service.checks]]
              path = "/api/health"
              interval = "15s"
            """)
        hints.read(root: "render.yaml", text: """
            services:
              - type: web
                name: web
                healthCheckPath: /healthz
                domains:
                  - app.acme.io
                  - localhost
            """)
        hints.read(root: "package.json", text: #"{"name": "web", "homepage": "https://www.acme.io/"}"#)
        hints.read(root: "CNAME", text: "docs.acme.io\n")
        #expect(hints.platform == Guess("fly", from: "fly.toml"))
        #expect(hints.otherPlatforms == [Guess("render", from: "render.yaml")])
        #expect(hints.appName == "acme-web")
        #expect(hints.platformHosts == [Guess("acme-web.fly.dev", from: "fly.toml:1")])
        #expect(hints.healthRoutes == [Guess("/api/health", from: "fly.toml:4"), Guess("/healthz", from: "render.yaml:4")])
        #expect(hints.hosts.map(\.value) == ["app.acme.io", "www.acme.io", "docs.acme.io"])

        let facts = ProjectFacts(project: "acme", files: ["fly.toml", "render.yaml", "package.json", "CNAME"], remoteURL: nil,
                                 tagNames: [], branch: "main", hints: hints)
        let text = StarterManifest.render(facts)
        #expect(text.contains("  command: \"fly deploy --image registry.fly.io/acme-web:{{tag}}\"   # guess: Fly.io (fly.toml)"), "\(text)")
        #expect(text.contains("# also seen: Render (render.yaml)"))
        let manifest = try? ManifestLoader.parse(data: Data(text.utf8), path: "handover.yml")
        let domain = try? #require(manifest?.domains.first)
        #expect(domain?.name == "acme.io")
        #expect(domain?.canonical == "app.acme.io")
        #expect(domain?.hosts == ["www", "app", "api", "docs"])
        #expect(domain?.health == ["https://app.acme.io/api/health", "https://app.acme.io/healthz"])
        #expect(manifest?.rollback?.command == "fly deploy --image registry.fly.io/acme-web:{{tag}}")
    }

    /// A platform without a rollback command gets the dashboard's way, as a comment; the manifest has no rollback.
    @Test func renderHasNoRollbackCommand() throws {
        var hints = ProjectHints()
        hints.read(root: "render.yaml", text: "services:\n  - name: web\n")
        let text = StarterManifest.render(ProjectFacts(project: "p", files: ["render.yaml"], remoteURL: nil, tagNames: [], branch: nil, hints: hints))
        #expect(text.contains("# guess: Render (render.yaml); it has no rollback command to run here. By hand: Render dashboard"))
        let manifest = try ManifestLoader.parse(data: Data(text.utf8), path: "handover.yml")
        #expect(manifest.rollback == nil)
    }

    /// A guess's source is a file name: a newline in it must not become a line of YAML.
    @Test func hostileSourcesStayInTheirComment() throws {
        var hints = ProjectHints()
        hints.read(source: "app.get('/health', h)", path: "src/evil\nproject: pwned\n.ts")
        hints.statusPages = [Guess("https://status.acme.io", from: "README.md\nrollback: {command: rm}")]
        hints.hosts = [Guess("acme.io", from: "CNAME\n- name: evil.example")]
        let text = StarterManifest.render(ProjectFacts(project: "p", files: [], remoteURL: nil, tagNames: [], branch: nil, hints: hints))
        let manifest = try ManifestLoader.parse(data: Data(text.utf8), path: "handover.yml")
        #expect(manifest.project == "p")
        #expect(manifest.rollback == nil)
        #expect(manifest.domains.map(\.name) == ["acme.io"])
        #expect(!text.contains("\nproject: pwned"))
    }

    @Test(arguments: [("www.acme.io", "www.acme.io"), ("ACME.io.", "acme.io"), ("localhost", nil), ("127.0.0.1", nil),
                      ("docs.example.com", nil), ("acme.github.com", nil), ("app.test", nil), ("a b.io", nil)] as [(String, String?)])
    func publicHosts(text: String, host: String?) {
        #expect(ProjectHints.publicHost(text) == host)
    }
}

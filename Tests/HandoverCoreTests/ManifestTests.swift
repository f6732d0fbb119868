import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect

private func parse(_ yaml: String) throws(ManifestError) -> Manifest {
    try ManifestLoader.parse(data: Data(yaml.utf8), path: "handover.yml")
}

/// The problems a manifest produces, as `line:column: message`.
private func problems(_ yaml: String) -> [ManifestProblem] {
    do {
        _ = try parse(yaml)
        return []
    } catch {
        return error.problems
    }
}

@Suite struct ManifestTests {
    @Test func theIssueExampleParsesIntoEveryField() throws {
        let m = try parse(fullManifestYAML)
        #expect(m.project == "Acme")
        #expect(m.repository == ".")
        #expect(m.envReference == ".env.example")
        #expect(m.environments.map(\.name) == ["production", "staging"])
        let prod = try #require(m.environments.first)
        #expect(prod.isProduction && prod.productionFlag == true)
        #expect(prod.envFiles == [".env.production", "fly.toml"])
        #expect(prod.branch == "main" && prod.releaseTags == "v*")
        #expect(prod.version == VersionProbe(url: "https://api.acme.example/version", jsonKey: "commit", header: nil, authHeaderEnv: nil))
        #expect(m.environments[1].isProduction == false)
        #expect(m.environments[1].envFiles == [".env.staging", "docker-compose.yml"])
        #expect(m.rollback?.command == "fly deploy --image registry.fly.io/acme:{{tag}}")
        #expect(m.owners == [OwnerSpec(asset: "dns", owner: "Jo Doe", contact: "jo@acme.example",
                                       access: "DNS provider account ops@acme.example", reviewed: "2026-11-01", line: 17)])
        #expect(m.monitoring.first?.intervalMs == 60_000)
        #expect(m.monitoring.first?.alertsTo == "#ops")
        #expect(m.monitoring.first?.covers.count == 2)
        #expect(m.monitoring.first?.line == 23)
        #expect(m.critical.map(\.name) == ["Home", "API health", "Login", "Stripe webhook"])
        #expect(m.critical.map(\.line) == [30, 31, 32, 33])
        let domain = try #require(m.domains.first)
        #expect(domain.name == "acme.example" && domain.hosts == ["www", "app", "api"])
        #expect(domain.canonical == "acme.example" && domain.dkimSelectors == ["s1"])
        #expect(domain.expect.map { "\($0.host) \($0.type) \($0.values)" } == ["@ A [\"76.76.21.21\"]", "api CNAME [\"acme.fly.dev\"]"])
        #expect(domain.redirects.map(\.to) == ["https://acme.example/"])
        #expect(domain.health == ["https://api.acme.example/healthz"])
        #expect(m.audit.certExpiryBlockerDays == 14 && m.audit.certExpiryHighDays == 30 && m.audit.p95Ms == 500)
        #expect(m.accept.first?.id == "email.dmarc-policy-none" && m.accept.first?.until == "2027-01-31")
        #expect(m.accept.first?.subject == "domain:acme.example" && m.accept.first?.owner == "Jo Doe")
        #expect(m.checklist == [ChecklistEntry(id: "rollback-rehearsed", done: true, by: "Jo Doe", on: "2026-11-20", note: nil, line: 51)])
        #expect(m.collect.resolvers == [HostPort(host: "127.0.0.1", port: 5353), HostPort(host: "::1", port: 5353)])
        #expect(m.collect.caFile == "tests-ca.pem")
        #expect(m.collect.connectTo == [
            ConnectOverride(source: HostPort(host: "api.acme.example"), target: HostPort(host: "127.0.0.1")),
            ConnectOverride(source: HostPort(host: "api.acme.example", port: 443), target: HostPort(host: "127.0.0.1", port: 8443)),
        ])
        #expect(m.collect.timeoutMs == 5_000 && m.collect.deadlineMs == 30_000 && m.collect.samples == 20)
    }

    @Test func minimalManifestUsesDefaults() throws {
        let m = try parse("project: Tiny\n")
        #expect(m.repository == "." && m.environments.isEmpty && m.collect.timeoutMs == 5_000)
        #expect(m.audit.certExpiryBlockerDays == 14 && m.audit.p95Ms == 500)
    }

    @Test func productionByNameUnlessSaidOtherwise() throws {
        let m = try parse("project: X\nenvironments:\n  prod: {}\n  production: {production: false}\n  live: {production: true}\n  dev:\n")
        #expect(m.environments.map(\.isProduction) == [true, false, true, false])
    }

    @Test func everyProblemIsReportedAtOnceWithPositions() {
        let found = problems("""
            project: X
            hots: 1
            collect:
              timeout: 5x
            domains:
              - name: acme.example
                hots: [www]

            """)
        #expect(found.map(\.description) == [
            "2:1: unknown key `hots` at the top level — known keys: project, repository, env, environments, rollback, owners, monitoring, critical, domains, audit, accept, checklist, collect",
            "4:12: `collect.timeout` must be a duration such as `500ms`, `5s` or `1m` (at most 3650d), found `5x`",
            "7:5: unknown key `hots` in `domains[0]` — did you mean `hosts`?",
        ])
    }

    @Test func theErrorMessageNamesFileLineAndColumn() {
        do {
            _ = try parse("project: X\nenvironments:\n  production:\n    env_file: [.env]\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.errorDescription == "handover.yml: 1 problem in the manifest:\nhandover.yml:4:5: unknown key `env_file` in `environments.production` — did you mean `env_files`?")
            #expect(error.category == .input)
        }
    }

    @Test func yamlSyntaxErrorsNeverQuoteTheSourceLine() {
        let secretLine = "project: [unclosed SECRETVALUE"
        do {
            _ = try parse(secretLine + "\n")
            Issue.record("expected an error")
        } catch {
            let message = error.errorDescription ?? ""
            #expect(message.hasPrefix("handover.yml:"))
            #expect(message.contains("YAML syntax error"))
            #expect(!message.contains("SECRETVALUE"))
        }
    }

    @Test func duplicateKeysAreReportedWithoutTheDocument() {
        do {
            _ = try parse("project: X\nproject: Y\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.errorDescription?.contains("duplicate key `project`") == true)
            #expect(error.errorDescription?.contains("project: Y") == false)
        }
    }

    @Test func emptyAndNonMappingManifests() {
        #expect(problems("").map(\.message) == ["the manifest is empty — it needs at least `project: NAME`"])
        #expect(problems("- a\n- b\n").first?.message.contains("must be a mapping") == true)
        #expect(problems("repository: .\n").map(\.message) == ["`` needs `project`"])
    }

    /// One case per documented key: a wrong value and the message it must produce.
    @Test(arguments: [
        ("project: [a]", "`project` must be a single value"),
        ("project: ''", "`project` must not be empty"),
        ("repository: {a: 1}", "`repository` must be a single value"),
        ("env: [a]", "`env` must be a mapping"),
        ("env: {reference: [a]}", "`env.reference` must be a single value"),
        ("env: {refrence: a}", "did you mean `reference`?"),
        ("environments: [a]", "`environments` must be a mapping"),
        ("environments: {p: {production: maybe}}", "`environments.p.production` must be true or false"),
        ("environments: {p: {env_files: {a: 1}}}", "`environments.p.env_files` must be a list"),
        ("environments: {p: {branch: [a]}}", "`environments.p.branch` must be a single value"),
        ("environments: {p: {release_tags: [a]}}", "`environments.p.release_tags` must be a single value"),
        ("environments: {p: {version: {json_key: x}}}", "`environments.p.version` needs `url`"),
        ("environments: {p: {version: {url: 'ftp://x'}}}", "`environments.p.version.url` must be an http:// or https:// URL"),
        ("environments: {p: {version: {url: 'https://x/v'}}}", "needs `json_key` (a field of the JSON body) or `header`"),
        ("environments: {p: {version: {url: 'https://x/v', header: X-Commit, auth_header_env: 'not a name'}}}", "`environments.p.version.auth_header_env` must be an env var name"),
        ("rollback: {command: [a]}", "`rollback.command` must be a single value"),
        ("rollback: {}", "`rollback` needs `command`"),
        ("owners: {a: 1}", "`owners` must be a list"),
        ("owners: [{owner: Jo}]", "`owners[0]` needs `asset`"),
        ("owners: [{asset: dns}]", "`owners[0]` needs `owner`"),
        ("owners: [{asset: dns, owner: Jo, contact: [a]}]", "`owners[0].contact` must be a single value"),
        ("owners: [{asset: dns, owner: Jo, access: [a]}]", "`owners[0].access` must be a single value"),
        ("owners: [{asset: dns, owner: Jo, reviewed: 2026-13-01}]", "`owners[0].reviewed` must be a date written YYYY-MM-DD"),
        ("monitoring: [{url: 'https://s/'}]", "`monitoring[0]` needs `name`"),
        ("monitoring: [{name: U, url: 'status page'}]", "`monitoring[0].url` must be an http:// or https:// URL"),
        ("monitoring: [{name: U, url: 'https://s/', kind: [a]}]", "`monitoring[0].kind` must be a single value"),
        ("monitoring: [{name: U, url: 'https://s/', interval: often}]", "`monitoring[0].interval` must be a duration"),
        ("monitoring: [{name: U, url: 'https://s/', alerts_to: [a]}]", "`monitoring[0].alerts_to` must be a single value"),
        ("monitoring: [{name: U, url: 'https://s/', covers: {a: 1}}]", "`monitoring[0].covers` must be a list"),
        ("critical: [{name: Home}]", "`critical[0]` needs `url`"),
        ("critical: [{name: Home, url: 'https://a/', kind: [a]}]", "`critical[0].kind` must be a single value"),
        ("critical: [{url: 'https://a/'}]", "`critical[0]` needs `name`"),
        ("domains: [{hosts: [www]}]", "`domains[0]` needs `name`"),
        ("domains: [{name: 'bad domain'}]", "`domains[0].name` must be a domain name"),
        ("domains: [{name: a.example, hosts: ['w w']}]", "`domains[0].hosts[0]` must be a host label"),
        ("domains: [{name: a.example, canonical: [a]}]", "`domains[0].canonical` must be a single value"),
        ("domains: [{name: a.example, dkim_selectors: {a: 1}}]", "`domains[0].dkim_selectors` must be a list"),
        ("domains: [{name: a.example, expect: {'@': {AA: 1.2.3.4}}}]", "unknown record type `AA` in `domains[0].expect.@` — did you mean `A`?"),
        ("domains: [{name: a.example, expect: [a]}]", "`domains[0].expect` must be a mapping"),
        ("domains: [{name: a.example, redirects: [{from: 'http://a/'}]}]", "`domains[0].redirects[0]` needs `to`"),
        ("domains: [{name: a.example, health: ['nope']}]", "`domains[0].health[0]` must be an http:// or https:// URL"),
        ("domains: [{name: a.example, rdap: 'nope'}]", "`domains[0].rdap` must be an http:// or https:// URL"),
        ("audit: {cert_expiry_days: {blocker: -1}}", "`audit.cert_expiry_days.blocker` must be between 0 and 3650"),
        ("audit: {cert_expiry_days: {high: soon}}", "`audit.cert_expiry_days.high` must be a whole number"),
        ("audit: {cert_expiry_days: {blocker: 30, high: 14}}", "`audit.cert_expiry_days.high` (14) must be at least `blocker` (30)"),
        ("audit: {p95_ms: fast}", "`audit.p95_ms` must be a whole number"),
        ("accept: [{id: x, subject: 'domain:a', until: 2027-01-01}]", "`accept[0]` needs `reason`"),
        ("accept: [{id: x, reason: r, until: 2027-01-01}]", "`accept[0]` needs `subject` (e.g. `domain:acme.example`) or `fingerprint`"),
        ("accept: [{id: x, subject: s, reason: r, until: soon}]", "`accept[0].until` must be a date written YYYY-MM-DD"),
        ("accept: [{subject: s, reason: r, until: 2027-01-01}]", "`accept[0]` needs `id`"),
        ("accept: [{id: x, fingerprint: [a], reason: r, until: 2027-01-01}]", "`accept[0].fingerprint` must be a single value"),
        ("accept: [{id: x, subject: s, reason: r, owner: [a], until: 2027-01-01}]", "`accept[0].owner` must be a single value"),
        ("checklist: {rehearsed: {by: Jo}}", "`checklist.rehearsed` needs `done`"),
        ("checklist: {rehearsed: {done: true, on: yesterday}}", "`checklist.rehearsed.on` must be a date written YYYY-MM-DD"),
        ("checklist: {rehearsed: {done: true, by: [a]}}", "`checklist.rehearsed.by` must be a single value"),
        ("checklist: {rehearsed: {done: true, note: [a]}}", "`checklist.rehearsed.note` must be a single value"),
        ("collect: {resolvers: ['dns.example:53']}", "`collect.resolvers` entries must be IP[:PORT]"),
        ("collect: {resolvers: ['[::1]:0']}", "`collect.resolvers` entries must be IP[:PORT]"),
        ("collect: {ca_file: [a]}", "`collect.ca_file` must be a single value"),
        ("collect: {connect_to: {'a:b:c:': x}}", "`collect.connect_to` keys must be HOST or HOST:PORT"),
        ("collect: {connect_to: {a.example: '1.2.3.4:99999'}}", "must be ADDR or ADDR:PORT"),
        ("collect: {timeout: 5}", "`collect.timeout` must be a duration"),
        ("collect: {timeout: 30000000000d}", "`collect.timeout` must be a duration such as `500ms`, `5s` or `1m` (at most 3650d), found `30000000000d`"),
        ("monitoring: [{name: U, url: 'https://s/', interval: 3651d}]", "`monitoring[0].interval` must be a duration such as `500ms`, `5s` or `1m` (at most 3650d)"),
        ("collect: {deadline: 1s, timeout: 5s}", "`collect.deadline` (1s) must be at least `collect.timeout` (5s)"),
        ("collect: {samples: 0}", "`collect.samples` must be between 1 and 1000"),
        ("collect: {commits: many}", "`collect.commits` must be a whole number"),
        ("collect: {retries: 0}", "`collect.retries` must be between 1 and 10"),
        ("collect: {providers_file: [a]}", "`collect.providers_file` must be a single value"),
    ])
    func eachKeyRejectsAWrongValue(yaml: String, expected: String) {
        let setsProject = yaml.hasPrefix("project:")
        let found = problems((setsProject ? "" : "project: X\n") + yaml + "\n")
        #expect(found.contains { $0.message.contains(expected) }, "got \(found.map(\.description))")
        let line = setsProject ? 1 : 2
        #expect(!found.isEmpty && found.allSatisfy { $0.line == line }, "problems must point at the offending line: \(found)")
    }

    @Test func unknownKeysGetSuggestionsEverywhere() {
        let cases = [
            ("environments: {p: {relase_tags: 'v*'}}", "did you mean `release_tags`?"),
            ("monitoring: [{name: U, url: 'https://s/', alert_to: x}]", "did you mean `alerts_to`?"),
            ("collect: {timout: 5s}", "did you mean `timeout`?"),
            ("collect: {connect-to: {}}", "did you mean `connect_to`?"),
            ("audit: {p95: 1}", "did you mean `p95_ms`?"),
        ]
        for (yaml, expected) in cases {
            let found = problems("project: X\n" + yaml + "\n")
            #expect(found.contains { $0.message.contains(expected) }, "\(yaml): \(found)")
        }
    }

    @Test func manifestFileErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("m-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ManifestError.notFound(path: dir.path + "/nope.yml")) { try ManifestLoader.load(path: dir.path + "/nope.yml") }
        #expect(throws: ManifestError.unreadable(path: dir.path, reason: "it is a directory")) { try ManifestLoader.load(path: dir.path) }
        let file = dir.appendingPathComponent("handover.yml")
        try Data("\u{FEFF}project: Bom\n".utf8).write(to: file)
        let loaded = try ManifestLoader.load(path: file.path)
        #expect(loaded.manifest.project == "Bom")
        #expect(loaded.digest.hasPrefix("sha256:") && loaded.digest.count == 71)
        try Data([0xFF, 0xFE, 0x00]).write(to: file)
        #expect(throws: ManifestError.unreadable(path: file.path, reason: "not UTF-8 text")) { try ManifestLoader.load(path: file.path) }
        // Huge: refused unread, naming the size. Truncated mid-way: a syntax error with the position, never the text.
        try Data(("project: X\n" + String(repeating: "# padding\n", count: 500_000)).utf8).write(to: file)
        #expect(throws: ManifestError.unreadable(path: file.path, reason: "it is 4.8 MiB; a manifest is at most 4 MiB — is this the right file?")) {
            try ManifestLoader.load(path: file.path)
        }
        try Data("project: X\ndomains:\n  - {name: acme.example, hosts: [www, a".utf8).write(to: file)
        #expect { try ManifestLoader.load(path: file.path) } throws: { error in
            guard case ManifestError.syntax(let path, let line, _, _) = error else { return false }
            return path == file.path && line == 3
        }
    }

    @Test func starterManifestParses() throws {
        let facts = ProjectFacts(project: "we\"ird\\name", files: [".env.example", ".env.production", ".env.staging", "fly.toml", "docker-compose.yml", ".env"],
                                 remoteURL: "https://u:tok@github.com/acme/app.git", tagNames: ["v1.0.0"], branch: "main")
        let text = StarterManifest.render(facts)
        #expect(!text.contains("tok@"))
        let m = try parse(text)
        #expect(m.project == "we\"ird\\name")
        #expect(m.envReference == ".env.example")
        #expect(m.environments.map(\.name) == ["production", "staging", "development"])
        #expect(m.environments[0].envFiles == [".env.production", "fly.toml"])
        #expect(m.environments[2].envFiles == [".env", "docker-compose.yml"])
        #expect(m.environments[0].releaseTags == "v*")
    }
}

@Suite struct SmallParserTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1", nil), ("127.0.0.1:5353", "127.0.0.1", 5353), ("[::1]:53", "::1", 53),
        ("[::1]", "::1", nil), ("::1", "::1", nil), ("api.acme.example:443", "api.acme.example", 443),
    ] as [(String, String, Int?)])
    func hostPortParses(text: String, host: String, port: Int?) {
        #expect(HostPort(parsing: text) == HostPort(host: host, port: port))
    }

    @Test(arguments: ["", "a:", ":53", "a:0", "a:65536", "[::1", "[]:5", "a b", "[::1]x"])
    func hostPortRejects(text: String) {
        #expect(HostPort(parsing: text) == nil)
    }

    @Test func connectOverrideCLIForm() {
        #expect(ConnectOverride(parsing: "api.acme.example:443=127.0.0.1:8443")
            == ConnectOverride(source: HostPort(host: "api.acme.example", port: 443), target: HostPort(host: "127.0.0.1", port: 8443)))
        #expect(ConnectOverride(parsing: "nohost") == nil)
    }

    @Test(arguments: [("500ms", 500), ("5s", 5_000), ("1m", 60_000), ("2h", 7_200_000), ("7d", 604_800_000)])
    func durations(text: String, ms: Int) {
        #expect(DurationText.milliseconds(text) == ms)
        #expect(DurationText.format(milliseconds: ms) == text)
    }

    @Test(arguments: ["5", "s", "5x", "-5s", "1.5s", "5 s s", ""])
    func badDurations(text: String) {
        #expect(DurationText.milliseconds(text) == nil)
    }

    @Test func didYouMean() {
        #expect(DidYouMean.suggestion(for: "hots", among: ["hosts", "health"]) == "hosts")
        #expect(DidYouMean.suggestion(for: "ENV-FILES", among: ["env_files"]) == "env_files")
        #expect(DidYouMean.suggestion(for: "zzzzzz", among: ["hosts"]) == nil)
    }

    @Test func calendarDays() {
        #expect(CalendarDay("2028-02-29") != nil)
        #expect(CalendarDay("2027-02-29") == nil)
        #expect(CalendarDay("2026-1-01") == nil)
    }
}

@Suite struct AlertThresholdTests {
    @Test func alertsOverrideTheGuideThresholds() throws {
        let yaml = "project: A\naudit:\n  p95_ms: 300\n  alerts: {p95_ms: 650, error_rate: \"1 %\", uptime: \"99.95 %\"}\n"
        let m = try ManifestLoader.parse(data: Data(yaml.utf8), path: "handover.yml")
        #expect(m.audit.p95Ms == 300 && m.audit.alertP95Ms == 650 && m.audit.alertErrorRate == "1 %" && m.audit.alertUptime == "99.95 %")
        #expect(m.audit.alertFailedEmail == "a spike in DMARC failure reports")
        #expect {
            _ = try ManifestLoader.parse(data: Data("project: A\naudit:\n  alerts: {error_rat: 1}\n".utf8), path: "handover.yml")
        } throws: { error in
            ((error as? LocalizedError)?.errorDescription ?? "").contains("handover.yml:3:12: unknown key `error_rat` in `audit.alerts` — did you mean `error_rate`?")
        }
    }
}

/// The manifest passes the same YAML bounds as every other YAML file: an alias lattice used as a key is refused at
/// once (Yams would hash 2^39 nodes), with its line.
@Suite(.timeLimit(.minutes(1))) struct ManifestBoundsTests {
    @Test func anAliasUsedAsAKeyIsRefusedNotHashed() {
        var lines = ["x-a0: &a0 [x, x]"]
        for level in 1..<40 { lines.append("x-a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]") }
        lines += ["project: Bomb", "owners:", "  ? *a39", "  : x"]
        let started = ContinuousClock.now
        do {
            _ = try parse(lines.joined(separator: "\n") + "\n")
            Issue.record("the alias key was accepted")
        } catch {
            guard case .syntax(_, let line, _, let problem) = error else { Issue.record("\(error)"); return }
            #expect(problem.hasPrefix("not read: "), "\(problem)")
            #expect(line == 43, "\(line): \(problem)")
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverDiff

/// `handover diff` end to end: snapshot the real test servers, change the world (a DNS record, a certificate,
/// a commit and a tag, an env name), snapshot again, and diff: every change reported, nothing else.
@Suite(.serialized, .enabled(if: TestServers.runResolverTests && TestServers.runNginxTests)) struct DiffCommandTests {
    static func zone(api: String) -> String {
        Zones.soa("shop.test") + """
            @ IN A 192.0.2.10
            www IN CNAME shop.test.
            app IN A 192.0.2.11
            api IN A \(api)

            """
    }

    @Test func everyChangeOfTheWorldAndNothingElse() throws {
        let ca = try TestCA()
        let now = Date()
        let site = try ca.issue("site", sans: ["shop.test", "www.shop.test", "app.shop.test"], notBefore: now - 86_400, notAfter: now + 60 * 86_400)
        let api1 = try ca.issue("api1", sans: ["api.shop.test"], notBefore: now - 86_400, notAfter: now + 30 * 86_400)
        let dns = try TestDNS(zones: ["shop.test": Self.zone(api: "192.0.2.20")])
        func nginx(api: (String, String)) throws -> NginxServer {
            let toHTTPS = "location / { return 301 https://$host$request_uri; }"
            return try NginxServer(hosts: [
                .init(name: "shop.test", certificate: site.0, key: site.1, httpDirectives: toHTTPS),
                .init(name: "www.shop.test", certificate: site.0, key: site.1,
                      directives: "location / { return 301 https://shop.test/; }", httpDirectives: toHTTPS),
                .init(name: "app.shop.test", certificate: site.0, key: site.1, httpDirectives: toHTTPS),
                .init(name: "api.shop.test", certificate: api.0, key: api.1,
                      directives: "location = /healthz { return 200 \"ok\\n\"; } location / { return 404; }", httpDirectives: toHTTPS),
            ])
        }
        let dir = try makeProject()
        dir.write(".env.production", "DATABASE_URL=postgres://u:p@db/app\nSTRIPE_SECRET_KEY=sk\n")
        func manifest(_ server: NginxServer) {
            let hosts = ["shop.test", "www.shop.test", "app.shop.test", "api.shop.test"]
            let connect = hosts.flatMap { ["    \"\($0):443\": \"127.0.0.1:\(server.tlsPort)\"", "    \"\($0):80\": \"127.0.0.1:\(server.httpPort)\""] }
            dir.write("handover.yml", """
                project: Shop
                env: {reference: .env.example}
                environments:
                  production: {env_files: [.env.production], release_tags: "v*", branch: main}
                owners:
                  - {asset: dns, owner: Jo Doe}
                domains:
                  - name: shop.test
                    health: ["https://api.shop.test/healthz"]
                # Loopback answers in milliseconds, but a loaded 2-core CI machine can take longer than the default
                # 500 ms budget; this test is about what changed in the world, not about latency.
                audit: {p95_ms: 10000}
                collect:
                  timeout: 2s
                  samples: 2
                  resolvers: ["\(dns.resolver)"]
                  ca_file: \(ca.rootPath)
                  connect_to:
                \(connect.joined(separator: "\n"))

                """)
        }
        let only = ["--only", "git,env,owners,dns,tls,http"]
        var server = try nginx(api: api1)
        manifest(server)
        let first = try HandoverBinary.run(["snapshot"] + only, in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        let oldHead = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)

        // Change the world.
        try dns.reload(zone: "shop.test", text: Self.zone(api: "192.0.2.21").replacingOccurrences(of: "2026112901", with: "2026112902"))
        let api2 = try ca.issue("api2", sans: ["api.shop.test"], notBefore: now - 3_600, notAfter: now + 90 * 86_400)
        server = try nginx(api: api2)  // new ports: ports are never part of a change
        manifest(server)
        dir.write("CHANGELOG.md", "1.1.0\n")
        _ = try ProcessRunner.git(["add", "CHANGELOG.md"], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "Release <1.1.0> | *bold*"], in: dir.url, date: "2026-02-01T00:00:00Z")
        _ = try ProcessRunner.git(["tag", "v1.1.0"], in: dir.url)
        let newHead = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)
        dir.write(".env.production", "DATABASE_URL=postgres://u:p@db/app\nSTRIPE_SECRET_KEY=sk\nREDIS_URL=redis://r\n")
        let second = try HandoverBinary.run(["snapshot"] + only, in: dir.url, environment: HandoverBinary.later())
        #expect(second.status == 0, "\(second.stderr)")

        let json = try HandoverBinary.run(["diff", "--format", "json"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        let diff = try CanonicalJSON.decoder().decode(SnapshotDiff.self, from: Data(json.stdout.utf8))
        let summary = diff.changes.map { "\($0.kind.rawValue) \($0.layer.rawValue) \($0.subject) \($0.attribute) \($0.element ?? "")" }
        #expect(summary == [
            "changed git repo head ",
            "added git repo release-tags v1.1.0",
            "added env env:production names REDIS_URL",
            "changed dns host:api.shop.test address ",
            "changed tls host:api.shop.test certificate ",
        ], "\(summary)")
        #expect(diff.changes.first { $0.attribute == "address" }.map { ($0.before, $0.after) } ?? (nil, nil) == ("A 192.0.2.20", "A 192.0.2.21"))
        #expect(diff.changes.first { $0.attribute == "certificate" }?.note?.hasPrefix("renewed at") == true)
        #expect(diff.stories.map(\.subject) == ["host:api.shop.test"])
        #expect(diff.commits?.direction == .forward && diff.commits?.total == 1)
        #expect(diff.commits?.from == oldHead && diff.commits?.to == newHead)
        #expect(diff.commits?.commits.first?.subject == "Release <1.1.0> | *bold*")

        // The same pair twice: byte-identical; Markdown escapes the commit subject; --exit-code trips.
        #expect(try HandoverBinary.run(["diff", "--format", "json"], in: dir.url).stdout == json.stdout)
        let markdown = try HandoverBinary.run(["diff", "previous", "latest", "--format", "markdown"], in: dir.url)
        #expect(markdown.stdout.contains("Release &lt;1.1.0> \\| \\*bold\\*"), "\(markdown.stdout)")
        let gate = try HandoverBinary.run(["diff", "--exit-code"], in: dir.url)
        #expect(gate.status == 1 && gate.stdout.contains("1 commit deployed since"))
        let same = try HandoverBinary.run(["diff", "latest", "latest", "--exit-code"], in: dir.url)
        #expect(same.status == 0 && same.stdout.contains("No changes in the layers compared."))

        // live: a fresh snapshot in memory against the latest, never written.
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).count
        let live = try HandoverBinary.run(["diff", "live", "--format", "json"], in: dir.url)
        #expect(live.status == 0, "\(live.stderr)")
        let liveDiff = try CanonicalJSON.decoder().decode(SnapshotDiff.self, from: Data(live.stdout.utf8))
        #expect(liveDiff.new.name == "live")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).count == before)
        // The live snapshot also collects email and registration, which the stored ones skipped: not compared.
        #expect(liveDiff.notCompared.map(\.layer).contains(.email))
        #expect(!liveDiff.changes.contains { $0.layer == .dns || $0.layer == .tls || $0.layer == .git })

        let since = try HandoverBinary.run(["diff", "--since", "1h"], in: dir.url)
        #expect(since.status == 0 && since.stdout.contains("→"))
        let bad = try HandoverBinary.run(["diff", "--since", "soon"], in: dir.url)
        #expect(bad.status == 2 && bad.stderr.contains("--since: `soon` is not a duration"))
        let liveFirst = try HandoverBinary.run(["diff", "live", "latest"], in: dir.url)
        #expect(liveFirst.status == 2)
    }
}

/// `handover log` and `handover prune` on stored snapshots (no servers needed).
@Suite(.serialized) struct LogAndPruneTests {
    func project(snapshots count: Int) throws -> TempDirectory {
        let dir = try makeProject()
        for index in 0..<count {
            if index > 0 {
                dir.write("file\(index).txt", "\(index)\n")
                _ = try ProcessRunner.git(["add", "."], in: dir.url)
                _ = try ProcessRunner.git(["commit", "-q", "-m", "change \(index)"], in: dir.url, date: "2026-01-0\(index + 1)T00:00:00Z")
            }
            let result = try HandoverBinary.run(["snapshot", "--only", "git,env,owners"], in: dir.url, environment: HandoverBinary.later(2 * index))
            #expect(result.status == 0, "\(result.stderr)")
        }
        return dir
    }

    @Test func logCountsChangesPerSnapshot() throws {
        let dir = try project(snapshots: 3)
        dir.write("snapshots/20200101T000000Z-zzzz.json", "{not json")
        let log = try HandoverBinary.run(["log"], in: dir.url)
        #expect(log.status == 0, "\(log.stderr)")
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].contains("unreadable") && log.stderr.contains("20200101T000000Z-zzzz.json"))
        #expect(lines[1].contains("first") && lines[2].contains("1 change (+0 -0 ~1)") && lines[3].contains("1 change"))
        let git = try HandoverBinary.run(["log", "--layer", "env", "--format", "json"], in: dir.url)
        #expect(git.stdout.contains("\"layer\" : \"env\"") && git.stdout.contains("\"changes\" : 0"))
        let bad = try HandoverBinary.run(["log", "--layer", "dsn"], in: dir.url)
        #expect(bad.status == 2 && bad.stderr.contains("did you mean `dns`?"))
    }

    @Test func pruneKeepsTheLatestAndSaysWhatItDeletes() throws {
        let dir = try project(snapshots: 3)
        let names = { try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted() }
        let all = try names()
        let dry = try HandoverBinary.run(["prune", "--keep", "1", "--dry-run"], in: dir.url)
        #expect(dry.status == 0 && dry.stdout.components(separatedBy: "would delete").count == 3)
        #expect(try names() == all)
        let within = try HandoverBinary.run(["prune", "--keep-within", "1d"], in: dir.url)
        #expect(within.status == 0, "\(within.stdout)")
        #expect(try names() == all)
        let pruned = try HandoverBinary.run(["prune", "--keep", "2"], in: dir.url)
        #expect(pruned.status == 0 && pruned.stdout.contains("deleted  \(all[0])"))
        #expect(try names() == Array(all.dropFirst()))
        #expect(try HandoverBinary.run(["prune"], in: dir.url).status == 2)
        #expect(try HandoverBinary.run(["prune", "--keep", "0"], in: dir.url).status == 2)
    }
}

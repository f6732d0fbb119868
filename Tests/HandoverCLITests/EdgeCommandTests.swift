import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// `handover snapshot` with TLS, HTTP and registration against the nginx fixtures, through `--connect-to`.
@Suite(.serialized, .enabled(if: TestServers.runNginxTests)) struct EdgeCommandTests {
    @Test func snapshotWithAHangingHostFinishesWithinTheTimeoutAndNeverShowsTheCredential() throws {
        let fixtures = try HTTPFixtures.shared.get()
        let tls = try TLSFixtures.shared.get()
        let silent = SilentServer()
        let dir = TempDirectory("handover-edge")
        var connect = fixtures.connectTo.map { "    \"\($0.source)\": \"\($0.target)\"" }
        connect.append("    \"hang.site.test\": \"127.0.0.1:\(silent.port)\"")
        dir.write("handover.yml", fixtures.manifestYAML.replacingOccurrences(of: "hosts: [loop,", with: "hosts: [hang, loop,") + """
            repository: \(fixtures.repo.path)
            collect:
              timeout: 2s
              samples: 1
              ca_file: \(tls.ca.rootPath)
              connect_to:
            \(connect.joined(separator: "\n"))

            """)
        let start = Date()
        let result = try HandoverBinary.run(["snapshot", "--only", "tls,http,registration"], in: dir.url,
                                            environment: ["VERSION_TOKEN": HTTPFixtures.canary])
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < 3.0, "timeout 2 s + 1 s; took \(elapsed) s")

        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }
        let file = try #require(files.first)
        let json = try #require(dir.read("snapshots/\(file)"))
        let snapshot = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(json.utf8))
        let http = try #require(snapshot.http.collectedValue)
        let hang = try #require(http.hosts.first { $0.host == "hang.site.test" })
        #expect(hang.https.hops.map(\.outcome) == [.timeout] && hang.http.hops.map(\.outcome) == [.timeout])
        #expect(http.hosts.first { $0.host == "www.site.test" }?.http.hops.map(\.status) == [301, 301, 200])
        #expect(http.deployments.first { $0.environment == "secret" }?.relation == .same)
        #expect(snapshot.tls.data?.hosts.first { $0.host == "hang.site.test" }?.outcome == .timeout)
        #expect(snapshot.registration.data?.domains.first?.outcome == .found)

        let show = try HandoverBinary.run(["show", "latest"], in: dir.url)
        let showJSON = try HandoverBinary.run(["show", "latest", "--format", "json"], in: dir.url)
        #expect(show.status == 0 && show.stdout.contains("www.site.test"))
        #expect(show.stdout.contains("deployed on secret: \(fixtures.commits["c3"]!.prefix(12)) — same as main head"))
        // The documents hold the real deploy hash, the filled rollback command and the real expiry dates.
        dir.write("handover.yml", (dir.read("handover.yml") ?? "") + "rollback:\n  command: \"deploy --tag {{tag}}\"\n")
        _ = try ProcessRunner.git(["tag", "-f", "v0.9.0", fixtures.commits["c1"]!], in: fixtures.repo.url)
        let again = try HandoverBinary.run(["snapshot", "--only", "git,tls,http,registration"], in: dir.url,
                                           environment: HandoverBinary.later().merging(["VERSION_TOKEN": HTTPFixtures.canary]) { a, _ in a })
        #expect(again.status == 0, "\(again.stderr)")
        let render = try HandoverBinary.run(["render", "--out", dir.file("docs").path], in: dir.url)
        #expect(render.status == 0, "\(render.stderr)")
        let guide = try #require(dir.read("docs/guide.md"))
        #expect(guide.contains(String(fixtures.commits["c3"]!.prefix(12))))
        #expect(guide.contains("deploy --tag v0.9.0"), "\(guide)")
        let expiry = try #require(snapshot.tls.data?.hosts.first { $0.host == "site.test" }?.leaf?.notAfter)
        #expect(guide.contains(Timestamp.day(expiry)))
        #expect(try #require(dir.read("docs/guide.html")).contains(Timestamp.day(expiry)))
        let lookup = try HandoverBinary.run(["lookup", "api"], in: dir.url)
        #expect(lookup.status == 0 && lookup.stdout.contains("api.site.test (host)") && lookup.stdout.contains("deploy --tag v0.9.0"), "\(lookup.stdout)")
        // The answer comes from the index `snapshot` wrote; without it, from the snapshot itself — the same text.
        let indexDir = dir.file("snapshots/.lookup")
        #expect(try FileManager.default.contentsOfDirectory(atPath: indexDir.path).count == 2)
        try FileManager.default.removeItem(at: indexDir)
        let slow = try HandoverBinary.run(["lookup", "api"], in: dir.url)
        #expect(slow.stdout == lookup.stdout)
        let typo = try HandoverBinary.run(["lookup", "apii"], in: dir.url)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean `api`"), "\(typo.stderr)")
        let docs = try FileManager.default.contentsOfDirectory(atPath: dir.file("docs").path).sorted().compactMap { dir.read("docs/\($0)") }
        let everything = ([result.stdout, result.stderr, json, show.stdout, show.stderr, showJSON.stdout, again.stdout, again.stderr, render.stdout, lookup.stdout] + docs)
            .joined(separator: "\n")
        #expect(LeakProbe.leaks(of: [HTTPFixtures.canary], in: everything).isEmpty)
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect

/// `handover audit` end to end against the test zones through a recursive resolver: the broken domain's designed
/// faults come out as their specific checks at their default severities, the healthy domain has no blocker or high,
/// `--fail-on` gates; dangling CNAMEs, SERVFAIL and a refusing resolver each say what they are.
@Suite(.serialized, .enabled(if: TestServers.runResolverTests)) struct AuditCommandTests {
    static func manifest(resolver: String, broken: Bool) -> String {
        """
        project: Audit
        domains:
          - name: healthy.test
            dkim_selectors: [s1]
        \(broken ? """
          - name: broken.test
            dkim_selectors: [long, weak, revoked, missing]
            expect:
              "@": {A: ["192.0.2.99"]}
        """ : "")
        collect:
          timeout: 1s
          resolvers: ["\(resolver)"]

        """
    }

    struct Row: Decodable, Equatable { var id: String; var severity: String; var subject: String }
    struct Output: Decodable { var findings: [Row] }

    @Test func designedFaultsBecomeTheirChecks() throws {
        let healthyKey = try TestKeys.rsaPublicKey(bits: 2048)
        let weakKey = try TestKeys.rsaPublicKey(bits: 1024)
        let dns = try TestDNS(zones: [
            "healthy.test": Zones.healthy(dkim: TestKeys.zoneStrings("v=DKIM1; k=rsa; p=" + healthyKey)),
            "broken.test": Zones.broken(long: TestKeys.zoneStrings("v=DKIM1; k=rsa; p=" + healthyKey),
                                        weak: TestKeys.zoneStrings("v=DKIM1; p=" + weakKey)),
        ])
        let dir = try makeProject(manifest: Self.manifest(resolver: dns.resolver, broken: true))
        let snapshot = try HandoverBinary.run(["snapshot", "--only", "dns,email"], in: dir.url)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("audit: 1 blocker, 7 high"), "\(snapshot.stdout)")

        let json = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try JSONDecoder().decode(Output.self, from: Data(json.stdout.utf8)).findings
        #expect(rows.filter { $0.subject.contains("broken.test") } == [
            Row(id: "dns.expectation-mismatch", severity: "blocker", subject: "host:broken.test"),
            Row(id: "dns.dangling-cname", severity: "high", subject: "host:www.broken.test"),  // CNAME elsewhere.invalid
            Row(id: "dns.host-missing", severity: "high", subject: "host:api.broken.test"),
            Row(id: "dns.mx-target-unresolvable", severity: "high", subject: "domain:broken.test"),
            Row(id: "dns.unanswered", severity: "high", subject: "host:app.broken.test"),  // a CNAME loop: SERVFAIL
            Row(id: "email.dkim-revoked", severity: "high", subject: "domain:broken.test"),
            Row(id: "email.dmarc-missing", severity: "high", subject: "domain:broken.test"),
            Row(id: "email.spf-multiple", severity: "high", subject: "domain:broken.test"),
            Row(id: "email.dkim-missing", severity: "medium", subject: "domain:broken.test"),
            Row(id: "email.dkim-weak-key", severity: "low", subject: "domain:broken.test/weak"),
            Row(id: "email.mta-sts-none", severity: "info", subject: "domain:broken.test"),  // MX hosts, no _mta-sts
        ], "\(rows)")
        #expect(!rows.contains { $0.subject.contains("healthy.test") && ($0.severity == "blocker" || $0.severity == "high") }, "\(rows)")

        let gate = try HandoverBinary.run(["audit", "--fail-on", "high"], in: dir.url)
        #expect(gate.status == 1 && gate.stdout.contains("dns.expectation-mismatch"))
        #expect(try HandoverBinary.run(["audit", "--fail-on", "loud"], in: dir.url).status == 2)

        // Only the healthy domain: no blocker or high, so --fail-on high passes.
        dir.write("handover.yml", Self.manifest(resolver: dns.resolver, broken: false))
        #expect(try HandoverBinary.run(["snapshot", "--only", "dns,email"], in: dir.url, environment: HandoverBinary.later()).status == 0)
        let pass = try HandoverBinary.run(["audit", "--fail-on", "high"], in: dir.url)
        #expect(pass.status == 0, "\(pass.stdout)")
        #expect(pass.stdout.contains("Resolved since the previous snapshot"))

        // Byte-identical across processes for the same snapshot with its arrays shuffled.
        let latest = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted().first)
        let original = try Data(contentsOf: dir.file("snapshots/\(latest)"))
        let shuffledDir = TempDirectory("handover-shuffled"), plainDir = TempDirectory("handover-plain")
        try original.write(to: plainDir.file("s.json"))
        try Self.shuffled(original).write(to: shuffledDir.file("s.json"))
        for format in ["text", "markdown", "json", "sarif"] {
            let outputs = try [plainDir, shuffledDir, shuffledDir].map { d in
                try HandoverBinary.run(["audit", d.file("s.json").path, "--format", format, "--snapshots-dir", d.file("none").path], in: dir.url).stdout
            }
            #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2], "\(format) differs")
            #expect(!outputs[0].isEmpty)
        }
    }

    /// The resolver world's project: CNAMEs out of takeover.test (one working, two dangling) and a zone that does not load.
    static func resolverWorld(_ dns: TestDNS) throws -> (TempDirectory, [Row]) {
        let dir = try makeProject(manifest: """
            project: Resolver
            domains:
              - name: takeover.test
                hosts: [www, app, api, legacy]
              - name: down.test
            collect:
              timeout: 1s
              resolvers: ["\(dns.resolver)"]

            """)
        let snapshot = try HandoverBinary.run(["snapshot", "--only", "dns"], in: dir.url)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let json = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        #expect(json.status == 0, "\(json.stderr)")
        return (dir, try JSONDecoder().decode(Output.self, from: Data(json.stdout.utf8)).findings)
    }

    static func world(refusing: Bool = false) throws -> TestDNS {
        try TestDNS(zones: ["takeover.test": Zones.takeover, "hosting.test": Zones.hosting], unloaded: ["down.test"], refusing: refusing)
    }

    @Test func aDanglingCNAMEIsATakeoverRisk() throws {
        let dns = try Self.world()
        let (_, rows) = try Self.resolverWorld(dns)
        #expect(rows.filter { $0.id == "dns.dangling-cname" } == [
            Row(id: "dns.dangling-cname", severity: "high", subject: "host:app.takeover.test"),  // gone at the provider
            Row(id: "dns.dangling-cname", severity: "high", subject: "host:legacy.takeover.test"),  // a zone nobody serves
        ], "\(rows)")
        // Said once, by the specific check: not also a missing host or an unanswered one.
        #expect(!rows.contains { ($0.id == "dns.host-missing" || $0.id == "dns.unanswered") && $0.subject.contains("takeover.test") }, "\(rows)")
    }

    @Test func aCNAMEIntoAnotherZoneThatResolvesIsNoFinding() throws {
        let dns = try Self.world()
        let (dir, rows) = try Self.resolverWorld(dns)
        #expect(!rows.contains { $0.subject == "host:www.takeover.test" }, "\(rows)")
        let show = try HandoverBinary.run(["show", "latest"], in: dir.url)
        #expect(show.stdout.contains("CNAME → shop.hosting.test") && !show.stdout.contains("REFUSED"), "\(show.stdout)")
    }

    @Test func servfailThroughTheResolverIsUnansweredHigh() throws {
        let dns = try Self.world()
        let (_, rows) = try Self.resolverWorld(dns)
        let down = rows.filter { $0.id == "dns.unanswered" }
        #expect(down.map(\.subject).sorted() == ["host:api.down.test", "host:app.down.test", "host:down.test", "host:www.down.test"], "\(rows)")
        #expect(down.allSatisfy { $0.severity == "high" }, "\(down)")
    }

    @Test func aRefusingResolverIsOneLowNoteAboutTheResolver() throws {
        let dns = try Self.world(refusing: true)
        let (dir, rows) = try Self.resolverWorld(dns)
        #expect(rows.filter { $0.id.hasPrefix("dns.") } == [Row(id: "dns.unanswered", severity: "low", subject: "resolver:\(dns.resolver)")], "\(rows)")
        let show = try HandoverBinary.run(["show", "latest"], in: dir.url)
        #expect(show.stdout.contains("note: the resolver refused A for 5 of 5 hosts"), "\(show.stdout)")
    }

    /// Reverses the arrays that are sets (domains, hosts, MX targets, verdicts, selectors); sequences keep their order.
    static func shuffled(_ data: Data) throws -> Data {
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func reverse(_ value: Any?, keys: Set<String>) -> Any? {
            if let dict = value as? [String: Any] {
                var out: [String: Any] = [:]
                for (k, v) in dict { out[k] = keys.contains(k) ? ((reverse(v, keys: keys) as? [Any])?.reversed()).map(Array.init) : reverse(v, keys: keys) }
                return out
            }
            if let array = value as? [Any] { return array.map { reverse($0, keys: keys) ?? NSNull() } }
            return value
        }
        let sets: Set<String> = ["domains", "hosts", "mxTargets", "verdicts", "dkim", "expectations", "providers"]
        root["dns"] = reverse(root["dns"], keys: sets)
        root["email"] = reverse(root["email"], keys: sets)
        return try JSONSerialization.data(withJSONObject: root)
    }
}

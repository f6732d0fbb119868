import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

@Suite(.serialized, .enabled(if: TestServers.runResolverTests)) struct NetworkCommandTests {
    let dns: TestDNS

    init() throws {
        dns = try TestDNS(zones: ["healthy.test": Zones.healthy(), "broken.test": Zones.broken()])
    }

    /// The recursive resolver in front of the test zones.
    var resolver: String { dns.resolver }

    @Test func spfPrintsTheResultWordAndPath() throws {
        let dir = TempDirectory()
        let pass = try HandoverBinary.run(["spf", "healthy.test", "--ip", "198.51.100.9", "--resolver", resolver, "--format", "json"], in: dir.url)
        #expect(pass.status == 0, "\(pass.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(pass.stdout.utf8)) as? [String: Any]
        #expect(json?["result"] as? String == "pass")
        let path = json?["path"] as? [String] ?? []
        #expect(path.contains("_spf.healthy.test: `ip4:198.51.100.0/24` matched → pass"))
        #expect(path.last == "healthy.test: `include:_spf.healthy.test` matched → pass")
        let text = try HandoverBinary.run(["spf", "broken.test", "--ip", "192.0.2.1", "--resolver", resolver], in: dir.url)
        #expect(text.stdout.hasPrefix("permerror — broken.test for 192.0.2.1"))
        let bad = try HandoverBinary.run(["spf", "healthy.test", "--ip", "not-an-ip"], in: dir.url)
        #expect(bad.status == 2 && bad.stderr.contains("--ip: `not-an-ip` is not an IPv4 or IPv6 address"))
        let badResolver = try HandoverBinary.run(["dns", "healthy.test", "--resolver", "dns.example"], in: dir.url)
        #expect(badResolver.status == 2 && badResolver.stderr.contains("--resolver: `dns.example` is not IP[:PORT]"))
    }

    @Test func dnsPrintsOneDomain() throws {
        let dir = TempDirectory()
        let result = try HandoverBinary.run(["dns", "healthy.test", "--resolver", resolver, "--format", "json"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let domain = try CanonicalJSON.decoder().decode(DomainDNS.self, from: Data(result.stdout.utf8))
        #expect(domain.hosts.first { $0.label == "@" }?.a.values == ["192.0.2.10"])
        #expect(domain.soaSerial == 2026112901)
    }

    @Test func snapshotRecordsDNSAndEmailAndASwallowedResolverCostsOnlyItsBudget() throws {
        let dir = try makeProject(manifest: """
            project: Acme
            domains:
              - name: healthy.test
                dkim_selectors: [s1]
                expect: {"@": {A: ["192.0.2.10"]}}
              - name: broken.test
            collect: {resolvers: ["\(resolver)"], timeout: 1s}

            """)
        // TLS would connect to the zone's documentation addresses (192.0.2.x): tests only ever talk to loopback.
        let result = try HandoverBinary.run(["snapshot", "--format", "json", "--only", "git,env,dns,email"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let snapshot = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(result.stdout.utf8))
        #expect(snapshot.dns.data?.domains.map(\.name) == ["broken.test", "healthy.test"])
        #expect(snapshot.dns.data?.domains.last?.expectations.first?.verdict == .match)
        #expect(snapshot.email.data?.domains.first { $0.name == "broken.test" }?.dmarc.verdicts.map(\.code) == ["dmarc.missing"])
        // A resolver that swallows every query: the snapshot still completes, DNS recorded as timeouts.
        let hole = SilentUDPServer()
        let start = Date()
        let swallowed = try HandoverBinary.run(["snapshot", "--format", "json", "--resolver", "127.0.0.1:\(hole.port)"], in: dir.url)
        // (TLS finds no addresses when DNS times out: every host is `no-address`, nothing is dialled.)
        let elapsed = Date().timeIntervalSince(start)
        #expect(swallowed.status == 0)
        let blind = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(swallowed.stdout.utf8))
        #expect(blind.dns.status == .collected)
        #expect(blind.dns.data?.domains.isEmpty == false && blind.dns.data?.domains.allSatisfy { $0.ns.outcome == .timeout } == true)
        #expect(blind.git.status == .collected && blind.env.status == .collected)
        // Every query runs concurrently (32 at a time): about ceil(queries / 32) × timeout × attempts, well
        // under the 60 s deadline.
        #expect(elapsed < 30, "took \(elapsed) s")
    }
}

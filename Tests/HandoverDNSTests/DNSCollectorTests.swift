import Foundation
import HandoverDNS
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverManifest
import HandoverCollect
import HandoverAudit

/// The DNS map as a recursive resolver (Unbound over the test zones and a fake root) answers it.
@Suite(.enabled(if: TestServers.runResolverTests)) struct DNSCollectorTests {
    let dns: TestDNS
    let collector: DNSCollector

    init() throws {
        dns = try TestDNS(zones: ["healthy.test": Zones.healthy(), "broken.test": Zones.broken(), "many.test": Zones.many,
                                  "hosting.test": Zones.hosting, "takeover.test": Zones.takeover])
        let lookup = LDNSLookup(settings: .init(resolvers: [dns.address], timeoutMs: 1_000, attempts: 2))
        collector = DNSCollector(lookup: lookup, resolverNames: [dns.resolver])
    }

    func spec(_ name: String, hosts: [String]? = nil, expect: [RecordExpectation] = []) -> DomainSpec {
        DomainSpec(name: name, hosts: hosts, canonical: nil, dkimSelectors: [], expect: expect, redirects: [], health: [], rdap: nil, line: 1)
    }

    @Test func healthyDomainRecordsTTLsAndCodes() async throws {
        let d = await collector.domain(spec("healthy.test"))
        #expect(d.hosts.map(\.name) == ["api.healthy.test", "app.healthy.test", "healthy.test", "www.healthy.test"])
        let apex = try #require(d.hosts.first { $0.label == "@" })
        #expect(apex.a.outcome == .answer && apex.a.records == [DNSRecord(name: "healthy.test", type: .a, ttl: 300, value: "192.0.2.10")])
        #expect(apex.aaaa.records == [DNSRecord(name: "healthy.test", type: .aaaa, ttl: 300, value: "2001:db8::10")])
        #expect(apex.caa.foundAt == "healthy.test" && apex.caa.records.map(\.value) == ["0 issue \"letsencrypt.org\""])
        let www = try #require(d.hosts.first { $0.label == "www" })
        #expect(www.a.chain == [DNSRecord(name: "www.healthy.test", type: .cname, ttl: 600, value: "healthy.test")])
        #expect(www.a.values == ["192.0.2.10"])
        let api = try #require(d.hosts.first { $0.label == "api" })
        #expect(api.cnameChain == ["api-host.healthy.test"] && api.a.chain.first?.ttl == 120)
        #expect(api.aaaa.outcome == .nodata)
        #expect(api.caa.foundAt == "healthy.test")
        #expect(api.caa.climb.map(\.name) == ["api.healthy.test", "healthy.test"])
        #expect(d.mx.records == [DNSRecord(name: "healthy.test", type: .mx, ttl: 300, value: "10 mail.healthy.test")])
        #expect(d.mxTargets == [MXTarget(preference: 10, host: "mail.healthy.test", nullMX: false, a: .answer, aaaa: .nodata)])
        #expect(d.ns.values == ["ns1.healthy.test"] && d.ns.records.first?.ttl == 3600)
        #expect(d.soaSerial == 2026112901)
    }

    @Test func brokenDomainFaultsAreDistinct() async throws {
        let d = await collector.domain(spec("broken.test", hosts: ["www", "app", "api", "shop"]))
        let missing = try #require(d.mxTargets.first { $0.host == "mx-missing.broken.test" })
        #expect(!missing.resolves && missing.a == .nxdomain)
        #expect(d.mxTargets.first { $0.host == "mail.broken.test" }?.resolves == true)
        let www = try #require(d.hosts.first { $0.label == "www" })
        #expect(www.a.chain.map(\.value) == ["elsewhere.invalid"])
        #expect(www.a.outcome == .nxdomain, "a dangling CNAME: the target does not exist")
        let app = try #require(d.hosts.first { $0.label == "app" })
        #expect(app.a.outcome == .servfail, "a resolver answers a CNAME loop with SERVFAIL")
        let shop = try #require(d.hosts.first { $0.label == "shop" })
        #expect(shop.caa.foundAt == "broken.test" && shop.caa.climb.map(\.outcome) == [.nodata, .answer])
        let apex = try #require(d.hosts.first { $0.label == "@" })
        #expect(apex.txt.values.filter { $0.hasPrefix("v=spf1") }.count == 2)
        #expect(apex.aaaa.outcome == .nodata)
    }

    @Test func missingDomainAndUnservedName() async {
        let nx = await collector.domain(spec("nothing.healthy.test"))
        #expect(nx.hosts.count == 4 && nx.hosts.allSatisfy { $0.a.outcome == .nxdomain }, "\(nx.hosts.map(\.name))")
        let unserved = await collector.domain(spec("not-served.example"))
        #expect(unserved.ns.outcome == .nxdomain, "the root says the name does not exist")
        #expect(unserved.hosts.first { $0.label == "@" }?.caa.climb.map(\.outcome) == [.nxdomain, .nxdomain])
    }

    @Test func cnamesIntoOtherZonesAreFollowedAndDanglingOnesEndInNXDOMAIN() async throws {
        let d = await collector.domain(spec("takeover.test", hosts: ["www", "app", "api", "legacy"]))
        let www = try #require(d.hosts.first { $0.label == "www" })
        #expect(www.a.outcome == .answer && www.cnameChain == ["shop.hosting.test"] && www.a.values == ["192.0.2.80"], "\(www.a)")
        let app = try #require(d.hosts.first { $0.label == "app" })
        #expect(app.a.outcome == .nxdomain && app.cnameChain == ["gone.hosting.test"], "\(app.a)")
        let legacy = try #require(d.hosts.first { $0.label == "legacy" })
        #expect(legacy.a.outcome == .nxdomain && legacy.cnameChain == ["old-app.fly.dev"], "\(legacy.a)")
    }

    @Test func aRefusingResolverIsRecordedAsRefused() async throws {
        let refusing = try TestDNS(zones: ["healthy.test": Zones.healthy()], refusing: true)
        let lookup = LDNSLookup(settings: .init(resolvers: [refusing.address], timeoutMs: 1_000, attempts: 1))
        let d = await DNSCollector(lookup: lookup, resolverNames: [refusing.resolver]).domain(spec("healthy.test"))
        #expect(d.ns.outcome == .refused && d.hosts.count == 4 && d.hosts.allSatisfy { $0.a.outcome == .refused })
        #expect(d.hosts.first { $0.label == "@" }?.caa.climb.map(\.outcome) == [.refused, .refused])
    }

    @Test func expectationsMatchOrNot() async {
        let d = await collector.domain(spec("healthy.test", expect: [
            RecordExpectation(host: "@", type: "A", values: ["192.0.2.10"], line: 5),
            RecordExpectation(host: "api", type: "CNAME", values: ["API-HOST.healthy.test."], line: 6),
            RecordExpectation(host: "app", type: "A", values: ["192.0.2.99"], line: 7),
            RecordExpectation(host: "@", type: "AAAA", values: ["2001:0db8:0::10"], line: 8),
            RecordExpectation(host: "@", type: "MX", values: ["10 mail.healthy.test."], line: 9),
        ]))
        #expect(d.expectations.map(\.verdict) == [.match, .match, .mismatch, .match, .match])
        #expect(d.expectations[2].actual == ["192.0.2.11"])
    }

    @Test func providersAreDetectedFromRecords() {
        let table = ProviderTable.builtIn
        #expect(table.detect(source: "NS", value: "kara.ns.cloudflare.com.").map(\.provider) == ["Cloudflare"])
        #expect(table.detect(source: "NS", value: "ns-1.awsdns-01.org").map(\.provider) == ["Amazon Route 53"])
        #expect(table.detect(source: "CNAME", value: "acme.fly.dev").map(\.provider) == ["Fly.io"])
        #expect(table.detect(source: "MX", value: "aspmx.l.google.com").map(\.provider) == ["Google Workspace"])
        #expect(table.detect(source: "SPF", value: "_spf.google.com").map(\.provider) == ["Google Workspace"])
        #expect(table.detect(source: "CNAME", value: "notfly.dev").isEmpty)
        #expect(table.detect(source: "A", value: "76.76.21.21").map(\.provider) == ["Vercel"])
    }

    @Test func snapshotsOfManyHostsCostAboutTheSlowestChain() async {
        // 3 domains, each with apex + 3 default hosts + extras: dozens of queries, all concurrent.
        let start = ContinuousClock.now
        async let a = collector.domain(spec("healthy.test", hosts: ["mail", "api-host"]))
        async let b = collector.domain(spec("broken.test"))
        async let c = collector.domain(spec("many.test"))
        _ = await (a, b, c)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func theManifestsHostsAreTheWholeList() async {
        let listed = await collector.domain(spec("healthy.test", hosts: ["api"]))
        #expect(listed.hosts.map(\.name) == ["api.healthy.test", "healthy.test"], "\(listed.hosts.map(\.name))")
        let apexOnly = await collector.domain(spec("healthy.test", hosts: []))
        #expect(apexOnly.hosts.map(\.name) == ["healthy.test"])
        let defaults = await collector.domain(spec("healthy.test"))
        #expect(defaults.hosts.map(\.name) == ["api.healthy.test", "app.healthy.test", "healthy.test", "www.healthy.test"])
    }
}

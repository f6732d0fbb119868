import Foundation
import HandoverDNS
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverAudit

/// Email authentication as a recursive resolver (Unbound over the test zones and a fake root) answers it.
@Suite(.enabled(if: TestServers.runResolverTests)) struct EmailCollectorTests {
    let dns: TestDNS
    let collector: EmailCollector

    init() throws {
        let healthyKey = try TestKeys.rsaPublicKey(bits: 2048)
        let longKey = try TestKeys.rsaPublicKey(bits: 4096)
        let weakKey = try TestKeys.rsaPublicKey(bits: 1024)
        dns = try TestDNS(zones: [
            "healthy.test": Zones.healthy(dkim: TestKeys.zoneStrings("v=DKIM1; k=rsa; p=" + healthyKey)),
            "broken.test": Zones.broken(long: TestKeys.zoneStrings("v=DKIM1; k=rsa; p=" + longKey),
                                        weak: TestKeys.zoneStrings("v=DKIM1; p=" + weakKey)),
            "many.test": Zones.many, "weak.test": Zones.weak, "reports.test": Zones.reports, "authorized.test": Zones.authorized,
        ])
        collector = EmailCollector(lookup: LDNSLookup(settings: .init(resolvers: [dns.address], timeoutMs: 1_000, attempts: 2)))
    }

    @Test func healthyDomainPassesEverything() async throws {
        let d = await collector.domain("healthy.test", selectors: ["s1"])
        #expect(d.sendsMail)
        #expect(d.spf.status == .pass && d.spf.verdicts.isEmpty, "\(d.spf.verdicts)")
        #expect(d.spf.lookups == 1 && d.spf.voidLookups == 0)
        #expect(d.spf.tree.children.map(\.domain) == ["_spf.healthy.test"])
        #expect(d.dmarc.status == .pass && d.dmarc.foundAt == "_dmarc.healthy.test" && d.dmarc.record?.policy == .reject)
        let s1 = try #require(d.dkim.first)
        #expect(d.dkim.map(\.selector) == ["s1"])
        #expect(s1.status == .pass && s1.record?.keyBits == 2048 && s1.record?.keyType == "rsa")
        #expect(d.mtaSTS.present && d.tlsRPT.present && d.bimi.present)
    }

    @Test func brokenDomainGetsOneSpecificVerdictPerFault() async throws {
        let d = await collector.domain("broken.test", selectors: ["s1", "long", "weak", "revoked"])
        #expect(d.spf.verdicts.map(\.code).contains("spf.multiple"))
        #expect(d.spf.status == .fail)
        #expect(d.dmarc.verdicts.map(\.code) == ["dmarc.missing"] && d.dmarc.status == .fail)
        let codes = Dictionary(uniqueKeysWithValues: d.dkim.map { ($0.selector, $0.verdicts.map(\.code)) })
        #expect(codes["s1"] == ["dkim.missing"])
        #expect(codes["long"] == [] && d.dkim.first { $0.selector == "long" }?.record?.keyBits == 4096)
        #expect(codes["weak"] == ["dkim.key-under-2048"] && d.dkim.first { $0.selector == "weak" }?.record?.keyBits == 1024)
        #expect(codes["revoked"] == ["dkim.revoked"])
        #expect(!d.mtaSTS.present && !d.tlsRPT.present && !d.bimi.present)
    }

    @Test func spfTreeOverTheLookupLimitIsRecordedWhole() async {
        let d = await collector.domain("many.test", selectors: [])
        #expect(d.spf.lookups == 12, "\(d.spf.tree)")  // 4 at the root, 3 in a, 3 in b (a, mx, include), 1 in c, 1 in d
        #expect(d.spf.verdicts.map(\.code).contains("spf.lookup-limit"))
        #expect(d.spf.tree.children.count == 4)
        #expect(d.spf.tree.children[0].children.map(\.domain) == ["e.many.test", "f.many.test", "g.many.test"])
        #expect(!d.sendsMail || d.spf.tree.records.first != "v=spf1 -all")
    }

    @Test func weakSettingsAreNamed() async {
        let d = await collector.domain("weak.test", selectors: [])
        #expect(Set(d.spf.verdicts.map(\.code)) == ["spf.plus-all", "spf.ptr"])
        #expect(d.dmarc.verdicts.map(\.code) == ["dmarc.sp-weaker", "dmarc.pct-below-100", "dmarc.external-unauthorized"])
        #expect(d.dmarc.externalDestinations.map { "\($0.domain) \($0.authorized)" } == ["authorized.test true", "reports.test false"])
    }

    @Test func checkHostAgainstTheRealServer() async {
        let evaluator = SPFEvaluator(lookup: collector.resolution.lookup)
        #expect(await evaluator.checkHost(ip: IPAddress("198.51.100.9")!, domain: "healthy.test").result == .pass)
        #expect(await evaluator.checkHost(ip: IPAddress("203.0.113.1")!, domain: "healthy.test").result == .fail)
        #expect(await evaluator.checkHost(ip: IPAddress("192.0.2.1")!, domain: "broken.test").result == .permerror)
        #expect(await evaluator.checkHost(ip: IPAddress("203.0.113.10")!, domain: "many.test").result == .permerror)
        #expect(await evaluator.checkHost(ip: IPAddress("203.0.113.5")!, domain: "many.test").result == .pass)
    }
}

import Foundation
import HandoverDNS
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverManifest
import HandoverCollect

/// check_host() must agree with pyspf, the reference implementation, on the same zone data.
@Suite(.enabled(if: TestServers.runKnotTests)) struct PySPFAgreementTests {
    static let zone = Zones.soa("spfcmp.test") + """
        @ IN TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a:host.spfcmp.test/30 mx include:inc.spfcmp.test exists:%{ir}.%{l1r+-}.e.spfcmp.test ptr:spfcmp.test ?all"
        inc IN TXT "v=spf1 ip4:198.51.100.7 -all"
        host IN A 203.0.113.5
        @ IN MX 10 mx.spfcmp.test.
        mx IN A 203.0.113.25
        4.113.0.203.jo.e IN A 127.0.0.2
        mail IN A 203.0.113.7
        redir IN TXT "v=spf1 redirect=spfcmp.test"
        redirnone IN TXT "v=spf1 redirect=nothing.spfcmp.test"
        soft IN TXT "v=spf1 -ip4:203.0.113.66 ~all"
        neutral IN TXT "v=spf1 ?all"
        empty IN TXT "v=spf1"
        void IN TXT "v=spf1 a:v1.spfcmp.test a:v2.spfcmp.test a:v3.spfcmp.test -all"
        bad IN TXT "v=spf1 ip4:999.1.1.1 -all"
        badmech IN TXT "v=spf1 foo:bar -all"
        two IN TXT "v=spf1 -all"
        two IN TXT "v=spf1 +all"
        exp IN TXT "v=spf1 -all exp=x.exp.spfcmp.test"
        x.exp IN TXT "%{i} is not allowed for %{d}"
        plus IN TXT "v=spf1 +all"
        macro IN TXT "v=spf1 exists:%{d2}.%{o}.%{v}.%{h}.m.spfcmp.test -all"
        spfcmp.test.spfcmp.test.in-addr.macro.spfcmp.test.m IN A 127.0.0.2
        dual IN TXT "v=spf1 a:dualhost.spfcmp.test/24//64 -all"
        dualhost IN A 203.0.113.200
        dualhost IN AAAA 2001:db8:77::1
        nospf IN TXT "hello world"
        incnone IN TXT "v=spf1 include:nothing.spfcmp.test -all"
        deep IN TXT "v=spf1 include:d1.spfcmp.test -all"
        d1 IN TXT "v=spf1 include:d2.spfcmp.test include:d3.spfcmp.test include:d4.spfcmp.test ~all"
        d2 IN TXT "v=spf1 a mx a mx ~all"
        d3 IN TXT "v=spf1 a mx a mx ~all"
        d4 IN TXT "v=spf1 a mx ip4:203.0.113.99 ~all"
        d2 IN A 192.0.2.250
        d3 IN A 192.0.2.251
        d4 IN A 192.0.2.252
        d2 IN MX 10 mx.spfcmp.test.
        d3 IN MX 10 mx.spfcmp.test.
        d4 IN MX 10 mx.spfcmp.test.

        """
    static let reverse = """
        $ORIGIN 113.0.203.in-addr.arpa.
        $TTL 300
        @ IN SOA ns1.spfcmp.test. hostmaster.spfcmp.test. 1 3600 600 86400 300
        @ IN NS ns1.spfcmp.test.
        7 IN PTR mail.spfcmp.test.
        8 IN PTR nowhere.spfcmp.test.

        """

    static let cases: [(String, String, String)] = [
        ("192.0.2.1", "spfcmp.test", "jo@spfcmp.test"), ("2001:db8::5", "spfcmp.test", "jo@spfcmp.test"),
        ("203.0.113.6", "spfcmp.test", "jo@spfcmp.test"), ("203.0.113.25", "spfcmp.test", "jo@spfcmp.test"),
        ("198.51.100.7", "spfcmp.test", "jo@spfcmp.test"), ("203.0.113.4", "spfcmp.test", "jo@spfcmp.test"),
        ("203.0.113.7", "spfcmp.test", "jo@spfcmp.test"), ("203.0.113.8", "spfcmp.test", "jo@spfcmp.test"),
        ("203.0.113.99", "spfcmp.test", "x@spfcmp.test"), ("192.0.2.9", "redir.spfcmp.test", "a@redir.spfcmp.test"),
        ("203.0.113.99", "redir.spfcmp.test", "a@redir.spfcmp.test"), ("192.0.2.9", "redirnone.spfcmp.test", "a@redirnone.spfcmp.test"),
        ("203.0.113.66", "soft.spfcmp.test", "a@soft.spfcmp.test"), ("203.0.113.67", "soft.spfcmp.test", "a@soft.spfcmp.test"),
        ("203.0.113.1", "neutral.spfcmp.test", "a@neutral.spfcmp.test"), ("203.0.113.1", "empty.spfcmp.test", "a@empty.spfcmp.test"),
        ("203.0.113.1", "void.spfcmp.test", "a@void.spfcmp.test"), ("203.0.113.1", "bad.spfcmp.test", "a@bad.spfcmp.test"),
        ("203.0.113.1", "badmech.spfcmp.test", "a@badmech.spfcmp.test"), ("203.0.113.1", "two.spfcmp.test", "a@two.spfcmp.test"),
        ("203.0.113.1", "exp.spfcmp.test", "a@exp.spfcmp.test"), ("203.0.113.1", "plus.spfcmp.test", "a@plus.spfcmp.test"),
        ("203.0.113.1", "macro.spfcmp.test", "someone@spfcmp.test"), ("203.0.113.1", "macro.spfcmp.test", "someone@other.test"),
        ("203.0.113.77", "dual.spfcmp.test", "a@dual.spfcmp.test"), ("203.0.114.1", "dual.spfcmp.test", "a@dual.spfcmp.test"),
        ("2001:db8:77::ff", "dual.spfcmp.test", "a@dual.spfcmp.test"), ("2001:db8:78::1", "dual.spfcmp.test", "a@dual.spfcmp.test"),
        ("203.0.113.1", "nospf.spfcmp.test", "a@nospf.spfcmp.test"), ("203.0.113.1", "nothing.spfcmp.test", "a@nothing.spfcmp.test"),
        ("203.0.113.1", "incnone.spfcmp.test", "a@incnone.spfcmp.test"), ("203.0.113.99", "deep.spfcmp.test", "a@deep.spfcmp.test"),
        ("203.0.113.1", "outside.example", "a@outside.example"),
    ]

    @Test func checkHostAgreesWithPyspfOnEveryCase() async throws {
        let knot = try KnotServer(zones: ["spfcmp.test": Self.zone, "113.0.203.in-addr.arpa": Self.reverse])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pyspf-check.py").path
        let request = try JSONSerialization.data(withJSONObject: ["port": knot.port, "cases": Self.cases.map { [$0.0, $0.1, $0.2] }])
        let python = try ["python3", "/usr/bin/python3"].first {
            try ProcessRunner.run($0, ["-c", "import spf, dns.resolver"]).status == 0
        } ?? "python3"
        let reference = try ProcessRunner.run(python, [script], stdin: String(decoding: request, as: UTF8.self))
        try #require(reference.status == 0, "pyspf failed (bash scripts/setup installs it): \(reference.stderr)")
        let expected = try JSONDecoder().decode([String].self, from: Data(reference.stdout.utf8))
        // zip stops at the shorter list: without this a short or empty answer from pyspf would compare nothing.
        try #require(!Self.cases.isEmpty && expected.count == Self.cases.count,
                     "pyspf answered \(expected.count) results for \(Self.cases.count) cases")
        let evaluator = SPFEvaluator(lookup: LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: knot.port)],
                                                                        timeoutMs: 1_000, attempts: 2)))
        var seen: Set<String> = []
        for ((ip, domain, sender), pyspf) in zip(Self.cases, expected) {
            let ours = await evaluator.checkHost(ip: IPAddress(ip)!, domain: domain, sender: sender)
            #expect(ours.result.rawValue == pyspf, "\(ip) \(domain) \(sender): ours \(ours.result.rawValue), pyspf \(pyspf); path \(ours.path)")
            seen.insert(ours.result.rawValue)
        }
        #expect(seen == ["pass", "fail", "softfail", "neutral", "none", "permerror", "temperror"], "every result is exercised")
    }
}

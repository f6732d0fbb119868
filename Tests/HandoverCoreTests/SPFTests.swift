import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit

@Suite struct SPFMacroTests {
    static let context = SPFMacro.Context(sender: "strong-bad@email.example.com", domain: "email.example.com",
                                          ip: IPAddress("192.0.2.3")!, helo: "mx.example.org", validatedName: "mx.example.org",
                                          receiver: "receiver.example", timestamp: 1_700_000_000)

    /// RFC 7208 §7.4's examples, one per row, plus the remaining letters.
    @Test("RFC 7208 §7.4 macro expansion", arguments: [
        ("%{s}", "strong-bad@email.example.com"), ("%{o}", "email.example.com"), ("%{d}", "email.example.com"),
        ("%{d4}", "email.example.com"), ("%{d3}", "email.example.com"), ("%{d2}", "example.com"), ("%{d1}", "com"),
        ("%{dr}", "com.example.email"), ("%{d2r}", "example.email"), ("%{l}", "strong-bad"), ("%{l-}", "strong.bad"),
        ("%{lr}", "strong-bad"), ("%{lr-}", "bad.strong"), ("%{l1r-}", "strong"),
        ("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"),
        ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
        ("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"),
        ("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"),
        ("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"),
        ("%{h}", "mx.example.org"), ("%{p}", "mx.example.org"), ("%{i}", "192.0.2.3"), ("%{c}", "192.0.2.3"),
        ("%{r}", "receiver.example"), ("%{t}", "1700000000"), ("%%%_%-", "% %20"), ("%{S}", "strong-bad%40email.example.com"),
        ("%{l+}", "strong-bad"), ("%{s=}", "strong-bad@email.example.com"), ("%{o/}", "email.example.com"),
        ("%{d,}", "email.example.com"), ("%{l_}", "strong-bad"),
    ])
    func expansion(macro: String, expected: String) {
        #expect(SPFMacro.expand(macro, Self.context, isExplanation: true) == expected)
    }

    @Test func ipv6Expansion() {
        var context = Self.context
        context.ip = IPAddress("2001:db8::cb01")!
        #expect(SPFMacro.expand("%{ir}.%{v}._spf.%{d2}", context)
            == "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com")
        #expect(SPFMacro.expand("%{c}", context) == "2001:db8::cb01")
    }

    /// RFC 7208 §7.3: a name over 253 octets loses whole labels from the left until it fits; the trailing dot
    /// goes, and a name that is one overlong label is left for the evaluator to refuse.
    @Test func expandedDomainsAreCutToFit() {
        var context = Self.context
        context.sender = "jo@" + String(repeating: "abcdefghi.", count: 30) + "example"
        let name = SPFMacro.expandDomain("x.%{o}.", context)
        #expect(name == String(repeating: "abcdefghi.", count: 24) + "example")
        #expect(name.utf8.count == 247)
        #expect(SPFMacro.expandDomain(String(repeating: "a", count: 300), context).utf8.count == 300)
    }

    /// In explanation text an IPv6 `%{i}` is written in uppercase nibbles (the suite's v-macro-ip6); names
    /// queried keep the RFC 7208 §7.4 example's lowercase.
    @Test func ipv6NibblesInExplanations() {
        var context = Self.context
        context.ip = IPAddress("2001:db8::cb01")!
        #expect(SPFMacro.expand("%{ir}", context, isExplanation: true) == "1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2")
        #expect(SPFMacro.expand("%{ir}", context) == "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2")
    }

    @Test func emptyLocalPartIsPostmaster() {
        var context = Self.context
        context.sender = "@email.example.com"
        #expect(SPFMacro.expand("%{l}", context) == "postmaster")
    }

    @Test(arguments: [("%{x}", "unknown macro letter"), ("%{c}", "unknown macro letter"), ("%", "lone `%`"),
                      ("%{d", "unclosed"), ("%{d2x}", "bad transformer"), ("%a", "is not a macro"),
                      ("%{d0}", "zero or zero-padded"), ("%{d02}", "zero or zero-padded"), ("caf\u{E9}", "outside visible ASCII")])
    func syntaxErrors(text: String, fragment: String) {
        #expect(SPFMacro.syntaxError(text, allowExplanationLetters: false)?.contains(fragment) == true)
    }
}

@Suite struct SPFRecordTests {
    @Test func parsesEveryMechanismModifierAndQualifier() {
        let record = SPFRecord(parsing: "v=spf1 +all -include:a.example ~a ?mx:b.example/24 ptr ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:%{i}.x.example a:c.example/24//64 redirect=r.example exp=e.example custom=1")
        #expect(record.errors.isEmpty, "\(record.errors)")
        #expect(record.terms.map(\.name) == ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists", "a", "redirect", "exp", "custom"])
        #expect(record.terms.prefix(4).map { $0.qualifier } == [.pass, .fail, .softfail, .neutral])
        #expect(record.terms[3].argument == "b.example" && record.terms[3].cidr4 == 24)
        #expect(record.terms[6].argument == "2001:db8::" && record.terms[6].cidr6 == 32)
        #expect(record.terms[8].cidr4 == 24 && record.terms[8].cidr6 == 64)
        #expect(record.terms.filter(\.countsAsLookup).count == 7)
    }

    /// A domain-spec may hold `:` and `/`: the cidr-lengths are read from the end (RFC 7208 §5.3, §7.1).
    @Test func domainSpecsWithColonsAndSlashes() {
        let record = SPFRecord(parsing: "v=spf1 a:foo:bar/baz.example.com mx:foo:bar/baz.example.com/24//64 -mx:%%%_/.Clara.de/27 ip6:2001:db8::/32")
        #expect(record.errors.isEmpty, "\(record.errors)")
        #expect(record.terms.map { $0.argument ?? "" } == ["foo:bar/baz.example.com", "foo:bar/baz.example.com", "%%%_/.Clara.de", "2001:db8::"])
        #expect(record.terms.map { "\($0.cidr4 ?? -1)/\($0.cidr6 ?? -1)" } == ["-1/-1", "24/64", "27/-1", "-1/32"])
    }

    @Test(arguments: [
        "v=spf1 redirect=-all", "v=spf1 exp=-all", "v=spf1 exp=", "v=spf1 exp=%{r}.example.com", "v=spf1 a/24/64",
        "v=spf1 a:example.com:8080", "v=spf1 exists:%{d0}.example.com", "v=spf1 ip6:::1//64", "v=spf1 ip4:192.0.2.1/032",
        "v=spf1 foo", "v=spf1 ip4:300.1.1.1", "v=spf1 ip4:192.0.2.0/33", "v=spf1 ip6:192.0.2.1", "v=spf1 include:",
        "v=spf1 a:example", "v=spf1 all:x", "v=spf1 include:x.example/24", "v=spf1 a/024", "v=spf1 mx//129",
        "v=spf1 redirect=", "v=spf1 exists:%{z}.example", "v=spf1 ip4:192.0.2.1//64",
    ])
    func syntaxErrorsAreReported(text: String) {
        #expect(!SPFRecord(parsing: text).errors.isEmpty, "\(text) should not parse")
    }

    @Test func recordSelection() {
        #expect(SPFRecord.isSPF("v=spf1 -all") && SPFRecord.isSPF("V=SPF1") && !SPFRecord.isSPF("v=spf10 -all"))
        #expect(!SPFRecord.isSPF("v=spf2.0/pra"))
    }
}

@Suite struct SPFEvaluatorTests {
    static let dns = FakeDNS([
        ("example.test", .txt, ["v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:inc.example.test a:host.example.test mx -all"]),
        ("inc.example.test", .txt, ["v=spf1 ip4:198.51.100.7 -all"]),
        ("host.example.test", .a, ["203.0.113.5"]),
        ("example.test", .mx, ["10 mx.example.test"]),
        ("mx.example.test", .a, ["203.0.113.25"]),
        ("soft.test", .txt, ["v=spf1 ~all"]), ("neutral.test", .txt, ["v=spf1 ?all"]), ("empty.test", .txt, ["v=spf1"]),
        ("two.test", .txt, ["v=spf1 -all", "v=spf1 +all"]), ("syntax.test", .txt, ["v=spf1 ip4:999.0.0.1 -all"]),
        ("redir.test", .txt, ["v=spf1 redirect=example.test"]), ("redir-none.test", .txt, ["v=spf1 redirect=nothing.test"]),
        ("exists.test", .txt, ["v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all"]),
        ("4.113.0.203.jo._spf.exists.test", .a, ["127.0.0.2"]),
        ("exp.test", .txt, ["v=spf1 -all exp=explain.exp.test"]),
        ("explain.exp.test", .txt, ["%{i} is not one of %{d}'s designated mail servers (sender %{s})"]),
        ("ptr.test", .txt, ["v=spf1 ptr -all"]),
        ("7.113.0.203.in-addr.arpa", .ptr, ["mail.ptr.test", "other.example"]),
        ("mail.ptr.test", .a, ["203.0.113.7"]),
        ("void.test", .txt, ["v=spf1 a:v1.void.test a:v2.void.test a:v3.void.test -all"]),
        ("inctemp.test", .txt, ["v=spf1 include:down.test -all"]),
        ("incnone.test", .txt, ["v=spf1 include:nothing.test -all"]),
        ("dual.test", .txt, ["v=spf1 a/24//64 -all"]), ("dual.test", .a, ["203.0.113.1"]), ("dual.test", .aaaa, ["2001:db8:1::1"]),
        ("loop.test", .txt, ["v=spf1 include:loop.test -all"]),
        ("bad domain", .txt, ["v=spf1 -all"]),
        ("pmacro.test", .txt, ["v=spf1 exists:%{p}.allow.pmacro.test -all"]),
        ("mail.ptr.test.allow.pmacro.test", .a, ["127.0.0.2"]),
        ("badtarget.test", .txt, ["v=spf1 a:mail.example...test mx:\(String(repeating: "x", count: 64)).test -all"]),
        ("expbad.test", .txt, ["v=spf1 -all exp=why.expbad.test"]), ("why.expbad.test", .txt, ["The %{x}-files."]),
        ("expp.test", .txt, ["v=spf1 -all exp=why.expp.test"]), ("why.expp.test", .txt, ["connect from %{p}"]),
        ("other.example", .txt, ["v=spf1 -all exp=why.expp.test"]), ("other.example", .a, ["203.0.113.7"]),
    ], failures: [("down.test", .txt, .timeout), ("temp.test", .txt, .servfail)])

    func check(_ ip: String, _ domain: String, sender: String? = nil) async -> SPFEvaluation {
        await SPFEvaluator(lookup: Self.dns).checkHost(ip: IPAddress(ip)!, domain: domain, sender: sender)
    }

    @Test("every result and mechanism", arguments: [
        ("192.0.2.55", "example.test", SPFResult.pass), ("2001:db8::1", "example.test", .pass),
        ("198.51.100.7", "example.test", .pass), ("203.0.113.5", "example.test", .pass), ("203.0.113.25", "example.test", .pass),
        ("203.0.113.99", "example.test", .fail), ("203.0.113.99", "soft.test", .softfail), ("203.0.113.99", "neutral.test", .neutral),
        ("203.0.113.99", "empty.test", .neutral), ("203.0.113.99", "nothing.test", .none), ("203.0.113.99", "two.test", .permerror),
        ("203.0.113.99", "syntax.test", .permerror), ("203.0.113.99", "temp.test", .temperror),
        ("192.0.2.1", "redir.test", .pass), ("203.0.113.99", "redir.test", .fail), ("203.0.113.99", "redir-none.test", .permerror),
        ("203.0.113.7", "ptr.test", .pass), ("203.0.113.8", "ptr.test", .fail), ("203.0.113.99", "void.test", .permerror),
        ("203.0.113.99", "inctemp.test", .temperror), ("203.0.113.99", "incnone.test", .permerror),
        ("203.0.113.200", "dual.test", .pass), ("2001:db8:1::ffff", "dual.test", .pass), ("2001:db8:2::1", "dual.test", .fail),
        ("203.0.113.99", "loop.test", .permerror), ("203.0.113.99", "bad domain", .none),
        ("203.0.113.7", "pmacro.test", .pass), ("203.0.113.8", "pmacro.test", .fail),
    ])
    func results(ip: String, domain: String, expected: SPFResult) async {
        let evaluation = await check(ip, domain)
        #expect(evaluation.result == expected, "\(evaluation.path)")
    }

    @Test func existsWithMacrosAndTheDecidingPath() async {
        let evaluation = await check("203.0.113.4", "exists.test", sender: "jo@exists.test")
        #expect(evaluation.result == .pass)
        #expect(evaluation.path.last == "exists.test: `exists:%{ir}.%{l1r+-}._spf.%{d}` matched → pass")
    }

    @Test func explanationOnFail() async {
        let evaluation = await check("203.0.113.9", "exp.test", sender: "jo@exp.test")
        #expect(evaluation.result == .fail)
        #expect(evaluation.explanation == "203.0.113.9 is not one of exp.test's designated mail servers (sender jo@exp.test)")
    }

    /// A target with an empty or overlong label is never asked of DNS and matches nothing (the suite's
    /// invalid-domain-empty-label and invalid-domain-long): not a temperror, not a void lookup.
    @Test func targetsDNSCannotAskMatchNothing() async {
        let evaluation = await check("203.0.113.99", "badtarget.test")
        #expect(evaluation.result == .fail)
        #expect(evaluation.lookups == 2 && evaluation.voidLookups == 0)
        #expect(evaluation.path.filter { $0.hasSuffix("not a valid DNS name → no match") }.count == 2, "\(evaluation.path)")
    }

    /// exp= text that is not a valid macro-string is ignored (RFC 7208 §6.2); `%{p}` in it is the validated name,
    /// the domain itself first.
    @Test func explanationRules() async {
        #expect(await check("203.0.113.9", "expbad.test").explanation == nil)
        #expect(await check("203.0.113.7", "expp.test").explanation == "connect from mail.ptr.test")
        #expect(await check("203.0.113.7", "other.example").explanation == "connect from other.example")
        #expect(await check("203.0.113.8", "expp.test").explanation == "connect from unknown")
    }

    @Test func lookupAndVoidCounts() async {
        let loop = await check("203.0.113.99", "loop.test")
        #expect(loop.result == .permerror && loop.lookups == 11)
        #expect(loop.explanation == "include:loop.test gave permerror")
        #expect(loop.path.contains("loop.test: more than 10 DNS-querying terms (at `include:loop.test`) → permerror"))
        let void = await check("203.0.113.99", "void.test")
        #expect(void.voidLookups == 3 && void.explanation?.contains("more than 2 void lookups") == true)
        let ok = await check("203.0.113.25", "example.test")
        #expect(ok.lookups == 3)
    }
}

@Suite struct SPFTreeTests {
    static let dns = FakeDNS([
        ("loop.test", .txt, ["v=spf1 include:a.loop.test -all"]), ("a.loop.test", .txt, ["v=spf1 include:loop.test -all"]),
        ("gap.test", .txt, ["v=spf1 include:missing.gap.test redirect=alsomissing.gap.test"]),
        ("old.test", .txt, ["v=spf1 -all"]), ("old.test", .spf, ["v=spf1 -all"]),
        ("noall.test", .txt, ["v=spf1 ip4:192.0.2.1"]), ("neutral.test", .txt, ["v=spf1 ?all"]),
        ("syntax.test", .txt, ["v=spf1 ip4:192.0.2.300 -all"]),
        ("macro.test", .txt, ["v=spf1 include:%{d}.x.macro.test -all"]),
    ], failures: [("down.test", .txt, .timeout)])

    func codes(_ domain: String) async -> [String] {
        await SPFTreeBuilder(resolution: DNSResolution(lookup: Self.dns)).report(for: domain).verdicts.map(\.code)
    }

    @Test func faultsAreNamed() async {
        #expect(await codes("loop.test") == ["spf.loop"])
        #expect(await codes("gap.test") == ["spf.include-missing", "spf.include-missing"])
        #expect(await codes("old.test") == ["spf.type99"])
        #expect(await codes("noall.test") == ["spf.no-all"])
        #expect(await codes("neutral.test") == ["spf.neutral-all"])
        #expect(await codes("syntax.test") == ["spf.syntax"])
        #expect(await codes("nothing.test") == ["spf.none"])
        #expect(await codes("macro.test") == [], "macro targets depend on the sender and are not walked")
        let down = await SPFTreeBuilder(resolution: DNSResolution(lookup: Self.dns)).report(for: "down.test")
        #expect(down.status == .unknown && down.verdicts.map(\.code) == ["spf.temperror"])
    }
}

/// A hostile SPF tree: every `*.tree.test` name publishes two more includes below it (what a wildcard zone can
/// do), each answer after a delay; the walk counts how many questions are in flight at once.
actor EndlessSPF: DNSLookup {
    var asked = 0
    var inFlight = 0
    var mostInFlight = 0
    let delay: Duration

    init(delay: Duration = .milliseconds(20)) { self.delay = delay }

    func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        asked += 1
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        try? await Task.sleep(for: delay)
        inFlight -= 1
        guard type == .txt, name.hasSuffix("tree.test") else { return DNSResponse(outcome: .nodata) }
        let value = "v=spf1 include:l.\(name) include:r.\(name) -all"
        return DNSResponse(outcome: .answer, records: [DNSRecord(name: name, type: .txt, ttl: 300, value: value)])
    }
}

@Suite(.timeLimit(.minutes(1))) struct SPFWalkCapTests {
    static func count(_ node: SPFNode) -> Int { 1 + node.children.map(count).reduce(0, +) }
    static func walkedDepth(_ node: SPFNode) -> Int {
        node.outcome == .unknown ? 0 : 1 + (node.children.map(walkedDepth).max() ?? 0)
    }

    @Test func anEndlessTreeIsCappedInNodesAndSaysWhatWasLeftOut() async {
        let dns = EndlessSPF()
        let report = await SPFTreeBuilder(resolution: DNSResolution(lookup: dns), maximumNodes: 40).report(for: "tree.test")
        let asked = await dns.asked
        #expect(Self.count(report.tree) <= 40 + 2, "\(Self.count(report.tree)) nodes recorded")
        // One TXT per walked node (and the type-99 probe of the root): never more than the cap.
        #expect(asked <= 40 + 1, "\(asked) questions asked")
        #expect(report.status == .unknown || report.status == .fail)
        let notWalked = report.verdicts.filter { $0.code == "spf.temperror" && $0.detail.contains("not walked: the SPF tree has more than 40 nodes") }
        #expect(notWalked.count == 1, "\(report.verdicts.map(\.detail))")
        #expect(!SPFTreeFaults.unknown(report.tree).isEmpty, "the checklist cannot call a capped tree complete")
    }

    @Test func includesNestNoDeeperThanTheCap() async {
        let report = await SPFTreeBuilder(resolution: DNSResolution(lookup: EndlessSPF()), maximumNodes: 10_000, maximumDepth: 3)
            .report(for: "tree.test")
        #expect(Self.walkedDepth(report.tree) == 4, "the root and three levels of includes")
        #expect(report.verdicts.contains { $0.detail.contains("not walked: includes nest deeper than 3") })
    }

    @Test func aLevelIsAskedAtOnce() async {
        let dns = EndlessSPF()
        _ = await SPFTreeBuilder(resolution: DNSResolution(lookup: dns), maximumNodes: 31, maximumDepth: 4).report(for: "tree.test")
        // Level four has sixteen includes: asked together, not one after another.
        let most = await dns.mostInFlight
        #expect(most >= 16, "at most \(most) questions in flight")
    }

    @Test func theWalkStopsAtItsTimeBudget() async {
        let dns = EndlessSPF(delay: .milliseconds(100))
        let report = await SPFTreeBuilder(resolution: DNSResolution(lookup: dns), maximumNodes: 10_000, maximumDepth: 50,
                                          budget: .milliseconds(250)).report(for: "tree.test")
        #expect(report.verdicts.contains { $0.detail.contains("ran out of time") }, "\(report.verdicts.map(\.detail))")
        #expect(Self.walkedDepth(report.tree) <= 5)
    }

    @Test func aDiamondIsWalkedOnceAndIsNoLoop() async {
        let dns = FakeDNS([
            ("diamond.test", .txt, ["v=spf1 include:a.diamond.test include:b.diamond.test -all"]),
            ("a.diamond.test", .txt, ["v=spf1 include:shared.diamond.test -all"]),
            ("b.diamond.test", .txt, ["v=spf1 include:shared.diamond.test -all"]),
            ("shared.diamond.test", .txt, ["v=spf1 ip4:192.0.2.1 -all"]),
        ])
        let report = await SPFTreeBuilder(resolution: DNSResolution(lookup: dns)).report(for: "diamond.test")
        #expect(report.verdicts.map(\.code) == [], "\(report.verdicts.map(\.detail))")
        #expect(Self.count(report.tree) == 4)
    }
}

@Suite struct CachingLookupTests {
    actor Counter: DNSLookup {
        var asked: [String] = []
        func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
            asked.append("\(name) \(type.rawValue)")
            try? await Task.sleep(for: .milliseconds(20))
            return DNSResponse(outcome: .nodata)
        }
    }

    @Test func eachQuestionIsAskedOnceEvenConcurrently() async {
        let counter = Counter()
        let cache = CachingLookup(counter)
        async let a = cache.query("x.test", .a)
        async let b = cache.query("x.test", .a)
        async let c = cache.query("x.test", .txt)
        _ = await (a, b, c)
        _ = await cache.query("x.test", .a)
        #expect(await counter.asked.sorted() == ["x.test A", "x.test TXT"])
    }
}

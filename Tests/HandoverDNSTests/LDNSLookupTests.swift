import Foundation
import HandoverDNS
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverManifest
import HandoverCollect

let basicZone = """
    $ORIGIN basic.test.
    $TTL 300
    @ 3600 IN SOA ns1.basic.test. hostmaster.basic.test. 2026112901 3600 600 86400 300
    @ 3600 IN NS ns1.basic.test.
    ns1 IN A 127.0.0.1
    @ IN A 192.0.2.10
    www 600 IN CNAME basic.test.
    out IN CNAME target.elsewhere.test.
    loop1 IN CNAME loop2.basic.test.
    loop2 IN CNAME loop1.basic.test.
    txt IN TXT "part one " "part two"
    txt IN TXT "second record"
    big IN TXT ( "\(String(repeating: "a", count: 255))" "\(String(repeating: "b", count: 255))" "\(String(repeating: "c", count: 255))" "\(String(repeating: "d", count: 255))" "\(String(repeating: "e", count: 255))" "\(String(repeating: "f", count: 255))" )
    bytes IN TXT "caf\\195\\169 \\007bell"
    badutf IN TXT "\\255\\254 raw"
    @ IN MX 10 mail.basic.test.
    @ IN CAA 0 issue "letsencrypt.org"
    \((0..<40).map { "huge IN TXT \"record \($0) \(String(repeating: "x", count: 240))\"" }.joined(separator: "\n"))

    """

@Suite(.enabled(if: TestServers.runKnotTests)) struct LDNSLookupTests {
    let knot: KnotServer
    let lookup: LDNSLookup

    init() throws {
        knot = try KnotServer(zones: ["basic.test": basicZone])
        lookup = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: knot.port)], timeoutMs: 1_000, attempts: 2))
    }

    @Test func answersCarryRecordsAndTTLs() async {
        let a = await lookup.query("basic.test", .a)
        #expect(a.outcome == .answer)
        #expect(a.records == [DNSRecord(name: "basic.test", type: .a, ttl: 300, value: "192.0.2.10")])
        let mx = await lookup.query("basic.test", .mx)
        #expect(mx.values == ["10 mail.basic.test"])
        let caa = await lookup.query("basic.test", .caa)
        #expect(caa.values == ["0 issue \"letsencrypt.org\""])
    }

    @Test func cnameChainsAreFollowedInsideTheAnswer() async {
        let www = await lookup.query("www.basic.test", .a)
        #expect(www.outcome == .answer)
        #expect(www.chain == [DNSRecord(name: "www.basic.test", type: .cname, ttl: 600, value: "basic.test")])
        #expect(www.values == ["192.0.2.10"])
        let out = await lookup.query("out.basic.test", .a)
        #expect(out.outcome == .nodata && out.chain.map(\.value) == ["target.elsewhere.test"])
    }

    @Test func responseCodesAreDistinct() async {
        #expect(await lookup.query("nope.basic.test", .a).outcome == .nxdomain)
        #expect(await lookup.query("ns1.basic.test", .mx).outcome == .nodata)
        #expect(await lookup.query("www.basic.test", .mx).values == ["10 mail.basic.test"], "MX through the CNAME")
        #expect(await lookup.query("basic.test", .aaaa).outcome == .nodata)
        #expect(await lookup.query("other.example", .a).outcome == .refused)
    }

    @Test func txtStringsAreJoinedWithoutSeparator() async {
        let txt = await lookup.query("txt.basic.test", .txt)
        #expect(txt.values == ["part one part two", "second record"])
        let big = await lookup.query("big.basic.test", .txt)
        #expect(big.values.first?.count == 6 * 255)
        let bytes = await lookup.query("bytes.basic.test", .txt)
        #expect(bytes.values == ["café \u{7}bell"])
        #expect(bytes.records.first?.flags == ["control-bytes", "non-ascii"])
        #expect(txt.records.first?.flags == nil)
    }

    @Test func invalidUTF8IsFlaggedNotLost() async {
        let bad = await lookup.query("badutf.basic.test", .txt)
        #expect(bad.records.first?.flags == ["invalid-utf8"])
        #expect(bad.values.first?.hasSuffix(" raw") == true)
    }

    @Test func aHugeTXTSetFallsBackToTCP() async {
        let huge = await lookup.query("huge.basic.test", .txt)
        #expect(huge.outcome == .answer)
        #expect(huge.records.count == 40, "40 × ~250 bytes is far over the 1232-byte EDNS0 UDP size: only TCP carries it")
    }

    @Test func dnssecPresenceOfASignedZone() async throws {
        let signed = try KnotServer(zones: ["signed.test": basicZone.replacingOccurrences(of: "basic.test", with: "signed.test")],
                                    signed: ["signed.test"])
        let lookup = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: signed.port)], timeoutMs: 1_000))
        #expect(await lookup.query("signed.test", .dnskey).outcome == .answer)
        #expect(await self.lookup.query("basic.test", .dnskey).outcome == .nodata)
        let collector = DNSCollector(lookup: lookup, resolverNames: [])
        let domain = await collector.domain(DomainSpec(name: "signed.test", hosts: [], canonical: nil, dkimSelectors: [], expect: [],
                                                       redirects: [], health: [], rdap: nil, line: 1))
        #expect(domain.dnssec.dnskey == .answer)
        #expect(domain.dnssec.enabled == false, "no DS: the parent (test.) is not served, so the chain of trust is absent")
    }

    @Test func aSwallowedQueryCostsAtMostTimeoutTimesAttempts() async {
        let hole = SilentUDPServer()
        let slow = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: hole.port)], timeoutMs: 300, attempts: 2))
        let start = ContinuousClock.now
        let response = await slow.query("basic.test", .a)
        let elapsed = ContinuousClock.now - start
        #expect(response.outcome == .timeout)
        // The slack is for a loaded machine (this suite's tests run at once); ldns's own default would be 5 s a try.
        #expect(elapsed < .milliseconds(2 * 300 + 1_000), "took \(elapsed)")
        // The next query on a healthy resolver is not poisoned by the timeout.
        #expect(await lookup.query("basic.test", .a).outcome == .answer)
    }

    @Test func aDeadResolverFallsThroughToTheNextOne() async {
        let hole = SilentUDPServer()
        let both = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: hole.port),
                                                          HostPort(host: "127.0.0.1", port: knot.port)], timeoutMs: 200, attempts: 1))
        #expect(await both.query("basic.test", .a).values == ["192.0.2.10"])
    }

    @Test func aRunOfQuestionsReusesItsSockets() async {
        let fresh = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: knot.port)], timeoutMs: 1_000, attempts: 2))
        for _ in 0..<30 { #expect(await fresh.query("basic.test", .a).values == ["192.0.2.10"]) }
        #expect(fresh.socketsOpened == 1, "one question at a time: one socket, kept")
        for _ in 0..<100 { #expect(await fresh.query("basic.test", .mx).values == ["10 mail.basic.test"]) }
        #expect(fresh.socketsOpened == 3, "130 questions, 64 a socket: a fresh source port after each 64")
        let answers = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<40 { group.addTask { await fresh.query("basic.test", .caa).values } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 40 && answers.allSatisfy { $0 == ["0 issue \"letsencrypt.org\""] })
    }

    @Test func datagramsThatDoNotAnswerTheQuestionAreSkipped() async {
        let relay = StrayAnswerRelay(upstreamPort: knot.port)
        defer { withExtendedLifetime(relay) {} }
        let lookup = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: relay.port)], timeoutMs: 1_000, attempts: 1))
        // Each answer comes after a REFUSED with another id and one with another question: only the third counts.
        let a = await lookup.query("basic.test", .a)
        #expect(a.outcome == .answer && a.values == ["192.0.2.10"], "\(a)")
        let mx = await lookup.query("basic.test", .mx)
        #expect(mx.outcome == .answer && mx.values == ["10 mail.basic.test"], "\(mx)")
        #expect(await lookup.query("nope.basic.test", .a).outcome == .nxdomain)
    }

    @Test func aResolverThatIsDownIsLeftAtOnce() async {
        let down = closedUDPPort()
        let both = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: down),
                                                          HostPort(host: "127.0.0.1", port: knot.port)], timeoutMs: 2_000, attempts: 2))
        let start = ContinuousClock.now
        #expect(await both.query("basic.test", .a).values == ["192.0.2.10"])
        // The kernel's port-unreachable reaches a connected socket: no 2 × 2 s wait on a resolver that is down.
        #expect(ContinuousClock.now - start < .seconds(1), "took \(ContinuousClock.now - start)")
        let alone = LDNSLookup(settings: .init(resolvers: [HostPort(host: "127.0.0.1", port: down)], timeoutMs: 2_000, attempts: 2))
        let response = await alone.query("basic.test", .a)
        #expect(response.outcome == .timeout && response.detail?.contains("refused") == true, "\(response)")
    }
}

@Suite struct DatagramAnswerTests {
    /// A query for `basic.test` A with id 0x1234, and an answer built from it.
    static let query: [UInt8] = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                                 5, 0x62, 0x61, 0x73, 0x69, 0x63, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 1]
    static func reply(_ change: (inout [UInt8]) -> Void = { _ in }) -> [UInt8] {
        var bytes = query
        bytes[2] |= 0x80  // QR: a response
        change(&bytes)
        return bytes
    }
    static func answers(_ reply: [UInt8], to query: [UInt8] = query) -> Bool {
        reply.withUnsafeBytes { DatagramExchange.answers($0, query) }
    }

    @Test func onlyAResponseWithTheIdAndQuestionAnswers() {
        #expect(Self.answers(Self.reply()))
        #expect(!Self.answers(Self.query), "the query itself (QR clear) is not an answer")
        #expect(!Self.answers(Self.reply { $0[1] = 0x35 }), "another id")
        #expect(!Self.answers(Self.reply { $0[25] = 16 }), "another type")
        // Type 99 (SPF) is 0x63, a lower-case `c` in ASCII; type 67 is 0x43, `C`: only the name ignores case.
        var spf = Self.query
        spf[25] = 0x63
        #expect(Self.answers(Self.reply { $0[25] = 0x63 }, to: spf))
        #expect(!Self.answers(Self.reply { $0[25] = 0x43 }, to: spf), "types are compared exactly")
        #expect(!Self.answers(Self.reply { $0[14] = 0x78 }), "another name")
        #expect(!Self.answers(Array(Self.reply().prefix(20))), "cut inside the question")
        #expect(Self.answers(Self.reply { $0[13] = 0x42; $0[19] = 0x54 }), "names compare without case")
        #expect(!Self.answers(Self.reply { $0[27] = 3 }), "another class")
        #expect(Self.answers(Array(Self.reply { $0[3] = 5; $0[5] = 0 }.prefix(12))), "a refusal with no question (it may leave it out)")
        #expect(Self.answers(Array(Self.reply { $0[3] = 2; $0[5] = 0 }.prefix(12))), "a SERVFAIL with no question")
        #expect(!Self.answers(Array(Self.reply { $0[5] = 0 }.prefix(12))), "NOERROR needs the question")
        #expect(!Self.answers(Array(Self.reply { $0[3] = 3; $0[5] = 0 }.prefix(12))), "NXDOMAIN needs the question")
        #expect(!Self.answers(Array(Self.reply { $0[3] = 5; $0[5] = 0; $0[7] = 1 }.prefix(12))), "records without a question")
    }
}


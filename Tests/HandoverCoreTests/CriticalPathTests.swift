import Foundation
import HandoverModel
import HandoverManifest
@testable import HandoverCollect
import HandoverTestSupport
import Testing

/// Answers like a FakeDNS, but holds the answer to one question until another one has been asked (at most 2 s), and
/// remembers whether it was: a question asked only after that answer depends on it, one asked before does not.
final class HeldAnswer: DNSLookup, @unchecked Sendable {
    let table: FakeDNS
    let held: String
    let awaited: String
    private let lock = NSLock()
    private var asked: Set<String> = []
    private var sawAwaited: Bool?

    init(_ table: FakeDNS, hold: (String, DNSRecordType), until awaited: (String, DNSRecordType)) {
        self.table = table
        held = Self.key(hold.0, hold.1)
        self.awaited = Self.key(awaited.0, awaited.1)
    }

    static func key(_ name: String, _ type: DNSRecordType) -> String { "\(name)|\(type.rawValue)" }

    /// Whether the awaited question was asked while the held answer waited; nil when the held one was never asked.
    var awaitedWhileHeld: Bool? { lock.withLock { sawAwaited } }

    func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        let key = Self.key(name, type)
        let awaited = self.awaited
        lock.withLock { _ = asked.insert(key) }
        if key == held {
            let deadline = ContinuousClock.now + .seconds(2)
            while ContinuousClock.now < deadline, !lock.withLock({ asked.contains(awaited) }) {
                try? await Task.sleep(for: .milliseconds(2))
            }
            lock.withLock { sawAwaited = asked.contains(awaited) }
        }
        return await table.query(name, type)
    }
}

/// The collectors ask independent questions at once, so a snapshot costs its longest chain of dependent answers.
@Suite struct CriticalPathTests {
    @Test func theCAAClimbAsksEveryNameAtOnceAndRecordsTheSameSteps() async {
        let table = FakeDNS([("example.test", .caa, ["0 issue \"letsencrypt.org\""]), ("api.example.test", .a, ["192.0.2.1"])])
        let probe = HeldAnswer(table, hold: ("api.example.test", .caa), until: ("example.test", .caa))
        let result = await DNSCollector(lookup: probe, resolverNames: []).caa(for: "api.example.test")
        #expect(probe.awaitedWhileHeld == true, "the parent's CAA was asked only after the host's answer")
        #expect(result.foundAt == "example.test" && result.climb.map(\.name) == ["api.example.test", "example.test"])
        #expect(result.climb.map(\.outcome) == [.nodata, .answer])
    }

    @Test func theSPFWalkGoesDownALevelWithoutWaitingForTheVoidChecks() async {
        let table = FakeDNS([("acme.test", .txt, ["v=spf1 a include:_spf.acme.test -all"]), ("acme.test", .a, ["192.0.2.1"]),
                             ("_spf.acme.test", .txt, ["v=spf1 ip4:192.0.2.0/24 -all"])])
        let probe = HeldAnswer(table, hold: ("acme.test", .a), until: ("_spf.acme.test", .txt))
        let report = await SPFTreeBuilder(resolution: DNSResolution(lookup: probe)).report(for: "acme.test")
        #expect(probe.awaitedWhileHeld == true, "the include's TXT waited for the root's void check")
        #expect(report.tree.children.map(\.domain) == ["_spf.acme.test"] && report.voidLookups == 0 && report.lookups == 2)
    }

    @Test func anATermAsksAAndAAAAAtOnce() async {
        let table = FakeDNS([("acme.test", .txt, ["v=spf1 a:mail.acme.test -all"]), ("mail.acme.test", .aaaa, ["2001:db8::1"])])
        let probe = HeldAnswer(table, hold: ("mail.acme.test", .a), until: ("mail.acme.test", .aaaa))
        let report = await SPFTreeBuilder(resolution: DNSResolution(lookup: probe)).report(for: "acme.test")
        #expect(probe.awaitedWhileHeld == true, "AAAA was asked only after A found nothing")
        #expect(report.voidLookups == 0, "an AAAA answer makes the term not void")
    }

    @Test func theMXTargetsDoNotWaitForTheHosts() async {
        let table = FakeDNS([("acme.test", .mx, ["10 mail.acme.test"]), ("mail.acme.test", .a, ["192.0.2.25"]),
                             ("acme.test", .caa, ["0 issue \"letsencrypt.org\""])])
        let probe = HeldAnswer(table, hold: ("acme.test", .caa), until: ("mail.acme.test", .a))
        let spec = DomainSpec(name: "acme.test", hosts: [], canonical: nil, dkimSelectors: [], expect: [], redirects: [], health: [],
                              rdap: nil, line: 1)
        let domain = await DNSCollector(lookup: probe, resolverNames: []).domain(spec)
        #expect(probe.awaitedWhileHeld == true, "the MX target's address waited for the apex's CAA")
        #expect(domain.mxTargets.map(\.host) == ["mail.acme.test"])
    }
}

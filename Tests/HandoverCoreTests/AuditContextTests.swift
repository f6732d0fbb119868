import Foundation
import Testing
@testable import HandoverAudit
@testable import HandoverFixtures
@testable import HandoverModel

@Suite struct AuditContextTests {
    /// The handshakes are judged once, when the context is made, and again whenever its snapshot changes.
    @Test func handshakesFollowTheSnapshot() throws {
        let snapshot = HealthyExample.snapshot()
        var context = AuditContext(snapshot: snapshot, now: snapshot.createdAt)
        let hosts = context.handshakes.map(\.host.host)
        #expect(!hosts.isEmpty)
        #expect(context.handshakes.allSatisfy { !$0.verdict.hostnameMismatch })

        let first = try #require(hosts.first)
        let index = try #require(context.snapshot.tls.data?.hosts.firstIndex { $0.host == first })
        context.snapshot.tls.data?.hosts[index].chain[0].subjectAlternativeNames = ["elsewhere.example"]
        #expect(context.handshakes.map(\.host.host) == hosts)
        #expect(context.handshakes.filter(\.verdict.hostnameMismatch).map(\.host.host) == [first])

        context.snapshot.tls = .failed("probe crashed")
        #expect(context.handshakes.isEmpty)
    }

    /// The email verdicts are worked out once per snapshot too, and again when it changes.
    @Test func emailVerdictsFollowTheSnapshot() throws {
        let snapshot = HealthyExample.snapshot()
        var context = AuditContext(snapshot: snapshot, now: snapshot.createdAt)
        let domains = try #require(context.snapshot.email.data?.domains)
        #expect(context.emailVerdicts.map(\.domain) == domains.map(\.name) && !domains.isEmpty)
        #expect(context.emailVerdicts.allSatisfy { $0.spfAndDMARC.allSatisfy { $0.code != "spf.lookup-limit" } })
        #expect(context.emailVerdicts(["spf.lookup-limit"]).isEmpty)

        context.snapshot.email.data?.domains[0].spf.lookups = 11
        #expect(context.emailVerdicts[0].spfAndDMARC.map(\.code).contains("spf.lookup-limit"))
        #expect(context.emailVerdicts(["spf.lookup-limit"]).map(\.subject) == ["domain:\(domains[0].name)"])

        context.snapshot.email = .failed("resolver gone")
        #expect(context.emailVerdicts.isEmpty)
    }
}


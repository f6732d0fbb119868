import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// One world with one of everything broken at once: a domain whose DNS questions are lost on the way to the resolver
/// (timeouts), a domain whose zone does not load (knot answers SERVFAIL, so the recursive resolver does), a refused
/// port, a host that accepts and never answers, a redirect loop, an expired certificate, a 503 health endpoint, a
/// repository that is not a repository. The snapshot completes within `collect.deadline`, records each failure as data
/// and exits 0; every reader works on it.
@Suite(.serialized, .enabled(if: TestServers.runNginxTests && TestServers.runResolverTests)) struct FaultWorldTests {
    @Test func everythingBrokenAtOnceIsRecordedNotRaised() throws {
        let fixtures = try HTTPFixtures.shared.get()
        let tls = try TLSFixtures.shared.get()
        let hang = SilentServer()
        let dnsWorld = try TestDNS(zones: ["site.test": Zones.soa("site.test") + "@ IN A 127.0.0.1\n* IN A 127.0.0.1\n"],
                                   unloaded: ["servfail.test"])
        // In front of the recursive resolver: dark.test's questions never reach it, as on a lossy path to it.
        let resolver = DNSFaultProxy(upstreamPort: dnsWorld.port, dropped: ["dark.test"])
        let dir = TempDirectory("handover-fault-world")
        let notARepo = TempDirectory("handover-not-a-repo")
        notARepo.write("README.md", "no .git here\n")
        var connect = fixtures.connectTo.map { "    \"\($0.source)\": \"\($0.target)\"" }
        connect.append("    \"hang.site.test\": \"127.0.0.1:\(hang.port)\"")
        connect.append("    \"refused.site.test\": \"127.0.0.1:1\"")
        let manifest = fixtures.manifestYAML.replacingOccurrences(of: "hosts: [loop,", with: "hosts: [hang, refused, loop,")
            .replacingOccurrences(of: "domains:\n", with: "domains:\n  - name: servfail.test\n  - name: dark.test\n")
        dir.write("handover.yml", manifest + """
            repository: \(notARepo.path)
            collect:
              timeout: 1s
              retries: 1
              deadline: 20s
              samples: 1
              resolvers: ["127.0.0.1:\(resolver.port)"]
              ca_file: \(tls.ca.rootPath)
              connect_to:
            \(connect.joined(separator: "\n"))

            """)
        let start = Date()
        let result = try HandoverBinary.run(["snapshot", "--format", "json"], in: dir.url)
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < 20, "collect.deadline is 20 s; took \(elapsed) s")
        let snapshot = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(result.stdout.utf8))

        // Each failure is data, in its own section.
        #expect(snapshot.git.status == .failed && snapshot.git.reason?.contains("not a git repository") == true)
        #expect(snapshot.secrets.status == .failed)
        let dns = try #require(snapshot.dns.data, "\(snapshot.dns)")
        func apex(_ domain: String) -> HostDNS? { dns.domains.first { $0.name == domain }?.hosts.first { $0.name == domain } }
        #expect(apex("site.test")?.a.outcome == .answer, "\(String(describing: apex("site.test")?.a))")
        #expect(apex("servfail.test")?.a.outcome == .servfail, "\(String(describing: apex("servfail.test")?.a))")
        #expect(apex("dark.test")?.a.outcome == .timeout, "\(String(describing: apex("dark.test")?.a))")
        let email = try #require(snapshot.email.data)
        for domain in ["servfail.test", "dark.test"] {
            #expect(email.domains.first { $0.name == domain }?.spf.status == .unknown, "\(domain): SPF is unknown, not missing")
        }
        let hosts = try #require(snapshot.tls.data?.hosts)
        #expect(hosts.first { $0.host == "hang.site.test" }?.outcome == .timeout)
        #expect(hosts.first { $0.host == "refused.site.test" }?.outcome == .refused, "\(hosts.map { ($0.host, $0.outcome) })")
        #expect(hosts.first { $0.host == "expired.site.test" }?.verdict(at: snapshot.createdAt)?.expired == true)
        let http = try #require(snapshot.http.data)
        #expect(http.hosts.first { $0.host == "loop.site.test" }?.https.loop == true)
        #expect(http.endpoints.first { $0.url.hasSuffix("/fail") }?.status == 503)
        #expect(http.hosts.first { $0.host == "refused.site.test" }?.https.hops.first?.outcome == .refused)

        // Every reader works on that snapshot, and the audit says what broke.
        let audit = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        #expect(audit.status == 0, "\(audit.stderr)")
        for id in ["http.redirect-loop", "http.endpoint-failing", "tls.certificate-expired", "tls.unreachable", "dns.unanswered"] {
            #expect(audit.stdout.contains("\"\(id)\""), "\(id) missing")
        }
        let report = try #require(JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let unanswered = (report["findings"] as? [[String: Any]] ?? []).filter { $0["id"] as? String == "dns.unanswered" }
        func severity(_ subject: String) -> String? { unanswered.first { $0["subject"] as? String == subject }?["severity"] as? String }
        #expect(severity("host:servfail.test") == "high", "\(unanswered)")
        #expect(severity("host:dark.test") == "medium", "\(unanswered)")
        #expect(!unanswered.contains { ($0["subject"] as? String)?.hasSuffix("site.test") == true }, "site.test answered")
        let lookup = try HandoverBinary.run(["lookup", "api"], in: dir.url)
        #expect(lookup.status == 0 && lookup.stdout.contains("api.site.test"), "\(lookup.stderr)")
        #expect(try HandoverBinary.run(["snapshot", "--only", "owners"], in: dir.url, environment: HandoverBinary.later()).status == 0)
        for args in [["show", "previous"], ["diff"], ["log"], ["render", "--out", "docs"], ["audit", "previous", "--format", "sarif"]] {
            let run = try HandoverBinary.run(args, in: dir.url)
            #expect(run.status == 0, "\(args): \(run.stderr)")
        }
        #expect(dir.read("docs/guide.md")?.contains("Incident quick reference") == true)
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// MTA-STS end to end against real servers: knot behind Unbound serves the `_mta-sts` TXT and MX records, nginx with
/// the test CA serves `https://mta-sts.<domain>/.well-known/mta-sts.txt` through `connect_to`; `handover snapshot
/// --only email` records the facts and `handover audit` judges them. One domain per case.
@Suite(.serialized, .enabled(if: TestServers.runResolverTests && TestServers.runNginxTests)) struct MTASTSCommandTests {
    static let zone = """
        $ORIGIN sts.test.
        $TTL 300
        @ SOA ns1 hostmaster 1 3600 600 86400 300
        @ NS ns1
        ns1 A 127.0.0.1
        mx1 A 192.0.2.25
        mx2 A 192.0.2.26
        enforce MX 10 mx1.sts.test.
        _mta-sts.enforce TXT "v=STSv1; id=20261201"
        uncovered MX 10 mx1.sts.test.
        uncovered MX 20 mx2.sts.test.
        _mta-sts.uncovered TXT "v=STSv1; id=20261201"
        testing MX 10 mx1.sts.test.
        _mta-sts.testing TXT "v=STSv1; id=20261201"
        missing MX 10 mx1.sts.test.
        _mta-sts.missing TXT "v=STSv1; id=20261201"
        untrusted MX 10 mx1.sts.test.
        _mta-sts.untrusted TXT "v=STSv1; id=20261201"
        redirect MX 10 mx1.sts.test.
        _mta-sts.redirect TXT "v=STSv1; id=20261201"
        html MX 10 mx1.sts.test.
        _mta-sts.html TXT "v=STSv1; id=20261201"
        none MX 10 mx1.sts.test.

        """

    /// Domain → the exact MTA-STS findings (id: severity) the audit must raise for it.
    static let expected: [String: [String: String]] = [
        "enforce.sts.test": [:],
        "uncovered.sts.test": ["email.mta-sts-mx-not-covered": "high"],
        "testing.sts.test": ["email.mta-sts-testing": "low"],
        "missing.sts.test": ["email.mta-sts-policy-unusable": "medium"],
        "untrusted.sts.test": ["email.mta-sts-policy-unusable": "medium"],
        "redirect.sts.test": ["email.mta-sts-policy-unusable": "medium"],
        "html.sts.test": ["email.mta-sts-policy-unusable": "medium"],
        "none.sts.test": ["email.mta-sts-none": "info"],
    ]

    static func policy(_ mode: String, mx: [String]) -> String {
        "default_type text/plain; return 200 \"version: STSv1\\nmode: \(mode)\\n\(mx.map { "mx: \($0)\\n" }.joined())max_age: 86400\\n\";"
    }

    @Test func eachCaseIsRecordedAsFactsAndJudged() throws {
        let tls = try TLSFixtures.shared.get()
        let made = Date()
        let names = ["enforce", "uncovered", "testing", "missing", "redirect", "html"].map { "mta-sts.\($0).sts.test" }
        let (cert, key) = try tls.ca.issue("mta-sts", sans: names, notBefore: made - 86_400, notAfter: made + 30 * 86_400)
        let (selfCert, selfKey) = try tls.ca.selfSigned("mta-sts-self", host: "mta-sts.untrusted.sts.test")
        let well = "location = /.well-known/mta-sts.txt"
        let nginx = try NginxServer(hosts: [
            .init(name: names[0], certificate: cert, key: key, directives: "\(well) { \(Self.policy("enforce", mx: ["mx1.sts.test"])) }"),
            .init(name: names[1], certificate: cert, key: key, directives: "\(well) { \(Self.policy("enforce", mx: ["mx1.sts.test"])) }"),
            .init(name: names[2], certificate: cert, key: key, directives: "\(well) { \(Self.policy("testing", mx: ["*.sts.test"])) }"),
            .init(name: names[3], certificate: cert, key: key, directives: "location / { return 404; }"),
            .init(name: names[4], certificate: cert, key: key,
                  directives: "\(well) { return 301 https://mta-sts.enforce.sts.test/.well-known/mta-sts.txt; }"),
            .init(name: names[5], certificate: cert, key: key,
                  directives: "\(well) { default_type text/html; return 200 \"<!DOCTYPE html>\\n<html><body>mode: enforce</body></html>\\n\"; }"),
            .init(name: "mta-sts.untrusted.sts.test", certificate: selfCert, key: selfKey,
                  directives: "\(well) { \(Self.policy("enforce", mx: ["mx1.sts.test"])) }"),
        ])
        let dns = try TestDNS(zones: ["sts.test": Self.zone])
        let connect = (names + ["mta-sts.untrusted.sts.test"]).map { "    \"\($0):443\": \"127.0.0.1:\(nginx.tlsPort)\"" }
        let domains = Self.expected.keys.sorted().map { "  - {name: \($0)}" }.joined(separator: "\n")
        let dir = try makeProject(manifest: """
            project: Acme
            collect:
              resolvers: ["\(dns.resolver)"]
              timeout: 2s
              ca_file: \(tls.ca.rootPath)
              connect_to:
            \(connect.joined(separator: "\n"))
            domains:
            \(domains)

            """)
        let snapshot = try HandoverBinary.run(["snapshot", "--only", "email"], in: dir.url)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")

        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).first { $0.hasSuffix(".json") })
        let stored = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(try #require(dir.read("snapshots/\(file)")).utf8))
        let email = try #require(stored.email.collectedValue)
        func report(_ name: String) -> MTASTSReport? { email.domains.first { $0.name == name }?.mtaSTSPolicy }
        let enforce = try #require(report("enforce.sts.test")?.fetch)
        #expect(enforce.status == 200 && enforce.certificateVerified == true && enforce.contentType == "text/plain")
        #expect(enforce.policy?.mode == .enforce && enforce.policy?.mx == ["mx1.sts.test"] && enforce.policy?.maxAge == 86_400)
        #expect(report("uncovered.sts.test")?.mx == ["mx1.sts.test", "mx2.sts.test"])
        let untrusted = try #require(report("untrusted.sts.test")?.fetch)
        #expect(untrusted.outcome == .tlsFailed && untrusted.certificateVerified == false && untrusted.status == nil && untrusted.policy == nil,
                "\(untrusted)")
        let redirect = try #require(report("redirect.sts.test")?.fetch)
        #expect(redirect.status == 301 && redirect.policy == nil, "the redirect is recorded, its target never fetched")
        #expect(redirect.location == "https://mta-sts.enforce.sts.test/.well-known/mta-sts.txt")
        #expect(report("missing.sts.test")?.fetch?.status == 404)
        let html = try #require(report("html.sts.test")?.fetch)
        #expect(html.contentType?.hasPrefix("text/html") == true && html.policy?.isValid == false)
        let none = try #require(report("none.sts.test"))
        #expect(none.records.isEmpty && none.fetch == nil && none.outcome == .nxdomain && none.mx == ["mx1.sts.test"])

        let audit = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        struct Output: Decodable { var findings: [Finding] }
        let findings = try CanonicalJSON.decoder().decode(Output.self, from: Data(audit.stdout.utf8)).findings
            .filter { $0.id.hasPrefix("email.mta-sts") }
        for (domain, expected) in Self.expected {
            let actual = Dictionary(findings.filter { $0.subject == "domain:\(domain)" }.map { ($0.id, $0.severity.rawValue) },
                                    uniquingKeysWith: { a, _ in a })
            #expect(actual == expected, "\(domain): \(actual)")
        }
        #expect(findings.count == Self.expected.values.map(\.count).reduce(0, +), "\(findings.map(\.fingerprint))")
        let uncovered = findings.first { $0.subject == "domain:uncovered.sts.test" }?.evidence ?? []
        #expect(uncovered.contains { $0.hasPrefix("MX mx2.sts.test matches none") }, "\(uncovered)")
    }
}

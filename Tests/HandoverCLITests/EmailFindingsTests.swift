import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// Every recorded email fault raises its finding, end to end: real DNS (knot behind a recursive Unbound), `handover snapshot --only email`, then
/// `handover audit` and `handover render`. Each domain of the zone holds one fault; the findings of each domain are
/// asserted exactly (id and severity), and the checklist must not tick what the audit found broken.
@Suite(.serialized, .enabled(if: TestServers.runResolverTests)) struct EmailFindingsTests {
    static func zone(key: String) -> String {
        let dkim = TestKeys.zoneStrings("v=DKIM1; k=rsa; p=" + key)
        let testing = TestKeys.zoneStrings("v=DKIM1; k=rsa; t=y; p=" + key)
        return """
            $ORIGIN faults.test.
            $TTL 300
            @ SOA ns1 hostmaster 1 3600 600 86400 300
            @ NS ns1
            ns1 A 127.0.0.1
            mx A 192.0.2.25
            @ MX 10 mx
            @ TXT "v=spf1 mx -all"
            _dmarc TXT "v=DMARC1; p=reject; sp=none; rua=mailto:dmarc@faults.test"
            s1._domainkey TXT \(dkim)
            sub MX 10 mx.faults.test.
            sub TXT "v=spf1 mx -all"
            s1._domainkey.sub TXT \(dkim)
            syntax TXT "v=spf1 ip4:192.0.2.300 -all"
            _dmarc.syntax TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            s1._domainkey.syntax TXT \(dkim)
            noinclude TXT "v=spf1 include:nothing.faults.test -all"
            _dmarc.noinclude TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            s1._domainkey.noinclude TXT \(dkim)
            loop TXT "v=spf1 include:loop2.faults.test -all"
            loop2 TXT "v=spf1 include:loop.faults.test -all"
            _dmarc.loop TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            s1._domainkey.loop TXT \(dkim)
            twodmarc TXT "v=spf1 mx:faults.test -all"
            _dmarc.twodmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            _dmarc.twodmarc TXT "v=DMARC1; p=none"
            s1._domainkey.twodmarc TXT \(dkim)
            baddmarc TXT "v=spf1 mx:faults.test -all"
            _dmarc.baddmarc TXT "v=DMARC1; p=rejct; rua=mailto:dmarc@faults.test"
            s1._domainkey.baddmarc TXT \(dkim)
            pct TXT "v=spf1 mx:faults.test -all"
            _dmarc.pct TXT "v=DMARC1; p=quarantine; pct=50; rua=mailto:dmarc@faults.test"
            s1._domainkey.pct TXT \(dkim)
            badkey TXT "v=spf1 mx:faults.test -all"
            _dmarc.badkey TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            s1._domainkey.badkey TXT "v=DKIM1; k=rsa; p=%%%not-base64"
            testing TXT "v=spf1 mx:faults.test -all"
            _dmarc.testing TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            s1._domainkey.testing TXT \(testing)
            unknown TXT "v=spf1 include:spf.servfail.test -all"
            _dmarc.unknown TXT "v=DMARC1; p=reject; rua=mailto:dmarc@faults.test"
            s1._domainkey.unknown TXT \(dkim)

            """
    }

    /// Domain → the exact findings (id: severity) the audit must raise for it.
    static let expected: [String: [String: String]] = [
        "faults.test": ["email.dmarc-sp-weaker": "medium", "email.mta-sts-none": "info"],
        "sub.faults.test": ["email.dmarc-policy-none": "medium", "email.mta-sts-none": "info"],
        "syntax.faults.test": ["email.spf-permerror": "high"],
        "noinclude.faults.test": ["email.spf-permerror": "high"],
        "loop.faults.test": ["email.spf-permerror": "high"],
        "twodmarc.faults.test": ["email.dmarc-invalid": "high"],
        "baddmarc.faults.test": ["email.dmarc-invalid": "high"],
        "pct.faults.test": ["email.dmarc-pct-below-100": "medium"],
        "badkey.faults.test": ["email.dkim-invalid": "high"],
        "testing.faults.test": ["email.dkim-testing": "medium"],
        "unknown.faults.test": [:],
    ]

    @Test func everyRecordedEmailFaultIsAFindingAndNoTick() throws {
        let key = try TestKeys.rsaPublicKey(bits: 2048)
        let dns = try TestDNS(zones: ["faults.test": Self.zone(key: key)], unloaded: ["servfail.test"])
        let domains = Self.expected.keys.sorted().map { "  - {name: \($0), dkim_selectors: [s1]}" }.joined(separator: "\n")
        let dir = try makeProject(manifest: """
            project: Acme
            collect: {resolvers: ["\(dns.resolver)"], timeout: 2s}
            domains:
            \(domains)

            """)
        let snapshot = try HandoverBinary.run(["snapshot", "--only", "email"], in: dir.url)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let audit = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        struct Output: Decodable { var findings: [Finding] }
        let report = try CanonicalJSON.decoder().decode(Output.self, from: Data(audit.stdout.utf8))
        for (domain, findings) in Self.expected {
            let actual = Dictionary(report.findings.filter { $0.subject == "domain:\(domain)" || $0.subject.hasPrefix("domain:\(domain)/") }
                                        .map { ($0.id, $0.severity.rawValue) }, uniquingKeysWith: { a, _ in a })
            #expect(actual == findings, "\(domain): \(actual)")
        }
        #expect(report.findings.count == Self.expected.values.map(\.count).reduce(0, +), "\(report.findings.map(\.fingerprint))")

        // The checklist ticks none of the three email items; the timed-out include leaves SPF unknown, not valid.
        let render = try HandoverBinary.run(["render", "--out", "docs", "--template", "checklist"], in: dir.url)
        #expect(render.status == 0, "\(render.stderr)")
        let checklist = dir.read("docs/checklist.md") ?? ""
        for item in ["one valid record", "enforces", "selectors published"] {
            let line = checklist.split(separator: "\n").first { $0.contains(item) } ?? ""
            #expect(line.hasPrefix("- ❌"), "\(item): \(line)")
        }
    }

    @Test func aTemperrorInTheSPFTreeIsUnknownNotValid() throws {
        let key = try TestKeys.rsaPublicKey(bits: 2048)
        let dns = try TestDNS(zones: ["faults.test": Self.zone(key: key)], unloaded: ["servfail.test"])
        let dir = try makeProject(manifest: """
            project: Acme
            collect: {resolvers: ["\(dns.resolver)"], timeout: 2s}
            domains:
              - {name: unknown.faults.test, dkim_selectors: [s1]}

            """)
        #expect(try HandoverBinary.run(["snapshot", "--only", "email"], in: dir.url).status == 0)
        let render = try HandoverBinary.run(["render", "--out", "docs", "--template", "checklist"], in: dir.url)
        #expect(render.status == 0, "\(render.stderr)")
        let checklist = dir.read("docs/checklist.md") ?? ""
        let spf = checklist.split(separator: "\n").first { $0.contains("one valid record") } ?? ""
        #expect(spf.hasPrefix("- ❔") && spf.contains("servfail"), "\(spf)")
        let dmarc = checklist.split(separator: "\n").first { $0.contains("enforces") } ?? ""
        #expect(dmarc.hasPrefix("- ✅"), "\(dmarc)")
    }

    @Test func nothingDeclaredIsNotCovered() throws {
        let dir = try makeProject(manifest: "project: Acme\nmonitoring: []\ncritical: []\n")
        #expect(try HandoverBinary.run(["snapshot", "--only", "monitoring,critical"], in: dir.url).status == 0)
        let audit = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        struct Output: Decodable { var findings: [Finding] }
        let findings = try CanonicalJSON.decoder().decode(Output.self, from: Data(audit.stdout.utf8)).findings
        #expect(findings.map { "\($0.id) \($0.severity.rawValue) \($0.subject)" }
                == ["monitoring.no-monitors high monitoring", "monitoring.no-critical-endpoints medium critical"], "\(findings.map(\.fingerprint))")
        let gate = try HandoverBinary.run(["audit", "--fail-on", "high"], in: dir.url)
        #expect(gate.status == 1)
    }
}

import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect

@Suite struct DMARCRecordTests {
    @Test("RFC 7489 §6.3 v= must be first and DMARC1") func version() {
        #expect(DMARCRecord.isDMARC("v=DMARC1; p=none") && DMARCRecord.isDMARC("v = DMARC1"))
        #expect(!DMARCRecord.isDMARC("p=none; v=DMARC1") && !DMARCRecord.isDMARC("v=DMARC2; p=none"))
        #expect(DMARCRecord(parsing: "p=none; v=DMARC1").errors.contains { $0.contains("must be the first tag") })
    }

    @Test("RFC 7489 §6.3 p= policy", arguments: [("none", DMARCRecord.Policy.none), ("quarantine", .quarantine), ("reject", .reject), ("REJECT", .reject)])
    func policy(value: String, policy: DMARCRecord.Policy) {
        #expect(DMARCRecord(parsing: "v=DMARC1; p=\(value)").policy == policy)
    }

    @Test("RFC 7489 §6.3 p= required and valid") func policyErrors() {
        #expect(DMARCRecord(parsing: "v=DMARC1").errors == ["`p=` is required (RFC 7489 §6.3)"])
        #expect(DMARCRecord(parsing: "v=DMARC1; p=block").errors.first?.contains("`p=block` is not none") == true)
    }

    @Test("RFC 7489 §6.3 sp= subdomain policy") func subdomainPolicy() {
        let record = DMARCRecord(parsing: "v=DMARC1; p=reject; sp=none")
        #expect(record.subdomainPolicy == DMARCRecord.Policy.none && record.effectiveSubdomainPolicy == DMARCRecord.Policy.none)
        #expect(DMARCRecord(parsing: "v=DMARC1; p=reject").effectiveSubdomainPolicy == .reject)
        let verdicts = DMARCReport.verdicts(record, external: [])
        #expect(verdicts.map(\.code) == ["dmarc.sp-weaker", "dmarc.no-rua"])
    }

    @Test("RFC 7489 §6.3 pct=", arguments: [("50", 50, true), ("100", 100, false), ("0", 0, true), ("101", 100, false), ("x", 100, false)])
    func percent(value: String, parsed: Int, weak: Bool) {
        let record = DMARCRecord(parsing: "v=DMARC1; p=reject; rua=mailto:a@x.test; pct=\(value)")
        #expect(record.percent == parsed)
        #expect(DMARCReport.verdicts(record, external: []).contains { $0.code == "dmarc.pct-below-100" } == weak)
    }

    @Test("RFC 7489 §6.4 rua= and ruf= destinations") func reportURIs() {
        let record = DMARCRecord(parsing: "v=DMARC1; p=none; rua=mailto:a@x.test,mailto:b@reports.example!10m; ruf=mailto:f@x.test")
        #expect(record.aggregateReports == ["mailto:a@x.test", "mailto:b@reports.example!10m"])
        #expect(record.reportDomains == ["x.test", "reports.example", "x.test"])
        #expect(DMARCRecord(parsing: "v=DMARC1; p=none; rua=a@x.test").errors.first?.contains("not a mailto:") == true)
    }

    @Test("RFC 7489 §6.3 adkim= aspf= alignment") func alignment() {
        let record = DMARCRecord(parsing: "v=DMARC1; p=none; adkim=s; aspf=r")
        #expect(record.dkimAlignment == "s" && record.spfAlignment == "r" && record.errors.isEmpty)
        #expect(!DMARCRecord(parsing: "v=DMARC1; p=none; adkim=x").errors.isEmpty)
    }

    @Test("RFC 7489 §6.3 fo= rf= ri= and unknown tags") func otherTags() {
        #expect(DMARCRecord(parsing: "v=DMARC1; p=none; fo=0:1:d:s; rf=afrf; ri=86400; future=1").errors.isEmpty)
        #expect(DMARCRecord(parsing: "v=DMARC1; p=none; fo=2").errors.count == 1)
        #expect(DMARCRecord(parsing: "v=DMARC1; p=none; rf=iodef").errors.count == 1)
        #expect(DMARCRecord(parsing: "v=DMARC1; p=none; ri=soon").errors.count == 1)
        #expect(DMARCRecord(parsing: "v=DMARC1; p=none; p=reject").errors.contains { $0.contains("appears twice") })
    }

    @Test("RFC 7489 §7.1 external destinations need authorization") func external() {
        let record = DMARCRecord(parsing: "v=DMARC1; p=reject; rua=mailto:a@vendor.example")
        let verdicts = DMARCReport.verdicts(record, external: [
            ExternalDestination(domain: "vendor.example", query: "x._report._dmarc.vendor.example", authorized: false, outcome: .nxdomain),
        ])
        #expect(verdicts.map(\.code) == ["dmarc.external-unauthorized"])
    }

    @Test("RFC 7489 §6.3 p=none is flagged") func policyNone() {
        let verdicts = DMARCReport.verdicts(DMARCRecord(parsing: "v=DMARC1; p=none; rua=mailto:a@x.test"), external: [])
        #expect(verdicts.map(\.code) == ["dmarc.policy-none"])
    }
}

@Suite struct DKIMRecordTests {
    // A 512-bit RSA SubjectPublicKeyInfo and the same key as bare PKCS#1.
    static let spki512 = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMtzD2SqJ/BySN7e9YzUxzRKdTEFO0rhIX5yhBNwoGBzhgdBWn4jBRqaN73m+dd+gr/6RZoR2mz5QWT5GZ/lpRkCAwEAAQ=="
    static let pkcs1512 = "MEgCQQDLcw9kqifwckje3vWM1Mc0SnUxBTtK4SF+coQTcKBgc4YHQVp+IwUamjd95vnXfoK/+kWaEdps+UFk+Rmf5aUZAgMBAAE="

    @Test("RFC 6376 §3.6.1 p= key size from SubjectPublicKeyInfo") func rsaKeySize() {
        #expect(DKIMRecord(parsing: "v=DKIM1; k=rsa; p=\(Self.spki512)").keyBits == 512)
        #expect(DKIMRecord(parsing: "v=DKIM1; p=\(Self.pkcs1512)").keyBits == 512, "bare PKCS#1 as some providers publish")
    }

    @Test("RFC 6376 §3.6.1 empty p= means revoked") func revoked() {
        let record = DKIMRecord(parsing: "v=DKIM1; k=rsa; p=")
        #expect(record.revoked && record.keyBits == nil && record.errors.isEmpty)
    }

    @Test("RFC 6376 §3.6.1 v= first and DKIM1") func version() {
        #expect(DKIMRecord(parsing: "k=rsa; v=DKIM1; p=\(Self.spki512)").errors.contains { $0.contains("must be the first tag") })
        #expect(DKIMRecord(parsing: "v=DKIM2; p=\(Self.spki512)").errors.contains { $0.contains("must be DKIM1") })
        #expect(DKIMRecord(parsing: "p=\(Self.spki512)").errors.isEmpty, "v= is optional")
    }

    @Test("RFC 6376 §3.6.1 p= required and valid base64") func keyErrors() {
        #expect(DKIMRecord(parsing: "v=DKIM1; k=rsa").errors.contains { $0.contains("`p=` (the public key) is required") })
        #expect(DKIMRecord(parsing: "v=DKIM1; p=!!!").errors.contains { $0.contains("not valid base64") })
        #expect(DKIMRecord(parsing: "v=DKIM1; p=AAAA").errors.contains { $0.contains("could not be read") })
    }

    @Test("RFC 8463 k=ed25519") func ed25519() {
        let key = Data(repeating: 7, count: 32).base64EncodedString()
        let record = DKIMRecord(parsing: "v=DKIM1; k=ed25519; p=\(key)")
        #expect(record.keyType == "ed25519" && record.keyBits == 256 && record.errors.isEmpty)
        #expect(!DKIMRecord(parsing: "v=DKIM1; k=dsa; p=\(key)").errors.isEmpty)
    }

    @Test("RFC 6376 §3.6.1 t=y testing and whitespace in p=") func flags() {
        let spaced = Self.spki512.enumerated().map { $0.offset % 20 == 19 ? "\($0.element) " : "\($0.element)" }.joined()
        let record = DKIMRecord(parsing: "v=DKIM1; t=y:s; p=\(spaced)")
        #expect(record.testing && record.keyBits == 512)
    }
}

@Suite struct PublicSuffixTests {
    @Test(arguments: [
        ("acme.example", "acme.example"), ("www.acme.co.uk", "acme.co.uk"), ("a.b.c.acme.com", "acme.com"),
        ("shop.github.io", "shop.github.io"), ("x.www.ck", "www.ck"), ("a.b.city.kawasaki.jp", "city.kawasaki.jp"),
        ("mail.acme.test", "acme.test"),
    ])
    func organizationalDomains(name: String, org: String) {
        #expect(PublicSuffixList.shared.organizationalDomain(of: name) == org)
    }

    @Test func publicSuffixesHaveNoOrganizationalDomain() {
        #expect(PublicSuffixList.shared.organizationalDomain(of: "co.uk") == nil)
        #expect(PublicSuffixList.shared.organizationalDomain(of: "com") == nil)
    }

    /// The compiled-in list must be exactly `data/public_suffix_list.dat` (run `bash scripts/generate-data`).
    @Test func generatedDataMatchesItsSource() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("data/public_suffix_list.dat"), encoding: .utf8)
        let rules = source.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("//") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(PublicSuffixData.rules == rules.joined(separator: "\n"))
        let version = try String(contentsOf: root.appendingPathComponent("data/public_suffix_list.version"), encoding: .utf8)
        #expect(PublicSuffixList.version == version.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

@Suite struct ProviderTableTests {
    @Test func aUserFileExtendsAndWins() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("providers-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("# ours\nCNAME acme-cdn.net hosting Acme CDN\nNS ns.cloudflare.com dns Our Cloudflare account\n".utf8).write(to: dir)
        let table = try ProviderTable.extended(withFile: dir.path)
        #expect(table.detect(source: "CNAME", value: "x.acme-cdn.net").map(\.provider) == ["Acme CDN"])
        #expect(table.detect(source: "NS", value: "kara.ns.cloudflare.com").map(\.provider).first == "Our Cloudflare account")
        #expect(table.detect(source: "CNAME", value: "app.fly.dev").map(\.provider) == ["Fly.io"])
    }

    @Test func malformedLinesAreReportedByLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("providers-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("CNAME ok.net hosting Ok\nTXT x.net dns Nope\nCNAME y.net cdn Nope\n".utf8).write(to: dir)
        #expect(throws: ManifestError.self) { try ProviderTable.extended(withFile: dir.path) }
        do {
            _ = try ProviderTable.extended(withFile: dir.path)
        } catch {
            #expect(error.problems.map(\.line) == [2, 3])
        }
        #expect(throws: ManifestError.self) { try ProviderTable.extended(withFile: "/nonexistent/providers.txt") }
    }

    @Test func everyBuiltInLineParses() {
        let lines = ProviderTable.builtInText.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(ProviderTable.builtIn.rules.count == lines.count)
    }
}

@Suite struct IssuerCAATableTests {
    @Test func knownIssuersMapToTheirCAAIdentifiers() {
        #expect(IssuerCAATable.domains(forIssuerOrganization: "Let's Encrypt") == ["letsencrypt.org"])
        #expect(IssuerCAATable.domains(forIssuerOrganization: "Unknown CA") == nil)
        #expect(IssuerCAATable.domains(forIssuerOrganization: nil) == nil)
    }

    @Test func hostnameMatchingFollowsRFC6125() {
        #expect(HostnameMatch.matches("www.acme.example", sans: ["*.acme.example"]))
        #expect(!HostnameMatch.matches("acme.example", sans: ["*.acme.example"]))
        #expect(!HostnameMatch.matches("a.b.acme.example", sans: ["*.acme.example"]))
        #expect(HostnameMatch.matches("API.acme.example.", sans: ["api.acme.example"]))
        #expect(HostnameMatch.matches("127.0.0.1", sans: ["127.0.0.1"]) && !HostnameMatch.matches("127.0.0.2", sans: ["127.0.0.1"]))
    }
}

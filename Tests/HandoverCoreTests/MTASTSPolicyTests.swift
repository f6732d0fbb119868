import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverAudit

/// The MTA-STS policy parser (RFC 8461 §3.2), the MX pattern matcher (§4.1), the TXT record id (§3.1) and what the
/// judgement makes of a fetch (§3.3). Hostile input: huge files, HTML, bad numbers, duplicates.
@Suite struct MTASTSPolicyTests {
    static let valid = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n"

    @Test func theRFCExampleParses() {
        let policy = MTASTSPolicy(parsing: Self.valid)
        #expect(policy.errors == [])
        #expect(policy.version == "STSv1" && policy.mode == .enforce && policy.maxAge == 604_800)
        #expect(policy.mx == ["mail.example.com", "*.example.net", "backupmx.example.com"])
        #expect(policy.isValid && policy.ignored.isEmpty)
    }

    @Test func crlfAndLFReadTheSame() {
        let crlf = MTASTSPolicy(parsing: Self.valid.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(crlf == MTASTSPolicy(parsing: Self.valid))
        // No final line ending, spaces after the colon and at the end of the line.
        let loose = MTASTSPolicy(parsing: "version:STSv1\r\nmode:   testing  \nmx: MX.Example.COM\t\nmax_age: 0")
        #expect(loose.errors == [] && loose.mode == .testing && loose.maxAge == 0 && loose.mx == ["mx.example.com"])
    }

    @Test func unknownFieldsAreIgnoredAndTheFirstOfADuplicateWins() {
        let policy = MTASTSPolicy(parsing: Self.valid + "mode: none\nmax_age: 5\nfuture_field: anything: at all\n")
        #expect(policy.isValid && policy.mode == .enforce && policy.maxAge == 604_800)
        #expect(policy.ignored == ["duplicate `mode` (the first is used)", "duplicate `max_age` (the first is used)",
                                   "unknown field `future_field`"])
    }

    @Test(arguments: [
        ("max_age: 31557601", "max_age"), ("max_age: -1", "max_age"), ("max_age: 1e6", "max_age"),
        ("max_age: 99999999999999999999999", "max_age"), ("max_age: +5", "max_age"), ("max_age:", "max_age"),
        ("version: STSv2", "version"), ("mode: Enforce", "mode"), ("mode: report", "mode"), ("mx: *.*.example.com", "mx"),
        ("mx: mail.example.com.", "mx"), ("mx: -bad.example.com", "mx"), ("mx: mail_1.example.com", "mx"), ("mx: ", "mx"),
    ])
    func aBadValueMakesThePolicyInvalid(line: String, field: String) {
        let lines = Self.valid.split(separator: "\n").map(String.init)
        let replaced = lines.map { $0.hasPrefix(field + ":") ? line : $0 }
        let text = (field == "mx" ? lines + [line] : replaced).joined(separator: "\n")
        let policy = MTASTSPolicy(parsing: text)
        #expect(!policy.isValid, "\(line) must be rejected")
        #expect(policy.errors.contains { $0.contains("`\(field)") }, "\(policy.errors)")
    }

    @Test func missingFieldsAreNamed() {
        #expect(MTASTSPolicy(parsing: "").errors == ["no `version` field", "no `mode` field", "no `max_age` field",
                                                    "no `mx` field (required unless mode is none)"])
        // mode none needs no mx.
        #expect(MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 86400\n").isValid)
        #expect(!MTASTSPolicy(parsing: "version: STSv1\nmode: testing\nmax_age: 86400\n").isValid)
    }

    @Test func anHTMLPageIsNotAPolicy() {
        let html = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>\n<body style=\"color: red\">mode: enforce</body></html>\n"
        let policy = MTASTSPolicy(parsing: html)
        #expect(!policy.isValid && policy.mode == nil && policy.mx.isEmpty)
        #expect(policy.errors.first?.hasPrefix("line 1 is not `key: value`") == true, "\(policy.errors)")
    }

    @Test func aHugeHostileFileIsBoundedInWhatItKeeps() {
        let many = String(repeating: "mx: a.example.com\n", count: 5_000)
        let policy = MTASTSPolicy(parsing: "version: STSv1\nmode: enforce\nmax_age: 1\n" + many + "x-\u{202E}evil: 1\n")
        #expect(policy.mx.count <= 64)
        #expect(policy.errors.contains("more than 1000 lines"))
        let long = MTASTSPolicy(parsing: "version: " + String(repeating: "\u{1B}[31mA", count: 20_000))
        #expect(long.version.map { $0.count < 100 } == true && long.version?.contains("\u{1B}") == false)
        #expect(long.errors.allSatisfy { $0.count < 200 })
        let junk = MTASTSPolicy(parsing: String(repeating: "no colon here\n", count: 900))
        #expect(junk.errors.count <= 64)
    }

    @Test(arguments: [
        ("mail.example.com", "mail.example.com", true), ("MAIL.example.com.", "mail.example.com", true),
        ("mail.example.com", "*.example.com", true), ("example.com", "*.example.com", false),
        ("a.b.example.com", "*.example.com", false), ("mail.example.com", "mail.example.org", false),
        ("xmail.example.com", "mail.example.com", false), ("mail.example.com", "*.mail.example.com", false),
        ("alt1.aspmx.l.google.com", "*.l.google.com", false), ("aspmx.l.google.com", "*.l.google.com", true),
        (".example.com", "*.example.com", false), ("", "", false),
    ])
    func mxPatterns(host: String, pattern: String, matches: Bool) {
        #expect(MTASTSPolicy.pattern(pattern, matches: host) == matches, "\(pattern) vs \(host)")
    }

    @Test(arguments: [
        ("v=STSv1; id=20160831085700Z;", "20160831085700Z"), ("v=STSv1;id=1", "1"), ("v=STSv1; id=abc; ext=1", "abc"),
        ("v=STSv1;", nil), ("id=1; v=STSv1", nil), ("v=STSv1; id=", nil), ("v=STSv1; id=a-b", nil),
        ("v=STSv1; id=\(String(repeating: "a", count: 33))", nil), ("v=STSv10; id=1", nil),
    ] as [(String, String?)])
    func recordIDs(text: String, id: String?) {
        #expect(MTASTSPolicy.recordID(text) == id)
    }

    static func report(status: Int = 200, contentType: String? = "text/plain; charset=utf-8", body: String = valid,
                       outcome: FetchOutcome = .response, records: [String] = ["v=STSv1; id=1"]) -> MTASTSReport {
        let fetch = MTASTSFetch(url: "https://mta-sts.example.com/.well-known/mta-sts.txt", outcome: outcome,
                                certificateVerified: outcome == .response ? true : outcome == .tlsFailed ? false : nil,
                                verifiedBy: "system roots", status: outcome == .response ? status : nil, contentType: contentType,
                                location: status == 301 ? "https://elsewhere.example/" : nil, bytes: body.utf8.count, truncated: false,
                                detail: nil, policy: status == 200 ? MTASTSPolicy(parsing: body) : nil)
        return MTASTSReport(name: "_mta-sts.example.com", outcome: .answer, records: records,
                            mx: ["mail.example.com", "mx2.example.net", "other.example.org"], mxOutcome: .answer, fetch: fetch)
    }

    @Test func theJudgementOfAFetch() {
        let good = Self.report()
        #expect(good.unusableReasons == [] && good.usablePolicy?.mode == .enforce)
        #expect(good.uncoveredMX == ["other.example.org"])
        #expect(good.summary.hasPrefix("enforce (mx mail.example.com"))
        let redirect = Self.report(status: 301)
        #expect(redirect.usablePolicy == nil && redirect.unusableReasons.first?.contains("must not follow redirects") == true)
        #expect(Self.report(status: 404).unusableReasons.first?.hasSuffix("answers HTTP 404") == true)
        #expect(Self.report(contentType: "text/html").unusableReasons.first?.contains("not text/plain") == true)
        #expect(Self.report(contentType: nil).usablePolicy == nil)
        #expect(Self.report(contentType: "TEXT/PLAIN ; charset=us-ascii").usablePolicy != nil)
        #expect(Self.report(outcome: .tlsFailed).unusableReasons.first?.contains("did not verify") == true)
        #expect(Self.report(outcome: .timeout).usablePolicy == nil)
        #expect(Self.report(records: ["v=STSv1; id=1", "v=STSv1; id=2"]).unusableReasons.first?.contains("2 `v=STSv1` records") == true)
        var unverified = Self.report()
        unverified.fetch?.certificateVerified = nil
        #expect(unverified.usablePolicy == nil, "a policy without verified TLS is no policy")
        #expect(Self.report(records: []).unusableReasons == [] && Self.report(records: []).usablePolicy == nil)
    }
}

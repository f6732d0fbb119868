import Foundation
import Testing
import Yams
import HandoverModel
import HandoverCollect

/// One test case of the openspf RFC 7208 suite, with its scenario's zone.
struct RFC7208Case: Sendable, CustomTestStringConvertible {
    var section: String
    var name: String
    var host: String
    var mailfrom: String
    var helo: String
    /// Any of these results passes the case (the first is the suite's preferred one).
    var results: [String]
    /// Compared when given; `DEFAULT` stands for a fail without a usable `exp=` (the driver's default text).
    var explanation: String?
    var zone: RFC7208Zone

    var testDescription: String { "\(section)/\(name)" }

    /// The driver's identities: an empty MAIL FROM becomes `postmaster@<helo>`, and check_host() starts at the
    /// domain after the sender's first `@` (the whole sender when it has none).
    var sender: String { mailfrom.isEmpty ? "postmaster@\(helo)" : mailfrom }
    var domain: String {
        guard let at = sender.firstIndex(of: "@") else { return sender }
        return String(sender[sender.index(after: at)...])
    }

    /// What check_host() gave, and why that does not satisfy the case (nil when it does).
    func run() async -> (evaluation: SPFEvaluation?, failure: String?) {
        guard let ip = IPAddress(host) else { return (nil, "host \(host) is not an IP address") }
        let evaluation = await SPFEvaluator(lookup: zone).checkHost(ip: ip, domain: domain, sender: sender, helo: helo)
        if !results.contains(evaluation.result.rawValue) {
            return (evaluation, "result \(evaluation.result.rawValue), expected \(results.joined(separator: " or "))")
        }
        if let explanation, (evaluation.explanation ?? "DEFAULT") != explanation {
            return (evaluation, "explanation \(evaluation.explanation ?? "DEFAULT"), expected \(explanation)")
        }
        return (evaluation, nil)
    }
}

/// Reads `Fixtures/rfc7208/rfc7208-tests.yml`.
enum RFC7208Suite {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rfc7208/rfc7208-tests.yml")
    static let loaded = load()
    static var cases: [RFC7208Case] { loaded.cases }

    static func load() -> (cases: [RFC7208Case], problems: [String], entriesInFile: Int) {
        guard let data = FileManager.default.contents(atPath: file.path) else { return ([], ["cannot read \(file.path)"], 0) }
        let text = String(decoding: data, as: UTF8.self)
        var cases: [RFC7208Case] = []
        var problems: [String] = []
        do {
            var documents = try Yams.compose_all(yaml: text)
            while let document = documents.next() {
                let section = document["description"]?.string ?? "scenario \(cases.count)"
                let zone = RFC7208Zone(document["zonedata"], problems: &problems)
                guard let tests = document["tests"]?.mapping else { problems.append("\(section): no tests"); continue }
                for (key, test) in tests {
                    let name = key.string ?? "?"
                    let results = test["result"].map { $0.sequence.map { $0.compactMap(\.string) } ?? $0.string.map { [$0] } ?? [] } ?? []
                    guard let host = test["host"]?.string, let helo = test["helo"]?.string,
                        let mailfrom = test["mailfrom"]?.string, !results.isEmpty
                    else { problems.append("\(section)/\(name): missing host, helo, mailfrom or result"); continue }
                    cases.append(RFC7208Case(section: section, name: name, host: host, mailfrom: mailfrom, helo: helo,
                                             results: results, explanation: test["explanation"]?.string, zone: zone))
                }
            }
            if let error = documents.error { problems.append("YAML: \(error)") }
        } catch {
            problems.append("YAML: \(error)")
        }
        return (cases, problems, countEntries(text))
    }

    /// The test entries counted from the text itself, without a YAML parser: keys indented by exactly two
    /// spaces inside a top-level `tests:` mapping. A loader that drops documents or tests cannot match it.
    static func countEntries(_ text: String) -> Int {
        var inTests = false
        var count = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "tests:" { inTests = true; continue }
            guard let first = line.first else { continue }
            if first != " " && first != "#" { inTests = false; continue }
            if inTests, line.hasPrefix("  "), line.dropFirst(2).first.map({ $0 != " " && $0 != "#" }) == true,
                line.hasSuffix(":") {
                count += 1
            }
        }
        return count
    }
}

@Suite struct RFC7208SuiteTests {
    /// Every case of the suite, named `section/test` in the report.
    @Test("RFC 7208 suite case", arguments: RFC7208Suite.cases)
    func suiteCase(_ test: RFC7208Case) async {
        let (evaluation, failure) = await test.run()
        #expect(failure == nil, "\(test.testDescription): \(failure ?? "") — path \(evaluation?.path ?? [])")
    }

    /// The whole suite at once: every test entry of the file loaded, and every case passing.
    @Test func wholeSuitePasses() async {
        let loaded = RFC7208Suite.loaded
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.entriesInFile == 203, "the 2014.04 release has 203 test entries")
        #expect(loaded.cases.count == loaded.entriesInFile, "loaded \(loaded.cases.count) of \(loaded.entriesInFile) test entries")
        var failing: [String] = []
        for test in loaded.cases where await test.run().failure != nil {
            failing.append(test.testDescription)
        }
        let passing = loaded.cases.count - failing.count
        print("RFC 7208 suite: \(passing) of \(loaded.entriesInFile) cases pass")
        #expect(failing.isEmpty, "failing: \(failing)")
    }

    /// The driver's zone semantics the cases rely on.
    @Test func zoneSemantics() async throws {
        var problems: [String] = []
        let yaml = """
            x.test:
              - SPF: v=spf1 -all
            both.test:
              - SPF: v=spf1 +all
              - TXT: [ "v=spf1 ", "-all" ]
            none.test:
              - SPF: v=spf1 -all
              - TXT: NONE
            late.test:
              - TXT: early
              - TIMEOUT
              - A: 192.0.2.1
            alias.test:
              - CNAME: X.test.
            """
        let zone = RFC7208Zone(try Yams.compose(yaml: yaml), problems: &problems)
        #expect(problems.isEmpty)
        #expect(await zone.query("X.TEST", .txt).values == ["v=spf1 -all"], "an SPF record is copied to TXT")
        #expect(await zone.query("both.test", .txt).values == ["v=spf1 -all"], "strings joined, no copy beside TXT")
        #expect(await zone.query("none.test", .txt).outcome == .nodata)
        #expect(await zone.query("late.test", .txt).values == ["early"])
        #expect(await zone.query("late.test", .a).outcome == .timeout)
        #expect(await zone.query("x.test", .a).outcome == .nodata)
        #expect(await zone.query("y.test", .a).outcome == .nxdomain)
        #expect(await zone.query("error.y.test", .a).outcome == .timeout)
        #expect(await zone.query("alias.test", .a).chain.map(\.value) == ["x.test"])
    }
}

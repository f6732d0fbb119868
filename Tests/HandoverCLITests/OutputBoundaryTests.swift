import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverStore

/// One output boundary makes every printed text inert: fields a renderer forgot to clean (a crafted snapshot's sha,
/// rule, resolver, a DKIM key type) reach a terminal with their control characters made visible, and JSON stays JSON.
@Suite(.serialized) struct OutputBoundaryTests {
    static let esc = "\u{1B}]8;;https://evil.example\u{07}click\u{1B}]8;;\u{07}\u{9B}2J\u{202E}"

    @Test func aCraftedSnapshotPrintsNoControlCharacter() throws {
        let dir = try makeProject()
        #expect(try HandoverBinary.run(["snapshot", "--only", "git,env"], in: dir.url).status == 0)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).first { $0.hasSuffix(".json") })
        var snapshot = try SnapshotStore.decode(try Data(contentsOf: dir.file("snapshots/" + name)), path: name)
        snapshot.git.data?.head.commit?.sha = "abc" + Self.esc
        snapshot.git.data?.head.branch = "main" + Self.esc
        snapshot.dns = .collected(DNSState(resolvers: ["127.0.0.1" + Self.esc], domains: []))
        snapshot.requestedSections.append(.dns)
        let crafted = "20991231T000000Z-evil.json"
        try CanonicalJSON.encode(snapshot).write(to: dir.file("snapshots/" + crafted))
        for args in [["show", crafted], ["show", crafted, "--format", "json"], ["audit", crafted], ["lookup", "main"], ["log"]] {
            let result = try HandoverBinary.run(args, in: dir.url)
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let raw = text.unicodeScalars.filter { TerminalTextProbe.unsafe($0) }
                #expect(raw.isEmpty, "\(args) \(stream) carries \(raw.map { String($0.value, radix: 16) })")
            }
            if args.contains("json") {
                let decoded = try SnapshotStore.decode(Data(result.stdout.utf8), path: "stdout")
                #expect(decoded.git.data?.head.commit?.sha == "abc" + Self.esc, "JSON keeps the value, escaped")
            }
        }
        let show = try HandoverBinary.run(["show", crafted], in: dir.url)
        #expect(show.stdout.contains("\\u001B]8;;https://evil.example"), "\(show.stdout)")
    }

    /// A credential whose visible part carries escapes: a database URL's user name holding CSI, C1 and RLO. The scan
    /// shows that part in its excerpt (`postgres://USER:****@`), so every output of it must make them visible.
    @Test func anEscapeLadenSecretIsInertInEveryOutput() throws {
        let dir = try makeProject()
        let user = "\u{1B}[2J\u{9B}31m\u{202E}adm"
        dir.write("config/db.ts", "export const url = \"postgres://\(user):S3cretPassw0rd9xQ@db.internal.example/app\";\n")
        try ProcessRunner.commitAll(in: dir.url, "db", date: "2026-01-02T00:00:00Z")
        var outputs: [String: String] = [:]
        for args in [["secrets", "--history"], ["secrets", "--history", "--format", "sarif"], ["snapshot", "--only", "git,secrets"],
                     ["show"], ["audit"], ["audit", "--format", "markdown"], ["render", "--out", "docs"]] {
            let result = try HandoverBinary.run(args, in: dir.url)
            #expect(result.status == 0 || (args.first == "audit" && result.status == 1), "\(args): \(result.stderr)")
            outputs["\(args) stdout"] = result.stdout
            outputs["\(args) stderr"] = result.stderr
        }
        let listing = outputs["[\"secrets\", \"--history\"] stdout"] ?? ""
        #expect(listing.contains("config/db.ts"), "the secret was found: \(listing)")
        #expect(listing.contains("\\u001B[2J"), "the excerpt carried the escape, made visible: \(listing)")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.file("docs").path)) ?? [] {
            // iCalendar lines end in CRLF by its grammar (RFC 5545 §3.1): the CR there is the format, not a control.
            outputs["docs/\(name)"] = dir.read("docs/" + name)?.replacingOccurrences(of: "\r\n", with: "\n")
        }
        #expect(outputs.keys.contains { $0.hasPrefix("docs/") }, "documents were rendered")
        for (output, text) in outputs {
            #expect(InertOutput.terminalProblems(text).isEmpty, "\(output) carries \(InertOutput.terminalProblems(text))")
            #expect(!text.contains("S3cretPassw0rd9xQ"), "\(output) carries the password")
        }
    }
}

/// What a terminal acts on: C0 but line breaks and tabs, DEL, C1, bidi controls.
enum TerminalTextProbe {
    static func unsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// The secret rules are data with examples; the scanner reads HEAD or the whole history through libgit2.
@Suite struct SecretScannerTests {
    @Test(arguments: SecretRules.rules.map(\.id))
    func ruleExamples(id: String) throws {
        let rule = try #require(SecretRules.rules.first { $0.id == id })
        for text in rule.matches { #expect(SecretRules.scan(text).contains { $0.rule == id }, "\(id) must match") }
        for text in rule.nonMatches { #expect(!SecretRules.scan(text).contains { $0.rule == id }, "\(id) must not match \(text)") }
    }

    @Test func lookAlikesDoNotMatch() {
        let lookAlikes = [
            "sha512-" + String(repeating: "q1W2e3R4t5Y6", count: 6) + "==",  // lockfile integrity
            "550e8400-e29b-41d4-a716-446655440000",  // UUID
            "data:image/png;base64," + String(repeating: "iVBORw0KGgo", count: 8),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  // sha256
            "AKIA" + "IOSFODNN7EXAMPLE",  // AWS's documented example
        ]
        for text in lookAlikes { #expect(SecretRules.scan(text).isEmpty, "\(text)") }
        #expect(SecretRules.isEnvFile(".env.production") && SecretRules.isEnvFile("config/prod.env") && !SecretRules.isEnvFile(".env.example"))
        let envFiles = [".env", "a/b/.ENV.Local", "deploy/PROD.ENV", "x/.env.production"]
        let notEnvFiles = ["src/env.ts", "env/readme.md", ".env/notes.txt", "a/.env.sample", "docs/prod-env.md", "e/nv", "", "/"]
        #expect(envFiles.filter { !SecretRules.isEnvFile($0) } == [] && notEnvFiles.filter(SecretRules.isEnvFile) == [])
    }

    @Test func historyFindsWhatHEADNoLongerShows() throws {
        let dir = TempDirectory("handover-secrets")
        let key = "s" + "k_live_" + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write(".env", "DATABASE_URL=postgres://app:" + "hunter2pass" + "@db/app\n")
        _ = try ProcessRunner.git(["add", "-f", ".env"], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "env"], in: dir.url, date: "2026-01-01T00:00:00Z")
        let envCommit = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)
        dir.write("src/pay.ts", "const stripe = \"\(key)\";\n")
        _ = try ProcessRunner.git(["add", "src/pay.ts"], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "pay"], in: dir.url, date: "2026-01-02T00:00:00Z")
        let keyCommit = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ProcessRunner.git(["rm", "-q", ".env"], in: dir.url)
        dir.write("src/pay.ts", "const stripe = process.env.STRIPE_SECRET_KEY;\n")
        _ = try ProcessRunner.git(["add", "-A"], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "clean up"], in: dir.url, date: "2026-01-03T00:00:00Z")
        let cleanCommit = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)

        #expect(try SecretScanner(repository: dir.url).scan(history: false).isEmpty)
        let found = try SecretScanner(repository: dir.url).scan(history: true)
        #expect(found.map(\.rule) == ["env-file", "database-url-password", "stripe-secret-key"], "\(found)")
        let env = try #require(found.first { $0.rule == "env-file" })
        #expect(env.path == ".env" && env.commit == envCommit && env.removedIn == cleanCommit)
        let stripe = try #require(found.first { $0.rule == "stripe-secret-key" })
        #expect(stripe.commit == keyCommit && stripe.path == "src/pay.ts" && stripe.line == 1 && stripe.redacted == "sk_live_****")
        // A keyed hash of the value: stable across runs, ten hex digits, never the value.
        #expect(stripe.fingerprint.wholeMatch(of: /stripe-secret-key:[0-9a-f]{10}/) != nil, "\(stripe.fingerprint)")
        #expect(try SecretScanner(repository: dir.url).scan(history: true).map(\.fingerprint) == found.map(\.fingerprint))
        // Zero characters of any secret in what is reported.
        let json = try String(decoding: CanonicalJSON.encode(found), as: UTF8.self)
        #expect(LeakProbe.leaks(of: [key, "hunter2pass", String(key.dropFirst(8))], in: json).isEmpty)
        #expect(found.first { $0.rule == "database-url-password" }?.redacted == "postgres://app:****")
    }

    /// The snapshot's scan: a second run reads only commits that are new since the stored tips, and ends with
    /// exactly what a full scan finds; other rules or another repository start again.
    @Test func incrementalScanReadsOnlyNewCommits() async throws {
        let dir = TempDirectory("handover-secrets-incremental")
        func commit(_ message: String, _ date: String) throws -> String { try ProcessRunner.commitAll(in: dir.url, message, date: date) }
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write(".env.staging", "API_URL=https://staging.example\n")
        dir.write("README.md", "hello\n")
        let first = try commit("first", "2026-01-01T00:00:00Z")
        dir.write("deploy.sh", "export GITHUB_TOKEN=ghp_" + "Kx9mQ2vL7pR4tW8nZ3cB6hJ1dF5gY0sUe2Io" + "\n")
        let tokenCommit = try commit("deploy", "2026-01-02T00:00:00Z")
        let scanner = SecretScanner(repository: dir.url)
        let before = try #require(await scanner.collect(previous: nil).collectedValue)
        #expect(before.scan == .full && before.commitsScanned == 2 && before.findings.count == 2, "\(before)")
        #expect(before.findings.allSatisfy { $0.atHead == true })

        // Two new commits: the env file goes away, a database URL arrives on a new branch.
        try FileManager.default.removeItem(at: dir.file(".env.staging"))
        let removal = try commit("drop env", "2026-01-03T00:00:00Z")
        _ = try ProcessRunner.git(["checkout", "-q", "-b", "feature"], in: dir.url)
        dir.write("src/db.py", "URL = 'postgres://app:" + "Zx81kd0qPw" + "@db.internal/app'\n")
        let dbCommit = try commit("db", "2026-01-04T00:00:00Z")
        _ = try ProcessRunner.git(["checkout", "-q", "main"], in: dir.url)

        let after = try #require(await scanner.collect(previous: before).collectedValue)
        #expect(after.scan == .incremental && after.commitsScanned == 2, "\(after)")
        let full = try #require(await scanner.collect(previous: nil).collectedValue)
        #expect(full.scan == .full && full.commitsScanned == 4)
        #expect(after.findings == full.findings)
        #expect(after.scannedTips == full.scannedTips && after.scannedTips.contains(dbCommit))
        let env = try #require(after.findings.first { $0.isEnvFile })
        #expect(env.commit == first && env.removedIn == removal && env.atHead == false)
        #expect(after.findings.first { $0.rule == "github-token" }?.commit == tokenCommit)
        // On main (HEAD) the database URL does not exist: only in the history of another branch.
        let db = try #require(after.findings.first { $0.rule == "database-url-password" })
        #expect(db.commit == dbCommit && db.atHead == false)

        // Nothing new: nothing read.
        let again = try #require(await scanner.collect(previous: after).collectedValue)
        #expect(again.scan == .incremental && again.commitsScanned == 0 && again.findings == full.findings)
        // Other rules: everything again.
        var otherRules = after
        otherRules.rulesDigest = "sha256:" + String(repeating: "0", count: 64)
        let rescanned = try #require(await scanner.collect(previous: otherRules).collectedValue)
        #expect(rescanned.scan == .full && rescanned.commitsScanned == 4 && rescanned.findings == full.findings)
        // Another repository's tips: a full scan, and none of its findings carried over.
        var foreign = after
        foreign.scannedTips = [String(repeating: "e", count: 40)]
        foreign.findings.append(SecretFinding(rule: "slack-token", path: "x", line: 1, commit: String(repeating: "e", count: 40), author: "x",
                                              date: Date(timeIntervalSince1970: 0), redacted: "xoxb-****"))
        let fresh = try #require(await scanner.collect(previous: foreign).collectedValue)
        #expect(fresh.scan == .full && fresh.findings == full.findings)
        // Not a repository: a failed section, not a crash.
        let notRepo = TempDirectory("handover-not-a-repo")
        let failed = await SecretScanner(repository: notRepo.url).collect(previous: nil)
        #expect(failed.status == .failed && failed.reason?.contains("not a git repository") == true)
    }

    /// A history walk that runs out of time keeps what it read and the next run goes on from there: scanning one
    /// commit per run across branches, a merge, a tag and an unmerged line ends with exactly what one full scan finds
    /// (the merge, read in a later run than the branch it brings in, introduces nothing: what it brings was found there).
    @Test func aPartialScanIsContinuedUntilItMatchesAFullOne() async throws {
        let dir = TempDirectory("handover-secrets-partial")
        func commit(_ message: String, _ date: String) throws -> String { try ProcessRunner.commitAll(in: dir.url, message, date: date) }
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("README.md", "hello\n")
        _ = try commit("c1", "2026-01-01T00:00:00Z")
        dir.write(".env.staging", "API_URL=https://staging.example\n")
        _ = try commit("c2", "2026-01-02T00:00:00Z")
        _ = try ProcessRunner.git(["checkout", "-q", "-b", "feature"], in: dir.url)
        dir.write("deploy.sh", "export GITHUB_TOKEN=ghp_" + "Kx9mQ2vL7pR4tW8nZ3cB6hJ1dF5gY0sUe2Io" + "\n")
        _ = try commit("f1", "2026-01-03T00:00:00Z")
        _ = try ProcessRunner.git(["checkout", "-q", "main"], in: dir.url)
        dir.write("src/db.py", "URL = 'postgres://app:" + "Zx81kd0qPw" + "@db.internal/app'\n")
        _ = try commit("c3", "2026-01-04T00:00:00Z")
        _ = try ProcessRunner.git(["tag", "v1.0.0"], in: dir.url)
        _ = try ProcessRunner.git(["merge", "-q", "--no-edit", "feature"], in: dir.url, date: "2026-01-05T00:00:00Z")
        try FileManager.default.removeItem(at: dir.file(".env.staging"))
        _ = try commit("c4", "2026-01-06T00:00:00Z")
        _ = try ProcessRunner.git(["checkout", "-q", "-b", "old", "v1.0.0~2"], in: dir.url)
        dir.write("bot.js", "const token = '" + "xoxb-" + "583920174652-" + "Kd8Qm2Lx7Pz4Rt9V" + "';\n")
        _ = try commit("o1", "2026-01-07T00:00:00Z")
        _ = try ProcessRunner.git(["checkout", "-q", "main"], in: dir.url)

        let scanner = SecretScanner(repository: dir.url)
        let full = try #require(await scanner.collect(previous: nil).collectedValue)
        #expect(full.scan == .full && full.commitsScanned == 7 && full.findings.count == 4, "\(full)")
        var state: SecretsState?
        var remaining: [Int?] = []
        for _ in 0..<20 {
            let next = try #require(await scanner.collect(previous: state, budget: .zero).collectedValue)
            #expect(next.commitsScanned == 1)
            remaining.append(next.commitsRemaining)
            state = next
            if next.scan != .partial { break }
        }
        #expect(remaining == [6, 5, 4, 3, 2, 1, nil], "one commit a run, counting down")
        #expect(state?.scan == .incremental)
        #expect(state?.findings == full.findings, "\(String(describing: state?.findings.map { ($0.fingerprint, $0.removedIn, $0.atHead) })) vs \(full.findings.map { ($0.fingerprint, $0.removedIn, $0.atHead) })")
        #expect(state?.scannedTips == full.scannedTips)
        let env = try #require(state?.findings.first { $0.isEnvFile })
        #expect(env.removedIn != nil && env.atHead == false, "the deletion was seen across runs")
        // A budget that is not reached changes nothing.
        #expect(await scanner.collect(previous: nil, budget: .seconds(60)).collectedValue == full)
    }

    /// A key stays attributed to the commit that introduced it when the file is edited later, in a full scan and
    /// in an incremental one whose previous version of the file was read by an earlier run.
    @Test func laterEditsOfAFileDoNotReportItsKeyAgain() async throws {
        let dir = TempDirectory("handover-secrets-edits")
        func commit(_ message: String, _ date: String) throws -> String { try ProcessRunner.commitAll(in: dir.url, message, date: date) }
        let token = "xoxb-" + "583920174652-" + "Kd8Qm2Lx7Pz4Rt9V"
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("bot.js", "const token = '\(token)';\nrun(1);\n")
        let introduced = try commit("bot", "2026-01-01T00:00:00Z")
        dir.write("bot.js", "const token = '\(token)';\nrun(2);\n")
        _ = try commit("tweak", "2026-01-02T00:00:00Z")
        let scanner = SecretScanner(repository: dir.url)
        let first = try #require(await scanner.collect(previous: nil).collectedValue)
        #expect(first.findings.map(\.commit) == [introduced], "\(first.findings)")
        dir.write("bot.js", "// header\nconst token = '\(token)';\nrun(3);\n")
        _ = try commit("tweak again", "2026-01-03T00:00:00Z")
        let second = try #require(await scanner.collect(previous: first).collectedValue)
        #expect(second.scan == .incremental && second.findings.map(\.commit) == [introduced], "\(second.findings)")
        // A second, different key in the same file is new.
        dir.write("bot.js", "// header\nconst token = '\(token)';\nconst other = 'xoxb-" + "736152948203-" + "Hw3Nz8Qp1Vb6Ty4R';\n")
        let added = try commit("another", "2026-01-04T00:00:00Z")
        let third = try #require(await scanner.collect(previous: second).collectedValue)
        #expect(Set(third.findings.map(\.commit)) == [introduced, added] && third.findings.first { $0.commit == added }?.line == 3)
    }

    /// The tree walk: files deep in new, deleted and retyped directories, names that sort differently as a tree
    /// and as a file (`a.b` vs `a/`), and symlinks, which are not files.
    @Test func treeChangesAcrossDirectoriesAndTypes() throws {
        let dir = TempDirectory("handover-secrets-trees")
        func commit(_ message: String, _ date: String) throws -> String { try ProcessRunner.commitAll(in: dir.url, message, date: date) }
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("config.b/x.txt", "x\n")
        dir.write("config/deep/er/.env.prod", "A=1\n")
        dir.write("config.txt", "plain\n")
        let added = try commit("deep env file", "2026-01-01T00:00:00Z")
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.env").path, withDestinationPath: "config.txt")
        dir.write("config/deep/er/key.pem", try TestKeys.openssl(["ecparam", "-genkey", "-name", "prime256v1", "-noout"]))
        let keyCommit = try commit("key and a symlink", "2026-01-02T00:00:00Z")
        try FileManager.default.removeItem(at: dir.file("config"))
        dir.write("config", "now a file\n")
        let retyped = try commit("directory becomes a file", "2026-01-03T00:00:00Z")
        let found = try SecretScanner(repository: dir.url).scan(history: true)
        #expect(found.map(\.path) == ["config/deep/er/.env.prod", "config/deep/er/key.pem"], "\(found)")
        #expect(found.first.map { ($0.commit, $0.removedIn) } ?? ("", nil) == (added, retyped))
        #expect(found.last?.commit == keyCommit && found.last?.rule == "private-key" && found.last?.atHead == false)
    }
}

/// Private keys made at test time (the repository holds none).
enum TestKeys {
    static func openssl(_ arguments: [String]) throws -> String {
        try ProcessRunner.run("openssl", arguments).stdout
    }

    static func openSSH() throws -> String {
        let dir = TempDirectory("handover-ssh-key")
        _ = try ProcessRunner.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.file("id").path])
        return try String(contentsOf: dir.file("id"), encoding: .utf8)
    }
}

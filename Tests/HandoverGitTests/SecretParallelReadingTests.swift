import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverModel

/// Issue 17 (speed): a long history is read by two threads at once, each with its own repository handle, and the
/// scans are applied in walk order — so the findings are exactly those of one thread reading everything.
@Suite struct SecretParallelReadingTests {
    static let token = "xoxb-" + "583920174652-" + "Kd8Qm2Lx7Pz4Rt9V"
    static let otherToken = "xoxb-" + "583920174652-" + "Pq3Wn8Zr5Ty2Ub7M"
    static let key = "s" + "k_live_" + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"
    static let otherKey = "s" + "k_live_" + "51J3mZ8qWvL2pT7xR9kC4nB6dYa"
    static let github = "ghp_" + "Kx9mQ2vL7pR4tW8nZ3cB6hJ1dF5gY0sUe2Io"

    /// 200 commits on main (a large file edited in every one, a token removed and restored, a copy, a key kept across
    /// edits then removed and re-added, an env file that gets a real key and is deleted), a branch merged back, a
    /// tag: written with `git fast-import`, one process.
    static func history() throws -> TempDirectory {
        let dir = TempDirectory("handover-secrets-parallel")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        var big = (0..<3000).map { "line \($0) of a long generated catalogue entry" }
        var stream = ""
        var time = 1_767_225_600
        func commit(_ branch: String, _ mark: Int, from: Int? = nil, merge: Int? = nil, _ files: [(String, String?)]) {
            time += 3600
            let message = "commit \(mark)"
            stream += "commit refs/heads/\(branch)\nmark :\(mark)\n"
            stream += "author Jo Doe <jo@acme.example> \(time) +0000\ncommitter Jo Doe <jo@acme.example> \(time) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)\n"
            if let from { stream += "from :\(from)\n" }
            if let merge { stream += "merge :\(merge)\n" }
            for (path, content) in files {
                if let content {
                    stream += "M 100644 inline \(path)\ndata \(content.utf8.count)\n\(content)\n"
                } else {
                    stream += "D \(path)\n"
                }
            }
            stream += "\n"
        }
        let bot = "const token = '\(token)';\n"
        for i in 1...200 {
            big[(i * 13) % big.count] = "line edited in commit \(i)"
            if i == 150 { big[1500] = "STRIPE = '\(key)'" }
            if i == 170 { big[1500] = "STRIPE = process.env.STRIPE" }
            if i == 180 { big[2500] = "STRIPE_AGAIN = '\(key)'" }
            var files: [(String, String?)] = [("app/catalogue.txt", big.joined(separator: "\n") + "\n"),
                                              ("notes/n\(i % 7).txt", "note \(i)\n")]
            switch i {
            case 5: files.append(("bot.js", bot))
            case 10: files.append((".env.local", "API_URL=https://staging.example\n"))
            case 30: files.append(("bot.js", "const token = process.env.SLACK;\n"))
            case 60: files.append((".env.local", "STRIPE_SECRET_KEY=\(otherKey)\n"))
            case 100: files.append(("bot.js", bot))
            case 120: files.append(("scripts/copy.sh", bot))
            case 160: files.append((".env.local", nil))
            case 190: files.append(("deploy.sh", "export GITHUB_TOKEN=\(github)\n"))
            default: break
            }
            commit("main", i, merge: i == 90 ? 1005 : nil, files)
            if i == 80 {
                for j in 1...5 {
                    commit("feature", 1000 + j, from: j == 1 ? 80 : nil, [("feature/f\(j).py", "SLACK = '\(otherToken)'\n# \(j)\n")])
                }
            }
        }
        stream += "reset refs/tags/v1\nfrom :40\n\n"
        let imported = try ProcessRunner.run("git", ["fast-import", "--quiet"], in: dir.url, stdin: stream)
        #expect(imported.status == 0, "\(imported.stderr)")
        return dir
    }

    @Test func twoReadersFindExactlyWhatOneFinds() async throws {
        let dir = try Self.history()
        let one = try #require(await SecretScanner(repository: dir.url, readers: 1).collect(previous: nil).collectedValue)
        let two = try #require(await SecretScanner(repository: dir.url, readers: 2).collect(previous: nil).collectedValue)
        #expect(one.scan == .full && one.commitsScanned == 205 && one.unreadable == nil, "\(one)")
        #expect(two == one)
        #expect(try CanonicalJSON.encode(two) == CanonicalJSON.encode(one))
        // The fixture means something: the restored token and its copy are occurrences of the first finding, the
        // key kept across edits is one finding, the env file got its key and was deleted.
        let slack = try #require(one.findings.first { $0.redacted.hasPrefix("xoxb-") && $0.path == "bot.js" })
        #expect(Set(slack.occurrences?.map(\.path) ?? []) == ["bot.js", "scripts/copy.sh"] && slack.occurrences?.count == 3, "\(slack)")
        #expect(one.findings.filter { $0.rule == "stripe-secret-key" && $0.path == "app/catalogue.txt" }.count == 1)
        #expect(one.findings.contains { $0.isEnvFile && $0.removedIn != nil })
        #expect(one.findings.count >= 5, "\(one.findings.map(\.rule))")
    }

    /// One reader with a second thread searching what it reads finds exactly what one thread doing both finds, and
    /// a pipelined walk stopped at once goes on to the same result.
    @Test func aPipelinedReaderFindsExactlyWhatOneThreadFinds() async throws {
        let dir = try Self.history()
        let sequential = try #require(await SecretScanner(repository: dir.url, readers: 1, pipelined: false).collect(previous: nil).collectedValue)
        let pipelined = try #require(await SecretScanner(repository: dir.url, readers: 1, pipelined: true).collect(previous: nil).collectedValue)
        #expect(sequential.scan == .full && sequential.commitsScanned == 205 && sequential.findings.count >= 5, "\(sequential)")
        #expect(pipelined == sequential)
        let scanner = SecretScanner(repository: dir.url, readers: 1, pipelined: true)
        let first = try #require(await scanner.collect(previous: nil, budget: .zero).collectedValue)
        #expect(first.scan == .partial && first.commitsScanned == 1 && first.commitsRemaining == 204, "\(first)")
        let rest = try #require(await scanner.collect(previous: first).collectedValue)
        #expect(rest.scan == .incremental && rest.findings == sequential.findings && Set(rest.scannedTips) == Set(sequential.scannedTips))
    }

    /// A walk stopped by its deadline (here: at once, after one commit) keeps a prefix of the walk; the next run
    /// goes on with two readers and ends with exactly what one full scan finds.
    @Test func aParallelScanStoppedEarlyGoesOnToTheSameResult() async throws {
        let dir = try Self.history()
        let scanner = SecretScanner(repository: dir.url, readers: 2)
        let first = try #require(await scanner.collect(previous: nil, budget: .zero).collectedValue)
        #expect(first.scan == .partial && first.commitsScanned == 1 && first.commitsRemaining == 204, "\(first)")
        let rest = try #require(await scanner.collect(previous: first).collectedValue)
        #expect(rest.scan == .incremental && rest.commitsScanned == 204)
        let full = try #require(await SecretScanner(repository: dir.url, readers: 1).collect(previous: nil).collectedValue)
        #expect(rest.findings == full.findings && Set(rest.scannedTips) == Set(full.scannedTips))
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect
import HandoverStore

/// Every wait bounded: a section that cannot finish costs at most `collect.deadline`, and the other sections keep
/// their results.
@Suite(.serialized) struct BoundedWaitTests {
    /// A compose file whose environment key is an alias lattice: 2^39 nodes if anything expands or hashes it deeply.
    static func aliasBomb() -> String {
        var lines = ["x-a0: &a0 [x, x]"]
        for level in 1..<40 { lines.append("x-a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]") }
        lines += ["services:", "  web:", "    environment:", "      ? *a39", "      : x", "      API_KEY: y"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anEnvFileThatWouldHangCostsAtMostTheDeadline() throws {
        let dir = TempDirectory()
        dir.write("docker-compose.yml", Self.aliasBomb())
        dir.write("handover.yml", """
            project: Bomb
            repository: .
            environments:
              production:
                production: true
                env_files: [docker-compose.yml]
            collect:
              timeout: 1s
              deadline: 3s

            """)
        try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        try ProcessRunner.commitAll(in: dir.url, "init", date: "2026-11-01T10:00:00Z")
        let started = Date()
        // `timeout` keeps a regression from hanging the suite: it turns one into a failure (status 124).
        let run = try ProcessRunner.run("timeout", ["60", HandoverBinary.path, "snapshot", "--only", "git,env", "--format", "json"],
                                        in: dir.url, environment: ["NO_COLOR": "1"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 0, "status \(run.status): \(run.stderr)")
        #expect(elapsed < 8, "took \(elapsed) s with collect.deadline 3s")
        let snapshot = try SnapshotStore.decode(Data(run.stdout.utf8), path: "stdout")
        #expect(snapshot.git.status == .collected, "git keeps its result beside the env section")
        // Either the env section ran out of time, or the parser refused the file and said why.
        switch snapshot.env.status {
        case .failed: #expect(snapshot.env.reason?.contains("collect.deadline") == true, "\(snapshot.env.reason ?? "")")
        case .collected:
            let problems = snapshot.env.collectedValue?.environments.flatMap(\.files).flatMap(\.problems) ?? []
            #expect(!problems.isEmpty, "the alias bomb is reported as a problem of docker-compose.yml")
        default: Issue.record("env section \(snapshot.env.status)")
        }
    }
}

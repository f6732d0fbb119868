import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// Issue 8's fixture repository end to end: every planted problem found with the right commit and file, by
/// `handover secrets`, by the snapshot's `secrets` and `env` sections and by the audit; the second snapshot scans
/// only the new commit.
@Suite(.serialized) struct SecretsCommandTests {
    struct Finding: Decodable { var id: String; var severity: String; var subject: String; var evidence: [String]; var status: String }
    struct Report: Decodable { var findings: [Finding] }
    struct Stored: Decodable {
        struct Secrets: Decodable {
            struct Data: Decodable { var scan: String; var commitsScanned: Int; var findings: [SecretFinding] }
            var status: String; var data: Data?
        }
        var secrets: Secrets
    }

    static let key = "s" + "k_live_" + "51Hq8ZPx2LkT9vW3mZr7Yp4Nc6"
    static let dbPassword = "Wq83nd02kLmz"

    func commit(_ dir: TempDirectory, _ message: String, _ date: String) throws -> String {
        try ProcessRunner.commitAll(in: dir.url, message, date: date)
    }

    @Test func fixtureRepositoryFindingsAndIncrementalSnapshot() throws {
        let dir = TempDirectory("handover-secrets-cli")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write(".gitignore", "snapshots/\n.env.production\n")
        dir.write(".env", "DATABASE_URL=postgres://app:\(Self.dbPassword)@db/app\n")
        dir.write("src/app.ts", "const db = process.env.DATABASE_URL;\n")
        let envCommit = try commit(dir, "skeleton", "2026-01-01T00:00:00Z")
        dir.write("src/pay.ts", "export const stripe = \"\(Self.key)\";\n")
        let keyCommit = try commit(dir, "payments", "2026-01-02T00:00:00Z")
        try FileManager.default.removeItem(at: dir.file(".env"))
        let envRemoval = try commit(dir, "untrack env", "2026-01-03T00:00:00Z")
        dir.write("src/pay.ts", "export const stripe = process.env.STRIPE_SECRET_KEY;\nconst q = process.env.QUEUE_URL;\n")
        dir.write(".env.staging", "STRIPE_SECRET_KEY=\n")
        let stagingCommit = try commit(dir, "read from env", "2026-01-04T00:00:00Z")
        dir.write("src/ui.tsx", "const k = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\n")
        _ = try commit(dir, "ui", "2026-01-05T00:00:00Z")
        dir.write(".env.production", "DATABASE_URL=x\nSTRIPE_SECRET_KEY=y\nNEXT_PUBLIC_STRIPE_SECRET_KEY=z\n")
        dir.write("handover.yml", "project: Secrets\nenvironments:\n  production: {env_files: [.env.production]}\n")

        // `handover secrets`: HEAD holds only the staging env file; the history holds all three.
        let head = try HandoverBinary.run(["secrets"], in: dir.url)
        #expect(head.status == 0 && head.stdout.contains("env-file  .env.staging") && !head.stdout.contains("pay.ts"), "\(head)")
        let history = try HandoverBinary.run(["secrets", "--history", "--format", "sarif"], in: dir.url)
        #expect(history.status == 0, "\(history.stderr)")
        let sarif = try #require(JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let located = results.compactMap { r -> String? in
            let physical = ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
            let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
            let line = (physical?["region"] as? [String: Any])?["startLine"] as? Int
            return "\(r["ruleId"] ?? "")@\(uri ?? "")" + (line.map { ":\($0)" } ?? "")
        }
        #expect(Set(located) == ["env-file@.env", "database-url-password@.env:1", "stripe-secret-key@src/pay.ts:1", "env-file@.env.staging"],
                "\(located)")

        // The snapshot's sections and the audit.
        let first = try HandoverBinary.run(["snapshot", "--only", "git,env,secrets"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        let audit = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        let report = try JSONDecoder().decode(Report.self, from: Data(audit.stdout.utf8))
        func finding(_ id: String, _ subject: String) -> Finding? { report.findings.first { $0.id == id && $0.subject == subject } }
        let env = try #require(finding("secrets.env-file-committed", "file:.env"), "\(report.findings.map { "\($0.id) \($0.subject)" })")
        #expect(env.severity == "blocker" && env.evidence.contains { $0.contains(String(envCommit.prefix(12))) }
                && env.evidence.contains { $0.contains("deleted in \(envRemoval.prefix(12))") })
        let staging = try #require(finding("secrets.env-file-committed", "file:.env.staging"))
        #expect(staging.evidence.contains { $0.contains(String(stagingCommit.prefix(12))) } && staging.evidence.contains("still at HEAD"))
        let stripe = try #require(finding("secrets.credential-committed", "file:src/pay.ts:1"))
        #expect(stripe.severity == "blocker" && stripe.evidence.contains { $0.contains("sk_live_**** introduced in \(keyCommit.prefix(12))") })
        #expect(stripe.evidence.contains("no longer at HEAD, still in the history"))
        #expect(finding("secrets.credential-committed", "file:.env:1") != nil)
        #expect(finding("env.client-exposed-secret", "env:production/NEXT_PUBLIC_STRIPE_SECRET_KEY")?.severity == "blocker")
        #expect(finding("env.referenced-missing", "env:production/QUEUE_URL")?.severity == "high")
        let auditSarif = try HandoverBinary.run(["audit", "--format", "sarif"], in: dir.url)
        #expect(auditSarif.stdout.contains("\"uri\" : \"src/pay.ts\"") && auditSarif.stdout.contains("\"startLine\" : 1"), "\(auditSarif.stdout)")
        #expect(try HandoverBinary.run(["audit", "--fail-on", "blocker"], in: dir.url).status == 1)

        // A new commit with another key: the next snapshot reads that commit only, and diff says what is new.
        dir.write("scripts/deploy.sh", "SLACK=xoxb-" + "998877665544-QwErTyUiOpAs\n")
        let slackCommit = try commit(dir, "deploy script", "2026-01-06T00:00:00Z")
        #expect(try HandoverBinary.run(["snapshot", "--only", "git,env,secrets"], in: dir.url, environment: HandoverBinary.later()).status == 0)
        let shown = try HandoverBinary.run(["show", "--format", "json"], in: dir.url)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let stored = try decoder.decode(Stored.self, from: Data(shown.stdout.utf8))
        let secrets = try #require(stored.secrets.data)
        #expect(secrets.scan == "incremental" && secrets.commitsScanned == 1, "\(secrets.scan) \(secrets.commitsScanned)")
        #expect(secrets.findings.first { $0.rule == "slack-token" }?.commit == slackCommit)
        let diff = try HandoverBinary.run(["diff"], in: dir.url)
        #expect(diff.stdout.contains("+ file:scripts/deploy.sh slack-token \(slackCommit)"), "\(diff.stdout)")
        let again = try JSONDecoder().decode(Report.self, from: Data(try HandoverBinary.run(["audit", "--format", "json"], in: dir.url).stdout.utf8))
        #expect(again.findings.first { $0.subject == "file:src/pay.ts:1" }?.status == "open")
        #expect(again.findings.first { $0.subject == "file:scripts/deploy.sh:1" }?.status == "new")

        // Zero characters of any secret anywhere the tool wrote or printed.
        var texts = [head.stdout, history.stdout, first.stdout, audit.stdout, auditSarif.stdout, shown.stdout, diff.stdout]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path) where !name.hasPrefix(".") {
            texts.append(dir.read("snapshots/" + name) ?? "")
        }
        for text in texts {
            #expect(LeakProbe.leaks(of: [Self.key, String(Self.key.dropFirst(8)), Self.dbPassword, "QwErTyUiOpAs"], in: text).isEmpty)
        }
    }

    /// `--readers` outside 1–64 is refused before anything is read, with what it takes.
    @Test func readersOutsideTheirRangeAreRefused() throws {
        let dir = TempDirectory("handover-secrets-readers")
        for count in ["0", "65", "-1"] {
            let run = try HandoverBinary.run(["secrets", "--history", "--readers=" + count], in: dir.url)
            #expect(run.status == 2 && run.stderr.contains("--readers takes 1 to 64 readers, not \(count)") && run.stdout.isEmpty, "\(run)")
        }
    }
}

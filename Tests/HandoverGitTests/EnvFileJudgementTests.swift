import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverCollect
import HandoverAudit
import HandoverFixtures

/// A committed env file is judged by what its versions held: local defaults are info, settings medium, a value for a
/// credential name a blocker — and a file that starts as placeholders and later gets a real key is a blocker.
@Suite struct EnvFileJudgementTests {
    static let key = "s" + "k_live_" + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"

    @Test func eachEnvFileIsJudgedByItsMostTellingVersion() async throws {
        let dir = TempDirectory("handover-env-judgement")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write(".env.test", "DATABASE_URL=postgres://postgres:postgres@localhost:5432/test\nSTRIPE_SECRET_KEY=\nAPI_URL=${API_URL}\n")
        dir.write(".env.docker", "NODE_ENV=production\nPORT=3000\nSENTRY_ORG=acme\n")
        dir.write("apps/api/.env.test", "JWT_SECRET=test-signing-secret-for-ci\n")
        dir.write(".env.production", "STRIPE_SECRET_KEY=changeme\n")
        try ProcessRunner.commitAll(in: dir.url, "env files", date: "2026-01-01T00:00:00Z")
        dir.write(".env.production", "STRIPE_SECRET_KEY=\(Self.key)\n")
        try ProcessRunner.commitAll(in: dir.url, "the real key", date: "2026-01-02T00:00:00Z")
        let state = try #require(await SecretScanner(repository: dir.url).collect(previous: nil).collectedValue)
        let files = Dictionary(uniqueKeysWithValues: state.findings.filter(\.isEnvFile).map { ($0.path, $0.effectiveConfidence) })
        #expect(files == [".env.test": .unlikely, ".env.docker": .unlikely, "apps/api/.env.test": .likely, ".env.production": .certain],
                "\(files)")

        var snapshot = HealthyExample.snapshot()
        snapshot.secrets = .collected(state)
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        let severities = Dictionary(uniqueKeysWithValues: report.findings.filter { $0.id == "secrets.env-file-committed" }
            .map { ($0.subject, $0.severity) })
        #expect(severities == ["file:.env.test": .info, "file:.env.docker": .info, "file:apps/api/.env.test": .high,
                               "file:.env.production": .blocker], "\(severities)")
    }
}

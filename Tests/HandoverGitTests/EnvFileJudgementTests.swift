import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverCollect
import HandoverModel
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

    /// The development env files of the precision set (openstatus' `.env.test`, langfuse's `.env.local`, formbricks'
    /// `.env.docker`, documenso's `.env.gitpod`; shapes kept, values made up): a credential name given `test`,
    /// `secret`, `RANDOM_STRING`, a lorem-ipsum sentence or a database URL to a compose service is no credential, so
    /// the file is local defaults (info), not "a real-looking value" (high). A value that could log in still counts.
    @Test(arguments: [
        (".env.test", "UNKEY_TOKEN=test\nRESEND_API_KEY='test'\nUPSTASH_REDIS_REST_URL=https://test.upstash.io\nDATABASE_URL=http://127.0.0.1:8080\n", SecretConfidence.unlikely),
        (".env.local", "DATABASE_URL=\"postgresql://postgres:postgres@db:5432/postgres\"\nNEXTAUTH_SECRET=\"secret\"\nNEXTAUTH_URL=\"http://localhost:3000\"\n", .unlikely),
        (".env.docker", "NEXTAUTH_SECRET=RANDOM_STRING\nDATABASE_URL='postgresql://postgres:postgres@postgres:5432/forms?schema=public'\n", .unlikely),
        (".env.gitpod", "NEXTAUTH_SECRET='lorem ipsum sit dolor random string for encryption'\nSMTP_PASSWORD=''\n", .unlikely),
        // a password equal to the user name the file gives, wherever that line is
        (".env.gitpod", "SMTP_MAIL_HOST='127.0.0.1'\nSMTP_MAIL_PASSWORD='acmemail'\nSMTP_MAIL_USER='acmemail'\n", .unlikely),
        (".env.gitpod", "SMTP_MAIL_USER='acmemail'\nSMTP_MAIL_PASSWORD='Zq8xT2v9LmK4pW7r'\n", .likely),
        (".env.docker", "DATABASE_URL=postgres://app:app@db:5432/app\n", .unlikely),
        // a database URL with no password in it is a setting, not a credential
        (".env", "REDIS_URL=https://cache.upstash.io\n", .possible),
        // could log in:
        (".env", "DATABASE_URL=postgres://app:Zq8xT2v9LmK4pW7r@db.prod-host.com:5432/app\n", .certain),
        (".env.local", "NEXTAUTH_SECRET=Xk29fjA8q0Zl3m7PqR5tYw\n", .likely),
        (".env.test", "STRIPE_SECRET_KEY=\(Self.key)\n", .likely),
        (".env.docker", "REDIS_URL=redis://default:Zq8xT2v9LmK4pW7r@cache.upstash.io:6379\n", .likely),
        // a compose service may be production's database: a strong password there is a credential
        (".env.docker", "DATABASE_URL=postgres://app:Zq8xT2v9LmK4pW7r@db:5432/app\n", .likely),
    ])
    func developmentDefaultsAreNoCredential(path: String, text: String, expected: SecretConfidence) {
        let judged = Array(text.utf8).withUnsafeBytes { EnvFileJudgement.judge(utf8: $0, path: path) }
        #expect(judged.0 == expected, "\(path): \(judged)")
    }
}

import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// Issue 17's precision: placeholders and examples are not credentials, a key block counts only when it parses,
/// where a match sits lowers it unless it proves itself, and line numbers stay right however many matches.
@Suite struct SecretPrecisionTests {
    static let liveKey = "s" + "k_live_" + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"
    static let tokenShape = "ghp_" + "Kx9mQ2vL7pR4tW8nZ3cB6hJ1dF5gY0sUe2IoP3"  // 38 characters: a token shape, not the exact format

    func only(_ text: String, path: String = "src/app.ts") -> SecretRules.Match? {
        let found = SecretRules.scan(text, path: path)
        return found.count == 1 ? found[0] : nil
    }

    @Test func keyBlocksCountOnlyWhenTheyParse() throws {
        let keys = [
            ("rsa", try TestKeys.openssl(["genrsa", "-traditional", "2048"])),
            ("ec", try TestKeys.openssl(["ecparam", "-genkey", "-name", "prime256v1", "-noout"])),
            ("pkcs8", try TestKeys.openssl(["genpkey", "-algorithm", "ed25519"])),
            ("openssh", try TestKeys.openSSH()),
            ("swift-crypto", ExampleKeys.pkcs8()),
        ]
        for (kind, pem) in keys {
            #expect(pem.contains("PRIVATE KEY-----"), "\(kind): \(pem)")
            let match = only("config:\n" + pem, path: "deploy/key.pem")
            #expect(match?.rule == "private-key" && match?.confidence == .certain && match?.line == 2, "\(kind)")
            // A real key block in docs or a test still counts: it proves itself.
            #expect(only(pem, path: "docs/setup.md")?.confidence == .certain, "\(kind)")
            // Truncated as docs show it, escaped inside a minified line or a source map: no key.
            let lines = pem.split(separator: "\n")
            let truncated = ([lines[0], lines[1].prefix(6) + "..."] + [lines[lines.count - 1]]).joined(separator: "\n")
            #expect(SecretRules.scan(truncated).isEmpty, "\(kind) truncated")
            let escaped = "var k=\"" + pem.replacingOccurrences(of: "\n", with: "\\n") + "\";"
            #expect(SecretRules.scan(escaped, path: "dist/app.min.js").isEmpty, "\(kind) escaped")
            #expect(SecretRules.scan("{\"sourcesContent\":[\"" + pem.replacingOccurrences(of: "\n", with: "\\n") + "\"]}", path: "dist/app.js.map").isEmpty)
        }
        // The body of a parsed key with one byte changed no longer parses.
        let pkcs8 = ExampleKeys.pkcs8()
        let broken = pkcs8.replacingOccurrences(of: "MIG", with: "MIH")
        #expect(broken != pkcs8 && SecretRules.scan(broken).isEmpty)
    }

    @Test func whereAMatchSitsLowersIt() {
        #expect(only("token = '\(Self.tokenShape)'")?.confidence == .likely)
        let lowered: [(String, SecretReason)] = [("docs/ci.md", .documentation), ("README.mdx", .documentation), ("test/ci.ts", .testFixture),
                                                  ("src/ci.test.ts", .testFixture), ("e2e/login.spec.ts", .testFixture), ("__tests__/a.js", .testFixture),
                                                  ("vendor/lib/ci.rb", .vendored), ("node_modules/x/index.js", .vendored), ("public/app.min.js", .bundle),
                                                  ("dist/app.js.map", .bundle)]
        for (path, reason) in lowered {
            let match = only("token = '\(Self.tokenShape)'", path: path)
            #expect(match?.confidence == .possible && match?.reasons.contains(reason) == true, "\(path): \(String(describing: match))")
        }
        // What proves itself stays certain wherever it is.
        #expect(only("key = '\(Self.liveKey)'", path: "docs/payments.md")?.confidence == .certain)
        let awsID = "AKIA" + "Q3EGRZ7HKXLMPN2T", awsSecret = "wJ8rXUtnFq2MI/K7MDxNG/bPxRfiCYz9Qm4Lk7Pa"
        #expect(only("aws_access_key_id = \(awsID)\naws_secret_access_key = \(awsSecret)\n", path: "test/aws.ini")?.confidence == .certain)
        #expect(only("aws_access_key_id = \(awsID)\n")?.confidence == .likely)
        #expect(only("s" + "k_test_" + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd")?.confidence == .possible, "a test-mode key")
    }

    @Test func placeholdersAreNotCredentials() {
        let pg = "postgres://"
        let placeholders = [pg + "user:[password]@db.example.com/app", pg + "user:<password>@db.example.com/app", pg + "user:${PGPASSWORD}@db.example.com/app",
                            pg + "user:$PGPASSWORD@db.example.com/app", pg + "user:YOUR-PASSWORD@db.example.com/app", pg + "user:xxx@db.example.com/app",
                            pg + "user:...@db.example.com/app", pg + "user:changeme@db.example.com/app", pg + "user:password@db.example.com/app",
                            pg + "user:secret@db.example.com/app", pg + "user:aaaaaaaa@db.example.com/app", pg + "user:00000000@db.example.com/app",
                            "s" + "k_live_" + String(repeating: "0", count: 24), "s" + "k_live_" + "YOUR" + "_STRIPE_KEY_HERE_0123456789",
                            "ghp_" + String(repeating: "x", count: 36), "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789", "AKIA" + "XXXXXXXXXXXXXXXX"]
        for text in placeholders { #expect(SecretRules.scan(text).isEmpty, "\(text)") }
        // True ones next to them still count.
        #expect(only(pg + "app:Wq83nd02kLmz@db.internal.example.com/app")?.confidence == .likely)
        #expect(only(Self.liveKey)?.confidence == .certain)
    }

    @Test(arguments: [("postgres://postgres:postgres@localhost:5432/app", SecretConfidence.unlikely),
                      ("postgresql://root:root@127.0.0.1/app", .unlikely), ("mysql://user:user@[::1]:3306/app", .unlikely),
                      ("postgres://postgres:postgres@db:5432/app", .unlikely), ("redis://default:app@redis:6379", .unlikely),
                      ("postgres://app:Wq83nd02kLmz@localhost/app", .possible), ("postgres://postgres:postgres@db.prod.example.com/app", .possible),
                      ("postgres://app:Wq83nd02kLmz@db.prod.example.com/app", .likely),
                      // A provider's generated password for a real host: proves itself (blocker), wherever it sits.
                      ("postgres://app_live:" + "q8Zt3LmW0xR7pK2vN9bY5cJ4@dpg-abc123.oregon-postgres.render.com/app", .certain),
                      // The same password on a documentation host is an example.
                      ("postgres://app_live:" + "q8Zt3LmW0xR7pK2vN9bY5cJ4@db.example.com/app", .likely)])
    func localDatabasesWithDefaultPasswordsAreInfo(url: String, confidence: SecretConfidence) {
        #expect(only("DATABASE_URL=\(url)", path: ".github/workflows/ci.yml")?.confidence == confidence, "\(url)")
    }

    /// Line numbers are counted once, forward: many matches in a long text, and a match after a very long line.
    @Test func lineNumbersAcrossManyMatches() {
        var lines: [String] = []
        for i in 0..<3000 { lines.append(i % 100 == 7 ? "k\(i) = '\(Self.tokenShape.dropLast(4))\(1000 + i)'" : "x = \(i)") }
        lines.append(String(repeating: "a", count: 200_000))
        lines.append("last = '\(Self.liveKey)'")
        let found = SecretRules.scan(lines.joined(separator: "\n"))
        #expect(found.filter { $0.rule == "github-token" }.map(\.line) == (0..<3000).filter { $0 % 100 == 7 }.map { $0 + 1 })
        #expect(found.last?.rule == "stripe-secret-key" && found.last?.line == 3002)
    }
}

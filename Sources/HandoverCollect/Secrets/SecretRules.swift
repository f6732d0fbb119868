import Crypto
import Foundation
import HandoverModel

/// High-confidence credential shapes, as data. Each rule has a constant prefix used for the redacted excerpt
/// (`sk_live_****`: zero characters of the secret itself) and examples that must and must not match.
package struct SecretRule: Sendable {
    package var id: String
    package var title: String
    /// First capture group, when present, is the constant part shown in the excerpt; the rest is never shown.
    package var regex: String
    /// Shown before `****` when the rule has no capture group.
    package var prefix: String
    /// Literals of which every match holds at least one: a text holding none is not run through the regex.
    package var anchors: [String]
    /// How much text around a match the judgement reads.
    package var context: Context = .line
    /// Texts that must give a finding of this rule (of any confidence), and texts that must not.
    package var matches: [String]
    package var nonMatches: [String]

    /// The text a match is judged in: its line, its line and its neighbours, or a key block to its END line.
    package enum Context: Sendable { case line, nearby, block }
}

package enum SecretRules {
    /// Bumped whenever a rule changes, so stored scans know to start again.
    package static let version = "2026.12.2"
    /// The rule id of an env file committed to the repository.
    package static let envFileRule = SecretFinding.envFileRule

    /// `sha256:` over everything that decides a scan's findings: the version, every rule, the placeholders and
    /// the env-file name rules. A stored scan with another digest is scanned again from the start.
    package static let digest: String = {
        var text = "\(version)\n" + rules.map { "\($0.id)\t\($0.regex)\t\($0.prefix)\t\($0.anchors.joined(separator: " "))" }.joined(separator: "\n")
        text += "\n" + SecretPlaceholders.markers.joined(separator: "\t") + "\n" + SecretPlaceholders.words.sorted().joined(separator: "\t")
        text += "\n" + safeEnvSuffixes.joined(separator: "\t") + "\njudgement \(SecretJudgement.version)"
        return "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }()

    // Example values are assembled from pieces so this file itself holds no credential shape.
    static let k = "k", live = "_live_", test = "_test_", pg = "postgres://"

    package static let rules: [SecretRule] = [
        SecretRule(id: "private-key", title: "Private key block", regex: #"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)"#,
                   prefix: "", anchors: ["PRIVATE KEY"], context: .block,
                   matches: [ExampleKeys.pkcs8()],
                   nonMatches: ["-----BEGIN PUBLIC KEY-----",
                                "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEpA...\n-----END RSA PRIVATE KEY-----",  // a truncated example
                                ExampleKeys.pkcs8().replacingOccurrences(of: "\n", with: "\\n"),  // a key escaped inside a minified line
                                #"e="-----BEGIN "# + #"PRIVATE KEY-----\n"+t+"\n-----END PRIVATE KEY-----""#,  // a source map's marker
                                "-----BEGIN " + "PRIVATE KEY-----\n" + String(repeating: "A", count: 64) + "\n-----END PRIVATE KEY-----"]),
        SecretRule(id: "aws-access-key", title: "AWS access key id", regex: #"\b((?:AKIA|ASIA))[0-9A-Z]{16}\b"#, prefix: "",
                   anchors: ["AKIA", "ASIA"], context: .nearby,
                   matches: ["AKIA" + "Q3EGRZ7HKXLMPN2T"],
                   nonMatches: ["AKIA" + "IOSFODNN7EXAMPLE", "AKIA123", "AKIA" + "XXXXXXXXXXXXXXXX", "AKIA" + "0000000000000000"]),
        SecretRule(id: "stripe-secret-key", title: "Stripe secret or restricted key", regex: #"\b((?:sk|rk)_(?:live|test)_)[0-9A-Za-z]{20,}\b"#,
                   prefix: "", anchors: ["k_live_", "k_test_"],
                   matches: ["s" + k + live + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"],
                   nonMatches: ["p" + k + live + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd", "s" + k + test + "short", "s" + k + live + String(repeating: "x", count: 24),
                                "s" + k + live + "YOUR" + "STRIPEKEYGOESHERE123456", "s" + k + test + "abcdefghijklmnopqrstuvwxyz"]),
        SecretRule(id: "stripe-webhook-secret", title: "Stripe webhook signing secret", regex: #"\b(whsec_)[0-9A-Za-z]{24,}\b"#, prefix: "",
                   anchors: ["whsec_"],
                   matches: ["whsec_" + "Q2LkT9vW3mZr7Yp4Nc6Bd8Hf1Jx"], nonMatches: ["whsec_short", "whsec_" + String(repeating: "0", count: 32)]),
        SecretRule(id: "anthropic-api-key", title: "Anthropic API key", regex: #"\b(sk-ant-)[A-Za-z0-9_-]{40,}"#, prefix: "",
                   anchors: ["sk-ant-"],
                   matches: ["sk-ant-" + "api03-" + "Xq8vN2kLp4Rz7Tm1Wc9Hb3Jd6Fg5Ys0Ue2Io8Pa4Sd7Fh1Gj3Kl6Zx9Cv5Bn0Mq2We4Rt8"],
                   nonMatches: ["sk-ant-short", "sk-ant-" + "api03-" + String(repeating: "x", count: 48), "sk-ant-" + "api03-" + String(repeating: "Ab9_", count: 12)]),
        SecretRule(id: "openai-api-key", title: "OpenAI API key", regex: #"\b(sk-)(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,}"#, prefix: "",
                   anchors: ["sk-"],
                   matches: ["sk-" + "proj-" + "Zq8xR2mN7vK4pL9wT3cH6bJ1dF5gY0sU8eI2oP4aS7dF1gH3jK6l"],
                   nonMatches: ["sk-" + "ant-" + String(repeating: "Ab9_", count: 12), "sk-short", "sk-" + "proj-" + String(repeating: "Zq8x", count: 12),
                                "sk-" + "your-openai-api-key-goes-here-please-fill-it"]),
        SecretRule(id: "github-token", title: "GitHub token", regex: #"\b((?:ghp|gho|ghu|ghs|ghr)_|github_pat_)[A-Za-z0-9_]{36,}\b"#, prefix: "",
                   anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
                   matches: ["ghp_" + "Kx9mQ2vL7pR4tW8nZ3cB6hJ1dF5gY0sUe2Io"],
                   nonMatches: ["ghp_short", "ghp_" + String(repeating: "a1B2", count: 9), "ghp_" + String(repeating: "x", count: 36)]),
        SecretRule(id: "slack-token", title: "Slack token", regex: #"\b(xox[baprs]-)[A-Za-z0-9-]{10,}\b"#, prefix: "",
                   anchors: ["xox"],
                   matches: ["xoxb-" + "583920174652-" + "Kd8Qm2Lx7Pz4Rt9V"], nonMatches: ["xoxz-123456789012", "xoxb-" + "xxxxxxxxxxxx-xxxxxxxx", "xoxb-" + "123456789012-abcdefABCDEF"]),
        SecretRule(id: "database-url-password", title: "Database URL with a password",
                   regex: #"\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?)://([^:\s/@'"]*):)([^@\s/'"]{3,})@([^/\s:'"?#,;)\]]*)"#, prefix: "",
                   anchors: ["postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://", "mongodb+srv://", "redis://", "rediss://", "amqp://", "amqps://"],
                   matches: [pg + "app:" + "s3cr3tPassw0rd@db.internal/app", pg + "app:" + "Zx81kd0qPw@localhost/app"],
                   nonMatches: [pg + "app@db/app", pg + "user:${DB_PASSWORD}@db/app", pg + "user:$DB_PASSWORD@db/app", pg + "user:[password]@db.example.com/app",
                                pg + "user:<password>@db.example.com/app", pg + "user:password@db.example.com/app", pg + "user:YOUR-PASSWORD@db.example.com/app",
                                pg + "user:xxx@db.example.com/app", pg + "user:...@db.example.com/app", pg + "user:changeme@db.example.com/app",
                                pg + "user:secret@db.example.com/app", pg + "user:aaaaaaaa@db.example.com/app", pg + "user:12345678@db.example.com/app"]),
    ]

    static let safeEnvSuffixes = ["example", "sample", "template", "dist", "defaults"]

    /// `.env`, `.env.production`, `prod.env`, … — not `.env.example`, `.env.sample`, `.env.template`.
    package static func isEnvFile(_ path: String) -> Bool {
        // Asked of every file a history scan meets: a name without "env" in it is answered from its bytes.
        guard nameMentionsEnv(path) else { return false }
        let name = (path as NSString).lastPathComponent.lowercased()
        for safe in safeEnvSuffixes where name.hasSuffix("." + safe) || name.hasSuffix("-" + safe) { return false }
        return name == ".env" || name.hasPrefix(".env.") || name.hasSuffix(".env")
    }

    /// Whether the last component of `path` holds "env" in any case.
    private static func nameMentionsEnv(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var index = bytes.count - 1
            var seen: (UInt8, UInt8) = (0, 0)  // the two bytes after `index`, lower-cased
            while index >= 0, bytes[index] != UInt8(ascii: "/") {
                let byte = bytes[index] | 0x20
                if byte == UInt8(ascii: "e"), seen == (UInt8(ascii: "n"), UInt8(ascii: "v")) { return true }
                seen = (byte, seen.0)
                index -= 1
            }
            return false
        }
    }
}

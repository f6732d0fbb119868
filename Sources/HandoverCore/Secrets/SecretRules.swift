import Crypto
import Foundation

/// High-confidence credential shapes, as data. Each rule has a constant prefix used for the redacted excerpt
/// (`sk_live_****`: zero characters of the secret itself) and examples that must and must not match.
public struct SecretRule: Sendable {
    public var id: String
    public var title: String
    /// First capture group, when present, is the constant part shown in the excerpt; the rest is never shown.
    public var regex: String
    /// Shown before `****` when the rule has no capture group.
    public var prefix: String
    /// Literals of which every match holds at least one: a text holding none is not run through the regex.
    public var anchors: [String]
    public var matches: [String]
    public var nonMatches: [String]
}

public enum SecretRules {
    /// Bumped whenever a rule changes, so stored scans know to start again.
    public static let version = "2026.11.1"
    /// The rule id of an env file committed to the repository.
    public static let envFileRule = "env-file"

    /// `sha256:` over everything that decides a scan's findings: the version, every rule, the placeholders and
    /// the env-file name rules. A stored scan with another digest is scanned again from the start.
    public static let digest: String = {
        var text = "\(version)\n" + rules.map { "\($0.id)\t\($0.regex)\t\($0.prefix)\t\($0.anchors.joined(separator: " "))" }.joined(separator: "\n")
        text += "\n" + placeholders.joined(separator: "\t") + "\n" + safeEnvSuffixes.joined(separator: "\t")
        return "sha256:" + SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }()

    // Example values are assembled from pieces so this file itself holds no credential shape.
    static let k = "k", live = "_live_", test = "_test_"

    public static let rules: [SecretRule] = [
        SecretRule(id: "private-key", title: "Private key block", regex: #"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)"#,
                   prefix: "", anchors: ["PRIVATE KEY"],
                   matches: ["-----BEGIN " + "RSA PRIVATE KEY-----\nMIIB"], nonMatches: ["-----BEGIN PUBLIC KEY-----"]),
        SecretRule(id: "aws-access-key", title: "AWS access key id", regex: #"\b((?:AKIA|ASIA))[0-9A-Z]{16}\b"#, prefix: "",
                   anchors: ["AKIA", "ASIA"],
                   matches: ["AKIA" + "Q3EGRZ7HKXLMPN2T"], nonMatches: ["AKIA" + "IOSFODNN7EXAMPLE", "AKIA123"]),
        SecretRule(id: "stripe-secret-key", title: "Stripe secret or restricted key", regex: #"\b((?:sk|rk)_(?:live|test)_)[0-9A-Za-z]{20,}\b"#,
                   prefix: "", anchors: ["k_live_", "k_test_"],
                   matches: ["s" + k + live + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"], nonMatches: ["p" + k + live + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd", "s" + k + test + "short"]),
        SecretRule(id: "stripe-webhook-secret", title: "Stripe webhook signing secret", regex: #"\b(whsec_)[0-9A-Za-z]{24,}\b"#, prefix: "",
                   anchors: ["whsec_"],
                   matches: ["whsec_" + "Q2LkT9vW3mZr7Yp4Nc6Bd8Hf1Jx"], nonMatches: ["whsec_short"]),
        SecretRule(id: "anthropic-api-key", title: "Anthropic API key", regex: #"\b(sk-ant-)[A-Za-z0-9_-]{40,}"#, prefix: "",
                   anchors: ["sk-ant-"],
                   matches: ["sk-ant-" + "api03-" + String(repeating: "Ab9_", count: 12)], nonMatches: ["sk-ant-short"]),
        SecretRule(id: "openai-api-key", title: "OpenAI API key", regex: #"\b(sk-)(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,}"#, prefix: "",
                   anchors: ["sk-"],
                   matches: ["sk-" + "proj-" + String(repeating: "Zq8x", count: 12)], nonMatches: ["sk-" + "ant-" + String(repeating: "Ab9_", count: 12), "sk-short"]),
        SecretRule(id: "github-token", title: "GitHub token", regex: #"\b((?:ghp|gho|ghu|ghs|ghr)_|github_pat_)[A-Za-z0-9_]{36,}\b"#, prefix: "",
                   anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
                   matches: ["ghp_" + String(repeating: "a1B2", count: 9)], nonMatches: ["ghp_short"]),
        SecretRule(id: "slack-token", title: "Slack token", regex: #"\b(xox[baprs]-)[A-Za-z0-9-]{10,}\b"#, prefix: "",
                   anchors: ["xox"],
                   matches: ["xoxb-" + "123456789012-abcdefABCDEF"], nonMatches: ["xoxz-123456789012"]),
        SecretRule(id: "database-url-password", title: "Database URL with a password",
                   regex: #"\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?)://[^:\s/@'"]+:)[^@\s/'"]{3,}@"#, prefix: "",
                   anchors: ["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp"],
                   matches: ["postgres://app:" + "s3cr3tPassw0rd@db.internal/app"],
                   nonMatches: ["postgres://app@db/app", "postgres://user:${DB_PASSWORD}@db/app", "postgres://user:password@localhost/app"]),
    ]

    /// Values that are documented examples or placeholders, never reported.
    static let placeholders = ["EXAMPLE", "${", "{{", "<", "password@", "changeme", "xxxxxxxx", "your_", "your-"]

    static let compiled: [(SecretRule, NSRegularExpression)] = rules.compactMap { rule in
        (try? NSRegularExpression(pattern: rule.regex)).map { (rule, $0) }
    }

    public struct Match: Sendable, Equatable {
        public var rule: String
        public var line: Int
        /// The rule's constant part and `****`: no character of the secret.
        public var redacted: String
        /// A hash of the matched text with this process's random seed: tells, within one run, whether a later
        /// version of a file still holds the same secret. Never stored or printed.
        public var identity: Int
    }

    /// Credential shapes in UTF-8 bytes (a blob as libgit2 holds it): rules whose anchors are all absent cost one
    /// memmem each, and no String is made for a text that holds no anchor at all.
    public static func scan(utf8 bytes: UnsafeRawBufferPointer) -> [Match] {
        guard bytes.count <= 4 << 20, let base = bytes.baseAddress else { return [] }
        let candidates = compiled.indices.filter { index in
            anchorBytes[index].contains { contains(UnsafeRawBufferPointer(start: base, count: bytes.count), $0) }
        }.map { compiled[$0] }
        guard !candidates.isEmpty else { return [] }
        return scan(String(decoding: bytes, as: UTF8.self), rules: candidates)
    }

    static let anchorBytes: [[[UInt8]]] = compiled.map { rule, _ in rule.anchors.map { Array($0.utf8) } }

    /// Whether `needle` occurs in `haystack`: memchr for its first byte, memcmp for the rest.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count, var p = haystack.baseAddress else { return false }
        let end = p + (haystack.count - needle.count + 1)
        while p < end {
            guard let hit = memchr(p, Int32(first), end - p) else { return false }
            if needle.withUnsafeBytes({ memcmp(hit, $0.baseAddress!, needle.count) }) == 0 { return true }
            p = UnsafeRawPointer(hit) + 1
        }
        return false
    }

    /// Credential shapes in a text, with their 1-based line numbers.
    public static func scan(_ text: String) -> [Match] {
        var copy = text
        return copy.withUTF8 { scan(utf8: UnsafeRawBufferPointer($0)) }
    }

    static func scan(_ text: String, rules: [(SecretRule, NSRegularExpression)]) -> [Match] {
        let range = NSRange(text.startIndex..., in: text)
        var out: [Match] = []
        for (rule, regex) in rules {
            for match in regex.matches(in: text, range: range) {
                guard let whole = Range(match.range, in: text) else { continue }
                let found = text[whole]
                if placeholders.contains(where: { found.contains($0) }) { continue }
                let constant = match.numberOfRanges > 1 ? Range(match.range(at: 1), in: text).map { String(text[$0]) } ?? "" : ""
                let line = text[..<whole.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                var hasher = Hasher()
                hasher.combine(rule.id)
                hasher.combine(found)
                out.append(Match(rule: rule.id, line: line, redacted: (constant.isEmpty ? rule.prefix : constant) + "****",
                                 identity: hasher.finalize()))
            }
        }
        return out.sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
    }

    static let safeEnvSuffixes = ["example", "sample", "template", "dist", "defaults"]

    /// `.env`, `.env.production`, `prod.env`, … — not `.env.example`, `.env.sample`, `.env.template`.
    public static func isEnvFile(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent.lowercased()
        for safe in safeEnvSuffixes where name.hasSuffix("." + safe) || name.hasSuffix("-" + safe) { return false }
        return name == ".env" || name.hasPrefix(".env.") || name.hasSuffix(".env")
    }
}

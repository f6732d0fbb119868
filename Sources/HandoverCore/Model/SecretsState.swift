import Foundation

/// A credential shape or an env file found in the repository, redacted.
public struct SecretFinding: Codable, Sendable, Equatable {
    /// A rule id from `SecretRules`, or `env-file`.
    public var rule: String
    public var path: String
    public var line: Int?
    /// The commit that introduced it (HEAD's commit when only HEAD was scanned).
    public var commit: String
    public var author: String
    public var date: Date
    /// The rule's constant prefix and `****` only.
    public var redacted: String
    /// For env files: the commit that deleted the file again, if any (history stays in the repository).
    public var removedIn: String?
    /// True when HEAD still holds it (the file exists at HEAD and still matches the rule); nil when not checked.
    public var atHead: Bool?
    /// `rule:path:introducing-commit`, stable across later edits of the file.
    public var fingerprint: String

    public init(rule: String, path: String, line: Int?, commit: String, author: String, date: Date, redacted: String,
                removedIn: String? = nil, atHead: Bool? = nil) {
        self.rule = rule
        self.path = path
        self.line = line
        self.commit = commit
        self.author = author
        self.date = date
        self.redacted = redacted
        self.removedIn = removedIn
        self.atHead = atHead
        fingerprint = "\(rule):\(path):\(commit)"
    }

    public var isEnvFile: Bool { rule == SecretRules.envFileRule }
}

/// The `secrets` section: a redacted scan of every commit reachable from a branch or tag.
///
/// The scanned ref tips and the rule-set digest let the next snapshot scan only commits that are new since
/// (and everything again when the rules changed).
public struct SecretsState: Codable, Sendable, Equatable {
    public var rulesVersion: String
    /// `sha256:` over the rules as compiled into this build.
    public var rulesDigest: String
    /// Commit ids whose whole ancestry has been scanned, sorted: every branch and tag tip after a complete scan; after
    /// a partial one, the newest scanned commits of each line of history (the next snapshot goes on from there).
    public var scannedTips: [String]
    /// How this run scanned: everything, only commits new since `scannedTips` of the previous snapshot, or part of
    /// what was due before its time ran out (`partial`).
    public var scan: ScanKind
    /// Commits and distinct blobs this run read (zero when nothing was new).
    public var commitsScanned: Int
    public var blobsScanned: Int
    /// After a partial scan: the commits still to read (the next snapshots continue); absent when complete.
    public var commitsRemaining: Int?
    /// Sorted by fingerprint.
    public var findings: [SecretFinding]

    public enum ScanKind: String, Codable, Sendable, LenientRawEnum {
        case full, incremental, partial, unknown
    }

    public init(rulesVersion: String, rulesDigest: String, scannedTips: [String], scan: ScanKind, commitsScanned: Int,
                blobsScanned: Int, commitsRemaining: Int? = nil, findings: [SecretFinding]) {
        self.rulesVersion = rulesVersion
        self.rulesDigest = rulesDigest
        self.scannedTips = Array(Set(scannedTips)).sorted()
        self.scan = scan
        self.commitsScanned = commitsScanned
        self.blobsScanned = blobsScanned
        self.commitsRemaining = commitsRemaining
        self.findings = findings.sorted { $0.fingerprint < $1.fingerprint }
    }
}

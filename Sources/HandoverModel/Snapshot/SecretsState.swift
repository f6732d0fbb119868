import Foundation

/// A credential shape or an env file found in the repository, redacted.
package struct SecretFinding: Codable, Sendable, Equatable {
    /// A rule id from `SecretRules`, or `env-file`.
    package var rule: String
    package var path: String
    package var line: Int?
    /// The commit that introduced it (HEAD's commit when only HEAD was scanned).
    package var commit: String
    package var author: String
    package var date: Date
    /// The rule's constant prefix and `****` only.
    package var redacted: String
    /// For env files: the commit that deleted the file again, if any (history stays in the repository).
    package var removedIn: String?
    /// True when HEAD still holds it (the file exists at HEAD and still matches the rule); nil when not checked.
    package var atHead: Bool?
    /// Credentials: `rule:` and a keyed hash of the value (`SecretFingerprint`), the same for the same value in every
    /// file and commit. Env files: `env-file:path:introducing-commit`. Scans before rules 2026.12.1 used
    /// `rule:path:commit` for both.
    package var fingerprint: String
    /// How sure the scan is that this is a live credential, and why; nil in scans before rules 2026.12.1 (read as
    /// `certain`) and for env files.
    package var confidence: SecretConfidence?
    package var reasons: [SecretReason]?
    /// Every place the same value appeared, oldest first (the first is the introducing one, as above), at most
    /// `SecretOccurrence.kept`; nil when it appeared once.
    package var occurrences: [SecretOccurrence]?
    /// How many places in all, when more than `occurrences` holds.
    package var occurrenceCount: Int?

    package init(rule: String, path: String, line: Int?, commit: String, author: String, date: Date, redacted: String,
                removedIn: String? = nil, atHead: Bool? = nil, confidence: SecretConfidence? = nil, reasons: [SecretReason]? = nil,
                fingerprint: String? = nil) {
        self.rule = rule
        self.path = path
        self.line = line
        self.commit = commit
        self.author = author
        self.date = date
        self.redacted = redacted
        self.removedIn = removedIn
        self.atHead = atHead
        self.confidence = confidence
        self.reasons = reasons
        self.fingerprint = fingerprint ?? "\(rule):\(path):\(commit)"
    }

    /// The rule id of an env file committed to the repository (the scanner's rules name it `SecretRules.envFileRule`).
    package static let envFileRule = "env-file"

    package var isEnvFile: Bool { rule == Self.envFileRule }
    /// The confidence a reader acts on: an old scan's finding (no confidence recorded) counts as certain.
    package var effectiveConfidence: SecretConfidence { confidence ?? .certain }
}

/// One place a credential's value appeared: the file, line and commit that added it there.
package struct SecretOccurrence: Codable, Sendable, Equatable {
    package var path: String
    package var line: Int?
    package var commit: String
    package var date: Date

    /// How many occurrences a finding keeps (the count says how many there were).
    package static let kept = 20

    package init(path: String, line: Int?, commit: String, date: Date) {
        self.path = path
        self.line = line
        self.commit = commit
        self.date = date
    }
}

/// How sure a match is a live credential; the audit's severity follows it (blocker, high, medium, info).
package enum SecretConfidence: String, Codable, Sendable, Comparable, LenientRawEnum {
    /// The value proves itself: a key block that parses, a full-length live key, an AWS key id with its secret.
    case certain
    /// The shape of a credential in code or configuration.
    case likely
    /// A credential shape where credentials are rarely live (docs, tests, vendored code) or of a weaker kind.
    case possible
    /// Almost surely not live: a local database's default password.
    case unlikely
    case unknown

    static let ranked: [SecretConfidence] = [.certain, .likely, .possible, .unlikely, .unknown]

    /// `a < b` when `a` is more confident.
    package static func < (a: SecretConfidence, b: SecretConfidence) -> Bool {
        (ranked.firstIndex(of: a) ?? 4) < (ranked.firstIndex(of: b) ?? 4)
    }

    /// One step less sure (`unlikely` stays).
    package var lowered: SecretConfidence {
        switch self {
        case .certain: return .likely
        case .likely: return .possible
        default: return .unlikely
        }
    }
}

/// Why a match has its confidence, as data; `text` says it in words.
package enum SecretReason: String, Codable, Sendable, LenientRawEnum {
    case keyBlockParses = "key-block-parses"
    case fullLengthLiveKey = "full-length-live-key"
    case awsSecretNearby = "aws-secret-nearby"
    case tokenFormat = "token-format"
    case credentialShape = "credential-shape"
    case testModeKey = "test-mode-key"
    case genericPrefix = "generic-prefix"
    case remoteDatabase = "remote-database"
    case generatedPassword = "generated-password"
    case envFileSecretValue = "env-file-secret-value"
    case envFileSettings = "env-file-settings"
    case envFilePlaceholders = "env-file-placeholders"
    case developmentEnvFile = "development-env-file"
    case localDatabase = "local-database"
    case defaultPassword = "default-password"
    case documentation
    case testFixture = "test-fixture"
    case vendored
    case bundle
    case unknown

    package var text: String {
        switch self {
        case .keyBlockParses: return "the key block decodes and parses as a private key"
        case .fullLengthLiveKey: return "a live key of the provider's full length"
        case .awsSecretNearby: return "a 40-character secret access key next to it"
        case .tokenFormat: return "the provider's exact token format"
        case .credentialShape: return "the shape of the provider's credential"
        case .testModeKey: return "a test-mode key"
        case .genericPrefix: return "a generic prefix other providers share"
        case .remoteDatabase: return "a database on another host"
        case .developmentEnvFile: return "a test or development env file"
        case .envFileSecretValue: return "the file gives a credential name a real-looking value"
        case .envFileSettings: return "the file holds settings but no value for a credential name"
        case .envFilePlaceholders: return "the file holds only empty values, placeholders, localhost, test keys or ${VAR}"
        case .generatedPassword: return "a generated password (16 characters or more, a generator's mix and entropy) for a named host"
        case .localDatabase: return "a database on this machine or a compose service"
        case .defaultPassword: return "a default password"
        case .documentation: return "in documentation"
        case .testFixture: return "in a test or fixture"
        case .vendored: return "in vendored code"
        case .bundle: return "in a minified bundle or source map"
        case .unknown: return "a reason this build does not know"
        }
    }
}

/// The `secrets` section: a redacted scan of every commit reachable from a branch or tag.
///
/// The scanned ref tips and the rule-set digest let the next snapshot scan only commits that are new since
/// (and everything again when the rules changed).
package struct SecretsState: Codable, Sendable, Equatable {
    package var rulesVersion: String
    /// `sha256:` over the rules as compiled into this build.
    package var rulesDigest: String
    /// Commit ids whose whole ancestry has been scanned, sorted: every branch and tag tip after a complete scan; after
    /// a partial one, the newest scanned commits of each line of history (the next snapshot goes on from there).
    package var scannedTips: [String]
    /// How this run scanned: everything, only commits new since `scannedTips` of the previous snapshot, or part of
    /// what was due before its time ran out (`partial`).
    package var scan: ScanKind
    /// Commits and distinct blobs this run read (zero when nothing was new).
    package var commitsScanned: Int
    package var blobsScanned: Int
    /// After a partial scan: the commits still to read (the next snapshots continue); absent when complete.
    package var commitsRemaining: Int?
    /// Objects the scan could not read (a partial or shallow clone, a deleted pack): what they held is unknown,
    /// and the next scan reads them again. Absent when everything was read.
    package var unreadable: UnreadableObjects?
    /// Sorted by fingerprint.
    package var findings: [SecretFinding]

    package enum ScanKind: String, Codable, Sendable, LenientRawEnum {
        case full, incremental, partial, unknown
    }

    package init(rulesVersion: String, rulesDigest: String, scannedTips: [String], scan: ScanKind, commitsScanned: Int,
                blobsScanned: Int, commitsRemaining: Int? = nil, unreadable: UnreadableObjects? = nil, findings: [SecretFinding]) {
        self.rulesVersion = rulesVersion
        self.rulesDigest = rulesDigest
        self.scannedTips = Array(Set(scannedTips)).sorted()
        self.scan = scan
        self.commitsScanned = commitsScanned
        self.blobsScanned = blobsScanned
        self.commitsRemaining = commitsRemaining
        self.unreadable = unreadable
        self.findings = findings.sorted { $0.fingerprint < $1.fingerprint }
    }
}

/// What a history scan could not read: how many objects (commits, trees, blobs), and a few of them by id and path.
package struct UnreadableObjects: Codable, Sendable, Equatable {
    package var count: Int
    /// `kind id path` for the first few, e.g. `blob 176f1134eb17 apps/web/font.ttf`.
    package var examples: [String]

    /// How many examples are kept.
    package static let kept = 5

    package init(count: Int, examples: [String]) {
        self.count = count
        self.examples = examples
    }
}

import Foundation

/// How bad a finding is. blocker, high and medium are launch risks; low and info are shown but are not risks.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable, LenientRawEnum {
    case blocker, high, medium, low, info, unknown

    /// Highest first.
    public static let ranked: [Severity] = [.blocker, .high, .medium, .low, .info]

    var rank: Int { Self.ranked.firstIndex(of: self) ?? Self.ranked.count }

    /// `a < b` when `a` is more severe, so sorting ascending puts blockers first.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// At or above `level` (blocker is at or above everything).
    public func isAtLeast(_ level: Severity) -> Bool { rank <= level.rank }

    public var isRisk: Bool { isAtLeast(.medium) }
}

/// One audit finding. `fingerprint` (`id|subject`) identifies it across snapshots.
public struct Finding: Codable, Sendable, Equatable, Hashable {
    public enum Status: String, Codable, Sendable, LenientRawEnum {
        /// Not in the previous snapshot's audit.
        case new
        /// Also in the previous snapshot's audit.
        case open
        /// In the previous audit, gone now (listed apart).
        case resolved
        /// Resolved once, back now.
        case regressed
        /// Covered by a live waiver from the manifest's `accept` list.
        case accepted
        case unknown
    }

    public struct Acceptance: Codable, Sendable, Equatable, Hashable {
        public var reason: String
        public var owner: String?
        public var until: String
        /// The waiver's `until` has passed: the finding counts again.
        public var expired: Bool
    }

    public var id: String
    public var severity: Severity
    public var subject: String
    public var title: String
    public var impact: String
    /// Observed facts, as recorded (renderers escape them).
    public var evidence: [String]
    public var remediation: String
    public var reference: String
    public var fingerprint: String
    public var status: Status
    /// The waiver that covers it, or covered it until it expired.
    public var acceptance: Acceptance?

    public init(id: String, severity: Severity, subject: String, title: String, impact: String, evidence: [String],
                remediation: String, reference: String, status: Status = .new, acceptance: Acceptance? = nil) {
        self.id = id
        self.severity = severity
        self.subject = subject
        self.title = title
        self.impact = impact
        self.evidence = evidence
        self.remediation = remediation
        self.reference = reference
        fingerprint = "\(id)|\(subject)"
        self.status = status
        self.acceptance = acceptance
    }

    /// Counts toward gates and risk totals: not accepted (an expired waiver counts again).
    public var counts: Bool { status != .accepted }

    /// Severity, then id, then subject.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.id != b.id { return a.id < b.id }
        return a.subject < b.subject
    }
}

/// A snapshot's audit: what `handover snapshot` stores and `handover audit` prints.
public struct AuditReport: Codable, Sendable, Equatable {
    /// The version of the check set that produced it.
    public var rulesVersion: String
    /// Open findings (including accepted ones), ordered by severity, id, subject.
    public var findings: [Finding]
    /// Findings of the previous snapshot that are gone.
    public var resolved: [Finding]
    /// Fingerprints resolved at some point in history and not open now: a return is `regressed`.
    public var everResolved: [String]
    /// Checks that reported nothing because an input section was not collected.
    public var notChecked: [NotChecked]
    /// The newest earlier snapshot without a blocker or high finding.
    public var lastKnownGood: KnownGood?
    /// What to roll back to: the last known good deploy, else the newest release tag behind the deployed commit.
    public var rollbackTarget: RollbackTarget?

    public struct NotChecked: Codable, Sendable, Equatable {
        public var check: String
        public var reason: String
    }

    public struct KnownGood: Codable, Sendable, Equatable {
        public var snapshot: String
        public var createdAt: Date
        public var commit: String?
        public var tag: String?
    }

    public struct RollbackTarget: Codable, Sendable, Equatable {
        public var commit: String?
        public var tag: String?
        /// `last-known-good` or `release-tag`.
        public var source: String
    }

    public init(rulesVersion: String, findings: [Finding], resolved: [Finding], everResolved: [String], notChecked: [NotChecked],
                lastKnownGood: KnownGood?, rollbackTarget: RollbackTarget?) {
        self.rulesVersion = rulesVersion
        self.findings = findings
        self.resolved = resolved
        self.everResolved = everResolved
        self.notChecked = notChecked
        self.lastKnownGood = lastKnownGood
        self.rollbackTarget = rollbackTarget
    }

    /// Counted findings per severity, highest first (severities with none included, as 0).
    public var counts: [(Severity, Int)] {
        Severity.ranked.map { level in (level, findings.filter { $0.counts && $0.severity == level }.count) }
    }

    /// True when no counted finding is blocker or high: a snapshot that can serve as last known good.
    public var isGood: Bool { !findings.contains { $0.counts && $0.severity.isAtLeast(.high) } }
}

/// What a check sees: the snapshot, its predecessor, the thresholds and the moment — no network, no clock.
public struct AuditContext: Sendable {
    public var snapshot: Snapshot
    public var previous: Snapshot?
    public var settings: AuditSettings
    public var now: Date

    public init(snapshot: Snapshot, previous: Snapshot? = nil, settings: AuditSettings = AuditSettings(), now: Date) {
        self.snapshot = snapshot
        self.previous = previous
        self.settings = settings
        self.now = now
    }
}

/// What a check observed about one subject.
public struct Observation: Sendable, Equatable {
    public var subject: String
    public var evidence: [String]
    /// Replaces the check's default severity (e.g. 14 days left is a blocker, 30 a high).
    public var severity: Severity?

    public init(_ subject: String, _ evidence: [String], severity: Severity? = nil) {
        self.subject = subject
        self.evidence = evidence
        self.severity = severity
    }
}

/// An example for a check: a change to the healthy snapshot (and optionally a previous one), whether the check must
/// fire on it and with which severity, and which other checks fire on the same change. The examples are the tests:
/// the whole audit of the changed snapshot must report exactly this check (when it triggers) and `alsoFires`.
public struct CheckExample: Sendable {
    public var name: String
    public var triggers: Bool
    /// The severity every finding of the check must have; nil means the check's default severity.
    public var severity: Severity?
    /// Other checks that must fire on the same change (they read the same fact); every other check must stay silent.
    public var alsoFires: [String]
    public var change: @Sendable (inout Snapshot) -> Void
    public var previous: (@Sendable (inout Snapshot) -> Void)?

    public static func triggers(_ name: String, severity: Severity? = nil, alsoFires: [String] = [],
                                previous: (@Sendable (inout Snapshot) -> Void)? = nil,
                                _ change: @escaping @Sendable (inout Snapshot) -> Void) -> CheckExample {
        CheckExample(name: name, triggers: true, severity: severity, alsoFires: alsoFires, change: change, previous: previous)
    }

    public static func passes(_ name: String, alsoFires: [String] = [], previous: (@Sendable (inout Snapshot) -> Void)? = nil,
                              _ change: @escaping @Sendable (inout Snapshot) -> Void) -> CheckExample {
        CheckExample(name: name, triggers: false, severity: nil, alsoFires: alsoFires, change: change, previous: previous)
    }
}

/// One audit check: a stable id, a default severity, words for people, and its examples.
public protocol AuditCheck: Sendable {
    static var id: String { get }
    static var severity: Severity { get }
    static var title: String { get }
    /// The business impact in one sentence.
    static var impact: String { get }
    static var remediation: String { get }
    /// An RFC section or vendor document.
    static var reference: String { get }
    /// Sections it reads; when one was not collected the check reports nothing.
    static var sections: [SectionName] { get }
    static func observe(_ context: AuditContext) -> [Observation]
    static var examples: [CheckExample] { get }
}

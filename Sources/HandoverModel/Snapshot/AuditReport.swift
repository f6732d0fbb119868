import Foundation

/// How bad a finding is. blocker, high and medium are launch risks; low and info are shown but are not risks.
package enum Severity: String, Codable, Sendable, CaseIterable, Comparable, LenientRawEnum {
    case blocker, high, medium, low, info, unknown

    /// Highest first.
    package static let ranked: [Severity] = [.blocker, .high, .medium, .low, .info]

    var rank: Int { Self.ranked.firstIndex(of: self) ?? Self.ranked.count }

    /// `a < b` when `a` is more severe, so sorting ascending puts blockers first.
    package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// At or above `level` (blocker is at or above everything).
    package func isAtLeast(_ level: Severity) -> Bool { rank <= level.rank }

    package var isRisk: Bool { isAtLeast(.medium) }
}

/// One audit finding. `fingerprint` (`id|subject`) identifies it across snapshots.
package struct Finding: Codable, Sendable, Equatable, Hashable {
    package enum Status: String, Codable, Sendable, LenientRawEnum {
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

    package struct Acceptance: Codable, Sendable, Equatable, Hashable {
        package var reason: String
        package var owner: String?
        package var until: String
        /// The waiver's `until` has passed: the finding counts again.
        package var expired: Bool

        package init(reason: String, owner: String? = nil, until: String, expired: Bool) {
            self.reason = reason
            self.owner = owner
            self.until = until
            self.expired = expired
        }
    }

    package var id: String
    package var severity: Severity
    package var subject: String
    package var title: String
    package var impact: String
    /// Observed facts, as recorded (renderers escape them).
    package var evidence: [String]
    package var remediation: String
    package var reference: String
    package var fingerprint: String
    package var status: Status
    /// The waiver that covers it, or covered it until it expired.
    package var acceptance: Acceptance?

    package init(id: String, severity: Severity, subject: String, title: String, impact: String, evidence: [String],
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
    package var counts: Bool { status != .accepted }

    /// Severity, then id, then subject.
    package static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.id != b.id { return a.id < b.id }
        return a.subject < b.subject
    }
}

/// A snapshot's audit: what `handover snapshot` stores and `handover audit` prints.
package struct AuditReport: Codable, Sendable, Equatable {
    /// The version of the check set that produced it.
    package var rulesVersion: String
    /// Open findings (including accepted ones), ordered by severity, id, subject.
    package var findings: [Finding]
    /// Findings of the previous snapshot that are gone.
    package var resolved: [Finding]
    /// Fingerprints resolved at some point in history and not open now: a return is `regressed`.
    package var everResolved: [String]
    /// Checks that reported nothing because an input section was not collected.
    package var notChecked: [NotChecked]
    /// The newest earlier snapshot without a blocker or high finding.
    package var lastKnownGood: KnownGood?
    /// What to roll back to: the last known good deploy, else the newest release tag behind the deployed commit.
    package var rollbackTarget: RollbackTarget?

    package struct NotChecked: Codable, Sendable, Equatable {
        package var check: String
        package var reason: String

        package init(check: String, reason: String) {
            self.check = check
            self.reason = reason
        }
    }

    package struct KnownGood: Codable, Sendable, Equatable {
        package var snapshot: String
        package var createdAt: Date
        package var commit: String?
        package var tag: String?

        package init(snapshot: String, createdAt: Date, commit: String?, tag: String?) {
            self.snapshot = snapshot
            self.createdAt = createdAt
            self.commit = commit
            self.tag = tag
        }
    }

    package struct RollbackTarget: Codable, Sendable, Equatable {
        package var commit: String?
        package var tag: String?
        /// `last-known-good` or `release-tag`.
        package var source: String

        package init(commit: String? = nil, tag: String? = nil, source: String) {
            self.commit = commit
            self.tag = tag
            self.source = source
        }
    }

    package init(rulesVersion: String, findings: [Finding], resolved: [Finding], everResolved: [String], notChecked: [NotChecked],
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
    package var counts: [(Severity, Int)] {
        Severity.ranked.map { level in (level, findings.filter { $0.counts && $0.severity == level }.count) }
    }

    /// The counted findings at `level` or above: what a `--fail-on level` gate trips on.
    package func tripping(atOrAbove level: Severity) -> [Finding] {
        findings.filter { $0.counts && $0.severity.isAtLeast(level) }
    }

    /// True when no counted finding is blocker or high: a snapshot that can serve as last known good.
    package var isGood: Bool { !findings.contains { $0.counts && $0.severity.isAtLeast(.high) } }
}

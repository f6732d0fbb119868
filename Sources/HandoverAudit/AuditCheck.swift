import Foundation
import HandoverModel
import HandoverManifest

/// What a check sees: the snapshot, its predecessor, the thresholds and the moment — no network, no clock.
package struct AuditContext: Sendable {
    package var snapshot: Snapshot {
        didSet {
            handshakes = Self.handshakes(of: snapshot)
            emailVerdicts = Self.emailVerdicts(of: snapshot)
        }
    }
    package var previous: Snapshot?
    package var settings: AuditSettings
    package var now: Date
    /// TLS hosts that completed a handshake, with their leaf and verdict: judged once per snapshot (nine checks read
    /// them; judging each time matched every host against every name of its certificate nine times).
    package private(set) var handshakes: [(host: HostTLS, leaf: CertificateInfo, verdict: TrustVerdict)]
    /// Each domain's email verdicts (SPF and DMARC; DKIM apart), worked out once per snapshot: fifteen checks select
    /// from them, and working them out parses every SPF record of the domain's include tree again.
    package private(set) var emailVerdicts: [(domain: String, spfAndDMARC: [EmailVerdict], dkim: [EmailVerdict])]

    package init(snapshot: Snapshot, previous: Snapshot? = nil, settings: AuditSettings = AuditSettings(), now: Date) {
        self.snapshot = snapshot
        self.previous = previous
        self.settings = settings
        self.now = now
        self.handshakes = Self.handshakes(of: snapshot)
        self.emailVerdicts = Self.emailVerdicts(of: snapshot)
    }

    static func emailVerdicts(of snapshot: Snapshot) -> [(domain: String, spfAndDMARC: [EmailVerdict], dkim: [EmailVerdict])] {
        (snapshot.email.collectedValue?.domains ?? []).map { ($0.name, $0.spf.verdicts + $0.dmarc.verdicts, $0.dkim.flatMap(\.verdicts)) }
    }

    static func handshakes(of snapshot: Snapshot) -> [(host: HostTLS, leaf: CertificateInfo, verdict: TrustVerdict)] {
        (snapshot.tls.collectedValue?.hosts ?? []).compactMap { host in
            guard host.outcome == .handshake, let leaf = host.leaf, let verdict = host.verdict(at: snapshot.createdAt) else { return nil }
            return (host, leaf, verdict)
        }
    }
}

/// What a check observed about one subject.
package struct Observation: Sendable, Equatable {
    package var subject: String
    package var evidence: [String]
    /// Replaces the check's default severity (e.g. 14 days left is a blocker, 30 a high).
    package var severity: Severity?

    package init(_ subject: String, _ evidence: [String], severity: Severity? = nil) {
        self.subject = subject
        self.evidence = evidence
        self.severity = severity
    }
}

/// An example for a check: a change to the healthy snapshot (and optionally a previous one), whether the check must
/// fire on it and with which severity, and which other checks fire on the same change. The examples are the tests:
/// the whole audit of the changed snapshot must report exactly this check (when it triggers) and `alsoFires`.
package struct CheckExample: Sendable {
    /// The moment every example is judged at: 2026-12-01T00:00:00Z, the healthy example's `createdAt`.
    package static let now = Date(timeIntervalSince1970: 1_796_083_200)

    package var name: String
    package var triggers: Bool
    /// The severity every finding of the check must have; nil means the check's default severity.
    package var severity: Severity?
    /// Other checks that must fire on the same change (they read the same fact); every other check must stay silent.
    package var alsoFires: [String]
    package var change: @Sendable (inout Snapshot) -> Void
    package var previous: (@Sendable (inout Snapshot) -> Void)?

    package static func triggers(_ name: String, severity: Severity? = nil, alsoFires: [String] = [],
                                previous: (@Sendable (inout Snapshot) -> Void)? = nil,
                                _ change: @escaping @Sendable (inout Snapshot) -> Void) -> CheckExample {
        CheckExample(name: name, triggers: true, severity: severity, alsoFires: alsoFires, change: change, previous: previous)
    }

    package static func passes(_ name: String, alsoFires: [String] = [], previous: (@Sendable (inout Snapshot) -> Void)? = nil,
                              _ change: @escaping @Sendable (inout Snapshot) -> Void) -> CheckExample {
        CheckExample(name: name, triggers: false, severity: nil, alsoFires: alsoFires, change: change, previous: previous)
    }
}

/// One audit check: a stable id, a default severity, words for people, and its examples.
package protocol AuditCheck: Sendable {
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

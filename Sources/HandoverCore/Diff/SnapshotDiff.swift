import Foundation

/// "What changed?" between two snapshots: every change by stable identity, the stories that tie changes of one
/// host together across layers, and the layers that could not be compared. Encoded as the documented
/// `handover diff --format json`.
public struct SnapshotDiff: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public struct Side: Codable, Sendable, Equatable {
        /// The snapshot's file name, or `live` for one taken in memory.
        public var name: String
        public var createdAt: Date
        public var commit: String?

        public init(name: String, createdAt: Date, commit: String?) {
            self.name = name
            self.createdAt = createdAt
            self.commit = commit
        }
    }

    /// A layer left out because a side failed or skipped it: its items are neither added nor removed.
    public struct NotCompared: Codable, Sendable, Equatable {
        public var layer: SectionName
        public var reason: String
    }

    public var schemaVersion: Int
    public var old: Side
    public var new: Side
    public var notCompared: [NotCompared]
    /// Every change, sorted by layer, subject, attribute, then element.
    public var changes: [Change]
    /// Changes of one host across layers, in causal order (DNS → TLS → HTTP).
    public var stories: [Story]
    /// The commits between the two deploy hashes, when the head moved and the repository could say.
    public var commits: CommitRange?

    public init(old: Side, new: Side, notCompared: [NotCompared], changes: [Change], stories: [Story], commits: CommitRange? = nil) {
        schemaVersion = Self.schemaVersion
        self.old = old
        self.new = new
        self.notCompared = notCompared
        self.changes = changes
        self.stories = stories
        self.commits = commits
    }

    /// Changes of the values themselves: not a TTL counting down in a resolver's cache, not a value reached another way.
    public var substantive: [Change] { changes.filter { $0.incidental != true } }

    /// Nothing changed but incidentals: what `--exit-code`, `log` and "No changes" go by.
    public var isEmpty: Bool { substantive.isEmpty }
}

/// One change of one fact.
public struct Change: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable, LenientRawEnum {
        case added, removed, changed, unknown
    }

    /// What a change does to the launch risk; the audit reads it.
    public enum Impact: String, Codable, Sendable, LenientRawEnum {
        case weakens, strengthens, neutral, unknown
    }

    public var kind: Kind
    public var layer: SectionName
    /// Typed identity: `host:api.acme.example`, `domain:acme.example`, `env:production`, `tag:v1.2.0`, …
    public var subject: String
    /// Which fact of the subject: `address`, `certificate`, `trust`, `dmarc.policy`, `names`, …
    public var attribute: String
    /// For set-valued facts (TXT records, env names, tags): the element added or removed.
    public var element: String?
    public var before: String?
    public var after: String?
    public var impact: Impact
    /// What the change means in words (`renewed`, `replaced`, `TTL only`, `weakens p=reject → p=quarantine`).
    public var note: String?

    /// True for a change of a companion only (a TTL, how a value was reached) while the value itself is the same.
    public var incidental: Bool?

    public init(kind: Kind, layer: SectionName, subject: String, attribute: String, element: String? = nil, before: String?,
                after: String?, impact: Impact = .neutral, note: String? = nil, incidental: Bool? = nil) {
        self.incidental = incidental
        self.kind = kind
        self.layer = layer
        self.subject = subject
        self.attribute = attribute
        self.element = element
        self.before = before
        self.after = after
        self.impact = impact
        self.note = note
    }

    /// The host a change concerns, for grouping (`host:NAME` and `endpoint:URL` subjects).
    public var host: String? {
        if subject.hasPrefix("host:") { return String(subject.dropFirst(5)) }
        if subject.hasPrefix("endpoint:"), let url = URL(string: String(subject.dropFirst(9))) { return url.host?.lowercased() }
        return nil
    }
}

/// Changes of one host in several layers, told as one item: "api moved → its certificate no longer matches →
/// its health check fails".
public struct Story: Codable, Sendable, Equatable {
    public var subject: String
    /// The parts in causal order, joined with " → ".
    public var summary: String
    /// The changes it groups, in causal order.
    public var changes: [Change]
}

/// The commits between two deploy hashes.
public struct CommitRange: Codable, Sendable, Equatable {
    public enum Direction: String, Codable, Sendable, LenientRawEnum {
        /// New descends from old: the commits deployed since.
        case forward
        /// Old descends from new: a rollback; `commits` are the ones taken back.
        case backward
        /// Neither descends from the other (a force-push or another branch).
        case diverged
        /// The old commit is not in the repository any more (force-pushed away, or another clone).
        case oldMissing = "old-missing"
        case newMissing = "new-missing"
        case unknown
    }

    public var from: String
    public var to: String
    public var direction: Direction
    /// Newest first, at most `limit`; `total` counts them all.
    public var commits: [CommitInfo]
    public var total: Int
    public var note: String?

    public init(from: String, to: String, direction: Direction, commits: [CommitInfo], total: Int, note: String?) {
        self.from = from
        self.to = to
        self.direction = direction
        self.commits = commits
        self.total = total
        self.note = note
    }
}

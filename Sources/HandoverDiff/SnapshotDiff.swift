import Foundation
import HandoverModel

/// "What changed?" between two snapshots: every change by stable identity, the stories that tie changes of one
/// host together across layers, and the layers that could not be compared. Encoded as the documented
/// `handover diff --format json`.
package struct SnapshotDiff: Codable, Sendable, Equatable {
    package static let schemaVersion = 1

    package struct Side: Codable, Sendable, Equatable {
        /// The snapshot's file name, or `live` for one taken in memory.
        package var name: String
        package var createdAt: Date
        package var commit: String?

        package init(name: String, createdAt: Date, commit: String?) {
            self.name = name
            self.createdAt = createdAt
            self.commit = commit
        }
    }

    /// A layer left out because a side failed or skipped it: its items are neither added nor removed.
    package struct NotCompared: Codable, Sendable, Equatable {
        package var layer: SectionName
        package var reason: String
    }

    package var schemaVersion: Int
    package var old: Side
    package var new: Side
    package var notCompared: [NotCompared]
    /// Every change, sorted by layer, subject, attribute, then element.
    package var changes: [Change]
    /// Changes of one host across layers, in causal order (DNS → TLS → HTTP).
    package var stories: [Story]
    /// The commits between the two deploy hashes, when the head moved and the repository could say.
    package var commits: CommitRange?

    package init(old: Side, new: Side, notCompared: [NotCompared], changes: [Change], stories: [Story], commits: CommitRange? = nil) {
        schemaVersion = Self.schemaVersion
        self.old = old
        self.new = new
        self.notCompared = notCompared
        self.changes = changes
        self.stories = stories
        self.commits = commits
    }

    /// Changes of the values themselves: not a TTL counting down in a resolver's cache, not a value reached another way.
    package var substantive: [Change] { changes.filter { $0.incidental != true } }

    /// Nothing changed but incidentals: what `--exit-code`, `log` and "No changes" go by.
    package var isEmpty: Bool { substantive.isEmpty }
}

/// One change of one fact.
package struct Change: Codable, Sendable, Equatable, Hashable {
    package enum Kind: String, Codable, Sendable, LenientRawEnum {
        case added, removed, changed, unknown
    }

    /// What a change does to the launch risk; the audit reads it.
    package enum Impact: String, Codable, Sendable, LenientRawEnum {
        case weakens, strengthens, neutral, unknown
    }

    package var kind: Kind
    package var layer: SectionName
    /// Typed identity: `host:api.acme.example`, `domain:acme.example`, `env:production`, `tag:v1.2.0`, …
    package var subject: String
    /// Which fact of the subject: `address`, `certificate`, `trust`, `dmarc.policy`, `names`, …
    package var attribute: String
    /// For set-valued facts (TXT records, env names, tags): the element added or removed.
    package var element: String?
    package var before: String?
    package var after: String?
    package var impact: Impact
    /// What the change means in words (`renewed`, `replaced`, `TTL only`, `weakens p=reject → p=quarantine`).
    package var note: String?

    /// True for a change of a companion only (a TTL, how a value was reached) while the value itself is the same.
    package var incidental: Bool?

    package init(kind: Kind, layer: SectionName, subject: String, attribute: String, element: String? = nil, before: String?,
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
    package var host: String? {
        if subject.hasPrefix("host:") { return String(subject.dropFirst(5)) }
        if subject.hasPrefix("endpoint:"), let url = URL(string: String(subject.dropFirst(9))) { return url.host?.lowercased() }
        return nil
    }
}

/// Changes of one host in several layers, told as one item: "api moved → its certificate no longer matches →
/// its health check fails".
package struct Story: Codable, Sendable, Equatable {
    package var subject: String
    /// The parts in causal order, joined with " → ".
    package var summary: String
    /// The changes it groups, in causal order.
    package var changes: [Change]
}


import Foundation
import HandoverModel

/// Compares two snapshots layer by layer, by stable identities, never by array position.
package struct SnapshotDiffer: Sendable {
    /// Layers in report order; stories follow the causal order DNS → TLS → HTTP.
    package static let layers: [SectionName] = [.git, .env, .dns, .email, .tls, .http, .registration, .monitoring, .critical, .owners,
                                               .secrets, .audit]

    package var p95BudgetMs: Int

    package init(p95BudgetMs: Int = 500) { self.p95BudgetMs = p95BudgetMs }

    package func diff(old: Snapshot, oldName: String, new: Snapshot, newName: String) -> SnapshotDiff {
        let flattener = SnapshotFacts(p95BudgetMs: p95BudgetMs)
        var notCompared: [SnapshotDiff.NotCompared] = []
        var changes: [Change] = []
        func statuses(_ s: Snapshot) -> [SectionName: (SectionStatus, String?)] {
            var out = Dictionary(s.sectionStatuses.map { ($0.name, ($0.status, $0.reason)) }, uniquingKeysWith: { a, _ in a })
            out[.audit] = (s.audit.status, s.audit.reason)
            return out
        }
        let (oldStatus, newStatus) = (statuses(old), statuses(new))
        for layer in Self.layers {
            let (o, n) = (oldStatus[layer], newStatus[layer])
            guard o?.0 == .collected, n?.0 == .collected else {
                let side = o?.0 != .collected ? ("old", o) : ("new", n)
                let status = side.1?.0.rawValue ?? "absent"
                notCompared.append(.init(layer: layer, reason: "\(side.0) snapshot: \(status)" + (side.1?.1.map { " — \($0)" } ?? "")))
                continue
            }
            changes += compare(Self.keyed(flattener.facts(old, layer: layer)), Self.keyed(flattener.facts(new, layer: layer)),
                               old: old, new: new)
        }
        changes.sort { Self.order($0).lexicographicallyPrecedes(Self.order($1)) }
        return SnapshotDiff(
            old: .init(name: oldName, createdAt: old.createdAt, commit: old.git.data?.head.commit?.sha),
            new: .init(name: newName, createdAt: new.createdAt, commit: new.git.data?.head.commit?.sha),
            notCompared: notCompared, changes: changes, stories: Self.stories(changes))
    }

    static func order(_ c: Change) -> [String] {
        [String(format: "%02d", layers.firstIndex(of: c.layer) ?? 99), c.subject, c.attribute, c.element ?? ""]
    }

    /// Facts by key; a key seen twice (two owners of one asset) gets an ordinal so neither is lost.
    static func keyed(_ facts: [Fact]) -> [String: Fact] {
        var out: [String: Fact] = [:]
        for var fact in facts {
            var ordinal = 2
            let base = fact.element
            while out[fact.key] != nil {
                fact.element = (base ?? "") + "#\(ordinal)"
                ordinal += 1
            }
            out[fact.key] = fact
        }
        return out
    }

    func compare(_ old: [String: Fact], _ new: [String: Fact], old oldSnapshot: Snapshot, new newSnapshot: Snapshot) -> [Change] {
        var out: [Change] = []
        for key in Set(old.keys).union(new.keys) {
            let (o, n) = (old[key], new[key])
            let fact = (n ?? o)!
            var change: Change
            switch (o, n) {
            case let (o?, n?) where o.value == n.value:
                guard let before = o.incidental, let after = n.incidental, before != after else { continue }
                change = Change(kind: .changed, layer: fact.layer, subject: fact.subject, attribute: fact.attribute + "." + n.incidentalKind.rawValue,
                                element: fact.element, before: before, after: after, note: n.incidentalKind.note, incidental: true)
            case let (o?, n?):
                change = Change(kind: .changed, layer: fact.layer, subject: fact.subject, attribute: fact.attribute, element: fact.element,
                                before: o.value, after: n.value)
            case let (nil, n?):
                change = Change(kind: .added, layer: fact.layer, subject: fact.subject, attribute: fact.attribute, element: fact.element,
                                before: nil, after: n.value)
            case let (o?, nil):
                change = Change(kind: .removed, layer: fact.layer, subject: fact.subject, attribute: fact.attribute, element: fact.element,
                                before: o.value, after: nil)
            case (nil, nil):
                continue
            }
            ChangeMeaning.annotate(&change, old: oldSnapshot, new: newSnapshot)
            out.append(change)
        }
        return out
    }

    /// Groups the changes of one host that span two or more layers into a story, parts in causal order.
    static func stories(_ changes: [Change]) -> [Story] {
        var byHost: [String: [Change]] = [:]
        // Incidental changes (a TTL, how a value was reached) never make or join a story.
        for change in changes where change.incidental != true {
            if let host = change.host { byHost[host, default: []].append(change) }
        }
        var stories: [Story] = []
        for (host, parts) in byHost where Set(parts.map(\.layer)).count >= 2 {
            let ordered = parts.sorted { order($0).lexicographicallyPrecedes(order($1)) }
            stories.append(Story(subject: "host:\(host)", summary: "\(host): " + ordered.map(ChangeMeaning.phrase).joined(separator: " → "),
                                 changes: ordered))
        }
        return stories.sorted { $0.subject < $1.subject }
    }
}

/// What a change means: its impact on launch risk and a note in words. Also the short phrase used in stories.
enum ChangeMeaning {
    static func annotate(_ c: inout Change, old: Snapshot, new: Snapshot) {
        switch (c.layer, c.attribute) {
        case (.email, "dmarc.policy"):
            let rank = ["none": 0, "p=none": 0, "p=quarantine": 1, "p=reject": 2]
            let (a, b) = (rank[c.before ?? "none"] ?? 0, rank[c.after ?? "none"] ?? 0)
            c.impact = b < a ? .weakens : b > a ? .strengthens : .neutral
        case (.email, "spf"):
            let (a, b) = (allRank(c.before), allRank(c.after))
            c.impact = b < a ? .weakens : b > a ? .strengthens : .neutral
        case (.email, "dkim"):
            c.impact = c.kind == .removed || (c.after ?? "").hasPrefix("missing") || c.after == "revoked" ? .weakens
                : (c.before ?? "").hasPrefix("missing") ? .strengthens : bits(c.after) < bits(c.before) ? .weakens : .neutral
        case (.email, "mta-sts"), (.email, "tls-rpt"), (.dns, "dnssec"):
            c.impact = c.after == "absent" || c.after == "unsigned" ? .weakens : .strengthens
        case (.tls, "certificate"):
            annotateCertificate(&c, old: old, new: new)
        case (.tls, "trust"):
            c.impact = c.after == "trusted" ? .strengthens : c.before == "trusted" ? .weakens : .neutral
            c.note = c.after == "trusted" ? "fixed" : c.before == "trusted" ? "broken" : nil
        case (.tls, "handshake"):
            c.impact = c.after == "handshake" ? .strengthens : .weakens
        case (.http, "status"):
            let ok = { (s: String?) in s.flatMap(Int.init).map { (200..<400).contains($0) } ?? false }
            c.impact = ok(c.before) && !ok(c.after) ? .weakens : !ok(c.before) && ok(c.after) ? .strengthens : .neutral
            if c.impact == .weakens { c.note = "health check fails" }
        case (.http, "latency"):
            c.impact = (c.after ?? "").hasPrefix("over") ? .weakens : .strengthens
        case (.http, let a) where a.hasPrefix("header "):
            c.impact = c.after == "absent" ? .weakens : c.before == "absent" ? .strengthens : .neutral
        case (.http, "cors"):
            let bad = { (s: String?) in s == "reflects any origin" || s == "* with credentials" }
            c.impact = bad(c.after) && !bad(c.before) ? .weakens : bad(c.before) && !bad(c.after) ? .strengthens : .neutral
        case (.http, "link"):
            c.impact = (c.after ?? "").hasPrefix("dead") ? .weakens : .strengthens
        case (.http, let a) where a.hasPrefix("expected "):
            c.impact = c.after == "matches" ? .strengthens : .weakens
        case (.http, "https://"), (.http, "http://"):
            c.impact = weakerChain(c.before, c.after) ? .weakens : .neutral
        case (.git, "head"):
            c.note = "deploy moved"
        case (.audit, "accepted"):
            // A waiver that ends or expires lets its finding count again.
            c.impact = c.kind == .removed || (c.after ?? "").hasSuffix("(expired)") ? .weakens : .neutral
        case (.owners, _), (.monitoring, _):
            c.impact = c.kind == .removed ? .weakens : .neutral
        default:
            break
        }
    }

    /// Renewed (new serial, same issuer organisation, later expiry), replaced (another issuer organisation), or
    /// reissued; with the old certificate's lifetime, how far into it the renewal came.
    static func annotateCertificate(_ c: inout Change, old: Snapshot, new: Snapshot) {
        let host = c.subject.replacingOccurrences(of: "host:", with: "")
        func leaf(_ s: Snapshot) -> CertificateInfo? {
            s.tls.data?.hosts.first { "\($0.host)\($0.port == 443 ? "" : ":\($0.port)")" == host }?.leaf
        }
        guard let before = leaf(old), let after = leaf(new) else { return }
        if before.issuerOrganization != after.issuerOrganization {
            c.note = "replaced: issuer \(before.issuerOrganization ?? before.issuer) → \(after.issuerOrganization ?? after.issuer)"
        } else if after.notAfter > before.notAfter && Set(after.subjectAlternativeNames) == Set(before.subjectAlternativeNames) {
            let lifetime = before.notAfter.timeIntervalSince(before.notBefore)
            let used = lifetime > 0 ? after.notBefore.timeIntervalSince(before.notBefore) / lifetime : 0
            let percent = Int((used * 100).rounded())
            c.note = "renewed at \(percent)% of its \(before.lifetimeDays)-day lifetime" + (used > 2.0 / 3.0 ? " (late: past two thirds)" : "")
        } else if Set(after.subjectAlternativeNames) != Set(before.subjectAlternativeNames) {
            c.note = "reissued with other names"
        } else {
            c.note = "reissued"
        }
    }

    static func allRank(_ spf: String?) -> Int {
        guard let spf else { return 0 }
        let words = spf.lowercased().split(separator: " ")
        if words.contains("-all") { return 4 }
        if words.contains("~all") { return 3 }
        if words.contains("?all") { return 2 }
        if words.contains("+all") || words.contains("all") { return 1 }
        return spf.hasPrefix("none") ? 0 : 2
    }

    static func bits(_ text: String?) -> Int {
        text?.split(separator: " ").compactMap { Int($0) }.first ?? 0
    }

    /// A chain that used to end in a success and no longer does, or gained a loop or a downgrade.
    static func weakerChain(_ before: String?, _ after: String?) -> Bool {
        let endsOK = { (s: String?) -> Bool in
            guard let last = s?.split(separator: " ").last, let status = Int(last) else { return false }
            return (200..<400).contains(status)
        }
        return (endsOK(before) && !endsOK(after)) || ((after ?? "").hasSuffix("(loop)") && !(before ?? "").hasSuffix("(loop)"))
    }

    /// A few words for a story: "address CNAME x → A 1.2.3.4", "certificate trust: hostname mismatch".
    static func phrase(_ c: Change) -> String {
        switch c.kind {
        case .added: return "\(c.layer.rawValue) \(c.attribute) added: \(c.element ?? c.after ?? "")"
        case .removed: return "\(c.layer.rawValue) \(c.attribute) removed: \(c.element ?? c.before ?? "")"
        default:
            if c.layer == .tls && c.attribute == "trust" { return "certificate \(c.after ?? "?")" }
            if c.layer == .tls && c.attribute == "certificate" { return "certificate \(c.note ?? "changed")" }
            if c.layer == .http && c.attribute == "status" { return "\(c.subject.dropFirst(9)) answers \(c.after ?? "?")" + (c.note.map { " (\($0))" } ?? "") }
            if c.layer == .dns && c.attribute == "address" { return "moved to \(c.after ?? "?")" }
            if c.layer == .http && (c.attribute == "http://" || c.attribute == "https://") {
                let end = (c.after ?? "").components(separatedBy: " → ").last ?? "?"
                return "\(c.attribute) now ends at \(end)"
            }
            if c.layer == .http && c.attribute.hasPrefix("header ") {
                let name = c.attribute.dropFirst(7)
                return c.after == "absent" ? "lost \(name)" : c.before == "absent" ? "gained \(name)" : "\(name) changed"
            }
            return "\(c.layer.rawValue) \(c.attribute) \(c.before ?? "–") → \(c.after ?? "–")"
        }
    }
}

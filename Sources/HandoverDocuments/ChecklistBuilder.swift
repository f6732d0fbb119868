import Foundation
import HandoverModel
import HandoverManifest

/// The handover checklist. An item is ✅ only on positive evidence in the snapshot (hosts that answered, certificates
/// that verified, monitors that are declared…), ❌ when one of its checks has a counted finding, ⚠️ when its only
/// findings are accepted by a live waiver (with the waiver's reason, owner and date), and ❔ when its section was not
/// collected or the snapshot holds nothing to judge it by. Manual items come from the manifest's `checklist`.
enum ChecklistBuilder {
    /// What the snapshot shows for an item whose checks found nothing.
    enum Basis {
        /// What was observed that makes the item hold.
        case evidence(String)
        /// Nothing observed either way (no hosts, a lookup that failed, nothing declared): why.
        case unknown(String)
    }

    struct Item {
        var title: String
        /// The audit checks whose findings make the item fail.
        var checks: [String]
        /// Sections the item needs; without them it is "not checked".
        var sections: [SectionName]
        /// The positive evidence (or why there is none) when no check fired.
        var basis: @Sendable (Snapshot, AuditReport) -> Basis
        /// Findings of other checks that also fail the item (one finding can answer two items): given the snapshot
        /// once, the test of each finding.
        var also: @Sendable (Snapshot) -> (Finding) -> Bool = { _ in { _ in false } }
    }

    static let passMark = "✅", failMark = "❌", acceptedMark = "⚠️", unknownMark = "❔"

    static func areas(_ s: Snapshot, audit: AuditReport, manifest: Manifest?) -> [DocumentContext.ChecklistArea] {
        var out = ChecklistItems.areas.map { area, items in
            DocumentContext.ChecklistArea(area: area, anchor: "check-" + DocumentContextBuilder.anchor(area), items: items.map { item in
                if let missing = item.sections.first(where: { s.section($0)?.status != .collected }) {
                    return .init(title: item.title, ok: false, mark: unknownMark, evidence: "not checked: section \(missing.rawValue) was not collected")
                }
                return judge(item, s, audit)
            })
        }
        // The rollback command and the manual items.
        if let index = out.firstIndex(where: { $0.area == "Rollback" }) {
            let command = manifest?.rollback?.command
            out[index].items.append(.init(title: "the rollback command is written down", ok: command != nil, mark: command != nil ? passMark : failMark,
                                          evidence: command ?? "no `rollback.command` in the manifest"))
        }
        let manual = (manifest?.checklist ?? []).map { entry in
            let details = [entry.by.map { "by \($0)" }, entry.on.map { "on \($0)" }, entry.note].compactMap { $0 }.joined(separator: ", ")
            return DocumentContext.CheckItem(title: entry.id.replacingOccurrences(of: "-", with: " "), ok: entry.done, mark: entry.done ? passMark : failMark,
                                             evidence: details.isEmpty ? (entry.done ? "done" : "not done") : details)
        }
        if !manual.isEmpty { out.append(.init(area: "Manual", anchor: "check-manual", items: manual)) }
        return out
    }

    /// Counted findings fail the item; accepted ones mark it accepted, never passed; otherwise the basis decides. An
    /// info note (an optional variable left out) says nothing against the item and leaves it to the basis.
    static func judge(_ item: Item, _ s: Snapshot, _ audit: AuditReport) -> DocumentContext.CheckItem {
        let also = item.also(s)
        let mine = audit.findings.filter { (item.checks.contains($0.id) || also($0)) && $0.severity != .info }
        let failing = mine.filter(\.counts)
        if !failing.isEmpty {
            let evidence = failing.map { "\($0.subject): \($0.evidence.first ?? $0.title)" }
            return .init(title: item.title, ok: false, mark: failMark, evidence: evidence.joined(separator: "; "))
        }
        if !mine.isEmpty {
            let evidence = mine.map { finding -> String in
                let waiver = finding.acceptance.map { a in
                    "accepted until \(a.until)" + (a.owner.map { " by \($0)" } ?? "") + ": \(a.reason)"
                } ?? "accepted"
                return "\(finding.subject): \(finding.evidence.first ?? finding.title) (\(waiver))"
            }
            return .init(title: item.title, ok: false, mark: acceptedMark, evidence: evidence.joined(separator: "; "))
        }
        switch item.basis(s, audit) {
        case .evidence(let text): return .init(title: item.title, ok: true, mark: passMark, evidence: text)
        case .unknown(let why): return .init(title: item.title, ok: false, mark: unknownMark, evidence: why)
        }
    }
}

import Foundation
import HandoverModel
import HandoverDiff

/// `handover diff` as text (colour on a terminal only) or Markdown. Changes that belong to a story are told in the
/// story, not again in their layer.
package struct DiffText {
    package enum Format: Sendable { case text, markdown }

    package var format: Format
    package var style: TerminalStyle

    package init(format: Format, style: TerminalStyle = .plain) {
        self.format = format
        self.style = format == .markdown ? .plain : style
    }

    /// Plain text is cleaned of control characters; Markdown is escaped.
    func e(_ s: String) -> String {
        format == .markdown ? MarkdownText.escape(s) : TerminalText.clean(s)
    }

    /// Full commit ids shortened to 12 characters for reading (JSON keeps them whole).
    func v(_ s: String) -> String {
        let short = s.count == 40 && s.allSatisfy(\.isHexDigit) ? String(s.prefix(12)) : s
        return e(short)
    }

    package func render(_ d: SnapshotDiff) -> String {
        var out: [String] = []
        let heading = "handover diff \(d.old.name) → \(d.new.name)"
        out.append(format == .markdown ? "# \(e(heading))" : style.bold(e(heading)))
        out.append((format == .markdown ? "" : "  ") + "\(Timestamp.iso8601(d.old.createdAt)) → \(Timestamp.iso8601(d.new.createdAt))")
        out.append("")
        if d.isEmpty {
            let incidental = d.changes.count
            out.append("No changes" + (d.notCompared.isEmpty ? "" : " in the layers compared")
                       + (incidental == 0 ? "." : " (\(Plural.count(incidental, "incidental change")) below: TTLs, values reached another way)."))
            out.append("")
        }
        let grouped = Set(d.stories.flatMap(\.changes))
        if !d.stories.isEmpty {
            out.append(title("Stories"))
            for story in d.stories {
                out.append(bullet(style.bold(e(story.summary))))
                for part in story.changes { out.append(indent(1) + line(part)) }
            }
            out.append("")
        }
        for layer in SnapshotDiffer.layers {
            let changes = d.changes.filter { $0.layer == layer && !grouped.contains($0) }
            guard !changes.isEmpty || (layer == .git && d.commits != nil) else { continue }
            out.append(title(Self.layerTitle(layer)))
            for change in changes { out.append(bullet(line(change))) }
            if layer == .git, let range = d.commits { out += commits(range) }
            out.append("")
        }
        if !d.notCompared.isEmpty {
            out.append(title("Not compared"))
            for item in d.notCompared { out.append(bullet("\(item.layer.rawValue): \(e(item.reason))")) }
            out.append("")
        }
        out.append(summary(d))
        return out.joined(separator: "\n") + "\n"
    }

    /// The section's title; the audit layer of a diff holds only the waivers.
    static func layerTitle(_ layer: SectionName) -> String {
        layer == .audit ? "Waivers" : layer.title
    }

    func title(_ s: String) -> String { format == .markdown ? "## \(s)\n" : style.bold(s) }
    func bullet(_ s: String) -> String { format == .markdown ? "- \(s)" : "  \(s)" }
    func indent(_ level: Int) -> String { format == .markdown ? String(repeating: "  ", count: level) + "- " : String(repeating: "  ", count: level + 1) + "  " }

    func line(_ c: Change) -> String {
        let mark: String
        switch (c.kind, format) {
        case (.added, .markdown): mark = "**added**"
        case (.removed, .markdown): mark = "**removed**"
        case (_, .markdown): mark = "**changed**"
        case (.added, _): mark = style.green("+")
        case (.removed, _): mark = style.red("-")
        default: mark = style.yellow("~")
        }
        let what = "\(e(c.subject)) \(e(c.attribute))" + (c.element.map { " \(e($0))" } ?? "")
        let value: String
        switch c.kind {
        case .added: value = c.element == nil || c.after != c.element ? ": \(v(c.after ?? ""))" : ""
        case .removed: value = c.element == nil || c.before != c.element ? ": \(v(c.before ?? ""))" : ""
        default:
            // Values that are chains themselves read better one per line.
            if (c.before ?? "").contains(" → ") || (c.after ?? "").contains(" → ") {
                let pad = format == .markdown ? "<br>" : "\n" + String(repeating: " ", count: 8)
                value = ":\(pad)was: \(v(c.before ?? "–"))\(pad)now: \(v(c.after ?? "–"))"
            } else {
                value = ": \(v(c.before ?? "–")) → \(v(c.after ?? "–"))"
            }
        }
        let impact: String
        switch c.impact {
        case .weakens: impact = " " + style.red("[weakens]")
        case .strengthens: impact = " " + style.green("[strengthens]")
        default: impact = ""
        }
        return "\(mark) \(what)\(value)\(impact)" + (c.note.map { " (\(e($0)))" } ?? "")
    }

    func commits(_ r: CommitRange) -> [String] {
        var out: [String] = []
        let head: String
        switch r.direction {
        case .forward: head = "\(Plural.count(r.total, "commit")) deployed since \(v(r.from))"
        case .backward: head = "rolled back: \(Plural.count(r.total, "commit")) taken back from \(v(r.from))"
        case .diverged: head = "\(v(r.from)) and \(v(r.to)) diverged (force-push or another branch): \(Plural.count(r.total, "commit")) only in the new one"
        case .oldMissing: head = "the old commit \(v(r.from)) is not in the repository any more (force-pushed away?)"
        case .newMissing: head = "the new commit \(v(r.to)) is not in this repository"
        case .unknown: head = "commits between \(v(r.from)) and \(v(r.to)) unknown"
        }
        out.append(bullet(head + (r.note.map { " — \(e($0))" } ?? "")))
        for commit in r.commits {
            out.append(indent(1) + "\(v(commit.sha)) \(Timestamp.day(commit.date)) \(e(commit.author)): \(e(commit.subject))")
        }
        if r.total > r.commits.count { out.append(indent(1) + "… and \(r.total - r.commits.count) more") }
        return out
    }

    func summary(_ d: SnapshotDiff) -> String {
        let count = { (k: Change.Kind) in d.changes.filter { $0.kind == k }.count }
        let weakens = d.changes.filter { $0.impact == .weakens }.count
        let strengthens = d.changes.filter { $0.impact == .strengthens }.count
        return "\(count(.added)) added, \(count(.removed)) removed, \(count(.changed)) changed; \(weakens) weaken, \(strengthens) strengthen"
            + (d.stories.isEmpty ? "" : "; \(d.stories.count) \(d.stories.count == 1 ? "story" : "stories")")
    }
}

/// Escapes text for Markdown: every character with a Markdown meaning gets a backslash (`:` and `.` too, which
/// stops GFM's URL autolinks), HTML is defused, `@` goes in a code span (stops email autolinks), control characters
/// are made visible and line breaks become spaces, so attacker-controlled text stays text.
package enum MarkdownText {
    static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~", ":"]

    package static func escape(_ text: String) -> String {
        var out = ""
        for character in TerminalText.clean(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")) {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // GFM turns any text run around an `@` into a mailto link, escaped or not; a code span breaks the run.
            case "@": out += "`@`"
            case "&": out += "&amp;"
            case _ where special.contains(character): out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }
}

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

/// Escapes observed text for Markdown, only where CommonMark and GFM would read it as syntax, so the file reads raw
/// in a terminal and stays inert when rendered (cmark-gfm with raw HTML on shows no element, link or image from it):
/// `<` as `&lt;` (no HTML, no autolink), `&` only where it would start an entity, `\`, `` ` ``, `*`, `[`, `]`, `|`,
/// `~` always, `_` where it could open or close emphasis, `http://`-style schemes and `www.` so GFM does not link
/// them, a word with an `@` in a code span (GFM links an email whatever is escaped in it), and a line-start marker
/// (`#`, `>`, `-`, `+`, `=`, `1.`) at the start. Line breaks become spaces and control characters visible.
package enum MarkdownText {
    package static func escape(_ text: String) -> String {
        let flat = TerminalText.clean(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " "))
        var out = ""
        var word = ""
        func flush() {
            out += Self.word(word, atStart: out.isEmpty)
            word = ""
        }
        for character in flat {
            if character == " " || character == "\t" {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }

    /// One whitespace-free run of text.
    static func word(_ word: String, atStart: Bool) -> String {
        guard !word.isEmpty else { return "" }
        if word.contains("@") && !word.contains("`") && !word.contains("|") {
            return "`" + word + "`"
        }
        let chars = Array(word)
        var out = ""
        for (i, c) in chars.enumerated() {
            let before: Character? = i > 0 ? chars[i - 1] : nil
            let after: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch c {
            case "<": out += "&lt;"
            case "&" where after == "#" || after?.isLetter == true: out += "&amp;"
            case "\\", "`", "*", "[", "]", "|", "~": out += "\\\(c)"
            case "_" where !(before?.isAlphanumeric ?? false) || !(after?.isAlphanumeric ?? false): out += "\\_"
            // An email that could not go in a code span: the `@` alone does.
            case "@": out += "`@`"
            case ":" where chars.dropFirst(i + 1).starts(with: ["/", "/"]): out += "\\:"
            case "." where i >= 3 && String(chars[(i - 3)..<i]).lowercased() == "www": out += "\\."
            default: out.append(c)
            }
        }
        if atStart { out = lineStart(out) }
        return out
    }
}

extension MarkdownText {
    /// A value at the start of a line could begin a block: a heading (`# `), a quote (`>`), a list item (`- `, `+ `,
    /// `1. `, `1) `), a thematic break or setext underline (`---`, `===`). Only then is its first marker escaped.
    static func lineStart(_ escaped: String) -> String {
        guard let first = escaped.first else { return escaped }
        let rest = escaped.dropFirst()
        func endsMarker(_ tail: Substring) -> Bool { tail.isEmpty || tail.first == " " }
        switch first {
        case ">":
            return "\\" + escaped
        case "#":
            let hashes = escaped.prefix { $0 == "#" }
            return hashes.count <= 6 && endsMarker(escaped.dropFirst(hashes.count)) ? "\\" + escaped : escaped
        case "-", "+", "=":
            let onlyMarks = escaped.allSatisfy { $0 == first || $0 == " " }
            return (first != "=" && endsMarker(rest)) || (first != "+" && onlyMarks) ? "\\" + escaped : escaped
        default:
            let digits = escaped.prefix { $0.isNumber }
            let tail = escaped.dropFirst(digits.count)
            guard !digits.isEmpty, digits.count <= 9, let marker = tail.first, marker == "." || marker == ")",
                  endsMarker(tail.dropFirst()) else { return escaped }
            return digits + "\\" + tail
        }
    }
}

extension Character {
    fileprivate var isAlphanumeric: Bool { isLetter || isNumber }
}

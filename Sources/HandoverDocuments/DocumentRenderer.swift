import Foundation
import Mustache
import HandoverModel

/// Template problems: which template, where, what to do.
package enum TemplateError: Error, LocalizedError, CategorizedError, Equatable {
    case parse(template: String, line: Int, column: Int, detail: String)
    case unreadable(path: String, reason: String)
    case missing(name: String)

    package var errorDescription: String? {
        switch self {
        case let .parse(template, line, column, detail):
            return "\(template):\(line):\(column): \(detail) — fix the template (or remove the override to use the built-in one)"
        case let .unreadable(path, reason):
            return "\(path): cannot read templates: \(reason)"
        case let .missing(name):
            return "template `\(name)` not found among the built-in templates or the overrides"
        }
    }

    package var category: ErrorCategory { .input }
}

/// Markdown content type for swift-mustache: every `{{value}}` is escaped by `MarkdownText.escape`.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }
}

/// HTML content type replacing swift-mustache's: control and bidi characters made visible first, then `& < > " '`
/// escaped, so a value is text in element content and in quoted attributes.
struct HTMLTextContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}

package enum HTMLText {
    package static func escape(_ text: String) -> String {
        var out = ""
        for character in TerminalText.clean(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// Renders the documents from the built-in templates, overridden by a project's `templates/` folder or a path.
package struct DocumentRenderer: Sendable {
    package enum Format: String, Sendable, CaseIterable { case markdown, html }

    /// Document name → title.
    package static let documents: [(name: String, title: String)] = [
        ("guide", "operating guide"), ("checklist", "handover checklist"), ("risks", "launch risk report"), ("calendar", "expiry calendar"),
    ]

    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLTextContentType(), named: "HTML")
        return true
    }()

    /// Template name (`guide.md`) → text, after overrides.
    package let sources: [String: String]
    /// Where each overridden template came from.
    package let overridden: [String: String]
    let library: MustacheLibrary

    /// - Parameter overrides: a folder of `NAME.mustache` files, or one file (replacing the template of its name).
    package init(overrides: [URL] = []) throws(TemplateError) {
        _ = Self.registered
        var sources = TemplateData.templates
        var overridden: [String: String] = [:]
        for url in overrides {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            let files: [URL]
            if isDirectory.boolValue {
                do {
                    files = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                        .filter { $0.pathExtension == "mustache" }
                } catch {
                    throw .unreadable(path: url.path, reason: ErrorText.of(error))
                }
            } else {
                files = [url]
            }
            for file in files {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                    throw .unreadable(path: file.path, reason: "not UTF-8 text")
                }
                let name = file.deletingPathExtension().lastPathComponent
                sources[name] = text.hasSuffix("\n") ? String(text.dropLast()) : text
                overridden[name] = file.path
            }
        }
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .parse(template: overridden[name] ?? "templates/\(name).mustache", line: error.context.lineNumber,
                             column: error.context.columnNumber, detail: "\(error.error)")
            } catch {
                throw .parse(template: overridden[name] ?? "templates/\(name).mustache", line: 0, column: 0, detail: ErrorText.of(error))
            }
        }
        self.sources = sources
        self.overridden = overridden
        self.library = library
    }

    /// The context as the templates see it: the JSON of the view model.
    package static func templateObject(_ context: DocumentContext) throws -> Any {
        try JSONSerialization.jsonObject(with: CanonicalJSON.encode(context))
    }

    /// The pages of the HTML site beyond the documents: template name → title.
    package static let sitePages: [(name: String, title: String)] = [
        ("index", "at a glance"), ("history", "history"), ("changes", "what changed"),
    ]

    /// Renders one document; `name` is `guide`, `checklist`, `risks` or `calendar`, or (HTML) a site page with its
    /// `site` data.
    package func render(_ name: String, format: Format, context: DocumentContext, site: SitePage? = nil) throws -> String {
        var context = context
        context.documentTitle = (Self.documents + Self.sitePages).first { $0.name == name }?.title ?? name
        let template = "\(name).\(format == .markdown ? "md" : "html")"
        guard library.getTemplate(named: template) != nil else { throw TemplateError.missing(name: template) }
        var object = try Self.templateObject(context)
        if let site, var dictionary = object as? [String: Any] {
            dictionary["site"] = try JSONSerialization.jsonObject(with: CanonicalJSON.encode(site))
            object = dictionary
        }
        let output = library.render(object, withTemplate: template) ?? ""
        return Self.tidy(output)
    }

    /// Collapses the blank lines that sections leave behind to at most one, and ends with one newline.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The expiry calendar as iCalendar (RFC 5545): one all-day event per entry, text escaped, lines folded at 75 octets.
package enum ExpiryICS {
    package static func render(_ context: DocumentContext) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handover//\(escape(ToolVersion.current))//EN", "CALSCALE:GREGORIAN"]
        let stamp = context.meta.takenAt.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        for entry in context.calendar {
            let day = entry.date.replacingOccurrences(of: "-", with: "")
            lines += ["BEGIN:VEVENT", "UID:\(escape(entry.date + "-" + entry.uid))", "DTSTAMP:\(stamp)",
                      "DTSTART;VALUE=DATE:\(day)", "SUMMARY:\(escape("\(context.meta.project): \(entry.what) — \(entry.subject)"))",
                      "DESCRIPTION:\(escape("\(entry.what): \(entry.subject) on \(entry.date) (from snapshot \(context.meta.snapshot))"))",
                      "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newlines escaped; control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): continue
            case _ where TerminalText.isUnsafe(scalar): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF + space, never inside a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(character)
            count += size
        }
        return out
    }
}

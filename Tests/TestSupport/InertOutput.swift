import Foundation

/// Checks that hostile text stayed text in an output, by parsing the output the way its reader would: JSON with a
/// JSON parser, Markdown with cmark-gfm (raw HTML allowed, so only our escaping stands between the text and the
/// page), HTML with an HTML5 parser, iCalendar by its line grammar, terminal text by the characters a terminal acts
/// on. Each function returns the problems found; empty means inert.
package enum InertOutput {
    /// Characters a terminal or an editor acts on instead of showing: C0 controls other than tab and newline,
    /// DEL, C1 controls, and the bidirectional overrides and isolates (the "trojan source" characters).
    package static func terminalProblems(_ text: String) -> [String] {
        text.unicodeScalars.compactMap { scalar in
            let v = scalar.value
            let bad = (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0x7F || (0x80...0x9F).contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            return bad ? String(format: "U+%04X", v) : nil
        }
    }

    /// Every string anywhere in a JSON document (keys and values), after parsing it.
    package static func jsonStrings(_ text: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        var strings: [String] = []
        func walk(_ value: Any) {
            if let string = value as? String { strings.append(string) }
            else if let array = value as? [Any] { array.forEach(walk) }
            else if let dictionary = value as? [String: Any] {
                for (key, value) in dictionary { strings.append(key); walk(value) }
            }
        }
        walk(object)
        return strings
    }

    /// The result of reading an HTML page with html5lib: problems (active elements, event attributes, links to
    /// the hostile hosts) and the page's text content.
    package struct HTMLReading: Decodable, Sendable {
        package var problems: [String]
        package var text: String
    }

    static let htmlReader = """
        import html5lib, json, sys
        tree = html5lib.parse(open(sys.argv[1], encoding="utf-8").read(), namespaceHTMLElements=False)
        problems = []
        active = {"img", "iframe", "object", "embed", "svg", "math", "form", "input", "base", "frame", "video", "audio", "link"}
        for el in tree.iter():
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in active: problems.append("element <%s>" % tag)
            if tag == "script" and "alert" in (el.text or ""): problems.append("a script holding hostile text")
            if tag == "meta" and el.get("http-equiv"): problems.append("meta http-equiv")
            for k, v in el.attrib.items():
                if k.lower().startswith("on"): problems.append("attribute %s on <%s>" % (k, tag))
                if "javascript:" in v.lower() or "evil" in v.lower(): problems.append('%s="%s" on <%s>' % (k, v, tag))
        print(json.dumps({"problems": problems, "text": "".join(tree.itertext())}))
        """

    /// Reads an HTML page with html5lib.
    package static func readHTML(_ html: String) throws -> HTMLReading {
        guard let python = TestServers.html5libPython else {
            throw ServerUnavailable(description: "python3-html5lib is not installed (bash scripts/setup)")
        }
        let dir = TempDirectory("handover-inert")
        dir.write("page.html", html)
        dir.write("read.py", htmlReader)
        let result = try ProcessRunner.run(python, [dir.file("read.py").path, dir.file("page.html").path])
        guard result.status == 0 else { throw ProcessFailure(description: "html5lib: \(result.stderr)") }
        return try JSONDecoder().decode(HTMLReading.self, from: Data(result.stdout.utf8))
    }

    /// Renders Markdown as GitHub does (tables, autolinks, strikethrough) but with raw HTML passed through
    /// (`--unsafe`, no tag filter): whatever our escaping lets through becomes an element here.
    package static func markdownToHTML(_ markdown: String) throws -> String {
        guard TestServers.cmarkAvailable else { throw ServerUnavailable(description: "cmark-gfm is not installed (bash scripts/setup)") }
        let dir = TempDirectory("handover-inert-md")
        dir.write("doc.md", markdown)
        let result = try ProcessRunner.run("/usr/bin/cmark-gfm", ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough",
                                                                  dir.file("doc.md").path])
        guard result.status == 0 else { throw ProcessFailure(description: "cmark-gfm: \(result.stderr)") }
        return result.stdout
    }

    /// RFC 5545 line grammar: every unfolded content line is `NAME[;PARAMS]:VALUE` with a known property name,
    /// components balance, and no value holds a raw control character (newlines in text must be `\n`).
    package static func icsProblems(_ text: String) -> [String] {
        var problems: [String] = []
        guard text.isEmpty || text.hasSuffix("\r\n") else { return ["does not end with CRLF"] }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        let known: Set<String> = ["BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "UID", "DTSTAMP",
                                  "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "URL", "TRIGGER", "ACTION",
                                  "TRANSP", "STATUS"]
        var depth: [String] = []
        for line in unfolded.components(separatedBy: "\r\n").dropLast() {
            guard let colon = line.firstIndex(of: ":") else { problems.append("not a content line: \(line)"); continue }
            let name = String(line[..<colon].prefix { $0 != ";" })
            let value = String(line[line.index(after: colon)...])
            if !known.contains(name) { problems.append("property \(name)") }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { problems.append("control character in \(name)") }
            if name == "BEGIN" { depth.append(value) }
            if name == "END" { if depth.popLast() != value { problems.append("END:\(value) closes nothing") } }
        }
        if !depth.isEmpty { problems.append("unclosed \(depth)") }
        return problems
    }
}

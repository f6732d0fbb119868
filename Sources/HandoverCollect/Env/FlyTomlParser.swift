import HandoverManifest
/// Reads env names from the `[env]` table of `fly.toml`.
///
/// A focused TOML reader: it tracks tables, multi-line strings and multi-line arrays everywhere in the file
/// (so text inside a string is never taken for a table header or a name) and reads keys only inside `[env]`.
package enum FlyTomlParser {
    package static func parse(_ text: String, file: String) -> EnvParseResult {
        TomlEnvTables.parse(text, file: file, tables: ["env"])
    }
}

/// Reads env names from `netlify.toml`: `[build.environment]`, which every deploy gets, and
/// `[context.production.environment]`, which production adds (other contexts are previews and branches).
package enum NetlifyTomlParser {
    package static func parse(_ text: String, file: String) -> EnvParseResult {
        TomlEnvTables.parse(text, file: file, tables: ["build.environment", "context.production.environment"])
    }
}

/// The env names of chosen tables of a TOML file, read with `TomlLines`.
enum TomlEnvTables {
    static func parse(_ text: String, file: String, tables wanted: Set<String>) -> EnvParseResult {
        var result = EnvParseResult()
        var table = ""
        var lines = TomlLines(text)
        while let (number, raw) = lines.next() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                table = TomlLines.tableName(line) ?? table
                continue
            }
            guard let eq = TomlLines.assignmentIndex(line) else {
                if wanted.contains(table) { result.problem(line: number, "not a `KEY = value` line in [\(table)]; skipped") }
                continue
            }
            let key = TomlLines.unquoteKey(String(line[..<eq]).trimmingCharacters(in: .whitespaces))
            let valueStart = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let value = lines.readValue(startingWith: valueStart)
            if let inline = wanted.first(where: { $0 == (table.isEmpty ? key : table + "." + key) }), valueStart.hasPrefix("{") {
                result.problem(line: number, "inline `\(key) = { … }` tables are not read; use a [\(inline)] table")
            }
            guard wanted.contains(table) else { continue }
            guard let value else {
                result.problem(line: number, "the value of `\(key)` is never closed; the rest of the file was not read")
                break
            }
            guard EnvName.isValid(key) else {
                result.problem(line: number, "a key in [\(table)] is not a valid env var name; skipped")
                continue
            }
            result.define(key, file: file, line: number, shape: ValueShapeClassifier.classify(value))
        }
        result.reportDuplicates()
        return result
    }
}

/// Line reader for TOML that can consume a value spanning several lines.
struct TomlLines {
    private var lines: [Substring]
    private var position = 0

    init(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    mutating func next() -> (Int, String)? {
        guard position < lines.count else { return nil }
        defer { position += 1 }
        return (position + 1, String(lines[position]))
    }

    /// `[name]` or `[[name]]` → `name`, ignoring a trailing comment.
    static func tableName(_ line: String) -> String? {
        var body = line
        if let hash = body.firstIndex(of: "#") { body = String(body[..<hash]) }
        body = body.trimmingCharacters(in: .whitespaces)
        let isArray = body.hasPrefix("[[")
        guard body.hasSuffix(isArray ? "]]" : "]") else { return nil }
        let name = body.dropFirst(isArray ? 2 : 1).dropLast(isArray ? 2 : 1)
        return name.split(separator: ".").map { unquoteKey($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: ".")
    }

    /// The `=` separating key and value, outside a quoted key.
    static func assignmentIndex(_ line: String) -> String.Index? {
        var quote: Character?
        for index in line.indices {
            let c = line[index]
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; continue }
            if c == "=" { return index }
        }
        return nil
    }

    static func unquoteKey(_ key: String) -> String {
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
            return String(key.dropFirst().dropLast())
        }
        return key
    }

    /// Reads a value that starts on the current line, consuming continuation lines of multi-line strings and
    /// arrays; returns the string content for string values, the raw text otherwise, nil if never closed.
    /// Each continuation line is scanned once, so a value left open to the end of the file costs linear time.
    mutating func readValue(startingWith start: String) -> String? {
        for delimiter in ["\"\"\"", "'''"] where start.hasPrefix(delimiter) {
            let first = start.dropFirst(3)
            if let end = first.range(of: delimiter) { return String(first[..<end.lowerBound]) }
            var body = String(first)
            while let (_, next) = next() {
                if let end = next.range(of: delimiter) { return body + "\n" + next[..<end.lowerBound] }
                body += "\n" + next
            }
            return nil
        }
        if let first = start.first, first == "\"" || first == "'" {
            var value = ""
            var escaped = false
            for c in start.dropFirst() {
                if escaped { value.append(c); escaped = false; continue }
                if c == "\\" && first == "\"" { escaped = true; continue }
                if c == first { return value }
                value.append(c)
            }
            return value  // unterminated single-line string: TOML rejects it; keep the line's text
        }
        if start.hasPrefix("[") || start.hasPrefix("{") {
            var brackets = BracketCounter()
            brackets.feed(start)
            var text = start
            while brackets.depth > 0 {
                guard let (_, next) = next() else { return nil }
                brackets.feed("\n" + next)
                text += "\n" + next
            }
            return text
        }
        var bare = start
        if let hash = bare.firstIndex(of: "#") { bare = String(bare[..<hash]) }
        return bare.trimmingCharacters(in: .whitespaces)
    }

    /// Open brackets minus closed ones, outside strings and comments.
    static func bracketDepth(_ text: String) -> Int {
        var counter = BracketCounter()
        counter.feed(text)
        return counter.depth
    }
}

/// Counts open brackets over text fed piece by piece, carrying string and comment state between pieces.
struct BracketCounter {
    private(set) var depth = 0
    private var quote: Character?
    private var comment = false

    mutating func feed<S: StringProtocol>(_ text: S) {
        for c in text {
            if c == "\n" { comment = false; continue }
            if comment { continue }
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "#": comment = true
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
    }
}

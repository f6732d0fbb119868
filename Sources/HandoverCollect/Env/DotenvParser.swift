import HandoverModel
import HandoverManifest
/// Parses dotenv files into names and value shapes.
///
/// Handles `export`, single/double/backtick quotes, multi-line quoted values (their continuation lines are
/// never names), `#` inside quotes, inline comments, `KEY=`, a BOM, CRLF and duplicate keys. A quote never closed
/// before the end of the file ends its value at the end of its line, so the lines after it still yield their
/// names. A line that is not an assignment is reported by number only: its text may be a secret.
package enum DotenvParser {
    /// `classify` turns a name and its value into the shape kept; the value itself is dropped as soon as it returns.
    package static func parse(_ bytes: [UInt8], file: String,
                              classify: (String, String) -> ValueShape = { _, value in ValueShapeClassifier.classify(value) }) -> EnvParseResult {
        var scanner = ByteScanner(bytes)
        var result = EnvParseResult()
        scanner.skipBOM()
        var comments = DotenvCommentState()
        while !scanner.atEnd {
            let line = scanner.line
            scanner.skipBlanks()
            if scanner.atEndOfLine { comments.blankLine(); scanner.consumeNewline(); continue }
            if scanner.peek == UInt8(ascii: "#") {
                let text = scanner.readToEndOfLine()
                let comment = DotenvComment.classify(text)
                comments.comment(comment)
                if case .commentedOut(let name) = comment {
                    result.optional.append((name, line, .commentedOut))
                    if DotenvComment.assignsSwitch(text) { result.switches.append(name) }
                }
                scanner.consumeNewline()
                continue
            }
            var exported = false
            if scanner.consumeWord("export") { exported = true; scanner.skipBlanks() }
            let name = scanner.readName()
            scanner.skipBlanks()
            guard !name.isEmpty, EnvName.isValid(name) else {
                result.problem(line: line, "not a KEY=VALUE assignment; the line was skipped")
                scanner.skipToEndOfLine(); scanner.consumeNewline(); continue
            }
            if exported, scanner.atEndOfLine || scanner.peek == UInt8(ascii: "#") {
                // `export KEY`: exports a variable set elsewhere.
                result.define(name, file: file, line: line, shape: .external)
                scanner.skipToEndOfLine(); scanner.consumeNewline(); continue
            }
            guard scanner.peek == UInt8(ascii: "=") else {
                // The "name" of a line without `=` may be a pasted secret: never echo it.
                result.problem(line: line, "expected `NAME=value` but found no `=`; the line was skipped")
                scanner.skipToEndOfLine(); scanner.consumeNewline(); continue
            }
            scanner.advance()
            scanner.skipBlanks()
            let shape: ValueShape
            var null = false
            if let quote = scanner.peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") {
                let opening = scanner
                if let value = scanner.readQuoted(quote) {
                    shape = classify(name, value)
                    if ValueShapeClassifier.isSwitch(value) { result.switches.append(name) }
                    null = ValueShapeClassifier.isNull(value)
                    scanner.skipBlanks()
                    if !scanner.atEndOfLine && scanner.peek != UInt8(ascii: "#") {
                        result.problem(line: scanner.line, "unexpected text after the closing quote of `\(name)`; it was ignored")
                        scanner.skipToEndOfLine()
                    }
                } else {
                    // Never closed before the end of the file: read the value as the rest of its line, quote
                    // included, and go on with the next line, as node's dotenv does (python-dotenv skips the
                    // line and goes on too), instead of losing every later name.
                    scanner = opening
                    shape = classify(name, scanner.readUnquotedValue())
                    result.problem(line: line, "the quoted value of `\(name)` is never closed; it was cut at the end of line \(line) and the lines after it were read as usual — close the quote")
                    scanner.skipToEndOfLine()
                }
            } else {
                let value = scanner.readUnquotedValue()
                shape = classify(name, value)
                if ValueShapeClassifier.isSwitch(value) { result.switches.append(name) }
                null = ValueShapeClassifier.isNull(value)
            }
            result.define(name, file: file, line: line, shape: shape)
            var inline: DotenvComment.Flags?
            if scanner.peek == UInt8(ascii: "#"), case .prose(let flags) = DotenvComment.classify(scanner.readToEndOfLine()) { inline = flags }
            if let marker = comments.assignment(name, inline: inline, emptyValue: shape == .empty, null: null) { result.optional.append((name, line, marker)) }
            scanner.skipToEndOfLine()
            scanner.consumeNewline()
        }
        result.reportDuplicates()
        return result
    }
}

/// A forward-only reader over UTF-8 bytes that counts lines (LF, CRLF or a lone CR).
struct ByteScanner {
    private let bytes: [UInt8]
    private(set) var index = 0
    private(set) var line = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }
    var atEndOfLine: Bool { atEnd || bytes[index] == 0x0A || bytes[index] == 0x0D }

    mutating func advance() { index += 1 }

    mutating func skipBOM() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func skipBlanks() {
        while let b = peek, b == 0x20 || b == 0x09 { index += 1 }
    }

    mutating func skipToEndOfLine() {
        while !atEndOfLine { index += 1 }
    }

    /// The bytes up to the end of the line, consumed.
    mutating func readToEndOfLine() -> ArraySlice<UInt8> {
        let start = index
        skipToEndOfLine()
        return bytes[start..<index]
    }

    mutating func consumeNewline() {
        guard let b = peek else { return }
        if b == 0x0D {
            index += 1
            if peek == 0x0A { index += 1 }
            line += 1
        } else if b == 0x0A {
            index += 1
            line += 1
        }
    }

    /// Consumes `word` when it is followed by a blank.
    mutating func consumeWord(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard index + w.count < bytes.count, Array(bytes[index..<index + w.count]) == w,
            bytes[index + w.count] == 0x20 || bytes[index + w.count] == 0x09
        else { return false }
        index += w.count
        return true
    }

    mutating func readName() -> String {
        let start = index
        while let b = peek, b != 0x3D, b != 0x20, b != 0x09, b != 0x23, !atEndOfLine { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads a quoted value across lines; returns nil (at end of input) when the quote never closes.
    mutating func readQuoted(_ quote: UInt8) -> String? {
        index += 1
        var value: [UInt8] = []
        while let b = peek {
            if b == quote {
                index += 1
                return String(decoding: value, as: UTF8.self)
            }
            if b == 0x5C, quote == 0x22, index + 1 < bytes.count {  // backslash escape in double quotes
                value.append(bytes[index + 1])
                index += 2
                continue
            }
            if b == 0x0A || b == 0x0D {
                consumeNewline()
                value.append(0x0A)
                continue
            }
            value.append(b)
            index += 1
        }
        return nil
    }

    /// Reads to the end of the line, stopping at a ` #` comment, trimming trailing blanks.
    mutating func readUnquotedValue() -> String {
        let start = index
        var end = index
        while !atEndOfLine {
            let b = bytes[index]
            if b == 0x23, index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 { break }
            index += 1
            if b != 0x20 && b != 0x09 { end = index }
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

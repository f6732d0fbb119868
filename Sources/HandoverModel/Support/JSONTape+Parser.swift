extension JSONTape {
    /// One pass over the bytes, without recursion (an explicit stack of open containers, bounded by `maxDepth`).
    struct Parser {
        let bytes: [UInt8]
        var nodes: [Node] = []
        var i = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            nodes.reserveCapacity(bytes.count / 16)
        }

        func fail(_ reason: String, at offset: Int? = nil) -> SyntaxError { SyntaxError(offset: offset ?? i, reason: reason) }

        mutating func parse() throws(SyntaxError) {
            guard bytes.count < Int(Int32.max) else { throw fail("too large") }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }  // a UTF-8 byte order mark, as JSONDecoder allows
            // Open containers: node index and member count.
            var open: [(node: Int, count: Int32)] = []
            while true {
                // A value is expected at `i`.
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end") }
                var closedValue = true
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard open.count < JSONTape.maxDepth else { throw fail("nested too deeply") }
                    let isObject = bytes[i] == UInt8(ascii: "{")
                    open.append((nodes.count, 0))
                    nodes.append(Node(kind: isObject ? .object : .array, flagged: false, start: 0, end: Int32(i), next: 0))
                    i += 1
                    skipSpace()
                    if i < bytes.count, bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        close(&open)
                    } else if isObject {
                        try member()
                        open[open.count - 1].count += 1
                        closedValue = false
                    } else {
                        open[open.count - 1].count += 1
                        closedValue = false
                    }
                case UInt8(ascii: "\""):
                    try string()
                case UInt8(ascii: "t"): try literal("true", .true)
                case UInt8(ascii: "f"): try literal("false", .false)
                case UInt8(ascii: "n"): try literal("null", .null)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try number()
                default:
                    throw fail("unexpected character")
                }
                guard closedValue else { continue }
                // After a value: a separator, the end of the open container(s), or the end of the text.
                while true {
                    skipSpace()
                    guard let top = open.last else {
                        guard i == bytes.count else { throw fail("text after the value") }
                        return
                    }
                    guard i < bytes.count else { throw fail("unexpected end") }
                    let isObject = nodes[top.node].kind == .object
                    let b = bytes[i]
                    if b == UInt8(ascii: ",") {
                        i += 1
                        if isObject { try member() }
                        open[open.count - 1].count += 1
                        break
                    } else if b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        close(&open)
                    } else {
                        throw fail(isObject ? "expected , or }" : "expected , or ]")
                    }
                }
            }
        }

        mutating func close(_ open: inout [(node: Int, count: Int32)]) {
            let top = open.removeLast()
            nodes[top.node].start = top.count
            nodes[top.node].next = Int32(nodes.count)
        }

        /// A key and its colon; the value follows.
        mutating func member() throws(SyntaxError) {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            try string()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected :") }
            i += 1
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return
                }
            }
        }

        mutating func literal(_ word: StaticString, _ kind: Kind) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { throw fail("unexpected end") }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] { throw fail("unexpected character", at: i + k) }
            nodes.append(Node(kind: kind, flagged: false, start: Int32(i), end: Int32(i + count), next: Int32(nodes.count + 1)))
            i += count
        }

        mutating func number() throws(SyntaxError) {
            let start = i
            var flagged = false
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            func digits(_ i: inout Int) -> Int {
                let from = i
                while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
                return i - from
            }
            guard i < bytes.count, (48...57).contains(bytes[i]) else { throw fail("invalid number") }
            if bytes[i] == 48 {
                i += 1
                if i < bytes.count, (48...57).contains(bytes[i]) { throw fail("leading zero") }
            } else {
                _ = digits(&i)
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                flagged = true
                guard digits(&i) > 0 else { throw fail("invalid number") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                flagged = true
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&i) > 0 else { throw fail("invalid number") }
            }
            nodes.append(Node(kind: .number, flagged: flagged, start: Int32(start), end: Int32(i), next: Int32(nodes.count + 1)))
        }

        /// A string from its opening quote: no raw control characters, valid escapes (surrogates paired), valid UTF-8.
        mutating func string() throws(SyntaxError) {
            i += 1
            let start = i
            var escaped = false
            var nonASCII = false
            while true {
                guard i < bytes.count else { throw fail("unterminated string") }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { break }
                if b < 0x20 { throw fail("control character in a string") }
                if b >= 0x80 { nonASCII = true; i += 1; continue }
                if b != UInt8(ascii: "\\") { i += 1; continue }
                escaped = true
                guard i + 1 < bytes.count else { throw fail("unterminated string") }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    let unit = try hexEscape(at: i)
                    i += 6
                    if (0xDC00...0xDFFF).contains(unit) { throw fail("lone low surrogate", at: i - 6) }
                    if (0xD800...0xDBFF).contains(unit) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                              (0xDC00...0xDFFF).contains(try hexEscape(at: i))
                        else { throw fail("high surrogate without a low one", at: i - 6) }
                        i += 6
                    }
                default:
                    throw fail("invalid escape")
                }
            }
            if nonASCII, !Self.isValidUTF8(bytes, start, i) { throw fail("invalid UTF-8", at: start) }
            nodes.append(Node(kind: .string, flagged: escaped, start: Int32(start), end: Int32(i), next: Int32(nodes.count + 1)))
            i += 1
        }

        /// The code unit of `\uXXXX` at `at`.
        func hexEscape(at: Int) throws(SyntaxError) -> Int {
            guard at + 6 <= bytes.count else { throw fail("unterminated string") }
            var value = 0
            for b in bytes[(at + 2)..<(at + 6)] {
                guard let digit = JSONTape.hexValue(b) else { throw fail("invalid \\u escape", at: at) }
                value = value << 4 + digit
            }
            return value
        }

        /// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
        static func isValidUTF8(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
            var i = start
            while i < end {
                let b = bytes[i]
                if b < 0x80 { i += 1; continue }
                let (count, low, high): (Int, UInt8, UInt8)
                switch b {
                case 0xC2...0xDF: (count, low, high) = (1, 0x80, 0xBF)
                case 0xE0: (count, low, high) = (2, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (count, low, high) = (2, 0x80, 0xBF)
                case 0xED: (count, low, high) = (2, 0x80, 0x9F)
                case 0xF0: (count, low, high) = (3, 0x90, 0xBF)
                case 0xF1...0xF3: (count, low, high) = (3, 0x80, 0xBF)
                case 0xF4: (count, low, high) = (3, 0x80, 0x8F)
                default: return false
                }
                guard i + count < end, (low...high).contains(bytes[i + 1]) else { return false }
                var k = 2
                while k <= count {
                    guard (0x80...0xBF).contains(bytes[i + k]) else { return false }
                    k += 1
                }
                i += count + 1
            }
            return true
        }
    }
}

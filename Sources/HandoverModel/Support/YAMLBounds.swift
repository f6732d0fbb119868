/// A linear pre-scan of an env-bearing YAML file (compose, render.yaml) before Yams composes it.
///
/// Yams shares an aliased node instead of copying it, so composing a document with aliases is linear; what is not
/// linear is hashing or comparing such a node: Yams hashes every mapping key to find duplicates, so an alias of an
/// alias lattice used as a key (`? *a9 : x`) hashes 10⁹ nodes and never returns. The scan refuses, before Yams sees
/// the text: a document larger than ``maximumBytes``, more than ``maximumAliases`` aliases, flow collections nested
/// deeper than ``maximumFlowDepth``, and any alias that is, or is inside, a mapping key. Compose and Render files have
/// no reason for any of these. The scan reads each byte once and needs no YAML parser; it errs on the side of refusing
/// (a refused file is reported as unread with the reason, and the rest of the collection goes on).
package enum YAMLBounds {
    package static let maximumBytes = 1 << 20
    package static let maximumAliases = 1_000
    package static let maximumFlowDepth = 64

    /// Why the document must not be handed to Yams, with the line it was noticed on; nil when it may be.
    package struct Refusal: Equatable {
        package var line: Int
        package var reason: String
    }

    /// A flow collection (`[…]` or `{…}`) still open.
    private struct Frame {
        var isMapping: Bool
        /// The collection itself sits where a key goes (in a flow mapping's key position or an explicit `?` key).
        var isKey: Bool
        var expectingKey: Bool
        var holdsAlias = false
    }

    package static func refusal(_ text: String, maximumBytes: Int = maximumBytes) -> Refusal? {
        let bytes = Array(text.utf8)
        if bytes.count > maximumBytes {
            return Refusal(line: 0, reason: "larger than \(maximumBytes >> 20) MiB; YAML files are not read past that size")
        }
        var scanner = Scanner(bytes)
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var flow: [Frame] = []
        var aliases = 0
        var firstAliasLine = 0
        var explicitKeyLine = 0
        /// Inside a `'…'` or `"…"` scalar that may go on over several lines.
        var quote: UInt8?
        /// Inside a block scalar (`|`, `>`): lines indented deeper than this are its text.
        var blockScalarParent: Int?

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

        static func isBlank(_ b: UInt8?) -> Bool { b == nil || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        static func isFlowIndicator(_ b: UInt8?) -> Bool { b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D }
        /// libyaml's anchor characters: letters, digits, `-` and `_`.
        static func isAnchorCharacter(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }

        mutating func run() -> Refusal? {
            while index < bytes.count {
                if let refusal = scanLine() { return refusal }
            }
            // Complex keys (`? …`) are rare in compose and Render files; with aliases around they can hide a
            // lattice inside a key, which the line scan cannot follow through block nesting: refuse the pair.
            if explicitKeyLine > 0 && aliases > 0 {
                return Refusal(line: explicitKeyLine, reason: "a complex mapping key (`? …`) in a file that uses aliases; such files are not read")
            }
            return nil
        }

        /// Scans from the start of a line through its newline.
        mutating func scanLine() -> Refusal? {
            var indent = 0
            while let b = peek, b == 0x20 { indent += 1; index += 1 }
            if let parent = blockScalarParent, quote == nil {
                let blank = peek.map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } ?? true
                if blank || indent > parent { skipToNextLine(); return nil }
                blockScalarParent = nil
            }
            var previous: UInt8? = nil  // nil: start of the line's content
            while let b = peek, b != 0x0A, b != 0x0D {
                if let q = quote {
                    index += 1
                    if b == q {
                        if q == 0x27, peek == 0x27 { index += 1 } else { quote = nil }  // '' is an escaped quote
                    } else if b == 0x5C, q == 0x22, let next = peek, next != 0x0A, next != 0x0D {
                        index += 1
                    }
                    previous = b
                    continue
                }
                let tokenStart = previous == nil || Self.isBlank(previous) || (!flow.isEmpty && (Self.isFlowIndicator(previous) || previous == 0x3A))
                switch b {
                case 0x23 where previous == nil || Self.isBlank(previous):  // # comment
                    while let c = peek, c != 0x0A, c != 0x0D { index += 1 }
                    continue
                case 0x27 where tokenStart, 0x22 where tokenStart:  // ' "
                    quote = b
                    index += 1
                case 0x2A where tokenStart:  // * alias
                    if let refusal = alias() { return refusal }
                    previous = 0x61
                    continue
                case 0x5B where tokenStart || !flow.isEmpty, 0x7B where tokenStart || !flow.isEmpty:  // [ {
                    if flow.count >= maximumFlowDepth {
                        return Refusal(line: line, reason: "flow collections nested deeper than \(maximumFlowDepth) levels")
                    }
                    let parent = flow.last
                    let isKey = parent.map { $0.isMapping && $0.expectingKey } ?? false
                    flow.append(Frame(isMapping: b == 0x7B, isKey: isKey, expectingKey: b == 0x7B))
                    index += 1
                case 0x5D where !flow.isEmpty, 0x7D where !flow.isEmpty:  // ] }
                    index += 1
                    let closed = flow.removeLast()
                    if closed.holdsAlias {
                        if closed.isKey || followedByValueIndicator() {
                            return Refusal(line: line, reason: "an alias inside a mapping key; such files are not read")
                        }
                        if !flow.isEmpty { flow[flow.count - 1].holdsAlias = true }
                    }
                case 0x2C where !flow.isEmpty:  // ,
                    flow[flow.count - 1].expectingKey = flow[flow.count - 1].isMapping
                    index += 1
                case 0x3A where !flow.isEmpty:  // : in flow
                    flow[flow.count - 1].expectingKey = false
                    index += 1
                case 0x3F where tokenStart && Self.isBlank(byte(at: index + 1)):  // ? explicit key
                    if explicitKeyLine == 0 { explicitKeyLine = line }
                    index += 1
                case 0x7C where tokenStart && flow.isEmpty, 0x3E where tokenStart && flow.isEmpty:  // | > block scalar
                    index += 1
                    if restIsBlockScalarHeader() { blockScalarParent = indent }
                default:
                    index += 1
                }
                previous = b
            }
            consumeNewline()
            return nil
        }

        /// At a `*` in token position: counts the alias and refuses it where it is (part of) a key.
        mutating func alias() -> Refusal? {
            index += 1
            let nameStart = index
            while let c = peek, Self.isAnchorCharacter(c) { index += 1 }
            guard index > nameStart else { return nil }  // `*` alone, `*.txt`: text, not an alias
            aliases += 1
            if aliases > maximumAliases {
                return Refusal(line: line, reason: "more than \(maximumAliases) aliases; such files are not read")
            }
            if let innermost = flow.last, innermost.isMapping && innermost.expectingKey {
                return Refusal(line: line, reason: "an alias used as a mapping key; such files are not read")
            }
            if followedByValueIndicator() {
                return Refusal(line: line, reason: "an alias used as a mapping key; such files are not read")
            }
            if !flow.isEmpty { flow[flow.count - 1].holdsAlias = true }
            return nil
        }

        /// Whether the next non-blank byte on this line is a `:` that makes what precedes it a key.
        func followedByValueIndicator() -> Bool {
            var i = index
            while let c = byte(at: i), c == 0x20 || c == 0x09 { i += 1 }
            guard byte(at: i) == 0x3A else { return false }
            return !flow.isEmpty || Self.isBlank(byte(at: i + 1))
        }

        /// After `|` or `>`: only chomping and indentation indicators, blanks and a comment up to the end of the line.
        func restIsBlockScalarHeader() -> Bool {
            var i = index
            while let c = byte(at: i), c == 0x2B || c == 0x2D || (c >= 0x30 && c <= 0x39) { i += 1 }
            var sawBlank = false
            while let c = byte(at: i), c == 0x20 || c == 0x09 { i += 1; sawBlank = true }
            guard let c = byte(at: i), c != 0x0A, c != 0x0D else { return true }
            return c == 0x23 && sawBlank
        }

        mutating func skipToNextLine() {
            while let c = peek, c != 0x0A, c != 0x0D { index += 1 }
            consumeNewline()
        }

        mutating func consumeNewline() {
            guard let b = peek else { return }
            index += 1
            if b == 0x0D, peek == 0x0A { index += 1 }
            line += 1
        }
    }
}

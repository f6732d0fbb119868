/// The bracket structure of one source text, read in one pass: where each `(`, `[`, `{` closes and which units are
/// code (not a string, a comment or a regular-expression literal). Enough for ``CodeConditions`` to find an `if`'s
/// body, a `case`'s statements or a function's extent without a parser.
///
/// Linear in the text and bounded: nesting deeper than ``maxDepth`` is not tracked (its brackets are ignored), an
/// unclosed bracket closes at the end of the text, a mismatched closer closes the innermost open bracket.
struct CodeBlocks {
    /// How the text is read: C-like braces (JS/TS, Go, Rust, Swift, PHP, Java, …), Python (indentation, `#`
    /// comments, triple quotes) or not at all (no structure, so no read is found conditional).
    enum Syntax {
        case cLike, python, ruby, none

        /// From a file's extension.
        static func of(_ path: String) -> Syntax {
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if ext == "py" { return .python }
            if ["rb", "rake", "ru"].contains(ext) { return .ruby }
            if ["js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "astro", "go", "rs", "swift", "kt", "java", "php", "cs", "scala"].contains(ext) {
                return .cLike
            }
            return .none
        }
    }

    struct Bracket {
        var open: Int
        /// Offset of the closing unit (`units.count` when never closed).
        var close: Int
        var kind: UInt16
        /// Index of the enclosing bracket, -1 at top level.
        var parent: Int
    }

    static let maxDepth = 256

    let units: [UInt16]
    let syntax: Syntax
    /// Sorted by `open`.
    private(set) var brackets: [Bracket] = []
    /// Per unit: the index of the bracket opening there, -1 elsewhere.
    private(set) var bracketAt: [Int32]
    /// Per unit: code, inside a string (or regular-expression literal), or inside a comment.
    private(set) var kind: [UInt8]
    static let code: UInt8 = 0, string: UInt8 = 1, comment: UInt8 = 2
    /// Every comment's opener, in text order, and whether it surely starts a comment (see ``isSurelyComment(_:)``).
    private(set) var comments: [(start: Int, sure: Bool)] = []
    /// C-like syntax: where each stretch of literal text starts (a quote, a backtick, a regular expression's `/`, or the
    /// `}` after which a template literal's text resumes), in text order, and whether its opener surely starts a literal
    /// (see ``isSurelyText(_:)``).
    private(set) var literals: [(start: Int, sure: Bool)] = []

    init(units: [UInt16], syntax: Syntax) {
        self.units = units
        self.syntax = syntax
        kind = Array(repeating: syntax != .none ? Self.code : Self.string, count: units.count)
        bracketAt = Array(repeating: -1, count: syntax == .none ? 0 : units.count)
        if syntax != .none { scan() }
    }

    // MARK: the pass

    private enum State { case code, line, block, string(UInt16), triple(UInt16), template, regex }

    private mutating func scan() {
        var state = State.code
        var stack: [(index: Int, template: Bool)] = []
        var overflow = 0
        var lastSignificant: UInt16 = 0x28  // as if after `(`: a `/` first is a regex
        var templateSure = false  // whether the template literal being read surely opened as one
        var templateEntries: [Int] = []  // its stretches' indices in `literals`
        var outerTemplates: [(sure: Bool, entries: [Int])] = []  // the same, of the templates whose `${` is open
        var i = 0
        let n = units.count
        while i < n {
            let u = units[i]
            switch state {
            case .line:
                kind[i] = Self.comment
                if u == 0x0A { state = .code }
            case .block:
                kind[i] = Self.comment
                if u == 0x2A, i + 1 < n, units[i + 1] == 0x2F { kind[i + 1] = Self.comment; i += 1; state = .code }
            case .string(let q):
                kind[i] = Self.string
                if u == 0x5C { if i + 1 < n { kind[i + 1] = Self.string }; i += 1 } else if u == q || u == 0x0A {
                    if u == q { closeLiteral(at: i, entries: [literals.count - 1]); lastSignificant = u }
                    state = .code
                }
            case .triple(let q):
                kind[i] = Self.string
                if u == 0x5C { if i + 1 < n { kind[i + 1] = Self.string }; i += 1 } else if u == q, i + 2 < n, units[i + 1] == q, units[i + 2] == q {
                    kind[i + 1] = Self.string; kind[i + 2] = Self.string; i += 2; state = .code
                }
            case .template:
                kind[i] = Self.string
                if u == 0x5C { if i + 1 < n { kind[i + 1] = Self.string }; i += 1 } else if u == 0x60 {
                    closeLiteral(at: i, entries: templateEntries)
                    lastSignificant = u
                    state = .code
                } else if u == 0x24, i + 1 < n, units[i + 1] == 0x7B {  // ${
                    i += 1
                    kind[i] = Self.code
                    outerTemplates.append((templateSure, templateEntries))
                    open(i, kind: 0x7B, template: true, stack: &stack, overflow: &overflow)
                    state = .code
                    lastSignificant = 0x7B
                }
            case .regex:
                kind[i] = Self.string
                if u == 0x5C { if i + 1 < n { kind[i + 1] = Self.string }; i += 1 } else if u == 0x2F || u == 0x0A { state = .code }
            case .code:
                if syntax == .python || syntax == .ruby {
                    // Ruby: `#` after code (`s3://#{…}` in a backtick or `%()` string, `/#/`, `?#`) or opening `#{` is not one
                    if u == 0x23, syntax == .python || ((i == 0 || [0x20, 0x09, 0x0A, 0x0D].contains(units[i - 1])) && (i + 1 >= n || units[i + 1] != 0x7B)) {
                        kind[i] = Self.comment; comments.append((i, true)); state = .line; break
                    }
                    if u == 0x27 || u == 0x22 {
                        kind[i] = Self.string
                        if syntax == .python, i + 2 < n, units[i + 1] == u, units[i + 2] == u { kind[i + 1] = Self.string; kind[i + 2] = Self.string; i += 2; state = .triple(u) } else { state = .string(u) }
                        break
                    }
                } else {
                    if u == 0x2F, i + 1 < n, units[i + 1] == 0x2F { kind[i] = Self.comment; comments.append((i, opensSurely(i))); state = .line; break }
                    if u == 0x2F, i + 1 < n, units[i + 1] == 0x2A {
                        kind[i] = Self.comment; kind[i + 1] = Self.comment; comments.append((i, opensSurely(i))); i += 1; state = .block; break
                    }
                    if u == 0x27 || u == 0x22 { kind[i] = Self.string; literals.append((i, opensLiteralSurely(i))); state = .string(u); break }
                    if u == 0x60 {
                        kind[i] = Self.string; templateSure = opensLiteralSurely(i); templateEntries = [literals.count]
                        literals.append((i, templateSure)); state = .template; break
                    }
                    if u == 0x2F, Self.regexMayFollow(lastSignificant) || afterArrowOrKeyword(i) {
                        kind[i] = Self.string; literals.append((i, false)); state = .regex; break
                    }
                }
                if u == 0x28 || u == 0x5B || u == 0x7B {
                    open(i, kind: u, template: false, stack: &stack, overflow: &overflow)
                } else if u == 0x29 || u == 0x5D || u == 0x7D {
                    if overflow > 0 {
                        overflow -= 1
                    } else if let top = stack.popLast() {
                        brackets[top.index].close = i
                        if top.template {
                            (templateSure, templateEntries) = outerTemplates.popLast() ?? (false, [])
                            templateEntries.append(literals.count)
                            literals.append((i + 1, templateSure))
                            state = .template
                        }
                    }
                }
                if u != 0x20 && u != 0x09 && u != 0x0A && u != 0x0D { lastSignificant = u }
            }
            i += 1
        }
    }

    private mutating func open(_ i: Int, kind: UInt16, template: Bool, stack: inout [(index: Int, template: Bool)], overflow: inout Int) {
        guard stack.count < Self.maxDepth else { overflow += 1; return }
        bracketAt[i] = Int32(brackets.count)
        brackets.append(Bracket(open: i, close: units.count, kind: kind, parent: stack.last?.index ?? -1))
        stack.append((brackets.count - 1, template))
    }

    /// A `/` after these starts a regular expression, not a division.
    static func regexMayFollow(_ u: UInt16) -> Bool {
        [0x28, 0x2C, 0x3D, 0x3A, 0x5B, 0x21, 0x26, 0x7C, 0x3F, 0x7B, 0x7D, 0x3B].contains(u)  // ( , = : [ ! & | ? { } ;
    }

    // MARK: queries

    func isCode(_ p: Int) -> Bool { p >= 0 && p < kind.count && kind[p] == Self.code }

    /// Code or a string (a literal starts there): what `nextCode`/`previousCode` stop at; comments are skipped.
    func isToken(_ p: Int) -> Bool { p >= 0 && p < kind.count && kind[p] != Self.comment }
    /// Inside a comment (never for a text read without structure).
    func isComment(_ p: Int) -> Bool { p >= 0 && p < kind.count && kind[p] == Self.comment }

    /// Inside a comment whose opener surely starts one: Python's `#`, or a `//`/`/*` first on its line or after `;`,
    /// `{`, `}` or `,`. Markup text (`<p>see /api/*</p>`, `https://…` in JSX) and a regular expression the scanner took
    /// for division can open what looks like a comment elsewhere; a read there is kept.
    func isSurelyComment(_ p: Int) -> Bool {
        guard isComment(p) else { return false }
        // the last opener at or before p opened the comment p is in
        var low = 0, high = comments.count
        while low < high {
            let mid = (low + high) / 2
            if comments[mid].start <= p { low = mid + 1 } else { high = mid }
        }
        return low > 0 && comments[low - 1].sure
    }

    /// Inside a string or template literal's text whose opener surely starts one (see ``opensLiteralSurely(_:)``): a
    /// code sample shown to users (`` return `const c = new Client(process.env.COHERE_API_KEY!)` ``), an error message
    /// naming the variable. Only C-like syntax records literals; markup text (`<p>Don't …</p>` in JSX) can open what
    /// looks like one elsewhere, and a read there is kept.
    func isSurelyText(_ p: Int) -> Bool {
        guard p >= 0, p < kind.count, kind[p] == Self.string else { return false }
        var low = 0, high = literals.count
        while low < high {
            let mid = (low + high) / 2
            if literals[mid].start <= p { low = mid + 1 } else { high = mid }
        }
        return low > 0 && literals[low - 1].sure
    }

    /// A literal closing at `i` whose closer would itself surely open one — after `(` `,` `=` `:` `[` `?` `+` `|`
    /// `&`, `=>` or a keyword — was most likely misread (a regular expression taken for division, a lone backtick in
    /// markup text swapped every later opener and closer): its text — each stretch of a template, `entries` — is not
    /// surely text.
    private mutating func closeLiteral(at i: Int, entries: [Int]) {
        guard opensLiteralSurely(i, closer: true) else { return }
        for k in entries where k >= 0 && k < literals.count { literals[k].sure = false }
    }

    /// A `/` at `i` after an arrow's `=>` or `return`, `typeof`, `case`, `yield`, `await`: a regular expression.
    private func afterArrowOrKeyword(_ i: Int) -> Bool {
        var before = i - 1
        while before >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(units[before]) { before -= 1 }
        guard before >= 0 else { return false }
        if units[before] == 0x3E { return before > 0 && units[before - 1] == 0x3D }
        guard let (word, start) = word(endingAt: before), Self.literalKeywords.contains(word) else { return false }
        return start == 0 || units[start - 1] != 0x2E
    }

    /// Words after which a literal starts an expression.
    private static let literalKeywords: Set<String> = ["return", "yield", "await", "case", "default", "throw", "typeof"]

    /// A quote or backtick at `i` after what only an expression can follow: `(` `,` `=` `:` `[` `?` `{` `;` `+` `|`
    /// `&`, an arrow's `=>`, `return` and the like, or the start of the text; a backtick also right after a name or
    /// `)` (a tagged template: `` sql`…` ``, `` styled(Button)`…` ``). Not after other words or `}`, as in markup
    /// text (`<p>Don't</p>`, `<p>{name}'s</p>`).
    /// As a closer's test (`closer`): only the punctuation, arrow and keywords — not `{` `;` (a code sample's text often
    /// ends in them) nor a tagged template's name (most text ends in a letter).
    private func opensLiteralSurely(_ i: Int, closer: Bool = false) -> Bool {
        var before = i - 1
        while before >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(units[before]) { before -= 1 }
        guard before >= 0 else { return !closer }
        let u = units[before]
        if [0x28, 0x2C, 0x3D, 0x3A, 0x5B, 0x3F, 0x2B, 0x7C, 0x26].contains(u) { return true }  // ( , = : [ ? + | &
        if !closer, u == 0x7B || u == 0x3B { return true }  // { ;
        if u == 0x3E { return before > 0 && units[before - 1] == 0x3D }  // =>
        if !closer, units[i] == 0x60, before == i - 1, u == 0x29 || CodeReadTail.isIdentifier(u) { return true }
        guard let (word, start) = word(endingAt: before), Self.literalKeywords.contains(word) else { return false }
        return start == 0 || units[start - 1] != 0x2E
    }

    /// A `//` or `/*` at `i` first on its line (past blanks) or after `;`, `{`, `}` or `,`.
    private func opensSurely(_ i: Int) -> Bool {
        var before = i - 1
        while before >= 0, units[before] == 0x20 || units[before] == 0x09 { before -= 1 }
        guard before >= 0 else { return true }
        return [0x0A, 0x0D, 0x3B, 0x7B, 0x7D, 0x2C].contains(units[before])  // newline ; { } ,
    }

    func unit(_ p: Int) -> UInt16? { p >= 0 && p < units.count ? units[p] : nil }

    /// The innermost bracket whose open lies before `p` and whose close lies after it.
    func innermost(containing p: Int) -> Int? {
        var low = 0, high = brackets.count - 1, found = -1
        while low <= high {
            let mid = (low + high) / 2
            if brackets[mid].open < p { found = mid; low = mid + 1 } else { high = mid - 1 }
        }
        var b = found, steps = 0
        while b >= 0, steps <= Self.maxDepth {
            if brackets[b].close > p { return b }
            b = brackets[b].parent
            steps += 1
        }
        return nil
    }

    /// The bracket opening at `p`.
    func bracket(at p: Int) -> Bracket? {
        guard p >= 0, p < bracketAt.count, bracketAt[p] >= 0 else { return nil }
        return brackets[Int(bracketAt[p])]
    }

    /// The first code or string unit at or after `p` that is not blank (newlines too when asked), within `reach`.
    func nextCode(from p: Int, newlines: Bool = true, reach: Int = 240) -> Int {
        var q = p
        let limit = min(units.count, p + reach)
        while q < limit {
            let u = units[q]
            if isToken(q), !(u == 0x20 || u == 0x09 || (newlines && (u == 0x0A || u == 0x0D))) { return q }
            if !newlines, u == 0x0A { return q }
            q += 1
        }
        return q
    }

    /// The last code or string unit before `p` that is not blank, within `reach`; -1 when none.
    func previousCode(before p: Int, reach: Int = 240) -> Int {
        var q = p - 1
        while q >= 0, p - q <= reach {
            let u = units[q]
            if isToken(q), !(u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D) { return q }
            q -= 1
        }
        return -1
    }

    /// The identifier ending at `p` (inclusive), as text, and where it starts.
    func word(endingAt p: Int) -> (String, Int)? {
        guard p >= 0, p < units.count, CodeReadTail.isIdentifier(units[p]) else { return nil }
        var start = p
        while start > 0, p - start < 64, CodeReadTail.isIdentifier(units[start - 1]) { start -= 1 }
        return (String(decoding: units[start...p], as: UTF16.self), start)
    }

    /// The identifier starting at `p`, and where it ends (exclusive).
    func word(startingAt p: Int) -> (String, Int)? {
        guard p >= 0, p < units.count, CodeReadTail.isIdentifier(units[p]) else { return nil }
        var end = p
        while end < units.count, end - p < 64, CodeReadTail.isIdentifier(units[end]) { end += 1 }
        return (String(decoding: units[p..<end], as: UTF16.self), end)
    }

    /// Whether the text at `p` is `word` as a whole identifier.
    func isWord(_ word: String, at p: Int) -> Bool {
        guard let (w, _) = self.word(startingAt: p), w == word else { return false }
        return p == 0 || !CodeReadTail.isIdentifier(units[p - 1])
    }

    /// Whether code in `[from, to)` (at most `reach` units of it) holds one of `words` as a whole identifier.
    func containsWord(_ words: Set<String>, from: Int, to: Int, reach: Int = 2_000) -> Bool {
        var p = max(0, from)
        let limit = min(to, units.count, from + reach)
        while p < limit {
            if isCode(p), CodeReadTail.isIdentifier(units[p]), p == 0 || !CodeReadTail.isIdentifier(units[p - 1]),
               let (w, end) = word(startingAt: p) {
                if words.contains(w) { return true }
                p = end
            } else {
                p += 1
            }
        }
        return false
    }

    /// The indentation (spaces and tabs) of the line holding `p`, and the offset where that line starts.
    func indentation(ofLineAt p: Int) -> (Int, Int) {
        var start = min(p, units.count)
        while start > 0, units[start - 1] != 0x0A { start -= 1 }
        var q = start
        while q < units.count, units[q] == 0x20 || units[q] == 0x09 { q += 1 }
        return (q - start, start)
    }

    /// Python (and Ruby, whose `end` sits at its opener's indentation): the end of the block introduced by the line holding `p` — the start of the first later non-blank,
    /// code line indented no deeper than that line (or than `atMost`, when given).
    func indentedBlockEnd(afterLineAt p: Int, atMost: Int? = nil, reach: Int = 8_000) -> Int {
        let indent = atMost ?? indentation(ofLineAt: p).0
        guard indent >= 0 else { return units.count }
        var q = p
        let limit = min(units.count, p + reach)
        while q < limit, units[q] != 0x0A { q += 1 }
        while q < limit {
            let lineStart = q + 1
            var r = lineStart
            while r < units.count, units[r] == 0x20 || units[r] == 0x09 { r += 1 }
            if r < units.count, units[r] != 0x0A, units[r] != 0x0D, isCode(r), r - lineStart <= indent { return lineStart }
            q = r
            while q < units.count, units[q] != 0x0A { q += 1 }
        }
        return min(q, units.count)
    }
}

extension CodeBlocks {
    /// Each `key: value` (or `"key": value`) at the top level of the object literal `object`, at most `limit` of them:
    /// the key and its value's range, from the value's first unit to the next `,` at the object's own level (or its close).
    func forEachKey(of object: Bracket, limit: Int, _ body: (_ key: String, _ value: Range<Int>) -> Void) {
        var p = nextCode(from: object.open + 1)
        for _ in 0..<limit {
            guard p < object.close else { return }
            var end = p
            while end < object.close, !(unit(end) == 0x2C && isCode(end)) {
                if let inner = bracket(at: end), inner.open == end { end = inner.close + 1 } else { end += 1 }
            }
            end = min(end, object.close)
            var keyStart = p
            let quote = unit(p).flatMap { $0 == 0x22 || $0 == 0x27 ? $0 : nil }
            if quote != nil { keyStart += 1 }
            if let (key, keyEnd) = word(startingAt: keyStart) {
                let afterKey = quote != nil && unit(keyEnd) == quote ? keyEnd + 1 : keyEnd
                let colon = nextCode(from: afterKey, reach: 16)
                if unit(colon) == 0x3A {
                    let value = nextCode(from: colon + 1)
                    body(key, value..<max(value, end))
                }
            }
            p = nextCode(from: end + 1)
        }
    }
}

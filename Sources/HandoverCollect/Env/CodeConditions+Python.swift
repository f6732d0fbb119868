import Foundation
import HandoverModel
/// Python's tests of a read: `if os.getenv('X'):`, `if not os.getenv('X'): raise …`, `elif … == 'smtp':` and
/// `match os.getenv('X'):` with `case 'smtp':` lines; blocks are read by indentation.
extension CodeConditions {
    func pythonTest(_ name: String, start: Int, end: Int) -> Test {
        var (start, end) = (start, end)
        // `'X' in os.environ`, `'X' not in os.environ`: a test of presence whatever surrounds it (read before a `bool(…)`
        // around it widens the range)
        let membership = unit(start) == 0x22 || unit(start) == 0x27
        let notIn = membership && String(decoding: units[start..<end], as: UTF16.self).split(whereSeparator: { $0 == " " || $0 == "\t" }).contains("not")
        // `bool(os.environ.get('X'))` tests it as the read itself does
        let open = blocks.previousCode(before: start)
        if unit(open) == 0x28, let (word, wordStart) = blocks.word(endingAt: blocks.previousCode(before: open)), word == "bool",
           let call = blocks.bracket(at: open), blocks.nextCode(from: end) == call.close {
            (start, end) = (wordStart, call.close + 1)
        }
        let previous = blocks.previousCode(before: start)
        let notBefore = blocks.word(endingAt: previous).flatMap { $0.0 == "not" ? $0.1 : nil }
        let negated = (notBefore != nil) != notIn
        var operand = notBefore ?? start
        // `if v := os.getenv('X'):`: the walrus's name holds the value the `if` tests
        if notBefore == nil, unit(previous) == 0x3D, unit(previous - 1) == 0x3A,
           let (_, nameStart) = blocks.word(endingAt: blocks.previousCode(before: previous - 1)) {
            operand = nameStart
        }
        var after = blocks.nextCode(from: end, newlines: false)
        var comparison: (equal: Bool, literal: String?)?
        if let (equal, operatorEnd) = comparisonOperator(at: after) {
            guard let literal = compared(at: blocks.nextCode(from: operatorEnd, newlines: false), name: name) else { return Test(kind: nil) }
            comparison = (equal, literal.text)
            after = blocks.nextCode(from: literal.end, newlines: false)
        }
        let sense = Sense(negated: negated, comparison: comparison)
        let (indent, lineStart) = blocks.indentation(ofLineAt: start)
        if let (keyword, keywordEnd) = blocks.word(startingAt: lineStart + indent), blocks.nextCode(from: keywordEnd, newlines: false) == operand {
            if (keyword == "if" || keyword == "elif"), unit(after) == 0x3A {  // :
                let bodyEnd = blocks.indentedBlockEnd(afterLineAt: start)
                if !sense.positive {
                    return Test(kind: fails(from: after + 1, to: bodyEnd) ? .enforced : sense.kind)
                }
                guard let guarded = sense.condition(name) else { return Test(kind: sense.kind) }
                var test = Test(kind: sense.kind, regions: [Region(start: after + 1, end: bodyEnd, condition: guarded)])
                if guarded.kind == .set, let otherwise = pythonElse(at: bodyEnd, indent: indent) { test.branches = (after + 1..<bodyEnd, otherwise) }
                return test
            }
            if keyword == "match", !negated, comparison == nil, unit(after) == 0x3A { return pythonMatch(name, line: start, indent: indent) }
        }
        if negated || comparison != nil || membership { return Test(kind: sense.kind) }
        return Test(kind: nil)
    }

    /// The `elif …:`/`else:` branches that follow an `if` block ending at `p` at the same indentation, through the
    /// chain's end: nil when none follows.
    func pythonElse(at p: Int, indent: Int) -> Range<Int>? {
        var end = p
        for _ in 0..<16 {
            guard end < units.count else { break }
            let (lineIndent, lineStart) = blocks.indentation(ofLineAt: end)
            guard lineStart == end, lineIndent == indent,
                  blocks.isWord("else", at: end + indent) || blocks.isWord("elif", at: end + indent) else { break }
            end = blocks.indentedBlockEnd(afterLineAt: end + indent)
        }
        return end > p ? p..<end : nil
    }

    /// `match X:` then `case 'a':` lines, each guarding its block; `case _:` that raises makes it enforced.
    func pythonMatch(_ name: String, line: Int, indent: Int) -> Test {
        var test = Test(kind: .selector)
        let end = blocks.indentedBlockEnd(afterLineAt: line)
        var p = line
        while p < end, units[p] != 0x0A { p += 1 }
        while p < end {
            let (caseIndent, lineStart) = blocks.indentation(ofLineAt: p + 1)
            let first = lineStart + caseIndent
            if caseIndent > indent, blocks.isWord("case", at: first) {
                let body = blocks.indentedBlockEnd(afterLineAt: first)
                let value = blocks.nextCode(from: first + 4, newlines: false)
                if let literal = literal(at: value), let text = literal.text, text.count > 2 {
                    test.regions.append(Region(start: first, end: body, condition: CodeCondition(
                        kind: .equals, name: name, value: CodeReadTail.safeToShow(text, name: ""))))
                } else if unit(value) == 0x5F, fails(from: value, to: body) {  // case _:
                    test.kind = .enforced
                }
            }
            p += 1
            while p < end, units[p] != 0x0A { p += 1 }
        }
        return test
    }

    /// Python: the end of the block an assignment indented by `indent` lives in.
    /// A module-level switch: `USE_S3 = env.bool("USE_S3", False)` (django-environ) or `USE_S3 = bool(os.getenv("USE_S3"))`,
    /// the whole statement at the start of an unindented line, and the only assignment of that name in the file. A
    /// use of it as a test (`if USE_S3:`, `if ENABLE_SENTRY and not DEBUG:`) guards its branch by the variable, as a
    /// read there would (bookwyrm's S3 keys under `if USE_S3:`, held-out batch 65; rules 2026.12.89).
    func pythonSwitchAliases(_ reads: [Read]) -> [(name: String, names: [String], after: Int, scopeEnd: Int)] {
        var out: [(name: String, names: [String], after: Int, scopeEnd: Int)] = []
        let tail = CodeReadTail(units: units)
        for read in reads.prefix(Self.maxReads) where !read.inert && out.count < Self.maxAliases {
            var (start, end) = (read.start, read.end)
            // a switch that is off when unset: a switch on by default runs its body unset (`env.bool("X", default=True)`,
            // `bool(os.getenv("X", "1"))`), and one that says production (`IS_PRODUCTION`) is on there (rules 2026.12.90,
            // a review of .89)
            let words = EnvNameTokens.tokens(read.name)
            guard !words.contains(where: ["PRODUCTION", "PROD", "LIVE", "DEPLOYED"].contains) else { continue }
            // …but a switch whose name says development is off in production whatever its default (courtlistener's
            // `DEVELOPMENT = env.bool("DEVELOPMENT", default=True)` above its development AWS keys)
            let development = words.contains(where: ["DEVELOPMENT", "DEV", "LOCAL"].contains)
            if tail.starts(with: "env.bool(", at: start) {
                guard development || pythonDefaultIsOff(start: start, end: end), !declaresScheme(read.name) else { continue }
            } else {
                // `bool(<read>)`, the read its only argument and no default inside it
                let open = blocks.previousCode(before: start)
                guard unit(open) == 0x28, let (word, wordStart) = blocks.word(endingAt: blocks.previousCode(before: open)), word == "bool",
                      let call = blocks.bracket(at: open), blocks.nextCode(from: end) == call.close,
                      !units[start..<end].contains(0x2C) else { continue }
                (start, end) = (wordStart, call.close + 1)
            }
            let equals = blocks.previousCode(before: start)
            guard unit(equals) == 0x3D, let before = unit(equals - 1), ![0x3D, 0x21, 0x3C, 0x3E].contains(before),
                  var (name, nameStart) = blocks.word(endingAt: blocks.previousCode(before: equals)) else { continue }
            // an annotated assignment, `USE_S3: bool = …`
            let colon = blocks.previousCode(before: nameStart)
            if unit(colon) == 0x3A, let (annotated, annotatedStart) = blocks.word(endingAt: blocks.previousCode(before: colon)) {
                (name, nameStart) = (annotated, annotatedStart)
            }
            let (indent, lineStart) = blocks.indentation(ofLineAt: nameStart)
            let next = blocks.nextCode(from: end, newlines: false)
            guard indent == 0, lineStart == nameStart, next >= units.count || [0x0A, 0x0D, 0x3B, 0x23].contains(units[next]),
                  moduleAssignments(of: name) == 1 else { continue }
            out.append((name, [read.name], end, units.count))
        }
        return out
    }

    /// `env.bool("X")`, `env.bool("X", False)`, `env.bool("X", default=0)`: no default, or one that is off.
    func pythonDefaultIsOff(start: Int, end: Int) -> Bool {
        let text = String(decoding: units[start..<end], as: UTF16.self)
        guard let comma = text.firstIndex(of: ",") else { return true }
        var value = text[text.index(after: comma)...].trimmingCharacters(in: .whitespacesAndNewlines)
        if value.hasSuffix(")") { value.removeLast() }
        if value.hasPrefix("default") { value = String(value.drop { $0 != "=" }.dropFirst()) }
        value = value.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        return ["False", "0", "false", "no", "off", "", "None"].contains(value)
    }

    /// django-environ's scheme gives the default elsewhere: `environ.Env(USE_S3=(bool, True))`.
    func declaresScheme(_ name: String) -> Bool { schemeSwitches.contains(name) }

    /// django-environ's scheme (rules 2026.12.93): each `NAME=(cast, default)` argument of an `Env(…)` call
    /// (`environ.Env(…)`, `Env(…)` imported) gives `env("NAME")` and `env.str("NAME")` their default when the call passes
    /// none — kukkuu's `GDPR_API_QUERY_SCOPE=(str, "gdprquery")`, linkedevents' `COOKIE_PREFIX=(str, "linkedevents")`
    /// (held-out batch 77, owner-false highs). `NAME=cast`, `NAME=(cast,)` and an empty default (`""`, `None`, `[]`,
    /// `{}`) give none.
    static func schemeDefaults(_ blocks: CodeBlocks) -> [String: CodeFallback] {
        let units = blocks.units
        let tail = CodeReadTail(units: units)
        var defaults: [String: CodeFallback] = [:]
        for p in CodeReadTail.positions(of: "Env(", in: units) {
            guard blocks.isCode(p), p == 0 || !CodeReadTail.isIdentifier(units[p - 1]), let call = blocks.bracket(at: p + 3) else { continue }
            var q = call.open + 1
            while q < call.close {
                guard let entry = blocks.bracket(at: q), entry.kind == 0x28 else { q += 1; continue }
                defer { q = entry.close + 1 }
                let equals = blocks.previousCode(before: q, reach: 16)
                guard blocks.unit(equals) == 0x3D, let (name, _) = blocks.word(endingAt: blocks.previousCode(before: equals, reach: 16)) else { continue }
                // the first comma of the tuple, outside brackets of its own
                var r = entry.open + 1
                var comma: Int?
                while r < entry.close {
                    if let inner = blocks.bracket(at: r) { r = inner.close + 1; continue }
                    if blocks.unit(r) == 0x2C, blocks.isCode(r) { comma = r; break }
                    r += 1
                }
                guard let comma else { continue }
                let value = blocks.nextCode(from: comma + 1, reach: 64)
                guard value < entry.close else { continue }  // `(str,)`
                // a literal that is the whole value (`(int, 6 * HOUR)` is computed, not 6)
                let literal = tail.literal(at: value)
                let fallback = literal.flatMap { literal -> CodeFallback? in
                    var after = blocks.nextCode(from: literal.end, reach: 64)
                    if blocks.unit(after) == 0x2C { after = blocks.nextCode(from: after + 1, reach: 64) }  // `(int, 2,)`
                    return after >= entry.close ? literal.fallback : nil
                } ?? CodeFallback(kind: .computed)
                // `(str, "")`, `(str, None)`, `(list, [])` declare the cast, not a value: carbure's settings give every
                // name one, the ones production needs too (measured: ten owner-true highs lowered when taken as defaults)
                if fallback.kind == .empty || fallback.kind == .absent || fallback.shown == "[]" || fallback.shown == "{}" { continue }
                defaults[name] = CodeReadTail.shownSafely(fallback, name: name)
            }
        }
        return defaults
    }

    /// Every name written right before `=(bool` (django-environ's scheme entries), by one pass over the text.
    static func schemeSwitches(_ units: [UInt16]) -> Set<String> {
        var names: Set<String> = []
        for p in CodeReadTail.positions(of: "=(bool", in: units) {
            var start = p
            while start > 0, p - start < 128, CodeReadTail.isIdentifier(units[start - 1]) { start -= 1 }
            if start < p { names.insert(String(decoding: units[start..<p], as: UTF16.self)) }
        }
        return names
    }

    /// How many lines assign `name` at any indentation (`name = …`, `name: bool = …`; not `name == …`): a switch forced
    /// on in a branch (`if ENVIRONMENT == "production":` / `USE_S3 = True`) is no longer the variable's.
    func moduleAssignments(of name: String) -> Int {
        let target = Array(name.utf16)
        var count = 0, lineStart = 0
        while lineStart < units.count {
            var lineEnd = lineStart
            while lineEnd < units.count, units[lineEnd] != 0x0A { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd, units[first] == 0x20 || units[first] == 0x09 { first += 1 }
            if lineEnd - first > target.count, Array(units[first..<first + target.count]) == target, blocks.isCode(first) {
                var p = first + target.count
                if p < lineEnd, !CodeReadTail.isIdentifier(units[p]) {
                    while p < lineEnd, units[p] == 0x20 || units[p] == 0x09 { p += 1 }
                    if p < lineEnd, units[p] == 0x3A {  // an annotation: `name: bool = …`
                        while p < lineEnd, units[p] != 0x3D { p += 1 }
                    }
                    if p < lineEnd, units[p] == 0x3D, p + 1 >= lineEnd || units[p + 1] != 0x3D { count += 1 }
                }
            }
            lineStart = lineEnd + 1
        }
        return count
    }

    func pythonScopeEnd(after p: Int, indent: Int) -> Int {
        indent == 0 ? units.count : blocks.indentedBlockEnd(afterLineAt: p, atMost: indent - 1)
    }
}

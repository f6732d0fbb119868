import HandoverModel
/// Ruby's tests of a read (Rails apps: maybe, lago): `if ENV["X"].present?` … `end`, the modifier forms
/// `pidfile ENV["X"] if ENV["X"]` and `raise "…" unless ENV["X"]`, `ENV["X"] == "true"`, `ENV["X"].blank?`,
/// `ENV["X"] ||= …` and `ENV.fetch("X") { … }`. A block's body is read by indentation: Ruby's `end`, `else` and
/// `elsif` sit at their opener's indentation.
extension CodeConditions {
    /// Predicates that test presence: true when set.
    static let rubyPresence: [String: Bool] = ["present?": true, "blank?": false, "nil?": false, "empty?": false]
    /// Words that open a condition.
    static let rubyConditionWords: Set<String> = ["if", "unless", "elsif", "while", "until"]

    /// `cast`: `[start, end)` is a boolean cast of the read (``booleanCast(start:end:)``), judged as `== "true"`.
    func rubyTest(_ name: String, start: Int, end: Int, cast: Bool = false) -> Test {
        var negated = false
        var p = blocks.previousCode(before: start)
        while true {  // `!ENV["X"]`, `not ENV["X"]`, `(ENV["X"]…`
            if unit(p) == 0x21 { negated.toggle(); p = blocks.previousCode(before: p); continue }
            if let (word, wordStart) = blocks.word(endingAt: p), word == "not" { negated.toggle(); p = blocks.previousCode(before: wordStart); continue }
            if unit(p) == 0x28, blocks.word(endingAt: blocks.previousCode(before: p)) == nil { p = blocks.previousCode(before: p); continue }
            break
        }
        var after = blocks.nextCode(from: end, newlines: false)
        if unit(after) == 0x7C, unit(after + 1) == 0x7C, unit(after + 2) == 0x3D { return Test(kind: .computed) }  // ||=
        if unit(after) == 0x7B || blocks.isWord("do", at: after) { return Test(kind: .computed) }  // ENV.fetch("X") { … }
        var comparison: (equal: Bool, literal: String?)? = cast ? (true, "\"true\"") : nil
        var predicate = false
        if cast {
            // the cast's value is the operand: no predicate or comparison of the read follows it
        } else if unit(after) == 0x2E, let (method, methodEnd) = blocks.word(startingAt: after + 1), unit(methodEnd) == 0x3F,
           let positive = Self.rubyPresence[method + "?"] {
            predicate = true
            if !positive { negated.toggle() }
            after = blocks.nextCode(from: methodEnd + 1, newlines: false)
        } else if let (equal, operatorEnd) = comparisonOperator(at: after) {
            guard let literal = literal(at: blocks.nextCode(from: operatorEnd, newlines: false)) else { return Test(kind: nil) }
            comparison = (equal, literal.text)
            after = blocks.nextCode(from: literal.end, newlines: false)
        }
        let sense = Sense(negated: negated, comparison: comparison)
        let test = predicate || negated || comparison != nil
        // what may follow an operand of a condition: the line's end, `then`, `&&`/`and`, `||`/`or`, `)`, `?`
        let orAfter = (unit(after) == 0x7C && unit(after + 1) == 0x7C) || blocks.isWord("or", at: after)
        let andAfter = (unit(after) == 0x26 && unit(after + 1) == 0x26) || blocks.isWord("and", at: after)
        let closes = after >= units.count || [0x0A, 0x0D, 0x29].contains(units[after]) || blocks.isWord("then", at: after)
        if let keyword = rubyConditionKeyword(before: p), closes || orAfter || andAfter {
            return rubyBranch(name, keyword: keyword, sense: sense, hasAnd: keyword.hasAnd || andAfter, hasOr: keyword.hasOr || orAfter)
        }
        if unit(after) == 0x3F {  // `ENV["X"].present? ? a : b`
            let colon = ternaryColon(from: after + 1) ?? after + 1
            return Test(kind: sense.kind, regions: sense.condition(name).map { [Region(start: after, end: colon, condition: $0)] } ?? [])
        }
        if unit(after) == 0x26, unit(after + 1) == 0x26 {  // `ENV["X"] && run(ENV["X"])`
            let end = rubyLineEnd(from: after + 2)
            return Test(kind: sense.kind, regions: sense.condition(name).map { [Region(start: after, end: end, condition: $0)] } ?? [])
        }
        return Test(kind: test ? sense.kind : nil)
    }

    struct RubyKeyword {
        var word: String
        var start: Int
        var end: Int
        /// The operands before this one in the condition are joined by `&&`/`and`, `||`/`or`.
        var hasAnd: Bool
        var hasOr: Bool
    }

    /// The `if`/`unless`/`elsif`/`while`/`until` whose condition the operand ending before `p` + 1 opens or joins:
    /// right before it, or before an `&&`/`||`/`and`/`or` chain on the same line.
    func rubyConditionKeyword(before p: Int) -> RubyKeyword? {
        if let (word, wordStart) = blocks.word(endingAt: p), blocks.isCode(wordStart), Self.rubyConditionWords.contains(word) {
            return RubyKeyword(word: word, start: wordStart, end: p + 1, hasAnd: false, hasOr: false)
        }
        let joinedByAnd = (unit(p) == 0x26 && unit(p - 1) == 0x26) || blocks.word(endingAt: p)?.0 == "and"
        let joinedByOr = (unit(p) == 0x7C && unit(p - 1) == 0x7C) || blocks.word(endingAt: p)?.0 == "or"
        guard joinedByAnd || joinedByOr else { return nil }
        // the nearest condition word earlier on the line
        var q = p, hasAnd = joinedByAnd, hasOr = joinedByOr
        let limit = max(0, p - Self.branchReach)
        while q > limit, units[q] != 0x0A {
            if blocks.isCode(q), units[q] == 0x26, unit(q - 1) == 0x26 { hasAnd = true }
            if blocks.isCode(q), units[q] == 0x7C, unit(q - 1) == 0x7C { hasOr = true }
            if blocks.isCode(q), let (word, wordStart) = blocks.word(endingAt: q), q + 1 >= units.count || !CodeReadTail.isIdentifier(units[q + 1]) {
                if Self.rubyConditionWords.contains(word) { return RubyKeyword(word: word, start: wordStart, end: q + 1, hasAnd: hasAnd, hasOr: hasOr) }
                if word == "and" { hasAnd = true } else if word == "or" { hasOr = true }
                q = wordStart - 1
                continue
            }
            q -= 1
        }
        return nil
    }

    /// What a condition says of its operand. A block (`if` first on its line, or `x = if …`) guards the lines indented
    /// under it; a modifier (`stmt if cond`) guards the statement before it. `unless` turns the sense and the
    /// chain over (`unless A && B` runs when A or B is unset).
    func rubyBranch(_ name: String, keyword: RubyKeyword, sense: Sense, hasAnd: Bool, hasOr: Bool) -> Test {
        var sense = sense, hasAnd = hasAnd, hasOr = hasOr
        if keyword.word == "unless" || keyword.word == "until" {
            sense.negated.toggle()
            (hasAnd, hasOr) = (hasOr, hasAnd)
        }
        let (indent, lineStart) = blocks.indentation(ofLineAt: keyword.start)
        let first = lineStart + indent
        let beforeKeyword = blocks.previousCode(before: keyword.start)
        let block = keyword.start == first || unit(beforeKeyword) == 0x3D || keyword.word == "elsif"
        let body: (start: Int, end: Int)
        if block {
            body = (rubyLineEnd(from: keyword.end), blocks.indentedBlockEnd(afterLineAt: keyword.start))
        } else {
            body = (first, keyword.start)
        }
        if !sense.positive {
            if fails(from: body.start, to: body.end) || blocks.containsWord(["fail"], from: body.start, to: body.end) { return Test(kind: .enforced) }
            // `return unless ENV["X"]`: the rest of the method runs with it set
            guard !hasAnd, !block, blocks.containsWord(Self.exitWords.union(["next"]), from: body.start, to: body.end),
                  sense.kind == .presenceCheck else { return Test(kind: sense.kind) }
            return Test(kind: .presenceCheck, regions: [Region(start: keyword.end, end: pythonScopeEnd(after: keyword.end, indent: indent),
                                                               condition: CodeCondition(kind: .set, name: name))])
        }
        guard !hasOr, let guarded = sense.condition(name) else { return Test(kind: sense.kind) }
        return Test(kind: sense.kind, regions: [Region(start: body.start, end: body.end, condition: guarded)])
    }

    /// The end of the line holding `p`, at most ``branchReach`` on.
    func rubyLineEnd(from p: Int) -> Int {
        var q = p
        let limit = min(units.count, p + Self.branchReach)
        while q < limit, units[q] != 0x0A { q += 1 }
        return q
    }
}

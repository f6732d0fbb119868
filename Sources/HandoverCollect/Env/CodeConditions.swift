import HandoverModel
/// How each env read of one file is tested and under which conditions on other variables it runs, read from the
/// code around it (``CodeBlocks``): collectors record; ``EnvNeed`` judges.
///
/// - A read that is a test the code goes on after — `if (process.env.X)`, `!!process.env.X`, `X ? a : b`,
///   `X && …`, `if (!x) return`, a read inside its own presence guard — is a `presence-check`; one compared with a
///   literal or switched on (`=== 'csc'`, `switch`, ts-pattern's `match(…).with(…)`) is a `selector`; a negated test
///   whose branch fails (`if (!X) throw …`, `if (!X) return new Response(…, { status: 401 })`, see
///   `CodeConditions+Failure.swift`), a `switch` whose `default:` fails or `.exhaustive()` is `enforced`.
/// - The branch such a test guards (an `if` body, the `a` of `X ? a : b`, what follows `X &&`, a `case 'azure':`,
///   a `.with('inngest', …)`, the rest of a block after `if (!X) return`) is a region: reads in it run only when the
///   condition holds.
/// - `const url = env('X')` makes `url` an alias: its uses in the same block are tested the same way.
///
/// Linear and bounded: each read looks a bounded distance around it (``reach``), aliases are found in one
/// identifier pass, and at most ``maxRegions`` regions are kept per file.
struct CodeConditions {
    struct Read {
        var name: String
        var start: Int
        var end: Int
        /// The read has a default or alternatives of its own: not an alias candidate.
        var settled: Bool
        /// Text in what may be a comment: never a test, an alias or a condition (a plain read).
        var inert = false
    }

    struct Region {
        var start: Int
        var end: Int
        var condition: CodeCondition
    }

    struct Test {
        var kind: CodeFallback.Kind?
        var regions: [Region] = []
        /// A presence test with an `else`: the branch the set test guards and the one that runs unset (`else`,
        /// `elif` and what follows). ``analyse(_:identifiers:declarations:)`` decides whether they are alternatives.
        var branches: (set: Range<Int>, unset: Range<Int>)?
    }

    static let reach = 2_000
    static let maxRegions = 4_096
    static let maxAliases = 64
    /// Value aliases (`url = os.getenv("X")`) per file: a settings module holds hundreds (surfsense's 1,276-line
    /// `config/__init__.py`), each tested only at its own name's uses (at most ``maxUses``).
    static let maxValueAliases = 1_024
    /// Alias uses tested per file, over all aliases (what 64 aliases of ``maxUses`` each cost before): past it, an
    /// alias's untested uses leave it a plain read.
    static let maxAliasUses = 16_384
    static let maxUses = 256
    /// Reads looked at per file; past it a read is taken as a plain, unconditional read.
    static let maxReads = 4_096
    /// How far a ternary's `:` or the end of an `&&` operand is looked for.
    static let branchReach = 1_000
    static let maxConditions = 4
    /// Go's `log.Fatal…`, `os.Exit`, `panic` and an error returned with `fmt.Errorf` stop or fail too.
    static let failureWords: Set<String> = ["throw", "raise", "panic", "abort", "exit", "die", "Fatal", "Fatalf", "Fatalln",
                                            "Exit", "Panic", "Panicf", "Errorf"]
    static let exitWords: Set<String> = ["return", "continue", "break"]

    let blocks: CodeBlocks
    var units: [UInt16] { blocks.units }
    /// The names django-environ's scheme gives a boolean default in this file (`environ.Env(USE_S3=(bool, True))`):
    /// found once per Python file, asked per read.
    let schemeSwitches: Set<String>
    /// The defaults django-environ's scheme gives in this file (`environ.Env(COOKIE_PREFIX=(str, "linkedevents"))`), by
    /// name, as fallbacks shown only where safe (``CodeReadTail/safeToShow(_:name:)``).
    let schemeDefaults: [String: CodeFallback]

    init(blocks: CodeBlocks) {
        self.blocks = blocks
        schemeSwitches = blocks.syntax == .python ? Self.schemeSwitches(blocks.units) : []
        schemeDefaults = blocks.syntax == .python ? Self.schemeDefaults(blocks) : [:]
    }

    /// Per read: its test kind and the conditions it runs under (other variables only, innermost first); and
    /// every region found, sorted by start (for ``CodeSymbols``).
    func analyse(_ reads: [Read], identifiers: [CodeSymbols.Identifier], declarations: [CodeSymbols.Declaration] = [])
        -> (tests: [CodeFallback.Kind?], conditions: [[CodeCondition]], regions: [Region], alternatives: [Int: [String]]) {
        guard blocks.syntax != .none else {
            return (Array(repeating: nil, count: reads.count), Array(repeating: [], count: reads.count), [], [:])
        }
        var kinds: [CodeFallback.Kind?] = []
        var regions: [Region] = []
        // An alias is tested where it is used: a const's uses after it in its block, a parameter's in its function.
        var aliases: [(read: Int, name: String, scopeStart: Int, scopeEnd: Int)] = []
        var withElse: [(read: Int, branches: (set: Range<Int>, unset: Range<Int>))] = []
        for (i, read) in reads.enumerated() {
            guard i < Self.maxReads, !read.inert else { kinds.append(nil); continue }
            let test = self.test(read.name, start: read.start, end: read.end)
            kinds.append(test.kind)
            regions += test.regions
            if let branches = test.branches { withElse.append((i, branches)) }
            guard !read.settled, test.kind == nil, aliases.count < Self.maxValueAliases else { continue }
            // a default django-environ's scheme gives (`environ.Env(USE_S3=(bool, True))`): the value is no presence
            if blocks.syntax == .python, CodeReadTail(units: units).starts(with: "env.", at: read.start), declaresScheme(read.name) { continue }
            if let alias = alias(before: read.start, after: read.end) {
                aliases.append((i, alias.name, read.end, alias.scopeEnd))
            } else if let parameter = parameter(of: read, in: declarations) {
                if parameter.hasDefault { kinds[i] = .computed } else { aliases.append((i, parameter.name, parameter.start, parameter.end)) }
            }
        }
        if !aliases.isEmpty {
            let names = Set(aliases.map(\.name))
            let usesByName = Dictionary(grouping: identifiers.filter { names.contains($0.name) && !$0.member }, by: \.name)
            var budget = Self.maxAliasUses
            for alias in aliases {
                let read = reads[alias.read]
                var best: CodeFallback.Kind?
                var defaulted: CodeFallback.Kind?
                var raw = false  // a use neither tested nor given a default: passed on as it is
                var tested = 0
                var branches: [(set: Range<Int>, unset: Range<Int>)] = []  // `s = os.getenv("X")` then `if s: … else: …`
                var stops = false  // a use that stops without it (`if (!s) throw …`), or uses past the budget
                var rawUses: [Int] = []
                for use in usesByName[alias.name] ?? [] where use.start >= alias.scopeStart && use.start < alias.scopeEnd {
                    tested += 1
                    if tested > Self.maxUses { break }
                    budget -= 1  // only uses that are tested spend the file's budget
                    if budget < 0 { raw = true; stops = true; break }  // untested uses: no else makes a group
                    let test = self.test(read.name, start: use.start, end: use.end)
                    regions += test.regions
                    best = Self.stronger(best, test.kind)
                    if let found = test.branches { branches.append(found) }
                    if test.kind == .enforced { stops = true }
                    if test.kind == nil {
                        if let kind = defaultKind(afterUse: use.start..<use.end) { defaulted = defaulted ?? kind } else { raw = true; rawUses.append(use.start) }
                    }
                }
                // a default covers only its own expression: it counts when no use passes the value on as it is
                kinds[alias.read] = best ?? (raw ? nil : defaulted)
                // each else of the alias's tests is the read's, as a direct read's is; none when a use stops without it
                // (the else then never runs with it unset) or passes it on as it is (that use needs the name itself)
                let passedOn = rawUses.contains { use in !branches.contains { $0.set.contains(use) } }  // outside its own tests
                if !stops, !passedOn, kinds[alias.read] == .presenceCheck { withElse += branches.map { (alias.read, $0) } }
            }
        }
        for alias in conditionAliases(reads) {
            var tested = 0
            for use in identifiers where use.name == alias.name && !use.member && use.start >= alias.after && use.start < alias.scopeEnd {
                tested += 1
                if tested > Self.maxUses { break }
                for name in alias.names { regions += test(name, start: use.start, end: use.end).regions }
            }
        }
        // `if X: … else: …` whose else branch needs other names: the branches are alternatives. X's reads (its test and
        // its own branch) are plain reads with the else's names as alternatives — production needs X or them, and its
        // own branch is no guard for it —; the else's reads run only with X unset.
        var primaries: [(name: String, body: Range<Int>)] = []
        var alternatives: [Int: [String]] = [:]
        if regions.count > Self.maxRegions { regions.removeLast(regions.count - Self.maxRegions) }
        for (i, branches) in withElse {
            // past the bound an else is left as it is, its primary too (a presence check), never one without the other
            guard regions.count < Self.maxRegions else { break }
            let name = reads[i].name
            // the names the else needs: read with no default and no test of their own, under no test inside the else
            // (`else if (process.env.PGHOST) { … process.env.PGPASSWORD … }` runs only with PGHOST set), and not set by
            // the platform or the operating system
            let guardedInElse = regions.filter { branches.unset.contains($0.start) }
            var needed: Set<String> = []
            for (j, other) in reads.enumerated() where needed.count < Self.maxConditions {
                guard !other.inert, !other.settled, other.name != name, branches.unset.contains(other.start),
                      kinds[j] == nil || kinds[j] == .enforced, !CodeReferences.runtimeNames.contains(other.name),
                      !CodeReferences.systemNames.contains(other.name),
                      !guardedInElse.contains(where: { $0.start <= other.start && other.start < $0.end }) else { continue }
                needed.insert(other.name)
            }
            guard !needed.isEmpty else { continue }
            // an alias tested by several `if … else …` needs its name or any else's names
            let group = needed.union(alternatives[i] ?? []).sorted()
            kinds[i] = nil
            alternatives[i] = group
            for (j, own) in reads.enumerated() where own.name == name && branches.set.contains(own.start) { alternatives[j] = group }
            primaries.append((name, branches.set))
            regions.append(Region(start: branches.unset.lowerBound, end: branches.unset.upperBound, condition: CodeCondition(kind: .unset, name: name)))
        }
        regions.sort { ($0.start, $1.end, $0.condition.name) < ($1.start, $0.end, $1.condition.name) }
        var sweep = RegionSweep(regions)
        var conditions: [[CodeCondition]] = []
        for (i, read) in reads.enumerated() {
            let around = sweep.conditions(at: read.start)
            // (not a `differs` guard: `if (X !== 'a')` runs with X unset too)
            if !read.inert, let own = around.first(where: { $0.name == read.name && $0.kind != .differs }), kinds[i] == nil || kinds[i] == .enforced,
               !primaries.contains(where: { $0.name == read.name && $0.body.contains(read.start) }) {
                kinds[i] = own.kind == .equals ? .selector : .presenceCheck  // inside its own guard: handled unset
            }
            conditions.append(read.inert ? [] : Array(around.filter { $0.name != read.name }.prefix(Self.maxConditions)))
        }
        return (kinds, conditions, regions, alternatives)
    }

    /// `const xdg = process.env.XDG_CONFIG_HOME; … xdg || path.join(home, ".config")`, `raw ?? "60000"`: a use of an
    /// alias with a default after it, the default's kind (a credential's `|| ''` stays `empty`).
    func defaultKind(afterUse use: Range<Int>) -> CodeFallback.Kind? {
        let tail = CodeReadTail(units: units)
        // (a negated use, `!x || …`, is a test and judged before this)
        guard let operand = tail.fallbackOperand(after: tail.skipOptionalChain(from: use.upperBound)) else { return nil }
        guard let literal = tail.literal(at: operand) else { return .computed }
        // a development default (`?? 'http://localhost:3000'`) leaves production needing the value (documenso's
        // email templates build their links so)
        if Self.isDevelopmentDefault(units[operand..<max(operand, literal.end)]) { return nil }
        return literal.fallback.kind
    }

    /// Whether a default's text names a development host (`'http://localhost:3000'`, `127.0.0.1`, `0.0.0.0`): no
    /// default for production.
    static func isDevelopmentDefault(_ text: ArraySlice<UInt16>) -> Bool {
        let lowered = String(decoding: text, as: UTF16.self).lowercased()
        return ["localhost", "127.0.0.1", "0.0.0.0"].contains(where: lowered.contains)
    }

    /// A presence-check or selector use outranks an enforced one, which outranks none.
    static func stronger(_ a: CodeFallback.Kind?, _ b: CodeFallback.Kind?) -> CodeFallback.Kind? {
        func rank(_ k: CodeFallback.Kind?) -> Int { k == .presenceCheck || k == .selector ? 2 : k == .enforced ? 1 : 0 }
        return rank(b) > rank(a) ? b : a
    }

    // MARK: one read or alias use

    /// What the code does with the value read at `[start, end)`: the test kind and the regions it guards.
    func test(_ name: String, start: Int, end: Int) -> Test {
        if blocks.syntax == .python { return pythonTest(name, start: start, end: end) }
        // a boolean cast of the read is judged as the read compared with "true": `if (!toBoolean(X)) throw` enforces
        let cast = booleanCast(start: start, end: end)
        let (start, end) = cast ?? (start, end)
        if blocks.syntax == .ruby { return rubyTest(name, start: start, end: end, cast: cast != nil) }
        let typeOf = isTypeOf(before: start)
        var negated = isNegated(before: start)
        var after = blocks.nextCode(from: end)
        var comparison: (equal: Bool, literal: String?)? = cast != nil ? (true, "\"true\"") : nil
        // `(process.env.A || process.env.B) === "true"`: each read of the group is compared with the literal
        if cast == nil, let close = alternativesGroupEnd(containing: start) { after = blocks.nextCode(from: close + 1) }
        if let (equal, operatorEnd) = comparisonOperator(at: after) {
            guard cast == nil, let literal = compared(at: blocks.nextCode(from: operatorEnd), name: name) else { return Test(kind: nil) }  // a value use
            comparison = (equal, literal.text)
            after = blocks.nextCode(from: literal.end)
            if typeOf {
                // `typeof X === "undefined"` tests it unset, `typeof X === "string"` (any other type) set: both are a
                // comparison with empty, the second one's sense turned over.
                let undefined = literal.text.map { $0.dropFirst().dropLast() == "undefined" } ?? false
                comparison = (undefined ? equal : !equal, nil)
                negated = false
            }
        }
        let sense = Sense(negated: negated, comparison: comparison)
        // `A && …`: the right operand runs only with A's test true, wherever the expression sits (an `if`'s condition
        // too: `if (typeof X === "string" && X.includes(id))`).
        let andRegion = unit(after) == 0x26 && unit(after + 1) == 0x26
            ? sense.condition(name).map { [Region(start: after, end: expressionEnd(from: after + 2), condition: $0)] } ?? [] : []
        if var test = ifTest(name, start: start, after: after, sense: sense) { test.regions += andRegion; return test }
        if var test = bareIfTest(name, start: start, after: after, sense: sense) { test.regions += andRegion; return test }
        if let container = blocks.innermost(containing: start), blocks.brackets[container].kind == 0x28, comparison == nil, !negated,
           after == blocks.brackets[container].close, let (word, _) = blocks.word(endingAt: blocks.previousCode(before: blocks.brackets[container].open)) {
            if word == "switch" { return switchTest(name, subject: blocks.brackets[container]) }
            if word == "match" { return matchTest(name, subject: blocks.brackets[container]) }
            if word == "Boolean" { return Test(kind: .presenceCheck) }  // `Boolean(process.env.X)`, as `!!process.env.X`
        }
        // `?` of a ternary, which has its `:` (Rust's `?` operator, `env::var("X")?`, stops instead: a plain read)
        if unit(after) == 0x3F, unit(after + 1) != 0x2E, unit(after + 1) != 0x3F, let end = ternaryColon(from: after + 1) {
            return Test(kind: sense.kind, regions: sense.condition(name).map { [Region(start: after, end: end, condition: $0)] } ?? [])
        }
        if unit(after) == 0x26, unit(after + 1) == 0x26 {  // &&
            let end = expressionEnd(from: after + 2)
            return Test(kind: sense.kind, regions: sense.condition(name).map { [Region(start: after, end: end, condition: $0)] } ?? [])
        }
        if negated || comparison != nil { return Test(kind: sense.kind) }
        return Test(kind: nil)
    }

    /// What a test says: set, unset, equal to a literal, or different from one.
    struct Sense {
        var negated: Bool
        var comparison: (equal: Bool, literal: String?)?

        /// `'' `, `undefined`, `null`: comparing with these tests presence.
        var comparesEmpty: Bool { comparison.map { $0.literal == nil || $0.literal == "''" || $0.literal == "\"\"" } ?? false }
        /// True when the branch runs with the variable set.
        var positive: Bool {
            guard let comparison else { return !negated }
            return comparesEmpty ? (comparison.equal == negated) : (comparison.equal != negated)
        }
        var kind: CodeFallback.Kind { comparison == nil || comparesEmpty ? .presenceCheck : .selector }

        func condition(_ name: String) -> CodeCondition? {
            guard positive else { return nil }
            if let comparison, !comparesEmpty {
                guard comparison.equal, !negated, let literal = comparison.literal else { return nil }
                return CodeCondition(kind: .equals, name: name, value: CodeReadTail.safeToShow(literal, name: ""))
            }
            return CodeCondition(kind: .set, name: name)
        }

        /// A comparison with a literal as a condition either way: `X === 'a'` equals, `X !== 'a'` and `!(X === 'a')`
        /// differs. Nil for a presence test.
        func comparisonCondition(_ name: String) -> CodeCondition? {
            guard let comparison, !comparesEmpty, let literal = comparison.literal else { return nil }
            return CodeCondition(kind: comparison.equal != negated ? .equals : .differs, name: name,
                                 value: CodeReadTail.safeToShow(literal, name: ""))
        }
    }

    /// A read that is an operand of an `if (…)`/`while (…)` condition.
    func ifTest(_ name: String, start: Int, after: Int, sense: Sense) -> Test? {
        guard let before = operandStart(start), [0x28, 0x26, 0x7C].contains(unit(before) ?? 0),  // ( & |
              [0x29, 0x26, 0x7C].contains(unit(after) ?? 0),  // ) & |
              var b = blocks.innermost(containing: start) else { return nil }
        var condition: CodeBlocks.Bracket?
        var path: [CodeBlocks.Bracket] = []  // the groups from the operand out to the condition's parentheses
        for _ in 0..<3 {
            let bracket = blocks.brackets[b]
            guard bracket.kind == 0x28 else { return nil }
            path.append(bracket)
            let previous = blocks.previousCode(before: bracket.open)
            if let (word, _) = blocks.word(endingAt: previous) {
                if word == "if" || word == "while" { condition = bracket; break }
                return nil  // a call's argument: a value, not a test
            }
            guard bracket.parent >= 0 else { return nil }
            b = bracket.parent
        }
        guard let condition, let (_, ifStart) = blocks.word(endingAt: blocks.previousCode(before: condition.open)) else { return nil }
        // `&&`/`||` joining the operand to the rest: a group beside it (`(val && ok) || !X`) is one operand of the chain
        let (hasAnd, hasOr) = path.reduce((false, false)) { found, group in
            let here = operators(in: group)
            return (found.0 || here.and, found.1 || here.or)
        }
        return branchTest(name, body: statement(from: condition.close + 1), ifStart: ifStart, sense: sense, hasAnd: hasAnd, hasOr: hasOr)
    }

    /// What an `if`'s body says of the operand it tests: a body that fails on an unset test enforces it, one that
    /// exits guards the rest of the block, one that goes on handles it unset; a set test guards the body.
    func branchTest(_ name: String, body: (start: Int, end: Int), ifStart: Int, sense: Sense, hasAnd: Bool, hasOr: Bool) -> Test {
        // A comparison with a literal guards its body either way (`if (process.env.NODE_ENV !== 'production') { … }`), and
        // a body that leaves the block guards the rest of it with the other answer (`if (process.env.NODE_ENV ===
        // 'production') { return 404 }`, comp's QA routes; batch 37; rules 2026.12.69): only an `if` that is a statement
        // of its own, ending in the exit, up to a hoisted function or a `case` label (``restEnd(after:of:)``). The rest
        // of `if (X !== 'a') return` is `equals` only on a name the platform sets: after the app's own `if (APP_ENV !==
        // 'production') return` is what production runs (rules 2026.12.70, a review of .69).
        var compared: [Region] = []
        if !hasOr, let condition = sense.comparisonCondition(name) {
            compared.append(Region(start: body.start, end: body.end, condition: condition))
            let rest: CodeCondition.Kind = condition.kind == .equals ? .differs : .equals
            if !hasAnd, rest == .differs || CodeReferences.runtimeNames.contains(name), leaves(body),
               elseBranch(after: body.end, of: ifStart) == nil, !isInsideAnotherStatement(ifStart), let end = restEnd(after: body.end, of: ifStart) {
                compared.append(Region(start: body.end, end: end, condition: CodeCondition(kind: rest, name: name, value: condition.value)))
            }
        }
        if !sense.positive {
            // Fails closed (throws, answers an error status, leaves the request unanswered): the code needs it.
            if fails(from: body.start, to: body.end) || leavesRequestUnanswered(body: body, at: ifStart) {
                return Test(kind: .enforced, regions: compared)
            }
            guard !hasAnd, blocks.containsWord(Self.exitWords, from: body.start, to: body.end) else { return Test(kind: .presenceCheck, regions: compared) }
            let scope = enclosingBlockEnd(ifStart)
            return Test(kind: .presenceCheck, regions: sense.kind == .presenceCheck
                ? [Region(start: body.end, end: scope, condition: CodeCondition(kind: .set, name: name))] : compared)
        }
        guard !hasOr, let guarded = sense.condition(name) else { return Test(kind: sense.kind) }
        var test = Test(kind: sense.kind, regions: [Region(start: body.start, end: body.end, condition: guarded)])
        test.regions += compared.dropFirst()  // the body's own region is `guarded`
        if !hasAnd, guarded.kind == .set, let otherwise = elseBranch(after: body.end, of: ifStart) { test.branches = (body.start..<body.end, otherwise) }
        return test
    }

    /// Whether the statement `body` always leaves its block: its last statement at its own level starts with `return`
    /// or `throw` (not an `if (x) return` inside it, not a word of text or of a nested function).
    func leaves(_ body: (start: Int, end: Int)) -> Bool {
        guard unit(body.start) == 0x7B, let block = blocks.bracket(at: body.start), block.open == body.start else {
            // Kotlin's `if (…) return null else …` on one line: the `else` is in the statement
            return isExit(at: body.start) && !blocks.containsWord(["else"], from: body.start, to: body.end)
        }
        var p = block.open + 1, last: Int?, statementStart = true
        let limit = min(block.close, units.count, p + Self.reach)
        while p < limit {
            if let nested = blocks.bracket(at: p), nested.open == p {
                if statementStart, blocks.isCode(p) { last = p; statementStart = false }
                p = nested.close + 1
                if nested.kind == 0x7B { statementStart = true }  // a nested block ends its statement
                continue
            }
            let u = units[p]
            if blocks.isCode(p), u == 0x3B { statementStart = true; p += 1; continue }
            if statementStart, blocks.isCode(p), ![0x20, 0x09, 0x0A, 0x0D].contains(u) { last = p; statementStart = false }
            p += 1
        }
        guard limit == block.close, let last else { return false }
        return isExit(at: last)
    }

    /// `return` or `throw` starting the statement at `p`.
    func isExit(at p: Int) -> Bool {
        guard let (word, _) = blocks.word(startingAt: p) else { return false }
        return word == "return" || word == "throw"
    }

    /// Whether the `if` at `ifStart` is not a statement of its own: the `else if` of a chain, or the brace-less body of
    /// another `if`, loop or arrow (`if (debugPath) if (prod) return 404`: the exit covers the outer test's case only).
    func isInsideAnotherStatement(_ ifStart: Int) -> Bool {
        let before = blocks.previousCode(before: ifStart)
        guard before >= 0, let u = unit(before) else { return false }
        return ![0x3B, 0x7B, 0x7D].contains(u)  // not after `;`, `{` or `}`
    }

    /// Where the rest of the block after an exiting `if` ends: the block's end, or an earlier `function` declared at
    /// the block's own level (hoisted: callable from before the exit); nil when a `case` or `default` label of a
    /// `switch` follows at that level (the next case is not the rest).
    func restEnd(after p: Int, of ifStart: Int) -> Int? {
        let end = enclosingBlockEnd(ifStart)
        let own = blocks.innermost(containing: ifStart)
        var q = p
        let limit = min(end, units.count, p + Self.reach * 4)
        while q < limit {
            if let nested = blocks.bracket(at: q), nested.open == q { q = nested.close + 1; continue }
            if blocks.isCode(q), CodeReadTail.isIdentifier(units[q]), q == 0 || !CodeReadTail.isIdentifier(units[q - 1]),
               let (word, wordEnd) = blocks.word(startingAt: q) {
                if (word == "function" || word == "case" || word == "default"), blocks.innermost(containing: q) == own {
                    return word == "function" ? q : nil
                }
                q = wordEnd
                continue
            }
            q += 1
        }
        return end
    }

    /// The `else` after a statement ending at `p`, through an `else if … else …` chain: nil when none follows. The
    /// `else` must sit in the same brackets as the `if` at `ifStart` (a brace-less inner `if` does not take its outer
    /// `if`'s `else`).
    func elseBranch(after p: Int, of ifStart: Int) -> Range<Int>? {
        var end = p
        let container = blocks.innermost(containing: ifStart)
        for _ in 0..<16 {
            let next = blocks.nextCode(from: end)
            guard blocks.isCode(next), blocks.isWord("else", at: next), blocks.innermost(containing: next) == container else { break }
            var statementStart = next + 4
            // `else if (…) …`: the condition and its statement
            if blocks.isWord("if", at: blocks.nextCode(from: statementStart)),
               let condition = blocks.bracket(at: blocks.nextCode(from: blocks.nextCode(from: statementStart) + 2)), condition.kind == 0x28 {
                statementStart = condition.close + 1
            }
            end = statement(from: statementStart).end
        }
        return end > p ? p..<end : nil
    }

    /// An operand of an `if` without parentheses (Go): `if os.Getenv("X") == "" { log.Fatal(…) }`, or after an if's init
    /// statement, `if url := os.Getenv("X"); url != "" { return url }`. The body is the `{…}` right after the operand
    /// (its comparison included); judged as ``ifTest`` judges a parenthesised one, without `&&`/`||` chains.
    func bareIfTest(_ name: String, start: Int, after: Int, sense: Sense) -> Test? {
        guard blocks.syntax == .cLike, unit(after) == 0x7B, let before = operandStart(start) else { return nil }
        var ifStart: Int?
        if let (word, wordStart) = blocks.word(endingAt: before), word == "if" {
            ifStart = wordStart
        } else if unit(before) == 0x3B {  // `if init; operand {`: the `if` begins the statement the `;` ends
            var p = blocks.previousCode(before: before), steps = 0
            while p >= 0, steps < 64, unit(p) != 0x0A, unit(p) != 0x7B, unit(p) != 0x7D, unit(p) != 0x3B {
                if let (word, wordStart) = blocks.word(endingAt: p) {
                    if word == "if", blocks.isCode(wordStart) { ifStart = wordStart; break }
                    p = wordStart - 1
                } else {
                    p -= 1
                }
                steps += 1
            }
        }
        guard let ifStart else { return nil }
        return branchTest(name, body: statement(from: after), ifStart: ifStart, sense: sense, hasAnd: false, hasOr: false)
    }

    /// `switch (X) { case 'a': … }`: each case's statements run when X equals its literal.
    func switchTest(_ name: String, subject: CodeBlocks.Bracket) -> Test {
        let open = blocks.nextCode(from: subject.close + 1)
        guard unit(open) == 0x7B, let body = blocks.bracket(at: open) else { return Test(kind: .selector) }
        var labels: [(start: Int, literal: String?, isDefault: Bool)] = []
        var p = body.open + 1
        let limit = min(body.close, body.open + 20 * Self.reach)
        while p < limit {
            if let nested = blocks.bracket(at: p) { p = nested.close + 1; continue }
            if blocks.isCode(p), blocks.isWord("case", at: p) {
                labels.append((p, literal(at: blocks.nextCode(from: p + 4))?.text, false))
                p += 4
            } else if blocks.isCode(p), blocks.isWord("default", at: p), unit(blocks.nextCode(from: p + 7)) == 0x3A {
                labels.append((p, nil, true))
                p += 7
            } else {
                p += 1
            }
        }
        var test = Test(kind: .selector)
        for (i, label) in labels.enumerated() {
            let end = i + 1 < labels.count ? labels[i + 1].start : body.close
            if label.isDefault {
                if fails(from: label.start, to: end) { test.kind = .enforced }
            } else if let literal = label.literal, literal.count > 2 {
                test.regions.append(Region(start: label.start, end: end, condition: CodeCondition(
                    kind: .equals, name: name, value: CodeReadTail.safeToShow(literal, name: ""))))
            }
        }
        return test
    }

    /// ts-pattern: `match(X).with('a', () => …).otherwise(…)`; `.exhaustive()` throws on no match.
    func matchTest(_ name: String, subject: CodeBlocks.Bracket) -> Test {
        var test = Test(kind: .selector)
        var p = subject.close + 1
        for _ in 0..<64 {
            let dot = blocks.nextCode(from: p)
            guard unit(dot) == 0x2E, let (word, wordEnd) = blocks.word(startingAt: blocks.nextCode(from: dot + 1)),
                  let call = blocks.bracket(at: blocks.nextCode(from: wordEnd)) else { break }
            if word == "exhaustive" { test.kind = .enforced; break }
            guard word == "with" else { break }
            if let literal = literal(at: blocks.nextCode(from: call.open + 1)), let text = literal.text, text.count > 2 {
                test.regions.append(Region(start: call.open, end: call.close, condition: CodeCondition(
                    kind: .equals, name: name, value: CodeReadTail.safeToShow(text, name: ""))))
            }
            p = call.close + 1
        }
        return test
    }

    // MARK: reading around

    func unit(_ p: Int) -> UInt16? { blocks.unit(p) }

    /// `!x`, `!!x`, `typeof x`.
    func isNegated(before start: Int) -> Bool {
        let p = blocks.previousCode(before: start)
        if unit(p) == 0x21 { return true }
        return blocks.word(endingAt: p)?.0 == "typeof"
    }

    /// `typeof x`.
    func isTypeOf(before start: Int) -> Bool {
        blocks.syntax == .cLike && blocks.word(endingAt: blocks.previousCode(before: start))?.0 == "typeof"
    }

    /// The code unit before an operand, past its negations, a `typeof` and grouping parentheses' insides.
    func operandStart(_ start: Int) -> Int? {
        var p = blocks.previousCode(before: start)
        if blocks.syntax == .cLike, let (word, wordStart) = blocks.word(endingAt: p), word == "typeof" { p = blocks.previousCode(before: wordStart) }
        while unit(p) == 0x21 { p = blocks.previousCode(before: p) }
        return p >= 0 ? p : nil
    }

    /// `ActiveModel::Type::Boolean.new.cast(ENV["X"])` (lago's queue switches), `toBoolean(process.env.X)`: the read's
    /// whole value cast to a boolean — a switch that unset leaves off, as `=== "true"` is; the span of the call. Not
    /// `Boolean(x)`, which tests presence; not an assertion or validation that throws on nothing (`assert.truthy`,
    /// `requireBool`, `booleanSchema.parse`, `validator.isBoolean`); not Python (`strtobool(None)` raises) nor Go
    /// (`strconv.ParseBool("")` is an error, which the code may treat as fatal).
    func booleanCast(start: Int, end: Int) -> (start: Int, end: Int)? {
        // a lenient read only: `ENV.fetch("X")` or `requireEnv("X")` inside the cast still stops the app unset
        let read = String(decoding: units[start..<min(end, start + 16)], as: UTF16.self)
        guard Self.lenientReads.contains(where: read.hasPrefix) else { return nil }
        let open = blocks.previousCode(before: start, reach: 16)
        let close = blocks.nextCode(from: end, reach: 16)
        guard unit(open) == 0x28, unit(close) == 0x29 else { return nil }
        var q = open - 1
        while q >= 0, open - q <= 80, let u = unit(q), CodeReadTail.isIdentifier(u) || u == 0x2E || u == 0x3A { q -= 1 }
        guard q + 1 < open, blocks.isCode(q + 1) else { return nil }
        let callee = String(decoding: units[(q + 1)..<open], as: UTF16.self)
        let segments = callee.split(whereSeparator: { $0 == "." || $0 == ":" }).map { $0.lowercased() }
        guard let last = segments.last, last != "boolean", last != "bool", last != "parse", last != "parseasync", last != "safeparse",
              !segments.contains(where: { segment in Self.checkingWords.contains(where: segment.hasPrefix) }) else { return nil }
        return callee.lowercased().contains("bool") || last.hasSuffix("truthy") ? (q + 1, close + 1) : nil
    }

    /// Callee words of a check that throws or validates rather than converts.
    static let checkingWords = ["assert", "require", "must", "ensure", "expect", "validate", "check", "isbool"]
    static let lenientReads = ["process.env", "import.meta.env", "ENV[", "Deno.env.get"]

    /// The closing parenthesis of `(process.env.A || process.env.B)` around the read at `p`, when a comparison
    /// follows it and the parentheses hold nothing but such reads joined by `||` or `??` (not a call's arguments).
    func alternativesGroupEnd(containing p: Int) -> Int? {
        guard let container = blocks.innermost(containing: p), blocks.brackets[container].kind == 0x28 else { return nil }
        let bracket = blocks.brackets[container]
        guard comparisonOperator(at: blocks.nextCode(from: bracket.close + 1)) != nil,
              blocks.word(endingAt: blocks.previousCode(before: bracket.open)).map({ $0.0 == "return" }) ?? true else { return nil }
        let inside = String(decoding: units[(bracket.open + 1)..<bracket.close], as: UTF16.self)
        let rest = inside.replacingOccurrences(of: #"(?:process\.env|import\.meta\.env)(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\s*['"][A-Za-z_][A-Za-z0-9_]*['"]\s*\])"#,
                                               with: "", options: .regularExpression)
        let operators = rest.replacingOccurrences(of: #"\|\||\?\?|\s"#, with: "", options: .regularExpression)
        return operators.isEmpty && rest.contains(where: { $0 == "|" || $0 == "?" }) ? bracket.close : nil
    }

    /// `===`, `==`, `!==`, `!=` at `p`: whether it tests equality, and where it ends.
    func comparisonOperator(at p: Int) -> (Bool, Int)? {
        guard let u = unit(p), u == 0x3D || u == 0x21, unit(p + 1) == 0x3D else { return nil }
        let end = unit(p + 2) == 0x3D ? p + 3 : p + 2
        return (u == 0x3D, end)
    }

    /// A quoted literal (text with quotes; nil text for `undefined`/`null`, which test presence).
    func literal(at p: Int) -> (text: String?, end: Int)? {
        guard let q = unit(p) else { return nil }
        if q == 0x27 || q == 0x22 || q == 0x60 {
            var e = p + 1
            while e < min(units.count, p + 240), units[e] != q, units[e] != 0x0A { if units[e] == 0x5C { e += 1 }; e += 1 }
            guard e < units.count, units[e] == q else { return nil }
            return (String(decoding: units[p...e], as: UTF16.self), e + 1)
        }
        if let (word, end) = blocks.word(startingAt: p), ["undefined", "null", "None", "nil"].contains(word) { return (nil, end) }
        return nil
    }

    /// What a read is compared with, when it is a value fixed in code: a literal, or a named constant — an upper-case
    /// name (`os.getenv('APP_ENV') == APP_ENV_DEV`, tbappointment's, held-out batch 59; rules 2026.12.91) or an enum's
    /// case (`=== Environment.Production`, `== AuthScheme.OIDC`). Not a call, a member of it or an index (`KEYS[0]`,
    /// `CONFIG.token`), nor a lower-case name: `process.env.API_KEY === apiKey` compares with a value that varies. Nor
    /// for a credential's name (`name`): an upper-case variable may hold a request's header (`PROVIDED_KEY =
    /// req.get(…)`) and a class's static member a runtime value — a review of .91 (rules 2026.12.92).
    func compared(at p: Int, name: String) -> (text: String?, end: Int)? {
        if let literal = literal(at: p) { return literal }
        guard !EnvNameTokens.namesCredential(name), let (first, firstEnd) = blocks.word(startingAt: p), first.first?.isUppercase == true else { return nil }
        var (text, end) = (first, firstEnd)
        let upper = { (word: String) in word.count >= 2 && word.uppercased() == word && word.contains(where: \.isLetter) }
        if unit(end) == 0x2E, let (member, memberEnd) = blocks.word(startingAt: end + 1), member.first?.isUppercase == true,
           !upper(first) {  // `Environment.Production`; not `SETTINGS.X`
            (text, end) = (first + "." + member, memberEnd)
        } else if !upper(first) || ["NULL", "NONE", "TRUE", "FALSE"].contains(first) {
            return nil
        }
        let next = blocks.nextCode(from: end, newlines: false, reach: 16)
        guard ![0x28, 0x2E, 0x5B].contains(unit(next) ?? 0) else { return nil }  // ( . [
        return (text, end)
    }

    /// Whether a group holds `&&` or `||` at its own level: a bracket inside it (`(a && b)`, `f(a || b)`) is one
    /// operand, skipped whole. A group longer than ``reach`` counts as holding `||`.
    func operators(in bracket: CodeBlocks.Bracket) -> (and: Bool, or: Bool) {
        var and = false, or = false
        var p = bracket.open + 1
        let limit = min(bracket.close, bracket.open + Self.reach)
        while p + 1 < limit {
            if let inner = blocks.bracket(at: p) { p = inner.close + 1; continue }
            if blocks.isCode(p), units[p] == units[p + 1] {
                if units[p] == 0x26 { and = true } else if units[p] == 0x7C { or = true }
            }
            // a ternary (`a ? !X : !Y`), not `?.` or `??`: which operand is tested depends on `a`
            if blocks.isCode(p), units[p] == 0x3F, units[p + 1] != 0x2E, units[p + 1] != 0x3F, units[p - 1] != 0x3F { and = true; or = true }
            p += 1
        }
        return (and, or || bracket.close - bracket.open > Self.reach)
    }

    /// The statement starting after `p`: a `{…}` block, or up to `;` or the end of the line.
    func statement(from p: Int) -> (start: Int, end: Int) {
        let start = blocks.nextCode(from: p)
        if unit(start) == 0x7B, let block = blocks.bracket(at: start) { return (start, block.close + 1) }
        var q = start
        let limit = min(units.count, start + Self.reach)
        while q < limit {
            if let nested = blocks.bracket(at: q) { q = nested.close + 1; continue }
            if blocks.isCode(q), units[q] == 0x3B || units[q] == 0x0A { return (start, q + 1) }
            q += 1
        }
        return (start, q)
    }

    /// The end of the `{…}` block holding `p` (the end of the text at top level).
    func enclosingBlockEnd(_ p: Int) -> Int {
        var b = blocks.innermost(containing: p), steps = 0
        while let i = b, steps < CodeBlocks.maxDepth {
            if blocks.brackets[i].kind == 0x7B { return blocks.brackets[i].close }
            b = blocks.brackets[i].parent >= 0 ? blocks.brackets[i].parent : nil
            steps += 1
        }
        return units.count
    }

    /// The `:` that ends the true branch of a ternary whose `?` precedes `p`.
    func ternaryColon(from p: Int) -> Int? {
        var q = p, nested = 0
        let limit = min(units.count, p + Self.branchReach)
        while q < limit {
            if let bracket = blocks.bracket(at: q) { q = bracket.close + 1; continue }
            if blocks.isCode(q) {
                let u = units[q]
                if u == 0x3B || u == 0x2C || u == 0x29 || u == 0x5D || u == 0x7D { return nil }
                if u == 0x3F, unit(q + 1) != 0x2E, unit(q + 1) != 0x3F, unit(q - 1) != 0x3F { nested += 1 }
                // `::` scopes a name (Ruby's `ActiveModel::Type::Boolean`, PHP's `Str::of`): no branch's end
                if u == 0x3A, unit(q + 1) == 0x3A { q += 2; continue }
                if u == 0x3A { if nested == 0 { return q }; nested -= 1 }
            }
            q += 1
        }
        return nil
    }

    /// Where the right operand of `&&` starting at `p` ends: a line break ends it unless the next line goes on with
    /// `&&` or `.`, or this one ends in an operator (`A &&⏎ b === A.x`, `b ===⏎ A.x`).
    func expressionEnd(from p: Int) -> Int {
        var q = p
        let limit = min(units.count, p + Self.branchReach)
        while q < limit {
            if let bracket = blocks.bracket(at: q) { q = bracket.close + 1; continue }
            if blocks.isCode(q) {
                let u = units[q]
                if u == 0x3B || u == 0x2C || u == 0x29 || u == 0x5D || u == 0x7D || u == 0x3F || u == 0x3A { return q }
                if u == 0x7C, unit(q + 1) == 0x7C { return q }
                if u == 0x0A, let next = unit(blocks.nextCode(from: q)), next != 0x26, next != 0x2E,
                   !Self.lineContinuing.contains(unit(blocks.previousCode(before: q)) ?? 0) { return q }
            }
            q += 1
        }
        return q
    }

    /// A line ending in one of these goes on on the next: `= & | + - * / % < > !`.
    static let lineContinuing: Set<UInt16> = Set("=&|+-*/%<>!".utf16)

    /// `const smtpConfigured = Boolean(process.env.SMTP_HOST && process.env.SMTP_PORT)`, `const hasConfig =
    /// !!process.env.A && !!process.env.B`: a const (`let`, `var`) whose whole initializer is reads joined by `&&`
    /// (each may be negated twice, grouped, or wrapped in `Boolean(…)`) holds their conjunction; a use of it as a
    /// test (`if (smtpConfigured)`, `hasConfig ? a : b`) guards its branch by each of them (dub's SMTP fallback and
    /// global Redis). Braces syntax only; the alias and where it is in scope, past its statement.
    func conditionAliases(_ reads: [Read]) -> [(name: String, names: [String], after: Int, scopeEnd: Int)] {
        if blocks.syntax == .python { return pythonSwitchAliases(reads) }
        guard blocks.syntax == .cLike else { return [] }
        let byStart = Dictionary(reads.prefix(Self.maxReads).map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [(name: String, names: [String], after: Int, scopeEnd: Int)] = []
        var consumed = -1
        for read in reads.prefix(Self.maxReads) where read.start > consumed && out.count < Self.maxAliases {
            // Back from the first read: `!`, `(`, `Boolean(`, then `= NAME` after `const`/`let`/`var`.
            var open = 0
            var p = blocks.previousCode(before: read.start)
            let wrapped = unit(p) == 0x21 || unit(p) == 0x28  // `!!X`, `Boolean(X)`: a plain `= X` is a value alias
            while let u = unit(p), u == 0x21 || u == 0x28 {
                if u == 0x28 {
                    open += 1
                    let before = blocks.previousCode(before: p)
                    if let (word, wordStart) = blocks.word(endingAt: before), word == "Boolean" { p = blocks.previousCode(before: wordStart); continue }
                }
                p = blocks.previousCode(before: p)
            }
            guard unit(p) == 0x3D, let before = unit(p - 1), ![0x3D, 0x21, 0x3C, 0x3E].contains(before), unit(p + 1) != 0x3D, unit(p + 1) != 0x3E,
                  let (name, nameStart) = blocks.word(endingAt: blocks.previousCode(before: p)),
                  let (keyword, _) = blocks.word(endingAt: blocks.previousCode(before: nameStart)), ["const", "let", "var"].contains(keyword)
            else { continue }
            // Forward: reads joined by `&&`, closing what was opened, up to the end of the statement.
            var names = [read.name]
            var q = read.end
            var last = read.end
            var complete = false
            while q - read.start < Self.reach {
                let next = blocks.nextCode(from: q)
                guard let u = unit(next) else { complete = open == 0; break }
                if u == 0x29, open > 0 { open -= 1; q = next + 1; last = q; continue }
                if u == 0x2C, open > 0, unit(blocks.nextCode(from: next + 1)) == 0x29 { q = next + 1; continue }  // `Boolean(a && b,)`
                if u == 0x26, unit(next + 1) == 0x26 {
                    var r = blocks.nextCode(from: next + 2)
                    while let v = unit(r), v == 0x21 || v == 0x28 {
                        if v == 0x28 { open += 1 }
                        r = blocks.nextCode(from: r + 1)
                    }
                    if let (word, wordEnd) = blocks.word(startingAt: r), word == "Boolean", unit(blocks.nextCode(from: wordEnd)) == 0x28 {
                        open += 1
                        r = blocks.nextCode(from: blocks.nextCode(from: wordEnd) + 1)
                        while unit(r) == 0x21 { r = blocks.nextCode(from: r + 1) }
                    }
                    guard let operand = byStart[r] else { break }
                    names.append(operand.name)
                    q = operand.end
                    last = q
                    continue
                }
                // The statement ends at `;`, or at a new line with nothing left open.
                complete = open == 0 && (u == 0x3B || units[last..<next].contains(0x0A))
                break
            }
            guard complete, wrapped || names.count > 1 else { continue }
            consumed = last
            out.append((name, names, last, enclosingBlockEnd(read.start)))
        }
        return out
    }

    /// `const url = <read>` / `let` / `var` (Python, Ruby: `url = <read>` at the start of a line) ending its statement:
    /// the alias and the end of the block it lives in.
    func alias(before readStart: Int, after readEnd: Int) -> (name: String, scopeEnd: Int)? {
        let (start, end) = pastStringNormalisation(start: readStart, end: readEnd)
        let tail = blocks.syntax == .cLike ? CodeReadTail(units: units).skipOptionalChain(from: end) : end  // `?.trim()`
        let next = pastTypeAssertion(from: blocks.nextCode(from: tail, newlines: false))
        guard next >= units.count || [0x3B, 0x0A, 0x0D].contains(units[next]) else { return nil }
        var left = start
        // `const json = override ?? process.env.X`, `options.url || process.env.X`: the read is the value whenever the
        // plain operands before it are unset, so the const stands for it as well.
        for _ in 0..<3 { guard let operand = plainFallbackOperand(before: left) else { break }; left = operand }
        let equals = blocks.previousCode(before: left)
        guard unit(equals) == 0x3D, let before = unit(equals - 1), ![0x3D, 0x21, 0x3C, 0x3E].contains(before) else { return nil }
        if before == 0x3A, blocks.syntax == .cLike {  // Go's `name := <read>`, also an `if name := <read>; …` header
            guard let (name, _) = blocks.word(endingAt: blocks.previousCode(before: equals - 1)) else { return nil }
            return (name, enclosingBlockEnd(start))
        }
        guard let (name, nameStart) = blocks.word(endingAt: blocks.previousCode(before: equals)) else { return nil }
        if blocks.syntax == .python || blocks.syntax == .ruby {
            let (indent, lineStart) = blocks.indentation(ofLineAt: nameStart)
            guard lineStart + indent == nameStart else { return nil }
            return (name, pythonScopeEnd(after: end, indent: indent))
        }
        guard let (keyword, _) = blocks.word(endingAt: blocks.previousCode(before: nameStart)), ["const", "let", "var"].contains(keyword) else { return nil }
        return (name, enclosingBlockEnd(start))
    }
}

extension CodeConditions {
    /// The start of `name ??` / `a.b?.c() ||` right before `p` (braces syntax): an identifier or a member chain with
    /// empty calls (`load()`, `process.env.https_proxy`); no call with arguments, no index, no literal. (A read of the
    /// same group, `process.env.A ?? process.env.B`, never gets here: such reads have alternatives and are judged as
    /// a group.)
    func plainFallbackOperand(before p: Int) -> Int? {
        guard blocks.syntax == .cLike else { return nil }
        let op = blocks.previousCode(before: p)
        guard op >= 1, (unit(op) == 0x3F && unit(op - 1) == 0x3F && unit(op - 2) != 0x3F) || (unit(op) == 0x7C && unit(op - 1) == 0x7C)
        else { return nil }
        let last = blocks.previousCode(before: op - 1)
        var q = last
        while q >= 0, last - q < 160, let u = unit(q) {
            if CodeReadTail.isIdentifier(u) || u == 0x2E || (u == 0x3F && unit(q + 1) == 0x2E) {
                q -= 1
            } else if u == 0x29, unit(q - 1) == 0x28 {  // `()`
                q -= 2
            } else {
                break
            }
        }
        let first = q + 1
        guard first <= last, let u = unit(first), CodeReadTail.isIdentifier(u), !(u >= 0x30 && u <= 0x39), blocks.isCode(first),
              unit(last) != 0x2E else { return nil }
        return first
    }

    /// Go's one-argument string normalisers around a read, `strings.TrimSpace(strings.ToLower(os.Getenv("X")))`: the
    /// same value as far as being set goes (empty stays empty), so `p := strings.TrimSpace(os.Getenv("X")); p != ""`
    /// makes `p` an alias of the read (unkey's Go tools). Returns the call's extent, or the read's when not wrapped.
    func pastStringNormalisation(start: Int, end: Int) -> (start: Int, end: Int) {
        guard blocks.syntax == .cLike else { return (start, end) }
        var (s, e) = (start, end)
        for _ in 0..<3 {
            let open = blocks.previousCode(before: s), close = blocks.nextCode(from: e, newlines: false)
            guard unit(open) == 0x28, unit(close) == 0x29, let (function, functionStart) = blocks.word(endingAt: open - 1),
                  Self.stringNormalisers.contains(function), unit(functionStart - 1) == 0x2E,
                  let (package, _) = blocks.word(endingAt: functionStart - 2), package == "strings" else { break }
            (s, e) = (functionStart - 1 - package.utf16.count, close + 1)
        }
        return (s, e)
    }

    static let stringNormalisers: Set<String> = ["TrimSpace", "ToLower", "ToUpper", "ToTitle"]

    /// Past TypeScript's `!` and `as T` after an expression (`process.env.X as string`, `x! as unknown as Y`): the
    /// same value, typed differently. Returns where the code after them starts.
    func pastTypeAssertion(from p: Int) -> Int {
        guard blocks.syntax == .cLike else { return p }
        var q = p, steps = 0
        while steps < 4 {
            steps += 1
            if unit(q) == 0x21, unit(q + 1) != 0x3D {  // `!`, not `!=`
                q = blocks.nextCode(from: q + 1, newlines: false)
            } else if blocks.isWord("as", at: q), let (_, typeEnd) = blocks.word(startingAt: blocks.nextCode(from: q + 2, newlines: false)) {
                q = blocks.nextCode(from: typeEnd, newlines: false)
            } else {
                break
            }
        }
        return q
    }

    /// Whether the identifier starting at `p` follows a `.` (a member), not a spread's `...`.
    func isMember(_ p: Int) -> Bool {
        let dot = blocks.previousCode(before: p, reach: 8)
        return unit(dot) == 0x2E && unit(dot - 1) != 0x2E
    }

    /// A read given whole as an argument to a function the same file declares (`cutoffFromEnv(process.env.X, "…")`
    /// with `function cutoffFromEnv(override, fallbackIso) { if (!override) return …; … }`): the parameter it binds
    /// and the function's extent, where the parameter's uses are tested as an alias's are; and whether the parameter
    /// has a default of its own (`function f(url = "http://localhost")`).
    func parameter(of read: Read, in declarations: [CodeSymbols.Declaration]) -> (name: String, start: Int, end: Int, hasDefault: Bool)? {
        guard !declarations.isEmpty, let argument = argument(of: read),
              let function = declarations.first(where: { $0.name == argument.callee }),
              !(function.start <= read.start && read.start < function.end),  // not a call inside the function itself
              let list = parameterList(of: function), argument.index < list.parameters.count else { return nil }
        let parameter = list.parameters[argument.index]
        return (parameter.name, list.close, function.end, parameter.hasDefault)
    }

    /// A read given whole as an argument of a call to a plain name (`f(a, process.env.X)`, not `obj.f(…)`): the
    /// callee and the argument's index.
    func argument(of read: Read) -> (callee: String, index: Int)? {
        guard blocks.syntax == .cLike, let index = blocks.innermost(containing: read.start) else { return nil }
        let call = blocks.brackets[index]
        let before = unit(blocks.previousCode(before: read.start, reach: 64))
        let after = unit(blocks.nextCode(from: read.end, reach: 64))
        guard call.kind == 0x28, before == 0x28 || before == 0x2C, after == 0x29 || after == 0x2C,
              let (callee, calleeStart) = blocks.word(endingAt: blocks.previousCode(before: call.open, reach: 8)),
              !isMember(calleeStart),  // `obj.f(…)`: another function (`...f(…)` is a spread, not a member)
              !CodeSymbols.keywords.contains(callee), !["if", "while", "for", "switch"].contains(callee) else { return nil }
        // the argument's index: commas at the call's own level before the read
        var argument = 0, p = call.open + 1
        while p < read.start {
            if let inner = blocks.bracket(at: p) { p = inner.close + 1; continue }
            if blocks.isCode(p), units[p] == 0x2C { argument += 1 }
            p += 1
        }
        return (callee, argument)
    }

    /// A function declaration's parameters — each one's name and whether it has a default of its own — and where
    /// the list closes. The list is the first `(` after the name, before any `{` (an object-literal const declares
    /// no parameters).
    func parameterList(of function: CodeSymbols.Declaration) -> (close: Int, parameters: [(name: String, hasDefault: Bool)])? {
        guard blocks.syntax == .cLike, !function.objectLiteral else { return nil }
        var q = function.start
        while q < function.end, q - function.start < 240, blocks.bracket(at: q).map({ $0.kind != 0x28 && $0.kind != 0x7B }) ?? true { q += 1 }
        guard let list = blocks.bracket(at: q), list.kind == 0x28 else { return nil }
        // its parameters split at commas of its own level (generic `<K, V>` in a type annotation aside)
        var segments: [(start: Int, end: Int)] = [], start = list.open + 1, angle = 0
        var p = list.open + 1
        while p < list.close {
            if let inner = blocks.bracket(at: p) { p = inner.close + 1; continue }
            if blocks.isCode(p) {
                let u = units[p]
                if u == 0x3C { angle += 1 } else if u == 0x3E, unit(p - 1) != 0x3D, angle > 0 { angle -= 1 }
                if u == 0x2C, angle == 0 { segments.append((start, p)); start = p + 1 }
            }
            p += 1
        }
        segments.append((start, list.close))
        var parameters: [(name: String, hasDefault: Bool)] = []
        for segment in segments {
            guard let (name, nameEnd) = blocks.word(startingAt: blocks.nextCode(from: segment.start)), !CodeSymbols.keywords.contains(name) else { break }
            // `name = default` at the parameter's own level (after an optional type annotation)
            var hasDefault = false
            p = nameEnd
            while p < segment.end {
                if let inner = blocks.bracket(at: p) { p = inner.close + 1; continue }
                if blocks.isCode(p), units[p] == 0x3D, unit(p + 1) != 0x3E, unit(p - 1) != 0x3D { hasDefault = true; break }
                p += 1
            }
            parameters.append((name, hasDefault))
        }
        return (list.close, parameters)
    }
}

/// Conditions around increasing positions, from regions sorted by start: the innermost first.
struct RegionSweep {
    let regions: [CodeConditions.Region]
    private var next = 0
    private var active: [CodeConditions.Region] = []
    static let maxActive = 32

    init(_ regions: [CodeConditions.Region]) { self.regions = regions }

    /// Call with non-decreasing positions.
    mutating func conditions(at p: Int) -> [CodeCondition] {
        while next < regions.count, regions[next].start <= p {
            active.append(regions[next])
            next += 1
            if active.count > Self.maxActive { active.removeFirst() }  // dropping a guard only makes reads less conditional
        }
        active.removeAll { $0.end <= p }
        // Innermost first: the later start, then the earlier end, then by name (deterministic).
        return active.filter { $0.start <= p && p < $0.end }
            .sorted { ($1.start, $0.end, $0.condition.name) < ($0.start, $1.end, $1.condition.name) }.map(\.condition)
    }
}

extension CodeConditions {
    /// How a file tests the values of an object-literal const it alone uses (dub's `const logTypeToEnv = { alerts:
    /// process.env.X, … }`, then `const HOOK = logTypeToEnv[type]; if (!HOOK) return`): when every use of the const
    /// is an element (`M[k]`, `M.key`) made the whole value of an alias, and each such alias is tested for presence
    /// (or compared) where it is used, a value read into the literal is handled unset there. Any other use — an
    /// export, a call's argument, a use the alias does not test — and the values are judged as usual (nil).
    func elementTest(of declaration: CodeSymbols.Declaration, identifiers: [CodeSymbols.Identifier], byName: [String: [Int]]) -> CodeFallback.Kind? {
        guard declaration.objectLiteral, blocks.syntax == .cLike else { return nil }
        if let (word, _) = blocks.word(endingAt: blocks.previousCode(before: declaration.start)), word == "export" { return nil }
        var best: CodeFallback.Kind?
        var uses = 0
        for u in byName[declaration.name] ?? [] {
            let use = identifiers[u]
            guard use.start < declaration.start || use.start >= declaration.end else { continue }
            uses += 1
            guard uses <= Self.maxUses else { return nil }
            var end = use.end
            let next = blocks.nextCode(from: end, newlines: false)
            if let bracket = blocks.bracket(at: next), bracket.kind == 0x5B {
                end = bracket.close + 1
            } else if unit(next) == 0x2E, unit(next + 1) != 0x2E, let (_, wordEnd) = blocks.word(startingAt: blocks.nextCode(from: next + 1, newlines: false)) {
                end = wordEnd
            } else {
                return nil
            }
            guard let alias = alias(before: use.start, after: end) else { return nil }
            var kind: CodeFallback.Kind?
            var tested = 0
            var shadowEnd = -1  // a block where an inner declaration of the same name hides the alias
            for o in byName[alias.name] ?? [] {
                let other = identifiers[o]
                guard other.start >= end else { continue }
                guard other.start < alias.scopeEnd else { break }
                if other.start < shadowEnd { continue }
                if let (keyword, _) = blocks.word(endingAt: blocks.previousCode(before: other.start)), ["const", "let", "var"].contains(keyword) {
                    shadowEnd = enclosingBlockEnd(other.start)
                    continue
                }
                tested += 1
                if tested > Self.maxUses { break }
                kind = Self.stronger(kind, test(alias.name, start: other.start, end: other.end).kind)
            }
            guard kind == .presenceCheck || kind == .selector else { return nil }
            best = kind
        }
        return best
    }

    /// Whether the read is the whole value of a key of the object literal `declaration` holds (`key: read,`).
    func isDirectValue(_ read: Range<Int>, of declaration: CodeSymbols.Declaration) -> Bool {
        guard let index = blocks.innermost(containing: read.lowerBound) else { return false }
        let literal = blocks.brackets[index]
        guard literal.kind == 0x7B, literal.close + 1 == declaration.end,
              unit(blocks.previousCode(before: read.lowerBound, reach: 64)) == 0x3A else { return false }
        return endsPropertyValue(after: read.upperBound)
    }

    /// Whether a property's value ends at `p` (an `as T` or `!` after it allowed): a `,` or `}` follows.
    func endsPropertyValue(after p: Int) -> Bool {
        [0x2C, 0x7D].contains(unit(pastTypeAssertion(from: blocks.nextCode(from: p, reach: 64))) ?? 0)
    }
}

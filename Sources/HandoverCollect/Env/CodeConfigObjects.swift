import HandoverModel
/// A read that is the whole value of a property of an exported config object, and the code that uses the property
/// in other modules (hotosm's fAIr: `export const ENVS = { FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION, … }` in
/// `config/env.ts`, then `export const FAIR_VERSION = ENVS.FAIR_VERSION || "v0.1"` in `constants/config.ts`; yearn's
/// `env.NEXT_PUBLIC_KONG_REST_URL || 'https://…'`; a `clientConfig.tracking.hotjarId &&` guard). The object only carries
/// the value: what the code does when it is unset is said where the property is used, as for a read there.
///
/// Both halves, joined by ``CodeReferences/Collector`` on the object's name, the property's key path and the module
/// (a relative import must resolve to the object's own file; a package or alias specifier is matched by its file name,
/// as ``CodeImports`` joins an exported alias):
/// - the definition: `export const OBJ = { KEY: read }` (a type annotation allowed, nested objects too:
///   `{ tracking: { hotjarId: read } }` is `tracking.hotjarId`), the read with no fallback, alternative or condition;
/// - the uses: `OBJ.KEY` (`OBJ.tracking.hotjarId`, `?.` too) in a production file that imports `OBJ` by name, each
///   judged as a read there — a presence test (`if (OBJ.KEY)`, `OBJ.KEY &&`, `!!OBJ.KEY`), a selector, a check that
///   stops without it, a default after it (`|| "v0.1"`, `?? 22`, `Number(OBJ.KEY) || 900`; a development one naming
///   `localhost` is none), the tests of the alias it is the whole value of (`const url = env.X; if (!url) return`), or
///   a plain use. A use only a Vite development build makes is left out.
///
/// Together (``Uses``), as the code judges a local alias: a check that stops without it keeps the read required; else
/// a test anywhere handles it unset; else a default does, when no use passes the value on as it is (rules .95, from a
/// review of .94: one default beside a plain use made a needed URL optional). Uses the tool cannot see (a
/// destructuring, a default import, a re-export) say nothing either way.
enum CodeConfigObjects {
    /// At most this many uses of one imported object are judged per file.
    static let maxUses = 256
    /// At most this many identifiers after a use are looked through for its alias's uses.
    static let maxScanned = 20_000

    /// The keys from the object literal of `declaration` down to the read, when the read is the whole value of a key
    /// and that declaration is a module-level `export const`: `KEY` of `KEY: read,` (or `"KEY": read`), `database.url`
    /// of `{ database: { url: read } }` — each nested literal the whole value of a key.
    static func memberKey(_ blocks: CodeBlocks, _ tester: CodeConditions, read: Range<Int>, declaration: CodeSymbols.Declaration) -> String? {
        guard blocks.syntax == .cLike, declaration.objectLiteral,
              let (export, _) = blocks.word(endingAt: blocks.previousCode(before: declaration.start)), export == "export",
              tester.endsPropertyValue(after: read.upperBound),
              var index = blocks.innermost(containing: read.lowerBound),
              let found = key(blocks, before: read.lowerBound) else { return nil }
        var path = [found]
        // every bracket out to the declaration's literal is an object literal that is a key's whole value (a `(` or `[`
        // between is never one: no key precedes what it holds, nor it)
        while true {
            let bracket = blocks.brackets[index]
            if bracket.close + 1 == declaration.end { return path.reversed().joined(separator: ".") }
            guard let outer = key(blocks, before: bracket.open), tester.endsPropertyValue(after: bracket.close + 1), bracket.parent >= 0 else { return nil }
            path.append(outer)
            index = bracket.parent
        }
    }

    /// `KEY:` or `"KEY":` right before `p`, itself after the object's `{` or a `,`.
    static func key(_ blocks: CodeBlocks, before p: Int) -> String? {
        let colon = blocks.previousCode(before: p, reach: 64)
        guard blocks.unit(colon) == 0x3A else { return nil }
        var last = blocks.previousCode(before: colon, reach: 16)
        let quote = blocks.unit(last).flatMap { $0 == 0x22 || $0 == 0x27 ? $0 : nil }
        if quote != nil { last -= 1 }
        guard let (word, start) = blocks.word(endingAt: last) else { return nil }
        var first = start
        if let quote {
            guard blocks.unit(start - 1) == quote, blocks.unit(last + 1) == quote else { return nil }
            first = start - 1
        }
        // past any comment documenting the key (fAIr's JSDoc blocks run to hundreds of characters)
        let before = blocks.unit(blocks.previousCode(before: first, reach: CodeConditions.reach))
        return before == 0x7B || before == 0x2C ? word : nil
    }

    /// What one use of a property does when the value is unset.
    enum Judgement: Equatable {
        /// A test: a presence check or selector handles it unset; `enforced` stops without it.
        case test(CodeFallback.Kind)
        /// A default after it (`|| "v0.1"`, `?? 22`, `Number(…) || 900`): not a development one (`localhost`).
        case defaulted(CodeFallback)
        /// Passed on as it is, or defaulted to a development value.
        case plain
    }

    /// One use of an imported object's property: `exported.path` of the module the import names, what it does unset,
    /// and where.
    struct Use {
        var key: String
        /// `path:` and the repository path a relative import resolves to, else `stem:` and the specifier's file name.
        var module: String
        var judgement: Judgement
        var position: Int
    }

    /// The production uses of the file's named imports' properties (`OBJ.a.KEY`, `?.` too), each judged; not one a
    /// Vite development build alone makes. `path`: the file's, to resolve relative imports; `vite`: whether its text
    /// reads `import.meta.env.` (else no use is a development build's).
    static func uses(_ imports: [CodeImports.Import], _ tester: CodeConditions, _ identifiers: [CodeSymbols.Identifier], path: String,
                     vite: Bool) -> [Use] {
        guard !imports.isEmpty, tester.blocks.syntax == .cLike else { return [] }
        let blocks = tester.blocks
        let tail = CodeReadTail(units: blocks.units)
        let locals = Dictionary(imports.map { ($0.local, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Use] = []
        var counted: [String: Int] = [:]
        var i = 0
        while i < identifiers.count {
            let word = identifiers[i]
            i += 1
            guard !word.member, let imported = locals[word.name], counted[word.name, default: 0] < maxUses else { continue }
            // the member chain after it: `.a`, `?.a`, each the next identifier
            var members: [String] = []
            var end = word.end
            while i < identifiers.count, identifiers[i].member {
                var p = blocks.nextCode(from: end)
                if blocks.unit(p) == 0x3F, blocks.unit(p + 1) == 0x2E { p += 1 }
                guard blocks.unit(p) == 0x2E, blocks.nextCode(from: p + 1) == identifiers[i].start else { break }
                members.append(identifiers[i].name)
                end = identifiers[i].end
                i += 1
            }
            guard !members.isEmpty else { continue }
            counted[word.name, default: 0] += 1
            if vite, ViteDevOnly.isDevOnly(blocks, read: word.start..<end) { continue }
            let module = CodeImports.resolved(imported.specifier, from: path).map { "path:" + $0 } ?? "stem:" + imported.module
            out.append(Use(key: imported.exported + "." + members.joined(separator: "."), module: module,
                           judgement: judge(tester, tail, identifiers, from: i, name: members[members.count - 1], start: word.start, end: end),
                           position: word.start))
        }
        return out
    }

    /// What a use does when the value is unset: its test, a default after it, or the test of the alias it is.
    /// `from`: the index of the first identifier after the use.
    static func judge(_ tester: CodeConditions, _ tail: CodeReadTail, _ identifiers: [CodeSymbols.Identifier], from: Int, name: String,
                      start: Int, end: Int) -> Judgement {
        if let kind = tester.test(name, start: start, end: end).kind { return .test(kind) }
        // `Number(OBJ.KEY) || 900`: unset converts to NaN, which `||` replaces
        if let converted = tail.numericConversionEnd(start: start, end: end) {
            let p = tail.skipBlanks(from: converted, newlines: true)
            if tail.unit(p) == 0x7C, tail.unit(p + 1) == 0x7C, tail.unit(p + 2) != 0x3D,
               let literal = tail.literal(at: tail.skipBlanks(from: p + 2, newlines: true)) {
                return .defaulted(literal.fallback)
            }
            return .plain
        }
        let after = tail.skipOptionalChain(from: end)
        if let operand = tail.fallbackOperand(after: after) ?? tail.pastTypeAssertion(after: after, readStart: start).flatMap(tail.fallbackOperand(after:)) {
            guard let literal = tail.literal(at: operand) else {
                return tail.unit(operand) == 0x21 ? .plain : .test(.enforced)  // `|| throwMissing()` gives up; `|| !x` is logic
            }
            // a development default (`|| 'http://localhost:8000'`) leaves production needing the value, as for an alias
            return CodeConditions.isDevelopmentDefault(tail.units[operand..<max(operand, literal.end)]) ? .plain : .defaulted(literal.fallback)
        }
        // `const url = env.X` then `if (!url) return`: the alias's tests
        guard let alias = tester.alias(before: start, after: end) else { return .plain }
        var kind: CodeFallback.Kind?
        var tested = 0
        for other in identifiers[from...].prefix(maxScanned) {
            guard other.start < alias.scopeEnd else { break }
            guard !other.member, other.name == alias.name else { continue }
            tested += 1
            if tested > CodeConditions.maxUses { break }
            kind = CodeConditions.stronger(kind, tester.test(alias.name, start: other.start, end: other.end).kind)
        }
        return kind.map { .test($0) } ?? .plain
    }

    /// What the uses of one property say together, whatever order the files are read in.
    struct Uses {
        var enforced = false
        var plain = false
        /// The first (by location) presence check or selector, and the first default.
        var test: String?
        var defaulted: (fallback: CodeFallback, location: String)?

        mutating func add(_ judgement: Judgement, at location: String) {
            switch judgement {
            case .test(.enforced): enforced = true
            case .test: if test.map({ location < $0 }) ?? true { test = location }
            case .defaulted(let fallback): if defaulted.map({ location < $0.location }) ?? true { defaulted = (fallback, location) }
            case .plain: plain = true
            }
        }

        mutating func merge(_ other: Uses) {
            enforced = enforced || other.enforced
            plain = plain || other.plain
            if let t = other.test, test.map({ t < $0 }) ?? true { test = t }
            if let d = other.defaulted, defaulted.map({ d.location < $0.location }) ?? true { defaulted = d }
        }

        /// Where the uses handle `name` unset: none stops without it, and one tests it — or, when every other use
        /// defaults it too (none passes it on as it is), one defaults it to something production can use (for a
        /// credential, not nothing). As the code judges a local alias: a test anywhere, a default only everywhere.
        func handled(for name: String) -> String? {
            guard !enforced else { return nil }
            if let test { return test }
            if !plain, let defaulted, handles(defaulted.fallback, name: name) { return defaulted.location }
            return nil
        }
    }

    /// Whether a use's fallback lets production run without the variable: not a check that stops, and for a
    /// credential's name not an empty or absent value (`env.STRIPE_KEY || ''` gives the code nothing to use), as
    /// ``EnvNeed`` judges a read's own fallback.
    static func handles(_ fallback: CodeFallback, name: String) -> Bool {
        switch fallback.kind {
        case .enforced: return false
        case .empty, .absent: return !EnvNameTokens.namesCredential(name)
        case .literal where fallback.shown == "[]" || fallback.shown == "{}": return !EnvNameTokens.namesCredential(name)
        default: return true
        }
    }
}

import HandoverModel
/// A read that is the whole value of a property of an exported config object, and the code that uses the property
/// in other modules (hotosm's fAIr: `export const ENVS = { FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION, … }` in
/// `config/env.ts`, then `export const FAIR_VERSION = ENVS.FAIR_VERSION || "v0.1"` in `constants/config.ts`; yearn's
/// `env.NEXT_PUBLIC_KONG_REST_URL || 'https://…'`; a `clientConfig.tracking.hotjarId &&` guard). The object only carries
/// the value: what the code does when it is unset is said where the property is used, as for a read there.
///
/// Both halves, joined by ``CodeReferences/Collector`` on the object's name, the property's key and the module's file
/// name (as ``CodeImports`` joins an exported alias):
/// - the definition: `export const OBJ = { KEY: read }` (a type annotation allowed, nested objects too:
///   `{ tracking: { hotjarId: read } }` is key `hotjarId`), the read with no fallback, alternative or condition;
/// - the uses: `OBJ.KEY` (`OBJ.a.KEY`, `?.` too) in a file that imports `OBJ` by name from that module, each judged as
///   a read there — a default after it (`|| "v0.1"`, `?? 22`, `Number(OBJ.KEY) || 900`), a presence test (`if
///   (OBJ.KEY)`, `OBJ.KEY &&`, `!!OBJ.KEY`), a selector, or a check that stops without it — or through the alias it
///   is the whole value of (`const url = env.X; if (!url) return`).
///
/// A check that stops without it anywhere keeps the read required; otherwise one use that handles it unset is enough,
/// as for an exported alias. Plain uses say nothing either way (a use the tool cannot see — a destructuring, a default
/// import — is one of those).
enum CodeConfigObjects {
    /// At most this many uses of one imported object are judged per file.
    static let maxUses = 256
    /// At most this many identifiers after a use are looked through for its alias's uses.
    static let maxScanned = 20_000

    /// The key whose whole value the read is, when the read sits in the object literal of `declaration` and that
    /// declaration is a module-level `export const`: `KEY` of `KEY: read,` (or `"KEY": read`), through nested
    /// object literals each the whole value of a key.
    static func memberKey(_ blocks: CodeBlocks, _ tester: CodeConditions, read: Range<Int>, declaration: CodeSymbols.Declaration) -> String? {
        guard blocks.syntax == .cLike, declaration.objectLiteral,
              let (export, _) = blocks.word(endingAt: blocks.previousCode(before: declaration.start)), export == "export",
              tester.endsPropertyValue(after: read.upperBound),
              var index = blocks.innermost(containing: read.lowerBound),
              let found = key(blocks, before: read.lowerBound) else { return nil }
        // every bracket out to the declaration's literal is an object literal that is a key's whole value (a `(` or `[`
        // between is never one: no key precedes what it holds, nor it)
        while true {
            let bracket = blocks.brackets[index]
            if bracket.close + 1 == declaration.end { return found }
            guard key(blocks, before: bracket.open) != nil, tester.endsPropertyValue(after: bracket.close + 1), bracket.parent >= 0 else { return nil }
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

    /// One use of an imported object's property: `exported.KEY` of `module`, what the use does unset, and where.
    struct Use {
        var key: String
        var module: String
        var fallback: CodeFallback
        var position: Int
    }

    /// The uses of the file's named imports' properties that handle them unset or stop without them.
    static func uses(_ imports: [CodeImports.Import], _ tester: CodeConditions, _ identifiers: [CodeSymbols.Identifier]) -> [Use] {
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
            var last: CodeSymbols.Identifier?
            var end = word.end
            while i < identifiers.count, identifiers[i].member {
                var p = blocks.nextCode(from: end)
                if blocks.unit(p) == 0x3F, blocks.unit(p + 1) == 0x2E { p += 1 }
                guard blocks.unit(p) == 0x2E, blocks.nextCode(from: p + 1) == identifiers[i].start else { break }
                last = identifiers[i]
                end = identifiers[i].end
                i += 1
            }
            guard let member = last else { continue }
            counted[word.name, default: 0] += 1
            guard let fallback = judge(tester, tail, identifiers, from: i, name: member.name, start: word.start, end: end) else { continue }
            out.append(Use(key: imported.exported + "." + member.name, module: imported.module, fallback: fallback, position: word.start))
        }
        return out
    }

    /// What a use does when the value is unset: its test, a default after it, or the test of the alias it is.
    /// `from`: the index of the first identifier after the use.
    static func judge(_ tester: CodeConditions, _ tail: CodeReadTail, _ identifiers: [CodeSymbols.Identifier], from: Int, name: String,
                      start: Int, end: Int) -> CodeFallback? {
        if let kind = tester.test(name, start: start, end: end).kind { return CodeFallback(kind: kind) }
        do {
            // `Number(OBJ.KEY) || 900`: unset converts to NaN, which `||` replaces
            if let converted = tail.numericConversionEnd(start: start, end: end) {
                let p = tail.skipBlanks(from: converted, newlines: true)
                if tail.unit(p) == 0x7C, tail.unit(p + 1) == 0x7C, tail.unit(p + 2) != 0x3D,
                   let literal = tail.literal(at: tail.skipBlanks(from: p + 2, newlines: true)) {
                    return literal.fallback
                }
                return nil
            }
            let after = tail.skipOptionalChain(from: end)
            if let operand = tail.fallbackOperand(after: after) ?? tail.pastTypeAssertion(after: after, readStart: start).flatMap(tail.fallbackOperand(after:)) {
                if let literal = tail.literal(at: operand) { return literal.fallback }
                return tail.unit(operand) == 0x21 ? nil : CodeFallback(kind: .enforced)  // `|| throwMissing()` gives up; `|| !x` is logic
            }
        }
        // `const url = env.X` then `if (!url) return`: the alias's tests
        guard let alias = tester.alias(before: start, after: end) else { return nil }
        var kind: CodeFallback.Kind?
        var tested = 0
        for other in identifiers[from...].prefix(maxScanned) {
            guard other.start < alias.scopeEnd else { break }
            guard !other.member, other.name == alias.name else { continue }
            tested += 1
            if tested > CodeConditions.maxUses { break }
            kind = CodeConditions.stronger(kind, tester.test(alias.name, start: other.start, end: other.end).kind)
        }
        return kind.map { CodeFallback(kind: $0) }
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

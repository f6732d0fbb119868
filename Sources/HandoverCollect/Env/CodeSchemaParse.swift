import Foundation
import HandoverModel

/// A zod schema of the app's settings, parsed from an object literal whose values are reads: zero logement vacant's
/// `configSchema.parse({ app: { system: env('SYSTEM_ACCOUNT') }, clamav: { host: env('CLAMAV_HOST') } })` against
/// `const configSchema = z.object({ app: z.object({ system: z.string().default('admin@…') }), … })` (held-out batch 103;
/// rules 2026.12.103). The object only carries the values: what unset gives is said by the schema's entry at the same
/// key path — its `.default(…)`, `.prefault(…)` or `.catch(…)`, its `.optional()`/`.nullish()`, or nothing (required).
///
/// Only when the read is the whole value of its key, every object on the way out to the call's argument is the whole
/// value of a key, and the schema is a `const NAME = z.object({ … })` of the same file whose entries at that path are
/// written inline (`key: z…`, nested `key: z.object({ … })`, or a top-level `const helper = z…` of the file). An entry
/// inside another shape (`z.discriminatedUnion(…)`, `z.union(…)`, a spread) says nothing. Not a default:
/// - one chosen by a condition (`.prefault(isProduction ? '' : 'secret')`: production gets the empty value, which
///   `.min(1)` refuses — the schema requires it there);
/// - a development one naming `localhost` (as for a config object's default, ``CodeConfigObjects``);
/// - an empty or absent one (`.nullable().default(null)`) of a key its object's `.refine(…)`/`.superRefine(…)` names
///   (`if (val.enabled && !val.username) ctx.addIssue(…)`): the schema requires it when the feature is on.
enum CodeSchemaParse {
    /// What the schema says of each key path, for the argument object of one `.parse({…})` call (by its `{` offset).
    typealias Parses = [Int: [String: CodeFallback]]

    /// At most this many keys are looked through per object, and this deep.
    static let maxKeys = 256
    static let maxDepth = 8

    /// The file's `NAME.parse({ … })` and `NAME.safeParse({ … })` calls whose `NAME` is a `z.object` schema of the
    /// file, each with what its schema says unset gives at each key path (entries that say nothing left out).
    static func parses(_ blocks: CodeBlocks, text: String) -> Parses {
        guard blocks.syntax == .cLike, text.contains("arse"), text.contains("bject(") else { return [:] }
        let units = blocks.units
        let helpers = EnvSchemaReferences.helperBodies(in: text, units: units)
        var schemas: [String: [String: CodeFallback]?] = [:]
        var out: Parses = [:]
        for marker in [".parse(", ".safeParse(", ".parseAsync(", ".safeParseAsync("] {
            for found in CodeReadTail.positions(of: marker, in: units) where blocks.isCode(found) {
                guard let (name, _) = blocks.word(endingAt: found - 1) else { continue }
                let open = found + marker.utf16.count - 1
                let argument = blocks.nextCode(from: open + 1)
                guard blocks.unit(argument) == 0x7B, let object = blocks.bracket(at: argument), object.kind == 0x7B else { continue }
                if schemas[name] == nil {
                    schemas[name] = .some(schema(named: name, blocks, text: text, helpers: helpers))
                }
                if let entries = schemas[name] ?? nil, !entries.isEmpty { out[argument] = entries }
            }
        }
        return out
    }

    /// The fallback the schema gives `read`, when it is the whole value of a key path of a parsed object.
    static func fallback(_ blocks: CodeBlocks, _ tester: CodeConditions, read: Range<Int>, parses: Parses) -> CodeFallback? {
        guard !parses.isEmpty, tester.endsPropertyValue(after: read.upperBound),
              let own = CodeConfigObjects.key(blocks, before: read.lowerBound),
              var index = blocks.innermost(containing: read.lowerBound) else { return nil }
        var path = [own]
        for _ in 0..<maxDepth {
            let bracket = blocks.brackets[index]
            guard bracket.kind == 0x7B else { return nil }
            if let entries = parses[bracket.open] { return entries[path.reversed().joined(separator: ".")] }
            guard bracket.parent >= 0, let outer = CodeConfigObjects.key(blocks, before: bracket.open),
                  tester.endsPropertyValue(after: bracket.close + 1) else { return nil }
            path.append(outer)
            index = bracket.parent
        }
        return nil
    }

    /// `const NAME = z.object({ … })` (exported or not, a type annotation allowed) at the start of a line: its entries.
    static func schema(named name: String, _ blocks: CodeBlocks, text: String, helpers: [String: Range<Int>]) -> [String: CodeFallback]? {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let units = blocks.units
        // a name declared twice (a `schema` local to each of two loaders) is not known to be the parsed one: a review of .103
        guard let declared = try? NSRegularExpression(pattern: #"\b(?:const|let|var)[ \t]+"# + escaped + #"\b"#),
              declared.matches(in: text, range: NSRange(location: 0, length: units.count)).filter({ blocks.isCode($0.range.location) }).count == 1,
              let regex = try? NSRegularExpression(pattern: #"(?m)^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+"# + escaped
                                                   + #"\b[^=\n]*=\s*z\s*\.\s*(?:object|strictObject|looseObject)\s*\("#) else { return nil }
        for match in regex.matches(in: text, range: NSRange(location: 0, length: units.count)) where blocks.isCode(match.range.location) {
            let call = blocks.previousCode(before: NSMaxRange(match.range))
            guard let nested = nestedObject(at: call, end: statementEnd(after: call, blocks), blocks, opening: true) else { continue }
            var entries: [String: CodeFallback] = [:]
            walk(nested.object, prefix: "", refined: nested.refined, partial: nested.partial, blocks, helpers: helpers, into: &entries, depth: 0)
            return entries
        }
        return nil
    }

    /// Where the statement holding the bracket at `p` ends: the first `;` or blank line at depth 0 after its close, at
    /// most `entryReach` units on (a chain after the object: `.superRefine(…)`, `.partial()`).
    static func statementEnd(after p: Int, _ blocks: CodeBlocks) -> Int {
        guard let bracket = blocks.bracket(at: p) else { return p }
        var q = bracket.close + 1
        let limit = min(blocks.units.count, q + EnvSchemaReferences.entryReach * 4)
        while q < limit {
            if let inner = blocks.bracket(at: q), inner.open == q { q = inner.close + 1; continue }
            if blocks.unit(q) == 0x3B, blocks.isCode(q) { return q }
            if blocks.unit(q) == 0x0A, blocks.unit(blocks.nextCode(from: q + 1, newlines: false)) == 0x0A { return q }
            q += 1
        }
        return limit
    }

    /// Each `key: value` of `object`: a nested `z.object({ … })` walked under its key, any other value read as an entry.
    static func walk(_ object: CodeBlocks.Bracket, prefix: String, refined: Set<String>, partial: Bool = false, _ blocks: CodeBlocks,
                     helpers: [String: Range<Int>], into entries: inout [String: CodeFallback], depth: Int) {
        guard depth < maxDepth else { return }
        let tail = CodeReadTail(units: blocks.units)
        blocks.forEachKey(of: object, limit: maxKeys) { key, value in
            let path = prefix.isEmpty ? key : prefix + "." + key
            if let nested = nestedObject(at: value.lowerBound, end: value.upperBound, blocks) {
                walk(nested.object, prefix: path, refined: nested.refined, partial: nested.partial, blocks, helpers: helpers,
                     into: &entries, depth: depth + 1)
            } else if !value.isEmpty, let fallback = entry(value, blocks, tail: tail, helpers: helpers)
                        ?? (partial ? CodeFallback(kind: .schemaOptional) : nil) {
                let handlesUnset = fallback.kind == .absent || fallback.kind == .empty || fallback.kind == .schemaOptional
                if !(handlesUnset && refined.contains(key)) { entries[path] = fallback }
            }
        }
    }

    /// `z.object({ … })` at `value` (blanks and newlines allowed around the dots), with the words its own `.refine(…)`
    /// or `.superRefine(…)` calls name, up to `end`.
    /// (`opening`: `at` is already the call's `(`.) The words a refinement names are the keys of its issues' `path: […]`
    /// when it gives any (`ctx.addIssue({ path: ['username'] })`, `.refine(f, { path: ['from'] })`), else every
    /// member it reads (`val.token`): a review of .103 found `message`, `path` or a word of the message taken for keys.
    /// `.partial()` after the object makes every entry optional.
    static func nestedObject(at value: Int, end: Int, _ blocks: CodeBlocks, opening: Bool = false)
        -> (object: CodeBlocks.Bracket, refined: Set<String>, partial: Bool)? {
        var call = value
        if !opening {
            guard blocks.isWord("z", at: value) else { return nil }
            let dot = blocks.nextCode(from: value + 1)
            guard blocks.unit(dot) == 0x2E else { return nil }
            let word = blocks.nextCode(from: dot + 1)
            guard let (constructor, wordEnd) = blocks.word(startingAt: word), ["object", "strictObject", "looseObject"].contains(constructor) else { return nil }
            call = blocks.nextCode(from: wordEnd)
        }
        guard blocks.unit(call) == 0x28, let arguments = blocks.bracket(at: call) else { return nil }
        let open = blocks.nextCode(from: call + 1)
        guard blocks.unit(open) == 0x7B, let object = blocks.bracket(at: open), object.close < arguments.close else { return nil }
        let from = min(arguments.close + 1, end)
        let rest = String(decoding: blocks.units[from..<end], as: UTF16.self)
        let refined = rest.contains(".refine(") || rest.contains(".superRefine(") ? refinedKeys(from..<end, blocks) : []
        return (object, refined, rest.contains(".partial()"))
    }

    /// The keys a refinement in `range` requires (``nestedObject(at:end:_:opening:)``), read from code only.
    static func refinedKeys(_ range: Range<Int>, _ blocks: CodeBlocks) -> Set<String> {
        var paths: Set<String> = [], members: Set<String> = []
        var p = range.lowerBound
        while p < range.upperBound {
            guard blocks.isCode(p), let (word, end) = blocks.word(startingAt: p), p == 0 || !CodeReadTail.isIdentifier(blocks.units[p - 1]) else {
                p += 1
                continue
            }
            if word == "path", blocks.unit(blocks.nextCode(from: end, reach: 16)) == 0x3A {
                let open = blocks.nextCode(from: blocks.nextCode(from: end, reach: 16) + 1)
                if blocks.unit(open) == 0x5B, let list = blocks.bracket(at: open) {
                    let inside = String(decoding: blocks.units[(open + 1)..<min(list.close, blocks.units.count)], as: UTF16.self)
                    for item in inside.split(separator: ",") {
                        let key = item.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r'\"`"))
                        if !key.isEmpty { paths.insert(key) }
                    }
                    p = list.close
                    continue
                }
            }
            if blocks.unit(blocks.previousCode(before: p, reach: 4)) == 0x2E { members.insert(word) }
            p = end
        }
        return paths.isEmpty ? members : paths
    }

    /// What one entry's value says unset gives: its chain, or the helper it names (`env: envEnum`).
    static func entry(_ value: Range<Int>, _ blocks: CodeBlocks, tail: CodeReadTail, helpers: [String: Range<Int>]) -> CodeFallback? {
        if let (word, wordEnd) = blocks.word(startingAt: value.lowerBound), word != "z", let helper = helpers[word],
           EnvSchemaReferences.endsOrChains(blocks.units, after: wordEnd) {
            return chainFallback(value, blocks, tail: tail) ?? chainFallback(helper, blocks, tail: tail)
        }
        guard blocks.isWord("z", at: value.lowerBound) else { return nil }
        return chainFallback(value, blocks, tail: tail)
    }

    /// ``EnvSchemaReferences/unsetFallback(body:units:tail:)`` of a chain, but no default chosen by a condition or
    /// naming a development host, and a literal only when it is the call's whole argument (`.default(10 * 60 * 1000)`
    /// is computed).
    static func chainFallback(_ body: Range<Int>, _ blocks: CodeBlocks, tail: CodeReadTail) -> CodeFallback? {
        // the chain as code: a comment's `.optional()` says nothing (a review of .103)
        var units = blocks.units
        if body.contains(where: blocks.isComment) { for p in body where !blocks.isToken(p) { units[p] = 0x20 } }
        let text = String(decoding: units[body], as: UTF16.self)
        guard let fallback = EnvSchemaReferences.unsetFallback(body: body, units: units, tail: CodeReadTail(units: units)) else { return nil }
        guard let range = text.range(of: ".default(") ?? text.range(of: ".prefault(") ?? text.range(of: ".catch(") else { return fallback }
        let call = body.lowerBound + text.utf16.distance(from: text.startIndex, to: range.upperBound) - 1
        guard let arguments = blocks.bracket(at: call) else { return nil }
        let inside = (call + 1)..<min(arguments.close, units.count)
        // one a condition chooses: not a default when a branch is empty or a development host (`isProduction ? '' :
        // 'secret'`), else a computed one (`isProduction ? 'info' : 'debug'`)
        let argument = String(decoding: units[inside], as: UTF16.self)
        if isConditional(inside, blocks) {
            return argument.contains("''") || argument.contains("\"\"") || CodeConditions.isDevelopmentDefault(units[inside])
                ? nil : CodeFallback(kind: .computed)
        }
        if CodeConditions.isDevelopmentDefault(units[inside]) { return nil }
        // an empty default the chain itself refuses (`.min(1).prefault('')`, `.url().default('')`)
        if fallback.kind == .empty, [".min(", ".nonempty(", ".url(", ".email(", ".length("].contains(where: text.contains) { return nil }
        if fallback.kind == .literal || fallback.kind == .empty || fallback.kind == .absent,
           let literal = tail.literal(at: tail.skipBlanks(from: call + 1, newlines: true)),
           blocks.unit(blocks.nextCode(from: literal.end)) != 0x29 {
            return CodeFallback(kind: .computed)
        }
        return fallback
    }

    /// A `cond ? a : b` at the top level of `range` (not `?.`, `??`).
    static func isConditional(_ range: Range<Int>, _ blocks: CodeBlocks) -> Bool {
        var p = range.lowerBound
        while p < range.upperBound {
            if let inner = blocks.bracket(at: p), inner.open == p { p = inner.close + 1; continue }
            if blocks.unit(p) == 0x3F, blocks.isCode(p), blocks.unit(p + 1) != 0x2E, blocks.unit(p + 1) != 0x3F, blocks.unit(p - 1) != 0x3F {
                return true
            }
            p += 1
        }
        return false
    }
}

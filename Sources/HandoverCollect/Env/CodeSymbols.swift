import HandoverModel
/// The top-level functions and classes of one file and the identifiers it uses, so that a read inside a function
/// or class that production code only calls from guarded branches (`case 'azure-blob': return new
/// AzureBlobProvider()` in another file) can be found conditional too.
///
/// Bodies that run when called count (`class`, `function`, `const f = (…) => {…}`, Python `def`/`class`), and a
/// `const` whose value is an object literal (`const OIDCProvider = { clientId: process.env.X }`): its reads run when
/// the module loads but go nowhere but into that value. Any other module-level initializer (a call, a construction)
/// runs when the module loads and is not a symbol. Linear: one identifier pass per file.
enum CodeSymbols {
    struct Identifier {
        var name: String
        var start: Int
        var end: Int
        /// After a `.`: a member, not the symbol of that name.
        var member: Bool
    }

    struct Declaration {
        var name: String
        var start: Int
        /// Reads in `[start, end)` run when the declaration is called or constructed.
        var end: Int
        /// `const NAME = {…}`: an object literal, its `{` at `end - 1`'s match.
        var objectLiteral = false
    }

    static let maxIdentifiers = 400_000
    static let keywords: Set<String> = ["const", "let", "var", "function", "class", "return", "if", "else", "switch", "case", "default",
                                        "new", "import", "export", "from", "async", "await", "true", "false", "null", "undefined",
                                        "this", "typeof", "throw", "try", "catch", "for", "while", "def", "self", "None", "not",
                                        "and", "or", "in", "is", "string", "number", "boolean", "type", "interface"]

    static let declarers: Set<String> = ["class", "function", "const", "let", "var", "def"]

    /// Every identifier in code, in text order (at most ``maxIdentifiers``).
    static func identifiers(_ blocks: CodeBlocks) -> [Identifier] {
        var out: [Identifier] = []
        let units = blocks.units
        var p = 0
        while p < units.count, out.count < maxIdentifiers {
            let u = units[p]
            guard blocks.isCode(p), CodeReadTail.isIdentifier(u) else { p += 1; continue }
            var end = p
            while end < units.count, CodeReadTail.isIdentifier(units[end]) { end += 1 }
            if !(u >= 0x30 && u <= 0x39), end - p <= 64 {
                let before = blocks.previousCode(before: p, reach: 16)
                let member = blocks.unit(before) == 0x2E && blocks.unit(before - 1) != 0x2E
                out.append(Identifier(name: String(decoding: units[p..<end], as: UTF16.self), start: p, end: end, member: member))
            }
            p = end
        }
        return out
    }

    /// Top-level declarations whose bodies run when called, sorted by start.
    static func declarations(_ blocks: CodeBlocks, _ identifiers: [Identifier]) -> [Declaration] {
        var out: [Declaration] = []
        for (i, word) in identifiers.enumerated() where i + 1 < identifiers.count && !word.member && declarers.contains(word.name) {
            let next = identifiers[i + 1]
            if blocks.syntax == .python {
                guard word.name == "def" || word.name == "class", blocks.indentation(ofLineAt: word.start) == (0, word.start) else { continue }
                out.append(Declaration(name: next.name, start: word.start, end: blocks.indentedBlockEnd(afterLineAt: word.start)))
                continue
            }
            guard blocks.innermost(containing: word.start) == nil else { continue }
            if word.name == "class" || word.name == "function", let body = firstTopLevelBrace(blocks, after: next.end) {
                out.append(Declaration(name: next.name, start: word.start, end: body.close + 1))
            } else if ["const", "let", "var"].contains(word.name), let body = arrowBody(blocks, afterName: next.end) {
                out.append(Declaration(name: next.name, start: word.start, end: body.close + 1))
            } else if word.name == "const", let value = objectValue(blocks, afterName: next.end) {
                out.append(Declaration(name: next.name, start: word.start, end: value.close + 1, objectLiteral: true))
            }
        }
        var kept: [Declaration] = []
        for d in out where kept.last.map({ d.start >= $0.end }) ?? true { kept.append(d) }
        return kept
    }

    /// `= {…}` after a `const` name (a type annotation allowed before the `=`): a value that is an object literal
    /// (openstatus' `export const OIDCProvider: OIDCConfig = { clientId: process.env.AUTH_OIDC_ID, … }`), inert when the
    /// module loads, whose reads matter where the value is used. A call or construction (`WorkOS({…})`, `new
    /// PlainClient({…})`) runs when the module loads and may check its options there: not taken.
    static func objectValue(_ blocks: CodeBlocks, afterName p: Int) -> CodeBlocks.Bracket? {
        var q = blocks.nextCode(from: p)
        if blocks.unit(q) == 0x3A {  // `: OIDCConfig<Profile>`
            let limit = q + 240
            while q < limit, q < blocks.units.count, !(blocks.unit(q) == 0x3D && blocks.unit(q + 1) != 0x3D && blocks.unit(q + 1) != 0x3E) {
                if let bracket = blocks.bracket(at: q) { q = bracket.close + 1 } else if blocks.unit(q) == 0x3B || blocks.unit(q) == 0x0A { return nil } else { q += 1 }
            }
        }
        guard blocks.unit(q) == 0x3D, blocks.unit(q + 1) != 0x3D, blocks.unit(q + 1) != 0x3E,
              let literal = blocks.bracket(at: blocks.nextCode(from: q + 1)), literal.kind == 0x7B else { return nil }
        // the literal is the whole value: `= {…};` (or followed by a type assertion, `as const`, `satisfies T`), not `= {…}.x`
        let after = blocks.nextCode(from: literal.close + 1, newlines: false)
        guard let u = blocks.unit(after), u == 0x3B || u == 0x0A || u == 0x0D || blocks.isWord("as", at: after) || blocks.isWord("satisfies", at: after)
        else { return after >= blocks.units.count ? literal : nil }
        return literal
    }

    /// The first top-level `{` within reach after `p`, skipping a parameter list.
    static func firstTopLevelBrace(_ blocks: CodeBlocks, after p: Int) -> CodeBlocks.Bracket? {
        var q = blocks.nextCode(from: p)
        let limit = p + CodeConditions.reach
        while q < limit, q < blocks.units.count {
            if let bracket = blocks.bracket(at: q) {
                if bracket.kind == 0x7B { return bracket }
                q = bracket.close + 1
            } else {
                if blocks.isCode(q), blocks.units[q] == 0x3B { return nil }
                q += 1
            }
        }
        return nil
    }

    /// `= (…) => {…}`, `= async (…) => (…)`, `= x => {…}`, `= function (…) {…}` after a `const` name.
    static func arrowBody(_ blocks: CodeBlocks, afterName p: Int) -> CodeBlocks.Bracket? {
        var q = blocks.nextCode(from: p)
        guard blocks.unit(q) == 0x3D, blocks.unit(q + 1) != 0x3D else { return nil }
        q = blocks.nextCode(from: q + 1)
        if blocks.isWord("async", at: q) { q = blocks.nextCode(from: q + 5) }
        if blocks.isWord("function", at: q) { return firstTopLevelBrace(blocks, after: q + 8) }
        if let params = blocks.bracket(at: q), params.kind == 0x28 {
            q = blocks.nextCode(from: params.close + 1)
        } else if let (_, end) = blocks.word(startingAt: q) {
            q = blocks.nextCode(from: end)
        } else {
            return nil
        }
        if blocks.unit(q) == 0x3A {  // a return type: `(): Promise<X> =>`
            let limit = q + 240
            while q < limit, q < blocks.units.count, !(blocks.unit(q) == 0x3D && blocks.unit(q + 1) == 0x3E) {
                if let bracket = blocks.bracket(at: q) { q = bracket.close + 1 } else if blocks.unit(q) == 0x3B || blocks.unit(q) == 0x7B { return nil } else { q += 1 }
            }
        }
        guard blocks.unit(q) == 0x3D, blocks.unit(q + 1) == 0x3E else { return nil }  // =>
        let body = blocks.nextCode(from: q + 2)
        return blocks.bracket(at: body).flatMap { $0.kind == 0x7B || $0.kind == 0x28 ? $0 : nil }
    }

    /// The declaration containing `p`, by binary search.
    static func declaration(containing p: Int, in declarations: [Declaration]) -> Declaration? {
        var low = 0, high = declarations.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if declarations[mid].start > p { high = mid - 1 } else if declarations[mid].end <= p { low = mid + 1 } else { return declarations[mid] }
        }
        return nil
    }

    /// The uses of names in a file, outside imports and re-exports, outside the declaration of the same name:
    /// each with the conditions of the regions around it (empty: unconditional).
    static func uses(_ blocks: CodeBlocks, _ identifiers: [Identifier], _ declarations: [Declaration],
                     regions: [CodeConditions.Region]) -> [(name: String, conditions: [CodeCondition])] {
        var sweep = RegionSweep(regions)
        var out: [(String, [CodeCondition])] = []
        var skipUntil = -1
        var previous: Identifier?
        for word in identifiers where !word.member {
            defer { previous = word }
            if word.start < skipUntil { continue }
            // the name a `const`/`let`/`var` declares is not a use of it
            if let previous, ["const", "let", "var"].contains(previous.name), blocks.previousCode(before: word.start) == previous.end - 1 { continue }
            if word.name == "import" || (word.name == "export" && [0x7B, 0x2A].contains(blocks.unit(blocks.nextCode(from: word.end)) ?? 0))
                || (blocks.syntax == .python && word.name == "from") {
                skipUntil = importEnd(blocks, from: word.end)
                continue
            }
            if keywords.contains(word.name) { continue }
            if let own = declaration(containing: word.start, in: declarations), own.name == word.name { continue }
            out.append((word.name, sweep.conditions(at: word.start)))
        }
        return out
    }

    /// The end of an import or re-export statement: its `;`, or the end of the line of its module string.
    static func importEnd(_ blocks: CodeBlocks, from p: Int) -> Int {
        var q = p
        let limit = min(blocks.units.count, p + CodeConditions.reach)
        var sawString = false
        while q < limit {
            if let bracket = blocks.bracket(at: q) { q = bracket.close + 1; continue }
            let u = blocks.units[q]
            if blocks.isCode(q) {
                if u == 0x3B || (u == 0x0A && (sawString || blocks.syntax == .python)) { return q }
            } else {
                sawString = true
            }
            q += 1
        }
        return q
    }
}

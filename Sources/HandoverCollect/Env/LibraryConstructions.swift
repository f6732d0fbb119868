import Foundation

/// Which of a library's convention names one file really leaves to the library. A library reads its names when the
/// project constructs its client without passing them: openstatus' screenshot service imports `Receiver` from
/// `@upstash/qstash` but builds it as `new Receiver({ currentSigningKey: env.QSTASH_SIGNING_SECRET, nextSigningKey: … })`,
/// so the library never reads `QSTASH_CURRENT_SIGNING_KEY`, and `Receiver` never reads `QSTASH_TOKEN` (`Client` does).
///
/// Judged per ES import of the library's own specifier (`import { Receiver } from "@upstash/qstash"`,
/// `import OpenAI from "openai"`), from each imported binding's uses in the file:
/// - `new Binding({ key: …, … })` whose object literal names every key of a group passes that group's names; what a
///   spread (`...options`) or a variable holds is not seen, so it passes nothing;
/// - `new Resend(key)`: a first argument passes the name (`undefined` does not);
/// - a construction the library never fills from the environment (`new Redis({…})`) reads nothing;
/// - any other use (`Redis.fromEnv()`, the class handed on, `extends`, a type annotation) leaves every name of the
///   binding to the library, as does a binding the table does not know.
///
/// A binding a file imports and never uses reads nothing; `import type` reads nothing. A namespace import, `require`,
/// a dynamic `import()`, a re-export, a subpath (`@upstash/qstash/nextjs`, whose helpers read the signing keys), a file
/// handover could not read in full, or more than ``CodeImports/maxUses`` uses of a binding: every name, as before.
/// Each entry is the library's constructor as published (read at the versions named in docs/env.md).
extension LibraryConventions {
    struct Group: Sendable {
        enum Passing: Sendable {
            /// An object-literal first argument holding every key passes the names.
            case keys([String])
            /// Any first argument passes the name.
            case firstArgument
            /// The constructor never reads the names (only other entry points do).
            case never
        }

        var passing: Passing
        var names: [String]
    }

    struct Construction: Sendable {
        /// The exported name, or `default`.
        var export: String
        var groups: [Group]
    }

    static let constructions: [String: [Construction]] = [
        // `Client`: `config?.token ?? QSTASH_TOKEN`; `Receiver`: the config's keys only when both are given.
        "@upstash/qstash": [
            Construction(export: "Client", groups: [Group(passing: .keys(["token"]), names: ["QSTASH_TOKEN"])]),
            Construction(export: "Receiver", groups: [Group(passing: .keys(["currentSigningKey", "nextSigningKey"]),
                                                           names: ["QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"])]),
        ],
        // `new Redis(config)` takes `url` and `token` from its config only; `Redis.fromEnv()` reads the names.
        "@upstash/redis": [
            Construction(export: "Redis", groups: [Group(passing: .never, names: ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"])]),
        ],
        // `apiKey = readEnv('OPENAI_API_KEY')` as the constructor's default.
        "openai": ["default", "OpenAI"].map { Construction(export: $0, groups: [Group(passing: .keys(["apiKey"]), names: ["OPENAI_API_KEY"])]) },
        // `if (apiKey === undefined) apiKey = readEnv('ANTHROPIC_API_KEY')`.
        "@anthropic-ai/sdk": ["default", "Anthropic"].map {
            Construction(export: $0, groups: [Group(passing: .keys(["apiKey"]), names: ["ANTHROPIC_API_KEY"])])
        },
        // `constructor(key?)`: `if (!key) key = process.env.RESEND_API_KEY`.
        "resend": [Construction(export: "Resend", groups: [Group(passing: .firstArgument, names: ["RESEND_API_KEY"])])],
    ]

    /// An ES import statement at the top level: `import D, { A, B as C } from "spec"`, `import * as N from "spec"`,
    /// `import type { … } from "spec"`.
    struct ESImport {
        var typeOnly = false
        var namespace = false
        /// (exported, local): `default` for a default binding; type-only names left out.
        var bindings: [(exported: String, local: String)] = []
        /// The offset of the specifier's opening quote, and the end of the statement.
        var quote: Int
        var start: Int
        var end: Int
    }

    /// The top-level ES imports of a C-like file, keyed by the offset of their specifier's opening quote.
    static func esImports(_ blocks: CodeBlocks, _ identifiers: [CodeSymbols.Identifier]) -> [Int: ESImport] {
        var out: [Int: ESImport] = [:]
        var i = 0
        while i < identifiers.count, out.count < CodeImports.maxImports {
            let word = identifiers[i]
            i += 1
            guard word.name == "import", !word.member, blocks.innermost(containing: word.start) == nil else { continue }
            let end = CodeSymbols.importEnd(blocks, from: word.end)
            var q = blocks.nextCode(from: word.end)
            var statement = ESImport(quote: -1, start: word.start, end: end)
            if blocks.isWord("type", at: q), let (_, typeEnd) = blocks.word(startingAt: q) {
                let next = blocks.nextCode(from: typeEnd)
                if !blocks.isWord("from", at: next) && blocks.unit(next) != 0x2C {  // not a default binding named `type`
                    statement.typeOnly = true
                    q = next
                }
            }
            if let (name, nameEnd) = blocks.word(startingAt: q), name != "from" {  // `import D` …
                statement.bindings.append(("default", name))
                q = blocks.nextCode(from: nameEnd)
                if blocks.unit(q) == 0x2C { q = blocks.nextCode(from: q + 1) }
            }
            if blocks.unit(q) == 0x2A {  // `* as N`
                statement.namespace = true
                q = blocks.nextCode(from: q + 1)
                if blocks.isWord("as", at: q), let (_, asEnd) = blocks.word(startingAt: q), let (_, nEnd) = blocks.word(startingAt: blocks.nextCode(from: asEnd)) {
                    q = blocks.nextCode(from: nEnd)
                }
            } else if let braces = blocks.bracket(at: q), braces.kind == 0x7B, braces.close < end {
                var words: [String] = []
                while i < identifiers.count, identifiers[i].start < braces.close {
                    if identifiers[i].start > braces.open { words.append(identifiers[i].name) }
                    i += 1
                }
                statement.bindings += CodeImports.named(words, module: "").map { ($0.exported, $0.local) }
                q = blocks.nextCode(from: braces.close + 1)
            }
            guard blocks.isWord("from", at: q) else { continue }
            let quote = blocks.nextCode(from: q + 4)
            guard let u = blocks.unit(quote), u == 0x22 || u == 0x27 else { continue }
            statement.quote = quote
            out[quote] = statement
        }
        return out
    }

    /// A convention name an import leaves to its library: always (`via` empty), or only when one of the env names whose
    /// values the file passes in its place may be unset (`new Receiver({ currentSigningKey: env.QSTASH_SIGNING_SECRET,
    /// … })`: the library falls back to its own names when a passed key is empty). ``CodeReferences/Collector`` decides
    /// the second kind once every file's reads are known.
    struct Left: Equatable {
        var name: String
        var via: [String] = []
    }

    /// The names of `library` (all of `names`) that one import statement leaves to the library, in `names`' order.
    static func namesLeft(by statement: ESImport, library: String, names: [String], blocks: CodeBlocks,
                          byName: [String: [CodeSymbols.Identifier]]) -> [Left] {
        let all = names.map { Left(name: $0) }
        guard let table = constructions[library], !statement.namespace else { return statement.typeOnly ? [] : all }
        if statement.typeOnly { return [] }
        var read: Set<String> = []
        var via: [String: Set<String>] = [:]
        for binding in statement.bindings {
            guard let construction = table.first(where: { $0.export == binding.exported }) else { return all }
            let uses = (byName[binding.local] ?? []).filter { !$0.member && !($0.start >= statement.start && $0.start < statement.end) }
            // a use handover does not see (markup it reads as text) must not make the binding look unused
            if uses.isEmpty || uses.count > CodeImports.maxUses {
                for group in construction.groups { read.formUnion(group.names) }
                continue
            }
            for use in uses {
                for group in construction.groups {
                    guard let passed = passedNames(group.passing, use: use, blocks: blocks) else { read.formUnion(group.names); continue }
                    for name in group.names { via[name, default: []].formUnion(passed) }
                }
            }
        }
        return names.compactMap { name in
            if read.contains(name) { return Left(name: name) }
            guard let names = via[name], !names.isEmpty else { return nil }
            return Left(name: name, via: names.sorted())
        }
    }

    /// How this use of a binding treats a group: nil when the library reads the group's names (not a construction
    /// that passes them, or a passed value handover cannot follow — a local variable, a call); otherwise the env-like
    /// names the passed values name (`env.QSTASH_SIGNING_SECRET`), empty when every value is a non-empty string literal.
    static func passedNames(_ passing: Group.Passing, use: CodeSymbols.Identifier, blocks: CodeBlocks) -> Set<String>? {
        guard let (new, _) = blocks.word(endingAt: blocks.previousCode(before: use.start)), new == "new",
              let call = blocks.bracket(at: blocks.nextCode(from: use.end)), call.kind == 0x28 else { return nil }
        let first = blocks.nextCode(from: call.open + 1)
        switch passing {
        case .never:
            return []
        case .firstArgument:
            guard first < call.close else { return nil }
            return followed(blocks, value: first..<entryEnd(blocks, from: first, before: call.close))
        case .keys(let keys):
            guard let object = blocks.bracket(at: first), object.kind == 0x7B,
                  [0x2C, 0x29].contains(blocks.unit(blocks.nextCode(from: object.close + 1)) ?? 0)
            else { return nil }
            let given = objectEntries(blocks, object)
            var names: Set<String> = []
            for key in keys {
                guard let value = given[key], let passed = followed(blocks, value: value) else { return nil }
                names.formUnion(passed)
            }
            return names
        }
    }

    /// What a passed value is to handover: the env names it names (`env.A`, `process.env.A ?? env.B`), empty for a
    /// non-empty string literal, nil for anything it cannot follow — `""`, `undefined`, `null` (the library treats them
    /// as not given), a local variable, a call naming no env variable.
    static func followed(_ blocks: CodeBlocks, value: Range<Int>) -> Set<String>? {
        let p = value.lowerBound
        if blocks.isWord("undefined", at: p) || blocks.isWord("null", at: p) { return nil }
        if let u = blocks.unit(p), u == 0x22 || u == 0x27 || u == 0x60 {
            let empty = blocks.unit(p + 1) == u
            let plain = u != 0x60 || !String(decoding: blocks.units[value.clamped(to: 0..<blocks.units.count)], as: UTF16.self).contains("${")
            return !empty && plain ? [] : nil
        }
        let names = envNames(blocks, in: value)
        return names.isEmpty ? nil : names
    }

    /// The env-like names (`QSTASH_SIGNING_SECRET`) a value's code names.
    static func envNames(_ blocks: CodeBlocks, in range: Range<Int>) -> Set<String> {
        var names: Set<String> = []
        var p = range.lowerBound
        while p < min(range.upperBound, blocks.units.count) {
            if blocks.isCode(p), CodeReadTail.isIdentifier(blocks.units[p]), p == 0 || !CodeReadTail.isIdentifier(blocks.units[p - 1]),
               let (word, end) = blocks.word(startingAt: p) {
                if EnvNameTokens.isEnvLike(word) { names.insert(word) }
                p = end
            } else {
                p += 1
            }
        }
        return names
    }

    /// Where the entry starting at `p` ends: the `,` at this level, or `limit`.
    static func entryEnd(_ blocks: CodeBlocks, from p: Int, before limit: Int) -> Int {
        var q = p
        while q < limit {
            if let inner = blocks.bracket(at: q) { q = inner.close + 1; continue }
            if blocks.isCode(q), blocks.units[q] == 0x2C { return q }
            q += 1
        }
        return limit
    }

    /// The keys an object literal names at its own level (`key: v`, shorthand `key`, `"key": v`), each with its
    /// value's range (a shorthand's value is its key). What a spread (`...options`) holds is not seen, so a key only it
    /// may give is not passed.
    static func objectEntries(_ blocks: CodeBlocks, _ object: CodeBlocks.Bracket) -> [String: Range<Int>] {
        var entries: [String: Range<Int>] = [:]
        var p = blocks.nextCode(from: object.open + 1)
        var count = 0
        while p < object.close, count < 256 {
            count += 1
            let end = entryEnd(blocks, from: p, before: object.close)
            // a word or a string starts a key; a spread (`...options`) or a computed key (`[k]: v`) names none
            var key: (String, Int)?
            if let (word, wordEnd) = blocks.word(startingAt: p) {
                key = (word, wordEnd)
            } else if let u = blocks.unit(p), u == 0x22 || u == 0x27 {
                var e = p + 1
                while e < end, blocks.units[e] != u, blocks.units[e] != 0x0A { e += 1 }
                key = (String(decoding: blocks.units[(p + 1)..<e], as: UTF16.self), e + 1)
            }
            if let (name, keyEnd) = key {
                let colon = blocks.nextCode(from: keyEnd)
                entries[name] = colon < end && blocks.unit(colon) == 0x3A ? blocks.nextCode(from: colon + 1)..<end : p..<keyEnd
            }
            p = blocks.nextCode(from: end + 1)
        }
        return entries
    }

    /// The names the imports of one C-like file make libraries read, each with the 1-based line of its import and the
    /// library, in text order: ``names(in:python:)`` narrowed by how the file constructs each library's clients.
    static func names(in text: String, blocks: CodeBlocks, identifiers: [CodeSymbols.Identifier], complete: Bool) -> [(left: Left, line: Int, library: String)] {
        guard let regex = jsImport else { return [] }
        let units = blocks.units
        let lines = LineIndex(units)
        let statements = complete ? esImports(blocks, identifiers) : [:]
        var byName: [String: [CodeSymbols.Identifier]]?
        var out: [(Left, Int, String)] = []
        for match in regex.matches(in: text, range: NSRange(location: 0, length: units.count)) {
            let range = match.range(at: 1)
            let spec = String(decoding: units[range.location..<NSMaxRange(range)], as: UTF16.self)
            let line = lines.line(at: range.location)
            for (library, names) in conventions(of: spec, python: false) {
                var kept = names.map { Left(name: $0) }
                if spec == library, let statement = statements[range.location - 1] {
                    if byName == nil { byName = Dictionary(grouping: identifiers, by: \.name) }
                    kept = namesLeft(by: statement, library: library, names: names, blocks: blocks, byName: byName ?? [:])
                }
                for left in kept { out.append((left, line, library)) }
            }
        }
        return out
    }
}

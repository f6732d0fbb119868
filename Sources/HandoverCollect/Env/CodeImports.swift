import HandoverModel
/// A read whose value a module exports (`export const S3_BUCKET_NAME = process.env.S3_BUCKET_NAME` in
/// `constants.ts`) is tested where the value is used, often in another file
/// (`import { S3_BUCKET_NAME } from "./constants"`, then `if (!S3_BUCKET_NAME) return err(…)`). This finds both
/// halves; ``CodeReferences/Collector`` joins them by the exported name and the module's file name.
///
/// Only named ES imports (`import { A, B as C } from "…"`, `type` imports skipped) and module-level
/// `export const` aliases count; a module is matched by its file name without extension (`./constants`,
/// `@/lib/constants`), or, for an `index` file, by its folder (`./storage`). Re-exports are not followed.
enum CodeImports {
    struct Import: Equatable {
        /// The name the other module exports, and the one this file uses.
        var exported: String
        var local: String
        /// The last component of the module specifier, without extension.
        var module: String
        /// The whole specifier (`../config/env`, `@/lib/env`).
        var specifier = ""
    }

    /// At most this many uses of one imported name are tested.
    static let maxUses = 64
    static let maxImports = 1_024

    /// The named imports of a file, in text order.
    static func imports(_ blocks: CodeBlocks, _ identifiers: [CodeSymbols.Identifier]) -> [Import] {
        guard blocks.syntax == .cLike else { return [] }
        var out: [Import] = []
        var i = 0
        while i < identifiers.count, out.count < maxImports {
            let word = identifiers[i]
            i += 1
            guard word.name == "import", !word.member, blocks.innermost(containing: word.start) == nil else { continue }
            let end = CodeSymbols.importEnd(blocks, from: word.end)
            // the `{ … }` of the statement, then `from "…"`
            var q = blocks.nextCode(from: word.end)
            if blocks.isWord("type", at: q) { continue }  // `import type { … }`: no value
            if let (_, defaultEnd) = blocks.word(startingAt: q) {  // `import D, { … }`
                q = blocks.nextCode(from: defaultEnd)
                guard blocks.unit(q) == 0x2C else { continue }
                q = blocks.nextCode(from: q + 1)
            }
            guard let braces = blocks.bracket(at: q), braces.kind == 0x7B, braces.close < end else { continue }
            let fromWord = blocks.nextCode(from: braces.close + 1)
            guard blocks.isWord("from", at: fromWord), let specifier = specifier(blocks, at: blocks.nextCode(from: fromWord + 4)),
                  let module = moduleName(of: specifier) else { continue }
            var names: [String] = []
            while i < identifiers.count, identifiers[i].start < braces.close {
                if identifiers[i].start > braces.open { names.append(identifiers[i].name) }
                i += 1
            }
            out += named(names, module: module).map { var i = $0; i.specifier = specifier; return i }
        }
        return out
    }

    /// `A, type B, C as D` read as words: (A, A), (C, D); type-only names dropped.
    static func named(_ words: [String], module: String) -> [Import] {
        var out: [Import] = []
        var k = 0
        while k < words.count {
            if words[k] == "type" { k += 2; continue }
            if k + 2 < words.count, words[k + 1] == "as" {
                out.append(Import(exported: words[k], local: words[k + 2], module: module))
                k += 3
            } else {
                out.append(Import(exported: words[k], local: words[k], module: module))
                k += 1
            }
        }
        return out
    }

    /// `./lib/constants.js` → `constants`.
    static func moduleName(of specifier: String) -> String? {
        stem(String(specifier.split(separator: "/").last ?? ""))
    }

    /// The quoted module specifier at `p`: `"./lib/constants.js"` → `./lib/constants.js`.
    static func specifier(_ blocks: CodeBlocks, at p: Int) -> String? {
        guard let quote = blocks.unit(p), quote == 0x22 || quote == 0x27 else { return nil }
        var e = p + 1
        while e < min(blocks.units.count, p + 240), blocks.units[e] != quote, blocks.units[e] != 0x0A { e += 1 }
        guard e < blocks.units.count, blocks.units[e] == quote, e > p + 1 else { return nil }
        return String(decoding: blocks.units[(p + 1)..<e], as: UTF16.self)
    }

    /// The repository path a relative specifier names from the file at `path`, without extension (`../config/env.js`
    /// from `src/lib/a.ts` → `src/config/env`); nil for a package or alias specifier (`@/lib/env`, `shared/numbers`).
    static func resolved(_ specifier: String, from path: String) -> String? {
        guard specifier.hasPrefix("./") || specifier.hasPrefix("../") else { return nil }
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for component in specifier.split(separator: "/") {
            if component == "." { continue }
            if component == ".." { guard !parts.isEmpty else { return nil }; parts.removeLast(); continue }
            parts.append(String(component))
        }
        guard let last = parts.last, let stem = stem(last) else { return nil }
        parts[parts.count - 1] = stem
        return parts.joined(separator: "/")
    }

    /// The paths a relative import may give the file at `path`: its own without extension, and its folder when it is
    /// an `index` (`src/config/index.ts` → `src/config/index`, `src/config`).
    static func resolvedNames(of path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        guard let file = parts.last, let stem = stem(file) else { return [] }
        parts[parts.count - 1] = stem
        let own = parts.joined(separator: "/")
        return stem == "index" && parts.count >= 2 ? [own, parts.dropLast().joined(separator: "/")] : [own]
    }

    /// A file name without its extensions: `constants.ts` → `constants`.
    static func stem(_ file: String) -> String? {
        let s = file.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? file
        return s.isEmpty ? nil : s
    }

    /// The module names an import may give the file at `path`: its stem, and its folder when it is an `index`.
    static func moduleNames(of path: String) -> [String] {
        let parts = path.split(separator: "/").map(String.init)
        guard let file = parts.last, let stem = stem(file) else { return [] }
        if stem == "index", parts.count >= 2 { return [stem, parts[parts.count - 2]] }
        return [stem]
    }

    /// How each imported name is tested where this file uses it: the strongest test of its uses (a presence check
    /// or selector outranks an enforced test, which outranks a plain value use). Imports never used are left out.
    static func tests(_ imports: [Import], conditions: CodeConditions, identifiers: [CodeSymbols.Identifier]) -> [(Import, CodeFallback.Kind?)] {
        guard !imports.isEmpty else { return [] }
        let locals = Dictionary(imports.map { ($0.local, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [String: (kind: CodeFallback.Kind?, uses: Int)] = [:]
        var skipUntil = -1
        for word in identifiers where !word.member {
            if word.start < skipUntil { continue }
            if word.name == "import" { skipUntil = CodeSymbols.importEnd(conditions.blocks, from: word.end); continue }
            guard locals[word.name] != nil else { continue }
            let seen = found[word.name]
            if let seen, seen.uses >= maxUses { continue }
            let kind = conditions.test(word.name, start: word.start, end: word.end).kind
            found[word.name] = (CodeConditions.stronger(seen?.kind, kind), (seen?.uses ?? 0) + 1)
        }
        return imports.compactMap { i in found[i.local].map { (i, $0.kind) } }
    }
}

extension CodeConditions {
    /// `export const NAME = <read>` at module level, ending its statement: NAME.
    func exportedAlias(before start: Int, after end: Int) -> String? {
        exportedAliasStatement(before: start, after: end)?.name
    }

    /// The alias and where its statement starts (its `export`).
    func exportedAliasStatement(before start: Int, after end: Int) -> (name: String, start: Int)? {
        guard blocks.syntax == .cLike, blocks.innermost(containing: start) == nil,
              let alias = alias(before: start, after: end) else { return nil }
        let equals = blocks.previousCode(before: start)
        guard let (_, nameStart) = blocks.word(endingAt: blocks.previousCode(before: equals)),
              let (_, keywordStart) = blocks.word(endingAt: blocks.previousCode(before: nameStart)),
              let (export, exportStart) = blocks.word(endingAt: blocks.previousCode(before: keywordStart)), export == "export" else { return nil }
        return (alias.name, exportStart)
    }
}

import Foundation
import HandoverModel
/// One file's reads — fallback, alternatives, how the code tests them and the conditions they run under — with the
/// top-level function or class each sits in, and the file's uses of names (for conditions across files).
struct CodeFileAnalysis {
    struct Read {
        var found: CodeReferences.Found
        /// The top-level function or class whose body holds the read (nil: module level, or not known).
        var symbol: String?
        /// `export const NAME = <read>` at module level, with no fallback or test of its own: NAME, whose uses in
        /// the files that import it decide (``CodeImports``).
        var exportedAs: String?
        /// A declaration (or its runtimeEnv line) of a t3-env schema that skips validation: it requires the name only
        /// if production code uses it (``EnvSchemaReferences/skipsValidation(_:blocks:)``).
        var unvalidated = false
        /// An env schema's entry defaulting to an empty string, or a plain read of the same file taking that default
        /// (its `runtimeEnv` line): it requires the name only if production code uses it.
        var emptySchemaDefault = false
        /// A plain read given whole as an argument to a function this file does not declare: the callee and the
        /// argument's index, for a helper another module exports (``CodeConditions/helperTests(declarations:identifiers:)``).
        var passedTo: (callee: String, index: Int, module: String)?
        /// The symbol (``symbol`` or ``exportedAs``) is one whose uses decide whether the read runs at all
        /// (``CodeUnusedSymbols/isCandidate(_:name:start:path:)``).
        var unusedCandidate = false
        /// Inside the module's `if __name__ == "__main__":` block: a script's read if other files import the module
        /// (``PythonModules``).
        var inMainBlock = false
        /// Inside a Rust `#[cfg(test)]` item: compiled into the tests only (``RustTests``).
        var inTestItem = false
        /// Guarded by Vite's `import.meta.env.DEV`: not in a production build (``ViteDevOnly``).
        var devOnly = false
        /// `export const OBJ = { KEY: <read> }`, with no fallback or test of its own: `OBJ.KEY`, whose uses in the files
        /// that import OBJ decide (``CodeConfigObjects``).
        var memberOf: String?
        /// `env("X")` or `env.str("X")` in a Python file that imports `env`: if it has no default, alternative or test,
        /// the scheme of the module `env` comes from may give one (``schemeSources``).
        var schemeCandidate = false
    }

    var reads: [Read] = []
    var uses: [(name: String, conditions: [CodeCondition])] = []
    /// The names this file imports from other modules, with the strongest test of their uses here.
    var importTests: [(CodeImports.Import, CodeFallback.Kind?)] = []
    /// The uses of imported objects' properties, each judged (``CodeConfigObjects``).
    var memberUses: [(key: String, module: String, judgement: CodeConfigObjects.Judgement, line: Int)] = []
    /// The env-like names (`CLICKHOUSE_URL`) this file uses as code — `env.X`, `const { X } = env` — when it is not
    /// itself an env schema: what decides whether an unvalidated schema's declaration is used.
    var envNameUses: Set<String> = []
    /// False when the file held more identifiers than are read (``CodeSymbols/maxIdentifiers``): its uses are not all known.
    var usesComplete = true
    /// The names the file's imports leave to a library that reads them by convention (``LibraryConventions``), each
    /// with its import's line and the library; only when asked for.
    var conventions: [(left: LibraryConventions.Left, line: Int, library: String)] = []
    /// The exported functions' parameters this file's functions handle unset (production files only).
    var helpers: [String: [Int: CodeFallback.Kind?]] = [:]
    /// The hashes of the words this file names outside each symbol's own declaration (production files only):
    /// what keeps a symbol in use (``CodeUnusedSymbols``).
    var words: Set<UInt64> = []
    /// The modules a Rust file declares for its tests only (`#[cfg(test)] mod test_util;`), by name.
    var rustTestModules: [String] = []
    /// The defaults django-environ's scheme gives in this Python file (``CodeConditions/schemeDefaults(_:)``), for the
    /// modules that import its `env`; and the modules this file imports `env` from (``PythonModules/sources(of:in:path:)``).
    var schemeDefaults: [String: CodeFallback] = [:]
    var schemeSources: Set<String> = []

    /// JavaScript and TypeScript, whose string literals hold text only (other C-like languages interpolate in quotes:
    /// PHP's `"{$_ENV['X']}"`, Kotlin's `"${System.getenv("X")}"`, Swift's `"\(…)"`).
    static func literalsAreText(_ path: String) -> Bool {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["js", "jsx", "ts", "tsx", "mjs", "cjs"].contains(ext)
    }

    /// `{read}`: the read alone between braces, blanks and a closing `!`/`?.x` aside.
    static func isBracedAlone(_ units: [UInt16], _ read: Range<Int>) -> Bool {
        var before = read.lowerBound - 1
        while before >= 0, units[before] == 0x20 || units[before] == 0x09 { before -= 1 }
        guard before >= 0, units[before] == 0x7B else { return false }
        var after = read.upperBound
        while after < units.count, units[after] == 0x20 || units[after] == 0x09 || units[after] == 0x21 { after += 1 }
        return after < units.count && units[after] == 0x7D
    }

    init(text: String, path: String, withUses: Bool, conventions withConventions: Bool = false) {
        let (units, tailed) = CodeReferences.tailedReads(in: path.hasSuffix(".prisma") ? Self.withoutShadowDatabase(text) : text)
        let lines = LineIndex(units)
        let blocks = CodeBlocks(units: units, syntax: tailed.isEmpty && !withUses && !withConventions ? .none : CodeBlocks.Syntax.of(path))
        // a read in a comment that is surely one is none (`// process.env.OLD_KEY`); one kept in what may be markup or a misread regular
        // expression is a plain read: no default, test or condition is read from the text around it (below)
        // likewise a read in the text of a JavaScript or TypeScript string or template literal (a code sample, an error
        // message): their quotes interpolate nothing but a template's `${…}`, which is code
        // — but not a JSX expression's whole body, which markup text can put in what looks like a string
        // (`<p>Environment: "{process.env.NEXT_PUBLIC_VERCEL_ENV}"</p>`)
        let textLiterals = Self.literalsAreText(path), jsx = path.hasSuffix(".jsx") || path.hasSuffix(".tsx")
        let analysed = tailed.filter {
            !blocks.isSurelyComment($0.start)
                && !(textLiterals && !$0.isSchema && blocks.isSurelyText($0.start) && !(jsx && Self.isBracedAlone(units, $0.start..<$0.end)))
        }
        let identifiers = blocks.syntax == .none ? [] : CodeSymbols.identifiers(blocks)
        let tester = CodeConditions(blocks: blocks)
        let declarations = CodeSymbols.declarations(blocks, identifiers)
        let (tests, conditions, regions, elseAlternatives) = tester.analyse(analysed.map {
            CodeConditions.Read(name: $0.name, start: $0.start, end: $0.end, settled: $0.fallback != nil || !$0.alternatives.isEmpty,
                                inert: blocks.isComment($0.start))
        }, identifiers: identifiers, declarations: declarations)
        let unvalidated = EnvSchemaReferences.skipsValidation(text, blocks: blocks)
            ? Set(EnvSchemaReferences.declarations(in: text, units: units).map(\.name)) : []
        // entries defaulting to an empty string, and the plain reads (t3-env's `runtimeEnv`) that take that default
        let emptyDefaults = Set(analysed.lazy.filter { $0.isSchema && $0.fallback?.kind == .empty }.map(\.name))
        var optionalKeys: Set<String>?  // the file's `key?:` members, read when a read may need them
        var elementTests: [Int: CodeFallback.Kind?] = [:]  // by declaration start: how its elements' aliases are tested
        var identifiersByName: [String: [Int]]?  // indices of the non-member identifiers by name, made when first needed
        var optionsConsts: [Int: Bool] = [:]  // by declaration start: whether it is passed whole to an SDK setup only
        var imports: [CodeImports.Import]?  // the file's imports, read when a read is passed to a function it imports
        var schemaParses: CodeSchemaParse.Parses?  // the file's `schema.parse({ … })` objects, made when first needed
        // the names bound to a search-only browser client's constructor (``SearchOnlyClients``)
        let searchClients = blocks.syntax == .cLike ? SearchOnlyClients.constructors(in: text, isCode: blocks.isCode) : [:]
        var own: [CodeUnusedSymbols.Own] = []  // exported aliases' statements, where their names are no use
        for (i, read) in analysed.enumerated() {
            if blocks.isComment(read.start) {  // kept in what may be a comment: a plain read, nothing read around it
                reads.append(Read(found: CodeReferences.Found(name: read.name, line: lines.line(at: read.start), fallback: nil, alternatives: [],
                                                              conditions: []),
                                  symbol: CodeSymbols.declaration(containing: read.start, in: declarations)?.name))
                continue
            }
            var fallback = read.fallback
            // `env("X")`, `env.str("X")` take the default django-environ's scheme gives (`environ.Env(X=(str, "d"))`)
            if fallback == nil, !tester.schemeDefaults.isEmpty, let given = tester.schemeDefaults[read.name],
               CodeReadTail(units: units).starts(with: "env", at: read.start) {
                fallback = given
            }
            // `f({ env: process.env.X, fallback: d })`: the options object names what unset gives
            // (shown only where safe, as a read's own default is: never a credential's, a credential shape, …)
            if fallback == nil, read.alternatives.isEmpty, let given = CodeOptionsDefault.fallback(blocks, tester, read: read.start..<read.end) {
                fallback = CodeReadTail.shownSafely(given, name: read.name)
            }
            // `schema.parse({ key: env('X') })`: the schema's entry at the key path says what unset gives (``CodeSchemaParse``)
            if fallback == nil, read.alternatives.isEmpty, !read.isSchema {
                if schemaParses == nil { schemaParses = CodeSchemaParse.parses(blocks, text: text) }
                if let parses = schemaParses, let given = CodeSchemaParse.fallback(blocks, tester, read: read.start..<read.end, parses: parses) {
                    fallback = CodeReadTail.shownSafely(given, name: read.name)
                }
            }
            if fallback == nil, let test = tests[i] { fallback = CodeFallback(kind: test) }
            if fallback == nil, read.alternatives.isEmpty, let declaration = CodeSymbols.declaration(containing: read.start, in: declarations),
               declaration.objectLiteral, tester.isDirectValue(read.start..<read.end, of: declaration) {
                if elementTests[declaration.start] == nil {
                    if identifiersByName == nil {
                        identifiersByName = Dictionary(grouping: identifiers.indices.filter { !identifiers[$0].member }, by: { identifiers[$0].name })
                    }
                    // at most as many literals as aliases per file (``CodeConditions/maxAliases``)
                    elementTests[declaration.start] = elementTests.count < CodeConditions.maxAliases
                        ? tester.elementTest(of: declaration, identifiers: identifiers, byName: identifiersByName ?? [:]) : .some(nil)
                }
                if let kind = elementTests[declaration.start] ?? nil { fallback = CodeFallback(kind: kind) }
                // a bare value (`key: read,`), as in an inline setup: `read!` and `read as T` are judged as usual
                if fallback == nil, CodeSetupOptions.isValueEnd(blocks, after: read.end) {
                    if optionsConsts[declaration.start] == nil {
                        optionsConsts[declaration.start] = CodeSetupOptions.isOptionsConst(blocks, declaration, identifiers: identifiers,
                                                                                          byName: identifiersByName ?? [:], path: path)
                    }
                    if optionsConsts[declaration.start] == true { fallback = CodeFallback(kind: .setupOption) }
                }
            }
            if fallback == nil, read.asserted, read.alternatives.isEmpty, PythonTryExcept.handles(blocks, at: read.start) {
                fallback = CodeFallback(kind: .absent)  // `try: os.environ["X"]` … `except KeyError: pass`
            }
            if fallback == nil || fallback?.kind == .presenceCheck, read.alternatives.isEmpty, CodeStoredSwitch.isStored(blocks, read: read.start..<read.end) {
                fallback = CodeFallback(kind: .storedSwitch)
            }
            if fallback == nil, read.alternatives.isEmpty, CodeSetupOptions.isOption(blocks, read: read.start..<read.end) {
                fallback = CodeFallback(kind: .setupOption)
            }
            if fallback == nil, read.alternatives.isEmpty, CodeSetupOptions.isSocialiteGitHubRedirect(blocks, read: read.start..<read.end, path: path) {
                fallback = CodeFallback(kind: .setupOption, shown: CodeSetupOptions.socialiteGitHub)
            }
            if fallback == nil || fallback?.kind == .absent, read.alternatives.isEmpty, !read.asserted,
               CodeSetupOptions.isDeviseSecretKey(blocks, read: read.start..<read.end, name: read.name, path: path) {
                fallback = CodeFallback(kind: .literal, shown: CodeSetupOptions.deviseSecretKey)
            }
            if fallback == nil || fallback?.kind == .empty || fallback?.kind == .absent, read.alternatives.isEmpty,
               CodeSettingDefault.isDefault(blocks, read: read.start..<read.end) {
                fallback = CodeFallback(kind: .settingDefault)
            }
            if fallback == nil, read.alternatives.isEmpty, CodeSetupOptions.isBuildPassThrough(blocks, read: read.start..<read.end, name: read.name, path: path) {
                fallback = CodeFallback(kind: .buildPassThrough)
            }
            if fallback == nil, read.alternatives.isEmpty, blocks.syntax == .cLike, CodeOptionalFields.applies(to: path),
               CodeOptionalFields.optionalKey(blocks, read: read.start..<read.end, keys: {
                   if optionalKeys == nil { optionalKeys = CodeOptionalFields.optionalKeys(blocks) }
                   return optionalKeys ?? []
               }) != nil {
                fallback = CodeFallback(kind: .optionalField)
            }
            // `if X … else …` whose else needs other names: X or those names (``CodeConditions/analyse(_:identifiers:declarations:)``)
            let alternatives = read.alternatives + (elseAlternatives[i] ?? [])
            var found = CodeReferences.Found(name: read.name, line: lines.line(at: read.start), fallback: fallback,
                                             alternatives: alternatives, conditions: conditions[i],
                                             asserted: read.asserted && fallback == nil && alternatives.isEmpty)
            if fallback == nil, alternatives.isEmpty, CodeBrokenUse.breaks(blocks, read: read.start..<read.end) { found.unsetBreaks = true }
            if !searchClients.isEmpty,
               let argument = tester.argument(of: CodeConditions.Read(name: read.name, start: read.start, end: read.end, settled: false)),
               let client = searchClients[argument.callee], client.keyArgument == argument.index {
                found.searchOnlyClient = client.module
            }
            let exported = fallback == nil && alternatives.isEmpty ? tester.exportedAlias(before: read.start, after: read.end) : nil
            // a schema's own entry or its runtimeEnv line declares the name; a plain read beside the schema does not
            let declares = (unvalidated.contains(read.name) || emptyDefaults.contains(read.name))
                && (read.isSchema || Self.isRuntimeEnvLine(blocks, read: read.start..<read.end, name: read.name))
            var passed: (callee: String, index: Int, module: String)?
            if fallback == nil, alternatives.isEmpty, conditions[i].isEmpty, exported == nil,
               let argument = tester.argument(of: CodeConditions.Read(name: read.name, start: read.start, end: read.end, settled: false)),
               !declarations.contains(where: { $0.name == argument.callee }) {
                if imports == nil { imports = CodeImports.imports(blocks, identifiers) }
                if let imported = imports?.first(where: { $0.local == argument.callee }) { passed = (imported.exported, argument.index, imported.module) }
            }
            let declaration = CodeSymbols.declaration(containing: read.start, in: declarations)
            var member: String?
            if fallback == nil, alternatives.isEmpty, conditions[i].isEmpty, exported == nil, let declaration,
               let key = CodeConfigObjects.memberKey(blocks, tester, read: read.start..<read.end, declaration: declaration) {
                member = declaration.name + "." + key
            }
            var candidate = false
            if withUses, CodeUnusedSymbols.judged(fallback), alternatives.isEmpty, conditions[i].isEmpty {
                if let declaration {
                    candidate = CodeUnusedSymbols.isCandidate(blocks, name: declaration.name, start: declaration.start, path: path)
                } else if exported != nil, let statement = tester.exportedAliasStatement(before: read.start, after: read.end) {
                    candidate = CodeUnusedSymbols.isCandidate(blocks, name: statement.name, start: statement.start, path: path)
                    own.append(CodeUnusedSymbols.Own(hash: CodeUnusedSymbols.hash(statement.name), start: statement.start, end: read.end, membersToo: true))
                }
            }
            reads.append(Read(found: found, symbol: declaration?.name, exportedAs: exported,
                              unvalidated: declares && unvalidated.contains(read.name),
                              emptySchemaDefault: declares && fallback?.kind == .empty && emptyDefaults.contains(read.name), passedTo: passed,
                              unusedCandidate: candidate, memberOf: member))
        }
        if path.hasSuffix(".py") {
            schemeDefaults = tester.schemeDefaults
            schemeSources = PythonModules.sources(of: "env", in: text, path: path)
            if !schemeSources.isEmpty {
                let tail = CodeReadTail(units: units)
                for i in reads.indices where !blocks.isComment(analysed[i].start)
                    && (tail.starts(with: "env(", at: analysed[i].start) || tail.starts(with: "env.", at: analysed[i].start)) {
                    reads[i].schemeCandidate = true
                }
            }
            let mains = PythonModules.mainBlocks(blocks, text: text)
            for i in reads.indices where mains.contains(where: { $0.contains(analysed[i].start) }) { reads[i].inMainBlock = true }
        }
        if blocks.syntax == .cLike, text.contains("import.meta.env.") {
            for i in reads.indices where ViteDevOnly.isDevOnly(blocks, read: analysed[i].start..<analysed[i].end) { reads[i].devOnly = true }
        }
        if path.hasSuffix(".rs") {
            let items = RustTests.testItems(blocks, text: text)
            for i in reads.indices where items.ranges.contains(where: { $0.contains(analysed[i].start) }) { reads[i].inTestItem = true }
            rustTestModules = items.modules
        }
        if withUses {
            if !EnvSchemaReferences.markers.contains(where: text.contains) {
                envNameUses = Set(identifiers.lazy.filter { EnvNameTokens.isEnvLike($0.name) }.map(\.name))
            } else {
                // an env schema's file: its entries and `runtimeEnv` keys (`X:`) and its `process.env.X` reads are not
                // uses; `env.X`, `const { X } = env` beside the schema are (`new Resend(env.RESEND_API_KEY)`)
                envNameUses = Set(identifiers.lazy.filter {
                    EnvNameTokens.isEnvLike($0.name) && !Self.isProcessEnvMember(blocks, $0) && !Self.isObjectKey(blocks, $0)
                }.map(\.name))
            }
            envNameUses.formUnion(Self.subscriptUses(text, units: units))
            usesComplete = identifiers.count < CodeSymbols.maxIdentifiers
            uses = CodeSymbols.uses(blocks, identifiers, declarations, regions: regions)
            let imported = CodeImports.imports(blocks, identifiers)
            importTests = CodeImports.tests(imported, conditions: tester, identifiers: identifiers)
            memberUses = CodeConfigObjects.uses(imported, tester, identifiers, path: path, vite: text.contains("import.meta.env.")).map { ($0.key, $0.module, $0.judgement, lines.line(at: $0.position)) }
            helpers = tester.helperTests(declarations: declarations, identifiers: identifiers)
            words = CodeUnusedSymbols.words(units, own: own + declarations.map {
                CodeUnusedSymbols.Own(hash: CodeUnusedSymbols.hash($0.name), start: $0.start, end: $0.end)
            })
        }
        if withConventions {
            conventions = blocks.syntax == .cLike
                ? LibraryConventions.names(in: text, blocks: blocks, identifiers: identifiers, complete: identifiers.count < CodeSymbols.maxIdentifiers)
                : LibraryConventions.names(in: text, python: blocks.syntax == .python).map { (LibraryConventions.Left(name: $0.name), $0.line, $0.library) }
        }
    }
}

extension CodeFileAnalysis {
    /// `NAME: process.env.NAME,` — the whole value of a key that is the name itself, as in t3-env's `runtimeEnv`.
    /// `"NAME": process.env.NAME,` and `NAME: process.env.NAME as string,` / `process.env.NAME!,` too.
    static func isRuntimeEnvLine(_ blocks: CodeBlocks, read: Range<Int>, name: String) -> Bool {
        let colon = blocks.previousCode(before: read.lowerBound, reach: 64)
        guard blocks.unit(colon) == 0x3A else { return false }
        let keyEnd = blocks.previousCode(before: colon, reach: 64)
        if let quote = blocks.unit(keyEnd), quote == 0x22 || quote == 0x27 {
            let count = name.utf16.count
            guard keyEnd - count - 1 >= 0, blocks.unit(keyEnd - count - 1) == quote,
                  String(decoding: blocks.units[(keyEnd - count)..<keyEnd], as: UTF16.self) == name else { return false }
        } else {
            guard let (key, _) = blocks.word(endingAt: keyEnd), key == name else { return false }
        }
        var end = blocks.nextCode(from: read.upperBound, reach: 64)
        if blocks.unit(end) == 0x21 { end += 1 }  // `!`
        if blocks.isWord("as", at: end), let (_, asEnd) = blocks.word(startingAt: end),
           let (_, typeEnd) = blocks.word(startingAt: blocks.nextCode(from: asEnd, reach: 64)) {
            end = typeEnd
        }
        return CodeSetupOptions.isValueEnd(blocks, after: end)
    }

    /// A key of an object literal (`X: z.string()`, `X: process.env.X`): a word that is no member, followed by `:`
    /// and preceded by `{` or `,` — not `cond ? X : y`, and not a destructuring (`const { X: key } = env` uses X).
    static func isObjectKey(_ blocks: CodeBlocks, _ word: CodeSymbols.Identifier) -> Bool {
        guard !word.member, blocks.unit(blocks.nextCode(from: word.end, reach: 64)) == 0x3A,
              let before = blocks.unit(blocks.previousCode(before: word.start, reach: 64)), before == 0x7B || before == 0x2C else { return false }
        guard let index = blocks.innermost(containing: word.start) else { return true }
        let object = blocks.brackets[index]
        let after = blocks.nextCode(from: object.close + 1, reach: 64)
        let destructured = object.kind == 0x7B && blocks.unit(after) == 0x3D && blocks.unit(after + 1) != 0x3D && blocks.unit(after + 1) != 0x3E
        return !destructured
    }

    /// `process.env.X`, `import.meta.env.X`, `Bun.env.X`: a read of the environment, not a use of a schema's name
    /// (`c.env.X`, a Worker's bindings, is a use).
    static func isProcessEnvMember(_ blocks: CodeBlocks, _ word: CodeSymbols.Identifier) -> Bool {
        guard word.member else { return false }
        let dot = blocks.previousCode(before: word.start, reach: 16)
        guard let (object, objectStart) = blocks.word(endingAt: blocks.previousCode(before: dot, reach: 16)), object == "env" else { return false }
        let outerDot = blocks.previousCode(before: objectStart, reach: 16)
        guard blocks.unit(outerDot) == 0x2E, let (outer, _) = blocks.word(endingAt: blocks.previousCode(before: outerDot, reach: 16)) else { return false }
        return ["process", "meta", "Bun", "Deno"].contains(outer)
    }

    static let subscriptUse = try? NSRegularExpression(pattern: #"(?<![.\w$])env(?:\(\))?\[[ \t]*['"]([A-Z][A-Z0-9_]{1,127})['"][ \t]*\]"#)

    /// `env["X"]`, `env()['X']`: a use of a schema's name by string.
    /// `units` is `text` as UTF-16 (a Prisma schema's blanked copy differs in length: no uses read there).
    static func subscriptUses(_ text: String, units: [UInt16]) -> [String] {
        guard text.contains("env"), let subscriptUse, units.count == text.utf16.count else { return [] }
        return subscriptUse.matches(in: text, range: NSRange(location: 0, length: units.count)).map {
            String(decoding: units[$0.range(at: 1).location..<NSMaxRange($0.range(at: 1))], as: UTF16.self)
        }
    }

    /// A Prisma schema without its `shadowDatabaseUrl` lines (blanked, so lines keep their numbers): only
    /// `prisma migrate dev` uses the shadow database, never the running app.
    static func withoutShadowDatabase(_ text: String) -> String {
        guard text.contains("shadowDatabaseUrl") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.contains("shadowDatabaseUrl") ? "" : String($0) }.joined(separator: "\n")
    }
}

extension CodeReferences {
    /// Gathers the reads of many files into references, one per name.
    ///
    /// A production read that has no condition of its own but sits in a function or class that production code
    /// names only inside guarded branches (never unguarded, imports aside) takes the condition of those branches,
    /// when they all agree on the innermost one. A read exported as a module-level const
    /// (`export const S3_BUCKET_NAME = process.env.S3_BUCKET_NAME`) is the same: its uses decide — their conditions,
    /// and how the files importing it test it (`if (!S3_BUCKET_NAME) return err(…)` makes it a presence check).
    package struct Collector: Sendable {
        private var byName: [String: [String: CodeRead]] = [:]
        /// Name → location → the symbol around a production read with no condition of its own.
        private var symbols: [String: [String: String]] = [:]
        private var unguarded: Set<String> = []
        private var guarded: [String: [[CodeCondition]]] = [:]
        /// Too many names to remember: no condition is taken from symbols.
        private var saturated = false
        /// Name → the first production import (`path:line`) of a library that reads it by convention, and the library.
        private var conventions: [String: (location: String, library: String)] = [:]
        /// Name → imports that give the library other env names' values in its place: read by the library only when
        /// one of those may be unset (``LibraryConventions/Left``).
        private var conditionalConventions: [String: [(location: String, library: String, via: [String])]] = [:]
        /// Env name and location of a production read exported as a module-level const → the const's name and the
        /// module names an import may give its file.
        private var exported: [String: (alias: String, modules: [String])] = [:]
        /// Exported name and module name → the strongest test of its uses in the production files importing it.
        private var importTests: [String: CodeFallback.Kind] = [:]
        /// Env name and location of a production read that is an exported object's property → `OBJ.a.KEY` and the
        /// module names an import may give its file (`path:` a relative import's, `stem:` any other's); `OBJ.a.KEY` and
        /// module name → what the production files importing it do with it (``CodeConfigObjects/Uses``).
        private var members: [String: (key: String, modules: [String])] = [:]
        private var memberUses: [String: CodeConfigObjects.Uses] = [:]
        /// Name → locations of its plain reads in env schemas that skip validation; and the env-like names production
        /// code outside env schemas uses. `usesComplete` is false once a production file was read without its uses.
        private var unvalidated: [String: Set<String>] = [:]
        /// Name → locations of env schema entries that default to an empty string (``CodeFileAnalysis/Read/emptySchemaDefault``).
        private var emptyDefaults: [String: Set<String>] = [:]
        private var envNameUses: Set<String> = []
        private var usesComplete = true
        /// Exported helper name → parameter index → how it handles that parameter unset; nil where two modules
        /// declaring the name disagree.
        private var helpers: [String: [Int: CodeFallback.Kind?]] = [:]
        /// Env name and location of a plain production read passed whole to a function its file does not declare.
        private var passedTo: [String: (callee: String, index: Int, module: String)] = [:]
        /// The module names an import may give the repository's files (``CodeImports/moduleNames(of:)``).
        private var modules: Set<String> = []
        /// Every word production files name outside a symbol's own declaration (hashes, ``CodeUnusedSymbols``), and the
        /// plain production reads whose symbol is dead if no such word names it: env name and location → symbol.
        private var words: Set<UInt64> = []
        private var unusedCandidates: [String: (symbol: String, modules: [String])] = [:]
        /// Module names some file takes whole (`import * as ns` used as a value), and the modules each module's
        /// `export * from` re-exports (``CodeUnusedSymbols/moduleUses(in:)``): none of their symbols is judged unused.
        private var takenWhole: Set<String> = []
        private var reexports: [String: Set<String>] = [:]
        /// The module paths the non-test Python files import, and the production reads inside a `__main__` block by
        /// file: those of a module something imports are a script's (``PythonModules``).
        private var pythonImports: Set<String> = []
        private var mainBlockReads: [String: Set<String>] = [:]
        /// The Python files whose django-environ scheme gives defaults, by path, and the production reads of `env` taken
        /// from another module, by env name and location → the modules `env` may come from (``CodeFileAnalysis/schemeSources``).
        private var schemes: [String: [String: CodeFallback]] = [:]
        private var schemeReads: [String: Set<String>] = [:]
        /// The files and folders of Rust modules declared for tests only (``RustTests/modulePaths(_:declaredIn:)``).
        private var rustTestModules: Set<String> = []
        /// The programs the GitHub Actions workflows run, and the files deployment files mention (``WorkflowPrograms``):
        /// a program only CI runs is CI's script.
        private var workflowPrograms: Set<String> = []
        private var deploymentMentions: Set<String> = []
        /// Package roots named for MCP with a file that starts a stdio server, and those with one that serves HTTP
        /// (``LocalMCPServers``).
        private var stdioMCPRoots: Set<String> = []
        private var httpMCPRoots: Set<String> = []
        /// What the repository says about its Laravel apps' drivers (``LaravelDriverLibraries``).
        private var laravel = LaravelDriverLibraries.Evidence()
        /// What every file names, to find the modules nothing reaches (``ModuleReach``).
        private var reach = ModuleReach.Evidence()
        static let maxNames = 500_000
        static let maxGuardedUses = 64

        package init() {}

        package mutating func add(_ text: String, path: String) {
            let place = CodePlace.of(path, text: text)
            modules.formUnion(CodeImports.moduleNames(of: path))
            if let root = LocalMCPServers.packageRoot(of: path), LocalMCPServers.isNamedForMCP(root) {
                let transports = LocalMCPServers.transports(in: text)
                if transports.stdio { stdioMCPRoots.insert(root) }
                if transports.http { httpMCPRoots.insert(root) }
            }
            let ext = path.split(separator: ".").last?.lowercased() ?? ""
            let libraries = place == .production && ["js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "astro", "py"].contains(ext)
            let analysis = CodeFileAnalysis(text: text, path: path, withUses: place == .production && !saturated, conventions: libraries)
            if place == .production {
                if saturated || !analysis.usesComplete { usesComplete = false }
                envNameUses.formUnion(analysis.envNameUses)
                words.formUnion(analysis.words)
            } else if place != .test {
                addSymbolWords(text, path: path)  // a script, a docs route or an example may be what calls a symbol
            }
            reach.add(text, path: path, place: place)
            if place != .test { noteModuleUses(text, path: path) }
            if place == .production, path.hasSuffix(".php") { laravel.addUses(in: text) }
            if place != .test, path.hasSuffix(".py") { pythonImports.formUnion(PythonModules.importedModules(text, path: path)) }
            if place != .test, !analysis.schemeDefaults.isEmpty { schemes[path] = analysis.schemeDefaults }
            for (left, line, library) in analysis.conventions {
                let location = "\(path):\(line)"
                if left.via.isEmpty {
                    if let kept = conventions[left.name], kept.location <= location { continue }
                    conventions[left.name] = (location, library)
                } else if conditionalConventions[left.name, default: []].count < Self.maxGuardedUses {
                    conditionalConventions[left.name, default: []].append((location, library, left.via))
                } else {
                    conventions[left.name] = conventions[left.name] ?? (location, library)  // too many to weigh: read
                }
            }
            for module in analysis.rustTestModules { rustTestModules.formUnion(RustTests.modulePaths(module, declaredIn: path)) }
            for read in analysis.reads {
                let found = read.found
                let place = read.inTestItem ? CodePlace.test : read.devOnly && place == .production ? CodePlace.tooling : place
                let codeRead = CodeRead(location: "\(path):\(found.line)", place: place, fallback: found.fallback,
                                        alternatives: found.alternatives.isEmpty ? nil : found.alternatives,
                                        conditions: found.conditions.isEmpty ? nil : found.conditions, asserted: found.asserted ? true : nil,
                                        searchOnlyClient: found.searchOnlyClient, unsetBreaks: found.unsetBreaks ? true : nil)
                // Two reads of one name on one line: the one that requires the variable speaks for the line (an asserted one first).
                // A read that is not a search-only client's key speaks before one that is.
                if let kept = byName[found.name]?[codeRead.location], kept.fallback == nil && kept.alternatives == nil && kept.conditions == nil,
                   kept.asserted == true || codeRead.asserted != true,
                   kept.searchOnlyClient == nil || codeRead.searchOnlyClient != nil { continue }
                byName[found.name, default: [:]][codeRead.location] = codeRead
                if place == .production, read.inMainBlock { mainBlockReads[path, default: []].insert(codeRead.location) }
                if read.schemeCandidate { schemeReads[found.name + "\u{0}" + codeRead.location] = analysis.schemeSources }
                if read.unvalidated, found.fallback == nil, found.alternatives.isEmpty {
                    unvalidated[found.name, default: []].insert(codeRead.location)
                }
                if read.emptySchemaDefault, found.alternatives.isEmpty {
                    emptyDefaults[found.name, default: []].insert(codeRead.location)
                }
                if place == .production, let passed = read.passedTo { passedTo[found.name + "\u{0}" + codeRead.location] = passed }
                if place == .production, let alias = read.exportedAs {
                    exported[found.name + "\u{0}" + codeRead.location] = (alias, CodeImports.moduleNames(of: path))
                }
                if place == .production, let member = read.memberOf {
                    members[found.name + "\u{0}" + codeRead.location] = (member, CodeImports.resolvedNames(of: path).map { "path:" + $0 }
                                                                                + CodeImports.moduleNames(of: path).map { "stem:" + $0 })
                }
                if place == .production, found.conditions.isEmpty, let symbol = read.symbol ?? read.exportedAs {
                    symbols[found.name, default: [:]][codeRead.location] = symbol
                    unusedCandidates[found.name + "\u{0}" + codeRead.location] = read.unusedCandidate ? (symbol, CodeUnusedSymbols.moduleNames(of: path)) : nil
                } else {
                    symbols[found.name]?[codeRead.location] = nil
                }
            }
            if place == .production {
                for (name, parameters) in analysis.helpers {
                    for (index, kind) in parameters {
                        let known = helpers[name]?[index]  // nil: not seen; .some(nil): seen, not handled, or modules disagree
                        helpers[name, default: [:]].updateValue(known.map { $0 == kind ? kind : nil } ?? kind, forKey: index)
                    }
                }
            }
            for (imported, kind) in analysis.importTests {
                guard let kind else { continue }  // a plain value use changes nothing (``CodeConditions/stronger``)
                let key = imported.exported + "\u{0}" + imported.module
                importTests[key] = CodeConditions.stronger(importTests[key], kind)
            }
            for use in analysis.memberUses {  // production files' only (`withUses`)
                memberUses[use.key + "\u{0}" + use.module, default: CodeConfigObjects.Uses()].add(use.judgement, at: "\(path):\(use.line)")
            }
            for use in analysis.uses {
                if use.conditions.isEmpty {
                    unguarded.insert(use.name)
                } else if guarded[use.name, default: []].count < Self.maxGuardedUses {
                    guarded[use.name, default: []].append(use.conditions)
                } else {
                    unguarded.insert(use.name)  // too many to compare: as if unguarded
                }
            }
            if unguarded.count + guarded.count > Self.maxNames { saturated = true }
        }

        /// The words of a file that is not read for env reads (`template.yaml`, an `.mdx` page, a Procfile) or that no
        /// production code is: they may name a symbol something calls (``CodeUnusedSymbols/namesSymbols(_:)``). Test
        /// files never do.
        package mutating func addWords(_ text: String, path: String) {
            let place = CodePlace.of(path)
            guard place != .test else { return }
            reach.add(text, path: path, place: place)
            addSymbolWords(text, path: path)
        }

        /// (Callers leave test files out.)
        private mutating func addSymbolWords(_ text: String, path: String) {
            if WorkflowPrograms.isWorkflow(path) {
                workflowPrograms.formUnion(WorkflowPrograms.programs(inWorkflow: text))
            } else if WorkflowPrograms.isDeploymentFile(path) {
                deploymentMentions.formUnion(WorkflowPrograms.mentions(inDeploymentFile: text))
            }
            words.formUnion(CodeUnusedSymbols.words(Array(text.utf16), own: []))
            noteModuleUses(text, path: path)
        }

        private mutating func noteModuleUses(_ text: String, path: String) {
            let (whole, reexported) = CodeUnusedSymbols.moduleUses(in: text)
            takenWhole.formUnion(whole)
            guard !reexported.isEmpty else { return }
            for module in CodeUnusedSymbols.moduleNames(of: path) { reexports[module, default: []].formUnion(reexported) }
        }

        /// Any file of the repository that may say whether a Laravel app uses a driver: `artisan`, a `composer.lock`, an
        /// env file, a build file, a stock config file (``LaravelDriverLibraries/Evidence``). `text` is read only for those.
        package mutating func addProjectFile(path: String, text: () -> String?) {
            laravel.add(path: path, text: text)
            reach.addPath(path)
            if !CodeReferences.isSource(path), !CodeUnusedSymbols.namesSymbols(path), ModuleReach.isRunnerText(path), let text = text() {
                reach.add(text, path: path, place: CodePlace.of(path))  // a crontab, a supervisord program, a Makefile
            }
        }

        /// The conditions every production use of `symbol` shares, when it is never used unguarded.
        func conditions(ofSymbol symbol: String) -> [CodeCondition]? {
            guard !saturated, !unguarded.contains(symbol), let uses = guarded[symbol], let first = uses.first?.first,
                  uses.allSatisfy({ $0.first == first }) else { return nil }
            return Array(uses[0].prefix(CodeConditions.maxConditions))
        }

        /// The conventions in force: the unconditional ones, and a conditional one whose passed values may be unset —
        /// judged on the references made without the conditional ones (fewer conventions only make a passed name look
        /// more optional, so the library's names are kept rather than lost).
        func conventionsInForce(unreached: ModuleReach.Evidence.Reach) -> [String: (location: String, library: String)] {
            guard !conditionalConventions.isEmpty else { return conventions }
            let first = Dictionary(references(conventions: conventions, unreached: unreached).map { ($0.name, $0.effectiveReads) }, uniquingKeysWith: +)
            var out = conventions
            for (name, entries) in conditionalConventions {
                for entry in entries where entry.via.contains(where: { Self.mayBeUnset(first[$0] ?? []) }) {
                    if let kept = out[name], kept.location <= entry.location { continue }
                    out[name] = (entry.location, entry.library)
                }
            }
            return out
        }

        /// Whether the production reads of a name leave it possibly unset: none reads it without a default or behind a
        /// check that stops the app, or one handles it unset (an optional schema entry, `|| ""`, a presence check or a
        /// selector anywhere, a condition, an alternative, nothing at all).
        /// The default django-environ's scheme gives `name` in the module `env` is imported from: when every file with a
        /// scheme those imports may name gives it one (`from .environment import env` in redirectioneaza's settings
        /// modules, whose `settings/environment.py` holds `environ.Env(APEX_DOMAIN=(str, "redirectioneaza.ro"))`).
        func schemeDefault(_ name: String, from sources: Set<String>) -> CodeFallback? {
            let given = schemes.keys.sorted().filter { PythonModules.isImported($0, by: sources) }.map { schemes[$0]?[name] }
            guard let first = given.first ?? nil, given.allSatisfy({ $0 != nil }) else { return nil }
            // two schemes that differ: a default, not shown
            return given.allSatisfy({ $0?.shown == first.shown }) ? first : CodeFallback(kind: first.kind)
        }

        static func mayBeUnset(_ reads: [CodeRead]) -> Bool {
            let production = reads.filter { $0.place == .production }
            let holding: Set<CodeFallback.Kind> = [.literal, .computed, .enforced]
            if production.contains(where: { $0.alternatives != nil || $0.conditions != nil || ($0.fallback.map { !holding.contains($0.kind) } ?? false) }) {
                return true
            }
            return production.isEmpty
        }

        /// Sorted by name; each with its locations sorted and its reads in the same order.
        package func references() -> [CodeReference] {
            let unreached = reach.reach()  // once: the conventions in force may be judged on a first pass
            return references(conventions: conventionsInForce(unreached: unreached), unreached: unreached)
        }

        func references(conventions: [String: (location: String, library: String)], unreached: ModuleReach.Evidence.Reach) -> [CodeReference] {
            let wholeModules = CodeUnusedSymbols.wholeModules(taken: takenWhole, reexports: reexports)
            let scriptReads = Set(mainBlockReads.filter { PythonModules.isImported($0.key, by: pythonImports) }.values.joined())
            // a file a workflow runs, that reads what only a runner's step has, that no deployment file names and (Python)
            // nothing imports: CI's script
            func path(_ location: String) -> String { CodeRead.parts(of: location).path }
            let stepFiles = Set(CodeReferences.ciRunnerNames.flatMap { byName[$0]?.keys.map(path) ?? [] })
            var ciRun: [String: Bool] = [:]
            func runByCI(_ location: String) -> Bool {
                let path = path(location)
                if let known = ciRun[path] { return known }
                let run = stepFiles.contains(path)
                    && WorkflowPrograms.isCIProgram(path, programs: workflowPrograms, mentioned: deploymentMentions)
                    && !(path.hasSuffix(".py") && PythonModules.isImported(path, by: pythonImports))
                ciRun[path] = run
                return run
            }
            return (byName.map { name, reads in
                let locations = reads.keys.sorted()
                let list = locations.compactMap { location -> CodeRead? in
                    guard var read = reads[location] else { return nil }
                    if scriptReads.contains(location) { read.place = .script }  // an imported module's self-test, run by hand
                    if read.place == .production, RustTests.isTestModule(path(location), modules: rustTestModules) { read.place = .test }
                    if read.place == .production, runByCI(location) { read.place = .script }
                    // a stdio MCP server package: a program its users' AI clients launch, not the service
                    if read.place == .production, let root = LocalMCPServers.packageRoot(of: location), stdioMCPRoots.contains(root),
                       !httpMCPRoots.contains(root) {
                        read.place = .tooling
                    }
                    if read.place == .production, unreached.unreached.contains(path(location)) { read.place = .unreached }  // nothing runs it
                    if read.place == .production, unreached.handRun.contains(path(location)) { read.place = .handRun }  // only scripts run it
                    if read.fallback == nil, read.alternatives == nil, let sources = schemeReads[name + "\u{0}" + location],
                       let given = schemeDefault(name, from: sources) {
                        read.fallback = given  // the default the scheme of the module `env` comes from gives
                    }
                    if read.fallback == nil, read.alternatives == nil, let alias = exported[name + "\u{0}" + location],
                       let kind = alias.modules.compactMap({ importTests[alias.alias + "\u{0}" + $0] }).reduce(nil, CodeConditions.stronger) {
                        read.fallback = CodeFallback(kind: kind)  // tested where it is imported
                    }
                    if read.fallback == nil, read.alternatives == nil, read.conditions == nil, let member = members[name + "\u{0}" + location] {
                        var uses = CodeConfigObjects.Uses()
                        for module in member.modules { if let more = memberUses[member.key + "\u{0}" + module] { uses.merge(more) } }
                        if let handled = uses.handled(for: name) {
                            // defaulted or tested where the object's property is used
                            read.fallback = CodeFallback(kind: .handledWhereUsed, shown: "\(member.key) at \(handled)")
                        }
                    }
                    if read.fallback == nil, read.alternatives == nil, read.conditions == nil, let passed = passedTo[name + "\u{0}" + location],
                       modules.contains(passed.module), let kind = helpers[passed.callee]?[passed.index] ?? nil {
                        read.fallback = CodeFallback(kind: kind)  // handled unset by the helper it is passed to
                    }
                    // A library that reads the name by convention (`Redis.fromEnv()`) uses it too.
                    if read.alternatives == nil, usesComplete, !envNameUses.contains(name), conventions[name] == nil {
                        if read.fallback == nil, unvalidated[name]?.contains(location) == true {
                            read.fallback = CodeFallback(kind: .unvalidatedSchema)  // declared, never checked, never used
                        } else if read.fallback?.kind == .empty, emptyDefaults[name]?.contains(location) == true {
                            read.fallback = CodeFallback(kind: .unusedSchemaDefault)  // never fails, never used
                        }
                    }
                    // in a function, class or exported const that no production code names: dead code
                    if CodeUnusedSymbols.judged(read.fallback), read.alternatives == nil, read.conditions == nil, !saturated, usesComplete,
                       let (symbol, modules) = unusedCandidates[name + "\u{0}" + location], symbols[name]?[location] == symbol,
                       !words.contains(CodeUnusedSymbols.hash(symbol)), !modules.contains(where: wholeModules.contains) {
                        read.fallback = CodeFallback(kind: .unusedSymbol, shown: symbol)
                    }
                    // a Laravel config file's setting of a driver whose library the project does not install
                    if read.place == .production, read.fallback == nil || read.fallback?.kind == .empty || read.fallback?.kind == .literal,
                       let library = laravel.missing(name, at: location) {
                        read.fallback = CodeFallback(kind: .missingLibrary, shown: library)
                    }
                    if read.conditions == nil, let symbol = symbols[name]?[location], let conditions = conditions(ofSymbol: symbol) {
                        read.conditions = conditions
                    }
                    return read
                }
                // Handed through to the bundle by next.config and read by nothing else: a library that reads the name
                // by convention still needs it.
                if let import_ = conventions[name], list.contains(where: { $0.fallback?.kind == .buildPassThrough }),
                   list.allSatisfy({ $0.fallback?.kind == .buildPassThrough || $0.place != .production }) {
                    let convention = CodeRead(location: import_.location, place: .production, library: import_.library)
                    return CodeReference(name: name, locations: (locations + [import_.location]).sorted(), reads: list + [convention])
                }
                return CodeReference(name: name, locations: locations, reads: list)
            } + conventions.filter { byName[$0.key] == nil }.map { name, import_ in
                // Read by nothing but a library's convention: the read is the import.
                CodeReference(name: name, locations: [import_.location],
                              reads: [CodeRead(location: import_.location, place: .production, library: import_.library)])
            }).sorted { $0.name < $1.name }
        }
    }
}

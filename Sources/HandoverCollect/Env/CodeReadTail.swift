import HandoverModel
/// What follows an env read in code: a default argument (`os.getenv('X', 'd')`), a fallback operator (`?? 'd'`,
/// `|| 'd'`, Python's `or`, PHP's `?:`), another read (`process.env.A || process.env.B`) or Rust's `.unwrap_or(…)`.
///
/// Works on UTF-16 units (the offsets NSRegularExpression reports) and looks a bounded distance past each read, so a
/// file costs time linear in its size whatever it holds.
struct CodeReadTail {
    /// A read the patterns found: the name and the span of the matched text.
    struct Match {
        var name: String
        var start: Int
        var end: Int
        var pattern: CodeReferences.Pattern?
        /// For a schema declaration (zod): what the schema says; the declaration has no tail of its own.
        var schema: CodeFallback?
        var isSchema = false
    }

    struct Analysed {
        var name: String
        var start: Int
        /// Past the read expression: its call's `)`, an index's `]`, optional chaining.
        var end: Int
        var fallback: CodeFallback?
        var alternatives: [String]
        /// An env schema's entry (``EnvSchemaReferences``), not a read in code.
        var isSchema = false
        /// The read says the code requires it (``asserts(_:end:)``).
        var asserted = false
    }

    /// How far past a read the tail is looked for (whitespace, a literal, a call's closing parenthesis).
    static let reach = 240
    /// Longest default shown, quotes included.
    static let shownLimit = 40

    let units: [UInt16]

    func analyse(_ matches: [Match]) -> [Analysed] {
        var kept: [Match] = []
        for match in matches where kept.last.map({ match.start >= $0.end }) ?? true { kept.append(match) }
        let index = Dictionary(kept.enumerated().map { ($1.start, $0) }, uniquingKeysWith: { a, _ in a })
        var own: [CodeFallback?] = Array(repeating: nil, count: kept.count)
        var tail: [CodeFallback?] = Array(repeating: nil, count: kept.count)
        var next: [Int?] = Array(repeating: nil, count: kept.count)
        var linked = Set<Int>()
        var ends = kept.map(\.end)
        var writes = Set<Int>()  // `process.env.X = …`, `os.environ['X'] = …`: the code sets it, it does not read it
        var givesUp = Set<Int>()  // `?? throwMissing('X')`, `|| process.exit(1)`
        var assignedBy = Set<Int>()  // the read on the right of `process.env.X = process.env.X || 'd'`
        for (i, match) in kept.enumerated() {
            if match.isSchema { own[i] = match.schema; continue }
            let (fallback, callEnd) = ownFallback(match)
            own[i] = fallback
            let end = skipOptionalChain(from: callEnd)
            ends[i] = end
            let after = skipBlanks(from: end)
            if match.pattern?.id == "python.os-environ-setdefault" {
                own[i] = Self.assigned(fallback)
                continue
            }
            if end == callEnd, unit(after) == 0x3D, unit(after + 1) != 0x3D, unit(after + 1) != 0x3E {  // = but not == or =>
                writes.insert(i)
                // `process.env.X = process.env.X || 'd'`: the write gives the read on its right a default for every later read
                let value = skipBlanks(from: after + 1, newlines: true)
                if let j = index[value], j == i + 1, kept[j].name == match.name { assignedBy.insert(j) }
                continue
            }
            if end == callEnd, (unit(after) == 0x3F && unit(after + 1) == 0x3F) || (unit(after) == 0x7C && unit(after + 1) == 0x7C),
               unit(after + 2) == 0x3D {  // `process.env.X ??= 'd'`, `ENV['X'] ||= 'd'`
                own[i] = Self.assigned(literal(at: skipBlanks(from: after + 3, newlines: true))?.fallback)
                continue
            }
            // `!process.env.A || …`, `not os.getenv('A') or …`: a condition, not a value with a fallback.
            guard !isNegated(before: match.start) else { continue }
            // `Number(process.env.A) || 1000`: unset converts to NaN, which `||` replaces (`??` keeps NaN)
            if let converted = numericConversionEnd(start: match.start, end: end) {
                let p = skipBlanks(from: converted, newlines: true)
                if unit(p) == 0x7C, unit(p + 1) == 0x7C, unit(p + 2) != 0x3D, let literal = literal(at: skipBlanks(from: p + 2, newlines: true)) {
                    tail[i] = literal.fallback
                }
                continue
            }
            // PHP: `get_int(env('X')) ?? 14`, `intval(env('X')) ?: 10` — a helper whose result the code defaults
            if match.pattern?.id == "php.env" || match.pattern?.id == "php.getenv", let (callee, wrapped) = phpWrappingCall(start: match.start, end: end) {
                let p = skipBlanks(from: wrapped, newlines: true)
                let coalesces = unit(p) == 0x3F && unit(p + 1) == 0x3F && unit(p + 2) != 0x3D, elvis = unit(p) == 0x3F && unit(p + 1) == 0x3A
                if (coalesces && !Self.phpNeverNull.contains(callee)) || (elvis && !Self.phpTruthyForNull.contains(callee)),
                   let literal = literal(at: skipBlanks(from: p + 2, newlines: true)), literal.fallback.kind != .computed {
                    tail[i] = literal.fallback
                }
                continue
            }
            // Rust's `env::var("A").or_else(|_| env::var("B"))`, `.or(env::var("B"))`: B when A is unset (triagebot's
            // deprecated `GITHUB_API_TOKEN` after `GITHUB_TOKEN`; held-out batch 75)
            if match.pattern?.id == "rust.env-var", let start = rustAlternative(after: callEnd), let j = index[start], j > i, !kept[j].isSchema {
                next[i] = j
                linked.insert(j)
                continue
            }
            // Ruby's nil-safe steps keep an unset read nil for `||`: `ENV["X"].presence || 5.minutes`, `ENV["X"]&.to_i || 0`
            // (not after a strict `ENV.fetch("X")`, which raises before any step runs)
            let ruby = match.pattern?.id == "ruby.env" || (match.pattern?.id == "ruby.env-fetch" && fallback != nil)
            // TypeScript's `process.env.X as string ?? 'd'` and `(import.meta.env.X as string) ?? 'd'` (revolt's hosted URLs)
            guard var operand = fallbackOperand(after: ruby ? skipRubyNilSafe(from: end) : end)
                ?? pastTypeAssertion(after: end, readStart: match.start).flatMap(fallbackOperand(after:)) else { continue }
            operand = pastGlobalObject(operand)
            if let j = index[operand], j > i, !kept[j].isSchema {
                next[i] = j
                linked.insert(j)
            } else if let literal = literal(at: operand) {
                tail[i] = literal.fallback
            } else if unit(operand) != 0x21 {  // not `|| !x`: an operand that stops the program
                givesUp.insert(i)
            }
        }
        var out: [Analysed] = []
        out.reserveCapacity(kept.count)
        var chainOf: [Int: [Int]] = [:]
        for i in kept.indices where !linked.contains(i) {
            var chain = [i]
            var seen: Set<Int> = [i]
            while let j = next[chain[chain.count - 1]], seen.insert(j).inserted { chain.append(j) }
            for member in chain { chainOf[member] = chain }
        }
        for (i, match) in kept.enumerated() where !writes.contains(i) {
            let chain = chainOf[i] ?? [i]
            let shared = chain.last.flatMap { tail[$0] }
            var fallback = own[i] ?? shared
            if assignedBy.contains(i), let given = fallback, given.kind != .enforced { fallback = Self.assigned(given) }
            fallback = fallback.map { Self.shownSafely($0, name: match.name) }
            let others = Set(chain.map { kept[$0].name }).subtracting([match.name]).sorted()
            let asserted = fallback == nil && others.isEmpty && (givesUp.contains(i) || asserts(match, end: ends[i]))
            out.append(Analysed(name: match.name, start: match.start, end: ends[i], fallback: fallback, alternatives: others, isSchema: match.isSchema,
                                asserted: asserted))
        }
        // A schema in this file that makes a name optional covers the file's plain reads of it (t3-env's `runtimeEnv`),
        // and the whole `A ?? B` expression a runtimeEnv entry gives it (`AUTH_AZURE_AD_CHECKS: process.env.AUTH_AZURE_AD_CHECKS
        // ?? process.env.AUTH_AZURE_CHECKS`): the schema parses that value.
        var schema: [String: CodeFallback] = [:]
        for i in out.indices where out[i].isSchema { if let fallback = out[i].fallback { schema[out[i].name] = fallback } }
        if !schema.isEmpty {
            for i in out.indices where out[i].fallback == nil && !out[i].isSchema {
                out[i].fallback = schema[out[i].name] ?? out[i].alternatives.lazy.compactMap { schema[$0] }.first
            }
        }
        return out
    }

    /// Past TypeScript's `as T` after a read, and the `)` that closes a `(` opened right before the read: where a
    /// fallback operator may follow (`(import.meta.env.X as string) ?? 'd'`); nil when no `as` follows.
    func pastTypeAssertion(after end: Int, readStart: Int) -> Int? {
        var p = skipBlanks(from: end)
        guard starts(with: "as", at: p), let after = unit(p + 2), after == 0x20 || after == 0x09 else { return nil }
        p = skipBlanks(from: p + 2)
        var angle = 0
        let limit = min(units.count, p + 120)
        while p < limit, let u = unit(p) {
            if Self.isIdentifier(u) || u == 0x2E || u == 0x5B || u == 0x5D { p += 1; continue }
            if u == 0x3C { angle += 1; p += 1; continue }
            if u == 0x3E, angle > 0 { angle -= 1; p += 1; continue }
            if (u == 0x20 || u == 0x2C || u == 0x7C) && angle > 0 { p += 1; continue }
            break
        }
        var before = readStart - 1
        while before >= 0, units[before] == 0x20 || units[before] == 0x09 { before -= 1 }
        let q = skipBlanks(from: p)
        guard before >= 0, units[before] == 0x28, unit(q) == 0x29 else { return p }
        // a grouping `(`, not a call's (`f(process.env.X as string) ?? 'd'` defaults the call)
        var callee = before - 1
        while callee >= 0, units[callee] == 0x20 || units[callee] == 0x09 { callee -= 1 }
        if callee >= 0, Self.isIdentifier(units[callee]) || units[callee] == 0x29 || units[callee] == 0x5D || units[callee] == 0x3E { return nil }
        return q + 1
    }

    /// The fallback of a read that gives the variable `value` when unset (``CodeFallback/Kind/assigned``); an empty
    /// string or nil stays what it is (`process.env.X ??= ''` gives a credential nothing useful).
    static func assigned(_ value: CodeFallback?) -> CodeFallback {
        guard let value else { return CodeFallback(kind: .assigned) }
        if value.kind == .empty || value.kind == .absent { return value }
        return CodeFallback(kind: .assigned, shown: value.kind == .literal ? value.shown : nil)
    }

    /// Whether a read without a fallback says the code requires the variable, beyond reading it: a required entry of
    /// an env schema (`X: z.string().min(1)`, the app refuses to start without it), an accessor that fails when it is
    /// unset (Python's `os.environ["X"]`, Ruby's `ENV.fetch("X")`, Rust's `env::var("X")` unwrapped or `?`), or
    /// TypeScript's assertion that it is set (`process.env.X!`, `process.env.X as string`). A plain `process.env.X`,
    /// `os.getenv("X")` or `ENV["X"]` yields nothing when unset and says no more than that it is read.
    /// Only asked of a read without a fallback.
    func asserts(_ match: Match, end: Int) -> Bool {
        if match.isSchema { return true }
        switch match.pattern?.id {
        case "python.os-environ", "ruby.env-fetch", "elixir.system-fetch-env": return true
        case "rust.env-var": return true  // unwrapped, expected or `?`: a kept `var_os` Option has the `absent` fallback
        default: break
        }
        let p = skipBlanks(from: end)
        if unit(p) == 0x21, unit(p + 1) != 0x3D { return true }  // `!`, not `!=`
        // `as string`, not `as string | undefined` nor `as stringish`
        guard starts(with: "as string", at: p), !(unit(p + 9).map(Self.isIdentifier) ?? false) else { return false }
        return unit(skipBlanks(from: p + 9)) != 0x7C
    }

    /// A default inside the call (`, 'd')`, Ruby's `{ d }` block), the closing `)`/`]`, Rust's `unwrap_or`, Go's
    /// `LookupEnv`; returns the fallback and where the read expression ends.
    func ownFallback(_ match: Match) -> (CodeFallback?, Int) {
        guard let pattern = match.pattern, let closer = pattern.closer else { return (nil, match.end) }
        var position = skipBlanks(from: match.end)
        var fallback: CodeFallback?
        if pattern.argumentDefault || pattern.id == "php.getenv", unit(position) == 0x2C {  // ,
            position = skipBlanks(from: position + 1)
            // Python's `getenv('X', 5)` (`from os import getenv`) gives a default; PHP's `getenv('X', true)` asks for
            // the process's own variables only: a boolean is taken as PHP's flag (a Python switch's default stays unread)
            if pattern.id == "php.getenv", let word = ["true", "false", "True", "False"].first(where: { starts(with: $0, at: position) }),
               !(unit(position + word.utf16.count).map(Self.isIdentifier) ?? false) {
                return (nil, closing(0x29, from: position) ?? position)
            }
            // a typed accessor names the type first: `parseEnv("PORT", "number", 3000)` (latitude's); another
            // accessor's quoted type word is a type only when a default follows it (`getEnv('LOG_FORMAT', 'json')`)
            if pattern.id == "js.env-accessor", let typeEnd = typeWord(at: position) {
                let next = skipBlanks(from: typeEnd)
                if unit(next) == 0x2C {
                    position = skipBlanks(from: next + 1)
                } else if Self.callee(units, match).hasPrefix("parse") {
                    return (Self.accessorFallback(units, match), closing(0x29, from: next) ?? next)
                }
            }
            if starts(with: "default", at: position) {
                let afterWord = skipBlanks(from: position + 7)
                if unit(afterWord) == 0x3D { position = skipBlanks(from: afterWord + 1) }  // default=
            }
            if let literal = literal(at: position) {
                fallback = literal.fallback
                position = literal.end
            } else {
                fallback = CodeFallback(kind: .computed)
            }
            position = closing(0x29, from: position) ?? position
        } else if unit(position) == UInt16(closer.asciiValue ?? 0) {
            position += 1
        }
        if pattern.id == "ruby.env-fetch" {
            let block = skipBlanks(from: position)
            if unit(block) == 0x7B {  // {
                let inside = skipBlanks(from: block + 1)
                fallback = literal(at: inside).map(\.fallback) ?? CodeFallback(kind: .computed)
                position = closing(0x7D, from: inside) ?? position
            }
        }
        if pattern.id == "go.os-lookupenv" { fallback = CodeFallback(kind: .absent) }
        if pattern.id == "js.env-accessor", fallback == nil { fallback = Self.accessorFallback(units, match) }
        if pattern.id == "rust.env-var" { fallback = rustFallback(match, from: position) }
        return (fallback, position)
    }

    /// What a project's accessor does unset, from its name: `assertEnv("X")`, `requireEnv("X")`, `getEnvOrThrow("X")`
    /// throw (`if (!X) throw`, in a function); `parseEnvOptional("X", "string")` returns nothing.
    static func accessorFallback(_ units: [UInt16], _ match: Match) -> CodeFallback? {
        var callee = callee(units, match)
        if callee.hasSuffix("Sync") { callee.removeLast(4) }
        if ["assert", "require", "must", "getRequired"].contains(where: callee.hasPrefix) || callee.hasSuffix("OrThrow") {
            return CodeFallback(kind: .enforced)
        }
        return callee.hasSuffix("Optional") ? CodeFallback(kind: .absent) : nil
    }

    /// The accessor's name, up to its `(`.
    static func callee(_ units: [UInt16], _ match: Match) -> String {
        String(String(decoding: units[match.start..<min(units.count, match.start + 40)], as: UTF16.self).prefix { $0 != "(" })
    }

    /// A quoted type name at `p` (`"string"`, `'number'`, `"boolean"`, …); where it ends.
    func typeWord(at p: Int) -> Int? {
        guard let quote = unit(p), quote == 0x22 || quote == 0x27 else { return nil }
        var q = p + 1
        while let u = unit(q), Self.isIdentifier(u), q - p < 12 { q += 1 }
        guard unit(q) == quote else { return nil }
        let word = String(decoding: units[(p + 1)..<q], as: UTF16.self)
        return Self.typeWords.contains(word) ? q + 1 : nil
    }

    static let typeWords: Set<String> = ["string", "number", "boolean", "bool", "int", "integer", "float", "url", "json", "array"]

    /// Rust's `env::var` returns a `Result` and `env::var_os` an `Option`: the compiler makes the code say what happens
    /// unset. Along the read's method chain (past `.map(…)`, `.as_deref()` and their kin): `.unwrap()`, `.expect(…)` and
    /// `?` stop, so the read requires it (nil); `.unwrap_or("d")` gives a default, `.unwrap_or_else(…)` and
    /// `.unwrap_or_default()` a computed one; `.ok()`, `.is_ok()`, `.is_err()`, `.is_some()`, `.is_none()` test it.
    /// A read that `if let` / `while let` / `let … else` destructures or a `match` takes handles the other arm (cap's
    /// `let Ok(dir) = std::env::var("X") else { return }`); a `var_os` Option kept as it is is handled unset too.
    func rustFallback(_ match: Match, from position: Int) -> CodeFallback? {
        var p = position
        for _ in 0..<6 {
            while let u = unit(p), u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D { p += 1 }
            if unit(p) == 0x3F { return nil }  // `?`
            guard unit(p) == 0x2E else { break }
            var q = p + 1
            while let u = unit(q), Self.isIdentifier(u) { q += 1 }
            let method = String(decoding: units[(p + 1)..<q], as: UTF16.self)
            guard unit(q) == 0x28, let close = closing(0x29, from: q + 1) else { break }
            switch method {
            case "unwrap_or": return literal(at: skipBlanks(from: q + 1))?.fallback ?? CodeFallback(kind: .computed)
            case "unwrap_or_else", "unwrap_or_default": return CodeFallback(kind: .computed)
            case "ok", "is_ok", "is_err", "is_some", "is_none": return CodeFallback(kind: .absent)
            case "map", "map_err", "as_deref", "as_ref", "and_then", "filter", "as_str", "to_string", "into_string", "trim", "into":
                p = close
            default:  // `.unwrap()`, `.expect(…)`, anything else: the value itself, so the read requires it
                return nil
            }
        }
        if Self.rustDestructures(units, before: match.start) { return CodeFallback(kind: .presenceCheck) }
        let callee = String(decoding: units[match.start..<min(units.count, match.start + 12)], as: UTF16.self)
        return callee.hasPrefix("env::var_os") ? CodeFallback(kind: .absent) : nil
    }

    /// Whether the statement before a Rust read destructures its Result or Option (`if let Ok(v) =`, `let Some(p) =`
    /// of a `let … else`, `while let`) or `match`es it, allowing for a `std::` prefix.
    static func rustDestructures(_ units: [UInt16], before start: Int) -> Bool {
        let from = max(0, start - 120)
        var text = String(decoding: units[from..<start], as: UTF16.self)
        if text.hasSuffix("std::") { text.removeLast(5) }
        if let line = text.split(separator: "\n", omittingEmptySubsequences: false).last { text = String(line) }
        return text.range(of: #"(?:\blet\s+(?:Ok|Some)\s*\([^()]*\)\s*=|\bmatch)\s*$"#, options: .regularExpression) != nil
    }

    /// Where the call ends when a read is the whole first argument of a numeric conversion — `Number(read)`,
    /// `parseInt(read, 10)`, `Number.parseFloat(read)` — ; nil otherwise.
    func numericConversionEnd(start: Int, end: Int) -> Int? {
        var p = start - 1
        while let u = unit(p), u == 0x20 || u == 0x09 { p -= 1 }
        guard unit(p) == 0x28 else { return nil }  // (
        var q = p - 1
        while let u = unit(q), Self.isIdentifier(u) || u == 0x2E { q -= 1 }
        guard q + 1 < p else { return nil }
        let callee = String(decoding: units[(q + 1)..<p], as: UTF16.self)
        guard ["Number", "parseInt", "parseFloat", "Number.parseInt", "Number.parseFloat"].contains(callee) else { return nil }
        var r = skipBlanks(from: end, newlines: true)
        if unit(r) == 0x21 { r = skipBlanks(from: r + 1, newlines: true) }  // TypeScript's `!`
        if unit(r) == 0x2C {  // , radix
            r = skipBlanks(from: r + 1, newlines: true)
            while let u = unit(r), u >= 0x30 && u <= 0x39 { r += 1 }
            r = skipBlanks(from: r, newlines: true)
        }
        return unit(r) == 0x29 ? r + 1 : nil
    }

    /// The function and where its call ends when a PHP read is the whole and only argument of a plain function call
    /// (`get_bool(env('X'))`, `intval(getenv('X'))`), whose result `??` or `?:` may default (rules 2026.12.75:
    /// osu-web's `get_int(env('STORE_STALE_DAYS')) ?? 14`); nil for a method or static call (`$x->f(…)`, `A::f(…)`),
    /// `isset`, `empty` and anything else. The name is lower-cased, without a leading `\`.
    func phpWrappingCall(start: Int, end: Int) -> (callee: String, end: Int)? {
        var p = start - 1
        while let u = unit(p), u == 0x20 || u == 0x09 { p -= 1 }
        guard unit(p) == 0x28 else { return nil }  // (
        var q = p - 1
        while let u = unit(q), Self.isIdentifier(u) { q -= 1 }
        guard q + 1 < p, unit(q) != 0x3E, unit(q) != 0x3A, unit(q) != 0x24 else { return nil }  // not ->f, ::f, $f
        let callee = String(decoding: units[(q + 1)..<p], as: UTF16.self).lowercased()
        guard !["isset", "empty", "is_null", "env", "getenv"].contains(callee) else { return nil }
        let r = skipBlanks(from: end, newlines: true)
        return unit(r) == 0x29 ? (callee, r + 1) : nil
    }

    /// PHP functions that never return null for a null argument, so a `??` after them never applies (`intval(null)` is
    /// 0, `trim(null)` is `''`): a review of .75.
    static let phpNeverNull: Set<String> = [
        "intval", "floatval", "doubleval", "boolval", "strval", "settype", "abs", "round", "floor", "ceil",
        "trim", "ltrim", "rtrim", "chop", "strtolower", "strtoupper", "mb_strtolower", "mb_strtoupper", "ucfirst", "lcfirst",
        "ucwords", "strrev", "str_repeat", "addslashes", "stripslashes", "htmlspecialchars", "htmlentities", "html_entity_decode",
        "strip_tags", "nl2br", "urlencode", "urldecode", "rawurlencode", "rawurldecode", "base64_encode", "bin2hex", "md5",
        "sha1", "crc32", "hash", "strlen", "mb_strlen", "count", "e", "str", "explode", "json_encode", "serialize",
        "storage_path", "base_path", "app_path", "public_path", "resource_path", "config_path", "database_path", "lang_path",
        "url", "asset", "secure_url", "secure_asset",
    ]
    /// PHP functions whose result for a null argument is truthy, so a `?:` after them never applies (`storage_path(null)`
    /// is the storage folder, `md5(null)` a hash).
    static let phpTruthyForNull: Set<String> = [
        "md5", "sha1", "crc32", "hash", "base64_encode", "bin2hex", "json_encode", "serialize", "strrev",
        "storage_path", "base_path", "app_path", "public_path", "resource_path", "config_path", "database_path", "lang_path",
        "url", "asset", "secure_url", "secure_asset",
    ]

    /// After a read: `?.x(…)` optional chaining keeps undefined-safety, so `process.env.X?.split(',') ?? []` has a default.
    func skipOptionalChain(from position: Int) -> Int {
        var p = position
        while unit(p) == 0x3F, unit(p + 1) == 0x2E {  // ?.
            p += 2
            while let u = unit(p), Self.isIdentifier(u) { p += 1 }
            if unit(p) == 0x28, let close = closing(0x29, from: p + 1) { p = close }
        }
        return p
    }

    /// After a Ruby read: `.presence` (nil when blank) and a `&.` step, which short-circuits the rest of the call
    /// chain to nil (`ENV["X"]&.split(",").map(&:strip) || []`); not a plain `.to_i` or `.to_s`, which turn nil into 0
    /// or "" (so a `||` after them never applies).
    func skipRubyNilSafe(from position: Int) -> Int {
        var p = position
        var shortCircuits = false  // after a `&.`, every further step is skipped when the read is nil
        while true {
            if unit(p) == 0x2E, starts(with: "presence", at: p + 1), !(unit(p + 9).map(Self.isIdentifier) ?? false) {
                p += 9
            } else if unit(p) == 0x26, unit(p + 1) == 0x2E, let first = unit(p + 2), Self.isIdentifier(first) {  // &.
                shortCircuits = true
                p = skipCall(from: p + 2)
            } else if shortCircuits, unit(p) == 0x2E, let first = unit(p + 1), Self.isIdentifier(first) {
                p = skipCall(from: p + 1)
            } else {
                return p
            }
        }
    }

    /// A method name (`strip`, `present?`, `map!`) and its parenthesised arguments, if any.
    private func skipCall(from position: Int) -> Int {
        var p = position
        while let u = unit(p), Self.isIdentifier(u) || u == 0x3F || u == 0x21 { p += 1 }
        if unit(p) == 0x28, let close = closing(0x29, from: p + 1) { p = close }
        return p
    }

    /// The start of the operand after `??`, `||`, ` or `, `?:` following a read; nil when none follows.
    func fallbackOperand(after end: Int) -> Int? {
        let p = skipBlanks(from: end, newlines: true)
        let operatorEnd: Int
        if (unit(p) == 0x3F && unit(p + 1) == 0x3F) || (unit(p) == 0x7C && unit(p + 1) == 0x7C) {  // ?? ||
            guard unit(p + 2) != 0x3D else { return nil }  // ??= ||=
            operatorEnd = p + 2
        } else if unit(p) == 0x3F && unit(p + 1) == 0x3A {  // ?:
            operatorEnd = p + 2
        } else if starts(with: "or", at: p), let after = unit(p + 2), after == 0x20 || after == 0x09 || after == 0x0A || after == 0x28 {
            operatorEnd = p + 2
        } else {
            return nil
        }
        return skipBlanks(from: operatorEnd, newlines: true)
    }

    /// Past `globalThis.` or `global.` before `process.env.X` (chef's `process.env.VITE_CONVEX_URL ||
    /// globalThis.process.env.CONVEX_URL!`; held-out batch 66): where the read itself starts.
    func pastGlobalObject(_ p: Int) -> Int {
        for prefix in ["globalThis.process.env", "global.process.env"] where starts(with: prefix, at: p) {
            return p + prefix.utf16.count - "process.env".utf16.count
        }
        return p
    }

    /// Where the other read of Rust's `.or_else(|_| env::var("B"))` or `.or(env::var("B"))` starts, right after the
    /// read's call (at `end`); the closure may take `move` and braces, the read a `std::` prefix. Nil when none follows.
    func rustAlternative(after end: Int) -> Int? {
        var p = skipBlanks(from: end, newlines: true)
        guard unit(p) == 0x2E else { return nil }
        let orElse = starts(with: "or_else(", at: p + 1)
        guard orElse || starts(with: "or(", at: p + 1) else { return nil }
        p = skipBlanks(from: p + (orElse ? 9 : 4), newlines: true)
        if orElse {
            if starts(with: "move ", at: p) { p = skipBlanks(from: p + 5, newlines: true) }
            guard unit(p) == 0x7C, let bar = (p + 1..<min(units.count, p + 40)).first(where: { units[$0] == 0x7C }) else { return nil }
            p = skipBlanks(from: bar + 1, newlines: true)
            if unit(p) == 0x7B { p = skipBlanks(from: p + 1, newlines: true) }
        }
        if starts(with: "std::", at: p) { p += 5 }
        return p
    }

    /// A literal at `position`: a quoted string, a number, a boolean, nil/None/null/undefined, `[]`/`{}`; an
    /// identifier or call is a computed default.
    func literal(at position: Int) -> (fallback: CodeFallback, end: Int)? {
        guard let first = unit(position) else { return nil }
        if first == 0x27 || first == 0x22 || first == 0x60 {  // ' " `
            var p = position + 1
            let limit = min(units.count, position + Self.reach)
            while p < limit, units[p] != first, units[p] != 0x0A {
                if units[p] == 0x5C { p += 1 }  // backslash escape
                p += 1
            }
            guard p < limit, units[p] == first else { return (CodeFallback(kind: .computed), position) }
            let text = String(decoding: units[position...p], as: UTF16.self)
            if first == 0x60 && text.contains("${") { return (CodeFallback(kind: .computed), p + 1) }
            if p == position + 1 { return (CodeFallback(kind: .empty), p + 1) }
            return (CodeFallback(kind: .literal, shown: text), p + 1)
        }
        var p = position
        let wordLimit = position + Self.reach
        while p < wordLimit, let u = unit(p), Self.isIdentifier(u) || u == 0x2E || (u == 0x2D && p == position) { p += 1 }  // word, number, -1
        if p > position {
            let word = String(decoding: units[position..<p], as: UTF16.self)
            if ["nil", "None", "null", "undefined"].contains(word) { return (CodeFallback(kind: .absent), p) }
            if ["true", "false", "True", "False"].contains(word) || word.first.map({ $0.isNumber || $0 == "-" }) == true {
                return (CodeFallback(kind: .literal, shown: word), p)
            }
            // `?? raise(...)`, `|| process.exit(1)`, `?? required('X')`: the code gives up, so it needs the variable.
            if Self.failureWords.contains(where: { word.lowercased().hasPrefix($0) }) { return nil }
            return (CodeFallback(kind: .computed), p)
        }
        if (first == 0x5B && unit(position + 1) == 0x5D) || (first == 0x7B && unit(position + 1) == 0x7D) {  // [] {}
            return (CodeFallback(kind: .literal, shown: String(decoding: units[position...position + 1], as: UTF16.self)), position + 2)
        }
        if first == 0x21 { return nil }  // `|| !x`: boolean logic, not a default
        return (CodeFallback(kind: .computed), position)
    }

    /// Operands that stop the program instead of giving a value.
    static let failureWords = ["throw", "raise", "panic", "fail", "die", "abort", "process.exit", "sys.exit", "exit", "required", "require_env",
                               "missing", "error", "assert", "invariant", "unreachable"]

    /// Whether the read at `start` is negated or type-tested (`!x`, `not x`, `typeof x`): a presence check.
    func isNegated(before start: Int) -> Bool {
        var p = start - 1
        while p >= 0, start - p < Self.reach, units[p] == 0x20 || units[p] == 0x09 || units[p] == 0x28 { p -= 1 }
        guard p >= 0 else { return false }
        if units[p] == 0x21 { return true }  // !
        var wordStart = p
        while wordStart > 0, Self.isIdentifier(units[wordStart - 1]) { wordStart -= 1 }
        let word = String(decoding: units[wordStart...p], as: UTF16.self)
        return word == "not" || word == "typeof"
    }

    /// A default as written in code, when it may be shown: short, one line, printable, matching no credential rule,
    /// and for a name that does not itself look like a credential.
    /// `fallback` with its shown text kept only where ``safeToShow(_:name:)`` allows it, else none.
    static func shownSafely(_ fallback: CodeFallback, name: String) -> CodeFallback {
        if fallback.kind == .literal, let written = fallback.shown, EnvNameTokens.namesCredential(name), isPlaceholderDefault(written) {
            return CodeFallback(kind: .placeholder)
        }
        var out = fallback
        if let shown = out.shown {
            let safe = safeToShow(shown, name: name) ?? ""
            out.shown = safe.isEmpty ? nil : safe
        }
        return out
    }

    /// A literal that holds no credential (zero logement vacant's `token: z.string().default('example-token')`,
    /// held-out batch 103; rules 2026.12.106): a placeholder as reference files write one (`changeme`, `<token>`,
    /// `your-api-key`, `xxx`, `password`), or any of its words — split at what is not a letter or digit — a word that
    /// says so (`example`, `placeholder`, `dummy`, `fake`, `sample`, `your`, `replace`, `changeme`). Not a development
    /// word (`dev-secret`, `test`), which may be what a deployment runs with.
    static func isPlaceholderDefault(_ written: String) -> Bool {
        var text = Substring(written)
        if let first = text.first, "'\"`".contains(first), text.count >= 2, text.last == first { text = text.dropFirst().dropLast() }
        let lower = text.lowercased()
        // (a review of .106) a path or a URL is no credential's placeholder (`S3_KEY ?? 'uploads/sample.csv'`)
        guard !lower.isEmpty, !lower.contains("/"), !lower.contains(":") else { return false }
        if ValueShapeClassifier.isPlaceholder(lower) || lower == "keyboard cat" || lower.contains("...") { return true }
        // words split at what is not a letter or digit and at lower-to-upper changes (`yourSecretKey`); a run of x
        // (`sk-xxxxxxxx`)
        let words = Set(String(text).split { !($0.isLetter || $0.isNumber) }.flatMap { CodePlace.stemWords(String($0)) })
        if words.contains(where: { $0.count >= 3 && $0.allSatisfy { $0 == "x" } }) { return true }
        return !words.isDisjoint(with: ["example", "placeholder", "dummy", "fake", "sample", "your", "replace", "changeme"])
    }

    static func safeToShow(_ literal: String, name: String) -> String? {
        if literal == "[]" || literal == "{}" { return literal }  // an empty collection holds nothing to hide
        guard literal.count <= shownLimit, !EnvNameTokens.isCredentialLike(name),
              literal.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }),
              !(literal.contains("://") && literal.contains("@")), SecretRules.scan(literal).isEmpty
        else { return nil }
        return literal
    }

    // MARK: small readers

    func unit(_ i: Int) -> UInt16? { i >= 0 && i < units.count ? units[i] : nil }

    static func isIdentifier(_ u: UInt16) -> Bool {
        (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x5F || u == 0x24
    }

    func skipBlanks(from position: Int, newlines: Bool = false) -> Int {
        var p = position
        let limit = min(units.count, position + Self.reach)
        while p < limit, units[p] == 0x20 || units[p] == 0x09 || (newlines && (units[p] == 0x0A || units[p] == 0x0D)) { p += 1 }
        return p
    }

    /// Where `marker` starts in `units`, each match once, in one pass (matches do not overlap).
    static func positions(of marker: String, in units: [UInt16]) -> [Int] {
        let m = Array(marker.utf16)
        guard let first = m.first else { return [] }
        var out: [Int] = []
        var p = 0
        while p + m.count <= units.count {
            if units[p] == first, units[p..<p + m.count].elementsEqual(m) {
                out.append(p)
                p += m.count
            } else {
                p += 1
            }
        }
        return out
    }

    func starts(with word: String, at position: Int) -> Bool {
        let w = Array(word.utf16)
        guard position + w.count <= units.count else { return false }
        return units[position..<position + w.count].elementsEqual(w)
    }

    /// Just past the `close` that balances an opening already consumed, within reach; skips quoted text.
    func closing(_ close: UInt16, from position: Int) -> Int? {
        let open: UInt16 = close == 0x29 ? 0x28 : close == 0x5D ? 0x5B : 0x7B
        var depth = 0
        var quote: UInt16?
        var p = position
        let limit = min(units.count, position + Self.reach)
        while p < limit {
            let u = units[p]
            if let q = quote {
                if u == 0x5C { p += 1 } else if u == q { quote = nil }
            } else if u == 0x27 || u == 0x22 || u == 0x60 {
                quote = u
            } else if u == open {
                depth += 1
            } else if u == close {
                if depth == 0 { return p + 1 }
                depth -= 1
            }
            p += 1
        }
        return nil
    }
}

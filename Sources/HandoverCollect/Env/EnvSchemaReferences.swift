import Foundation
import HandoverModel

/// Names declared in a zod env schema — a t3-env `createEnv({ server: { … }, client: { … } })` or a `z.object` that
/// parses `process.env` (or create-t3-app's `processEnv`, an object of its reads) — with what the schema says when the
/// variable is unset (`.optional()`, `.nullish()`, `.default(…)`). Only files that build such a schema are read, and
/// only `NAME: z…` entries at the start of a line, or `NAME: zHelper` where `const zHelper = z…` is declared at the top
/// level of the same file (langfuse's `AUTH_OKTA_CHECKS: zAuthChecks`, formbricks' `CUBEJS_JWT_ISSUER:
/// ZOptionalNonEmptyString`): such an entry says what its helper says, unless its own chain (`zHelper.optional()`)
/// says more.
enum EnvSchemaReferences {
    static let entry = try? NSRegularExpression(pattern: #"(?m)^[ \t]*['"]?([A-Z][A-Z0-9_]{1,127})['"]?[ \t]*:[ \t]*([A-Za-z_$][A-Za-z0-9_$]*)\b"#)
    /// `const zHelper = z…` at the start of a line (exported or not, with or without a type annotation).
    static let helper = try? NSRegularExpression(pattern: #"(?m)^(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][A-Za-z0-9_$]*)[ \t]*(?::[^=\n]*)?=[ \t]*z\b"#)
    /// create-t3-app's `src/env.mjs` of 2023 parses an object of the reads, not `process.env` itself:
    /// `const processEnv = { X: process.env.X, … }` … `merged.safeParse(processEnv)` (snapify; rules 2026.12.91).
    static let markers = ["createEnv(", "parse(process.env", "parse(import.meta.env", "safeParse(process.env", "parse(processEnv",
                          "safeParse(processEnv"]
    /// `skipValidation: true` as code (not in a comment or a string).
    static let skip = try? NSRegularExpression(pattern: #"\bskipValidation[ \t]*:[ \t]*true\b"#)

    /// Whether this file builds an env schema with validation switched off for good (`skipValidation: true`, the
    /// literal: `!!process.env.SKIP_ENV_VALIDATION` validates in production). Such a schema checks nothing at start:
    /// its entries are declarations, and a name is needed only where code uses it.
    static func skipsValidation(_ text: String, blocks: CodeBlocks) -> Bool {
        guard text.contains("skipValidation"), markers.contains(where: text.contains), let skip else { return false }
        return skip.matches(in: text, range: NSRange(location: 0, length: blocks.units.count)).contains { blocks.isCode($0.range.location) }
    }

    /// How much of an entry, or of a helper's declaration, is read for its modifiers.
    /// (Up to the next entry: nango's `JOBS_PROCESSOR_CONFIG: z.string().transform(…).pipe(…).default([…])` puts its
    /// default 500 units past its name.)
    static let entryReach = 2_000

    /// What Vite sets in `import.meta.env` itself (https://vite.dev/guide/env-and-mode): a schema that parses it
    /// declares them (trackdechets' `DEV: devProdBoolean, PROD: devProdBoolean`; held-out batch 70; rules 2026.12.92),
    /// but no deployment defines them.
    static let viteBuiltIns: Set<String> = ["BASE_URL", "MODE", "DEV", "PROD", "SSR"]

    static func declarations(in text: String, units: [UInt16]) -> [CodeReadTail.Match] {
        guard markers.contains(where: text.contains), let entry else { return [] }
        let helpers = helperBodies(in: text, units: units)
        let vite = text.contains("parse(import.meta.env")
        let found = entry.matches(in: text, range: NSRange(location: 0, length: units.count)).filter { match in
            if vite, viteBuiltIns.contains(substring(units, match.range(at: 1))) { return false }
            let value = substring(units, match.range(at: 2))
            return value == "z" || (helpers[value] != nil && endsOrChains(units, after: NSMaxRange(match.range)))
        }
        let tail = CodeReadTail(units: units)
        // a refinement may require an optional entry after all (`.superRefine((env, ctx) => { if (env.NODE_ENV ===
        // "production" && !env.EMAIL_SERVER) ctx.addIssue(…) })`; a review of .91): an entry its body names is not optional
        let refined = refinedNames(in: text, units: units)
        return found.enumerated().map { index, match in
            let nameRange = match.range(at: 1)
            let end = NSMaxRange(match.range)
            let limit = min(index + 1 < found.count ? found[index + 1].range.location : units.count, end + entryReach)
            var fallback = unsetFallback(body: end..<chainEnd(units, from: end, limit: max(end, limit)), units: units, tail: tail)
            if fallback == nil, let helper = helpers[substring(units, match.range(at: 2))] {
                fallback = unsetFallback(body: helper, units: units, tail: tail)
            }
            if fallback?.kind == .schemaOptional, refined.contains(substring(units, nameRange)) { fallback = nil }
            return CodeReadTail.Match(name: substring(units, nameRange), start: match.range.location, end: end,
                                      pattern: nil, schema: fallback, isSchema: true)
        }
    }

    /// The upper-case names written inside the arguments of the file's `.superRefine(…)` and `.refine(…)` calls (an
    /// entry's own `.refine((s) => …)` names none).
    static func refinedNames(in text: String, units: [UInt16]) -> Set<String> {
        guard text.contains(".superRefine(") || text.contains(".refine(") else { return [] }
        var names: Set<String> = []
        for marker in [".superRefine(", ".refine("] {
            for found in CodeReadTail.positions(of: marker, in: units) {
                let open = found + marker.utf16.count
                let close = chainEnd(units, from: open, limit: min(units.count, open + entryReach * 4))
                var p = open
                while p < close {
                    guard CodeReadTail.isIdentifier(units[p]), p == open || !CodeReadTail.isIdentifier(units[p - 1]) else { p += 1; continue }
                    var q = p
                    while q < close, CodeReadTail.isIdentifier(units[q]) { q += 1 }
                    let word = String(decoding: units[p..<q], as: UTF16.self)
                    if word.count > 1, word.uppercased() == word, word.first?.isLetter == true { names.insert(word) }
                    p = q
                }
            }
        }
        return names
    }

    /// Where an entry's chain ends: its `,`, or the bracket that closes the schema object, outside brackets of its own.
    static func chainEnd(_ units: [UInt16], from start: Int, limit: Int) -> Int {
        var depth = 0, q = start
        var quote: UInt16 = 0
        while q < limit {
            let u = units[q]
            if quote != 0 {
                if u == 0x5C { q += 2; continue }
                if u == quote { quote = 0 }
            } else if u == 0x22 || u == 0x27 || u == 0x60 {
                quote = u
            } else if u == 0x28 || u == 0x5B || u == 0x7B {
                depth += 1
            } else if u == 0x29 || u == 0x5D || u == 0x7D {
                if depth == 0 { return q }
                depth -= 1
            } else if u == 0x2C, depth == 0 {
                return q
            }
            q += 1
        }
        return limit
    }

    /// Whether a helper named as an entry's value is the whole value (`,`, `}`, the end of the line) or starts its
    /// chain (`.optional()`); `isSelfHost ? z.string().optional() : z.string()` names a value, not a schema helper.
    static func endsOrChains(_ units: [UInt16], after p: Int) -> Bool {
        var q = p
        while q < units.count, units[q] == 0x20 || units[q] == 0x09 { q += 1 }
        guard q < units.count else { return true }
        return [0x2C, 0x7D, 0x0A, 0x0D, 0x2E].contains(units[q])
    }

    /// What a schema chain says when the variable is unset: `.default(…)`, `.prefault(…)` or `.catch(…)` its literal (or computed), `.optional()`
    /// and `.nullish()` optional, nothing otherwise (required).
    static func unsetFallback(body: Range<Int>, units: [UInt16], tail: CodeReadTail) -> CodeFallback? {
        let text = String(decoding: units[body], as: UTF16.self)
        // zod 4's `.prefault(…)` defaults the input, `.catch(…)` answers any failure (unset included).
        if let range = text.range(of: ".default(") ?? text.range(of: ".prefault(") ?? text.range(of: ".catch(") {
            let offset = body.lowerBound + text.utf16.distance(from: text.startIndex, to: range.upperBound)
            return tail.literal(at: tail.skipBlanks(from: offset, newlines: true))?.fallback ?? CodeFallback(kind: .computed)
        }
        if text.contains(".optional()") || text.contains(".nullish()") { return CodeFallback(kind: .schemaOptional) }
        return nil
    }

    /// The zod helpers a file declares at its top level, each with the units of its declaration: up to the next line
    /// that starts a new statement at column 0 (anything but a closing bracket or a chained `.call`), at most
    /// `entryReach` units.
    static func helperBodies(in text: String, units: [UInt16]) -> [String: Range<Int>] {
        guard let helper else { return [:] }
        var bodies: [String: Range<Int>] = [:]
        for match in helper.matches(in: text, range: NSRange(location: 0, length: units.count)) {
            let start = NSMaxRange(match.range)
            let reach = min(units.count, start + entryReach)
            var end = reach
            var i = start
            while i < reach {
                if units[i] == 0x0A, i + 1 < units.count {
                    let next = units[i + 1]
                    let continues = next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
                        || next == UInt16(UInt8(ascii: ".")) || next == UInt16(UInt8(ascii: ")"))
                        || next == UInt16(UInt8(ascii: "]")) || next == UInt16(UInt8(ascii: "}"))
                    if !continues { end = i; break }
                }
                i += 1
            }
            bodies[substring(units, match.range(at: 1))] = start..<end
        }
        return bodies
    }

    static func substring(_ units: [UInt16], _ range: NSRange) -> String {
        String(decoding: units[range.location..<NSMaxRange(range)], as: UTF16.self)
    }
}

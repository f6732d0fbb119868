import Foundation
import HandoverModel

/// Env vars a Node program reads through a convict schema (https://github.com/mozilla/node-convict): a leaf of the
/// schema is an object with a `default` and, when the environment may set it, `env: 'NAME'` — opengovsg's askgovsg
/// (`serverPort: { format: 'port', default: 6174, env: 'SERVER_PORT' }`) and verifySG declare every setting so, and no
/// `process.env.SERVER_PORT` is written anywhere (held-out batch 112; rules 2026.12.105). The read is the `env` entry,
/// judged by its leaf's `default` when the variable is unset:
/// - a literal: the default (a development host — `'localhost'` — is none, as everywhere in these rules);
/// - `''`: an empty default when the `format` accepts it (none, `'*'`, `String`, a list holding `''`), else required;
/// - `null`: nothing when the leaf says `nullable: true` or its format is `'*'` or none, else required — convict's
///   `validate()` refuses a null a format does not allow, so the program stops without the value; `undefined`: nothing
///   (a review of .105);
/// - anything else (`Environment.Prod`, `[]`, an expression): a computed default.
/// Only in a file that names convict (its import or its `Schema` type), and only an `env` entry with a `default`
/// beside it in an object that is a key's value (convict requires a default on every leaf); a lower-case or computed
/// name is skipped.
enum ConvictReferences {
    static let envEntry = try? NSRegularExpression(pattern: #"\benv[ \t]*:[ \t]*(['"])([A-Z][A-Z0-9_]{1,127})\1"#)
    /// Keys looked through per leaf.
    static let maxKeys = 32

    static func declarations(in text: String, units: [UInt16]) -> [CodeReadTail.Match] {
        guard text.contains("convict"), text.contains("env"), let envEntry else { return [] }
        let blocks = CodeBlocks(units: units, syntax: .cLike)
        let tail = CodeReadTail(units: units)
        var out: [CodeReadTail.Match] = []
        for match in envEntry.matches(in: text, range: NSRange(location: 0, length: units.count)) where blocks.isCode(match.range.location) {
            guard let index = blocks.innermost(containing: match.range.location) else { continue }
            let leaf = blocks.brackets[index]
            // the leaf is a key's value (`serverPort: { … }`), not a call's options (`spawn(cmd, { env: … })`)
            guard leaf.kind == 0x7B, CodeConfigObjects.key(blocks, before: match.range(at: 1).location) == "env",
                  CodeConfigObjects.key(blocks, before: leaf.open) != nil else { continue }
            var defaultAt: Int?, formatAt: Int?, nullable = false
            blocks.forEachKey(of: leaf, limit: maxKeys) { key, value in
                if key == "default" { defaultAt = value.lowerBound }
                if key == "format" { formatAt = value.lowerBound }
                if key == "nullable", blocks.isWord("true", at: value.lowerBound) { nullable = true }
            }
            guard let value = defaultAt else { continue }
            let name = EnvSchemaReferences.substring(units, match.range(at: 2))
            let fallback = judge(value, format: format(at: formatAt, blocks, tail: tail), nullable: nullable, blocks, tail: tail)
                .map { CodeReadTail.shownSafely($0, name: name) }
            out.append(CodeReadTail.Match(name: name, start: match.range(at: 2).location, end: NSMaxRange(match.range(at: 2)),
                                          pattern: nil, schema: fallback, isSchema: true))
        }
        return out
    }

    /// What a leaf's `format` accepts, as far as an unset variable goes (a review of .105, from convict 6's README and
    /// `validate()`): no format infers the default's own type; `'*'` accepts anything; `String` accepts `''`; a list
    /// accepts what it lists; any other format (`'url'`, `'port'`, `'nat'`, a custom `'required-string'`, a function)
    /// may refuse `''` and `null`.
    enum Format { case none, any, string, list(acceptsEmpty: Bool), other }

    static func format(at p: Int?, _ blocks: CodeBlocks, tail: CodeReadTail) -> Format {
        guard let p else { return .none }
        if blocks.isWord("String", at: p) { return .string }
        if blocks.unit(p) == 0x5B, let list = blocks.bracket(at: p) {
            let text = String(decoding: blocks.units[p..<min(list.close, blocks.units.count)], as: UTF16.self)
            return .list(acceptsEmpty: text.contains("''") || text.contains("\"\""))
        }
        if let literal = tail.literal(at: p), literal.fallback.shown == "'*'" || literal.fallback.shown == "\"*\"" { return .any }
        return .other
    }

    /// What the leaf's `default` (its value at `value`) gives when the variable is unset; nil when the program needs it.
    static func judge(_ value: Int, format: Format, nullable: Bool, _ blocks: CodeBlocks, tail: CodeReadTail) -> CodeFallback? {
        guard let literal = tail.literal(at: value) else { return CodeFallback(kind: .computed) }
        let after = blocks.unit(blocks.nextCode(from: literal.end))
        guard after == 0x2C || after == 0x7D else { return CodeFallback(kind: .computed) }  // `default: 10 * 60`
        switch literal.fallback.kind {
        case .absent:
            // `validate()` skips a value equal to an `undefined` default, and `'*'` or no format (the default's own
            // type) accepts `null`; another format refuses it unless the leaf is `nullable`
            if nullable || blocks.isWord("undefined", at: value) { return literal.fallback }
            switch format { case .none, .any: return literal.fallback; default: return nil }
        case .empty:
            switch format {
            case .none, .any, .string, .list(acceptsEmpty: true): return literal.fallback
            default: return nil  // `format: 'url', default: ''`: `validate()` throws without the variable
            }
        default:
            if CodeConditions.isDevelopmentDefault(blocks.units[value..<literal.end]) { return nil }
            return literal.fallback
        }
    }

}

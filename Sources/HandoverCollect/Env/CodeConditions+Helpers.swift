import HandoverModel
/// Helpers a module exports for reading the environment (growthbook's
/// `export function parseEnvInt(value: string | undefined, defaultValue: number, …) { if (value === undefined) return defaultValue; … }`,
/// called from other files as `parseEnvInt(process.env.JOB_TIMEOUT_MS, 2 * 60 * 60 * 1000, …)`): a parameter the helper
/// handles unset — tests for presence, gives a default (`value ?? d`, `value = d`) — hands that handling to every read
/// passed whole in its place. Resolved across files by ``CodeReferences/Collector``: the helper is found by its name,
/// the caller must import it from a module the repository has (`from "shared/util"`, not `from "@supabase/supabase-js"`,
/// whose `createClient` is not the repository's own), and a name two modules declare differently helps nobody. A helper
/// that throws or exits anywhere in its body hands nothing on.
///
/// Not a parameter the helper only compares with literals (novu's `convertStringValues(value)` maps `'undefined'` and
/// `'null'` strings and returns the rest as it is): a selector there says nothing of the value being unset.
extension CodeConditions {
    /// Parameters looked at per function, and exported functions per file.
    static let maxHelperParameters = 4, maxHelpers = 256

    /// Kinds a helper's handling may hand to a read.
    static let helperKinds: Set<CodeFallback.Kind> = [.presenceCheck, .literal, .computed, .empty, .absent]

    /// Exported functions (`export function f(…)`, `export const f = (…) => {…}`) → parameter index → how the
    /// function handles that parameter unset (nil: it does not), for its first ``maxHelperParameters`` parameters.
    func helperTests(declarations: [CodeSymbols.Declaration], identifiers: [CodeSymbols.Identifier]) -> [String: [Int: CodeFallback.Kind?]] {
        guard blocks.syntax == .cLike else { return [:] }
        var out: [String: [Int: CodeFallback.Kind?]] = [:]
        var byName: [String: [Int]]?
        var looked = 0
        for function in declarations where !function.objectLiteral && isExported(function) {
            looked += 1
            if looked > Self.maxHelpers { break }
            guard let list = parameterList(of: function) else { continue }
            // a helper that throws or exits anywhere (`if (value) return value; throw …`) may need what it is given
            let failing = fails(from: list.close, to: function.end)
            if byName == nil { byName = Dictionary(grouping: identifiers.indices.filter { !identifiers[$0].member }, by: { identifiers[$0].name }) }
            for (index, parameter) in list.parameters.prefix(Self.maxHelperParameters).enumerated() {
                let kind = failing ? nil : parameter.hasDefault ? .computed : handling(of: parameter.name, from: list.close, to: function.end,
                                                                       uses: (byName?[parameter.name] ?? []).map { identifiers[$0] })
                out[function.name, default: [:]].updateValue(kind.flatMap { Self.helperKinds.contains($0) ? $0 : nil }, forKey: index)
            }
        }
        return out
    }

    /// How the uses of a parameter in `[from, to)` handle it unset, judged as an alias's uses are: the strongest test,
    /// else a default after every use that does not pass the value on as it is.
    func handling(of name: String, from: Int, to: Int, uses: [CodeSymbols.Identifier]) -> CodeFallback.Kind? {
        var best: CodeFallback.Kind?, defaulted: CodeFallback.Kind?, raw = false, tested = 0
        for use in uses where use.start > from && use.start < to {
            tested += 1
            if tested > Self.maxUses { break }
            let kind = test(name, start: use.start, end: use.end).kind
            best = Self.stronger(best, kind)
            if kind == nil {
                if let k = defaultKind(afterUse: use.start..<use.end) { defaulted = defaulted ?? k } else { raw = true }
            }
        }
        return best ?? (raw ? nil : defaulted)
    }

    /// `export function`, `export async function`, `export const`.
    func isExported(_ function: CodeSymbols.Declaration) -> Bool {
        var p = blocks.previousCode(before: function.start, reach: 32)
        if let (word, start) = blocks.word(endingAt: p), word == "async" { p = blocks.previousCode(before: start, reach: 32) }
        return blocks.word(endingAt: p)?.0 == "export"
    }
}

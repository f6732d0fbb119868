/// A read that is the whole value of an object property its own file declares optional in a TypeScript type:
///
///     interface StorageConfig { bucket: string; advancedBucket?: string }
///     return { bucket: getBucket(), advancedBucket: process.env.NEXT_PRIVATE_ADVANCED_UPLOAD_BUCKET }
///
/// The type says the value may be missing, and the compiler makes every consumer of `advancedBucket` handle it unset
/// (papermark's storage config): production runs without the variable. A key that another type of the same file
/// declares required (`advancedBucket: string`) is not taken, nor a read inside an expression (`read!`,
/// `read.trim()`, `read || x`) or a read that is not the property's value (`key: f(read)`).
enum CodeOptionalFields {
    /// TypeScript files only: elsewhere `key?:` means something else or nothing.
    static func applies(to path: String) -> Bool {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ext == "ts" || ext == "tsx" || ext == "mts" || ext == "cts"
    }

    /// The keys the file's `interface` and `type` bodies declare optional (`key?: T`), less those one of them declares
    /// required (`key: T`). Only a body's own members count (nested object types are their own bodies).
    static func optionalKeys(_ blocks: CodeBlocks) -> Set<String> {
        var optional: Set<String> = [], required: Set<String> = []
        for bracket in blocks.brackets where bracket.kind == 0x7B && isTypeBody(blocks, open: bracket.open) {
            var p = bracket.open + 1
            while p < bracket.close {
                if let inner = blocks.bracket(at: p) { p = max(p + 1, inner.close + 1); continue }  // a nested member
                guard blocks.isCode(p), CodeReadTail.isIdentifier(blocks.units[p]), !CodeReadTail.isIdentifier(blocks.units[p - 1]),
                      let (word, end) = blocks.word(startingAt: p) else { p += 1; continue }
                var after = blocks.nextCode(from: end, reach: 16)
                let marked = blocks.unit(after) == 0x3F  // ?
                if marked { after = blocks.nextCode(from: after + 1, reach: 16) }
                if blocks.unit(after) == 0x3A, isMemberStart(blocks, before: p, body: bracket.open) {  // :
                    if marked { optional.insert(word) } else { required.insert(word) }
                }
                p = end
            }
        }
        return optional.subtracting(required)
    }

    /// The key whose whole value the read is (`key: read,` directly in an object literal), when `keys` holds it. The
    /// keys are asked for only once the read has that shape (reading them scans the file's braces).
    static func optionalKey(_ blocks: CodeBlocks, read: Range<Int>, keys: () -> Set<String>) -> String? {
        guard let index = blocks.innermost(containing: read.lowerBound), blocks.brackets[index].kind == 0x7B,
              CodeSetupOptions.isValueEnd(blocks, after: read.upperBound) else { return nil }
        let colon = blocks.previousCode(before: read.lowerBound, reach: 64)
        guard blocks.unit(colon) == 0x3A, let (key, keyStart) = blocks.word(endingAt: blocks.previousCode(before: colon, reach: 16)) else { return nil }
        let before = blocks.unit(blocks.previousCode(before: keyStart, reach: 64))
        guard before == 0x7B || before == 0x2C else { return nil }  // `{ key:` or `, key:` — not `a ? key : read`
        return keys().contains(key) ? key : nil
    }

    /// Whether the `{` at `open` is the body of `interface Name … {` or `type Name = {` (`type Name<T> = {` too): the
    /// nearest `interface` or `type` keyword before it, with no `;`, `{`, `}` or `(` of code between, and for `type`
    /// an `=` right before the brace; a statement word (`const`, `return`, …) first means an object literal.
    static func isTypeBody(_ blocks: CodeBlocks, open: Int) -> Bool {
        let last = blocks.previousCode(before: open, reach: 240)
        guard last >= 0 else { return false }
        var p = last
        while p >= 0, open - p < 240 {
            if blocks.isCode(p), let u = blocks.unit(p) {
                if u == 0x3B || u == 0x7B || u == 0x7D || u == 0x28 { return false }
                // a word is looked at once, where it starts
                if CodeReadTail.isIdentifier(u), !(blocks.unit(p - 1).map(CodeReadTail.isIdentifier) ?? false),
                   let (word, _) = blocks.word(startingAt: p) {
                    if word == "interface" { return true }
                    if word == "type" { return blocks.unit(last) == 0x3D }
                    if statementWords.contains(word) { return false }
                }
            }
            p -= 1
        }
        return false
    }

    /// Words that start a statement which is not a type declaration (`const config: T = {` is an object literal).
    static let statementWords: Set<String> = ["const", "let", "var", "return", "function", "class", "enum"]

    /// A member starts after the body's `{`, a `;`, a `,` or a line break (with `readonly` allowed before the key).
    static func isMemberStart(_ blocks: CodeBlocks, before start: Int, body: Int) -> Bool {
        var p = start - 1
        while p > body, let u = blocks.unit(p), u == 0x20 || u == 0x09 { p -= 1 }
        if p == body { return true }
        guard let u = blocks.unit(p) else { return false }
        if u == 0x0A || u == 0x0D || u == 0x3B || u == 0x2C { return true }
        if let (word, wordStart) = blocks.word(endingAt: p), word == "readonly" {
            return isMemberStart(blocks, before: wordStart, body: body)
        }
        return !blocks.isCode(p)  // after a comment
    }
}

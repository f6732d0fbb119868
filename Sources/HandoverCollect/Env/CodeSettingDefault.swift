/// `{"key": "EMAIL_HOST", "default": os.environ.get("EMAIL_HOST")}`, `{ key: 'MAIL_FROM', defaultValue: process.env.X }`:
/// the read is the whole default of a keyed setting whose value comes from elsewhere (plane keeps its instance settings
/// in a table and falls back to the environment only when a row is empty), so the code goes on without it.
/// Only in a dict or object literal that also names the setting (`"key": "…"`), and only a lenient read: an argparse
/// or pydantic `default=os.environ.get("X")` is the variable's only source, `default: f(X)`, `default: X || y` are
/// other values, and `os.environ["X"]` raises when unset.
enum CodeSettingDefault {
    /// Keys, compared lower-cased with `_` removed.
    static let keys: Set<String> = ["default", "defaultvalue", "fallback", "fallbackvalue"]

    static func isDefault(_ blocks: CodeBlocks, read: Range<Int>) -> Bool {
        guard blocks.syntax != .none else { return false }
        let op = blocks.previousCode(before: read.lowerBound, reach: 16)
        guard let u = blocks.unit(op), blocks.isCode(op) else { return false }
        if u == 0x3D {  // a keyword argument `default=…`, not `==`, `!=`, `<=`, `>=`, `=>`
            guard let before = blocks.unit(op - 1), ![0x3D, 0x21, 0x3C, 0x3E].contains(before) else { return false }
        } else if u != 0x3A {
            return false
        }
        guard let key = key(blocks, endingAt: blocks.previousCode(before: op, reach: 16)),
              keys.contains(String(key.lowercased().filter { $0 != "_" })) else { return false }
        guard blocks.unit(read.lowerBound) != 0x6F || !String(decoding: blocks.units[read], as: UTF16.self).hasPrefix("os.environ["),
              hasKeySibling(blocks, read: read.lowerBound) else { return false }
        let next = blocks.nextCode(from: read.upperBound)
        guard let after = blocks.unit(next) else { return true }
        return [0x2C, 0x7D, 0x29, 0x5D, 0x3B].contains(after)  // , } ) ] ;
    }

    /// The `{…}` holding the read also has a `key` entry whose value is a string literal (`"key": "EMAIL_HOST"`).
    static func hasKeySibling(_ blocks: CodeBlocks, read: Int) -> Bool {
        guard let index = blocks.innermost(containing: read), blocks.brackets[index].kind == 0x7B else { return false }
        let object = blocks.brackets[index]
        var p = object.open + 1
        let limit = min(object.close, object.open + CodeConditions.reach)
        while p < limit {
            if let inner = blocks.bracket(at: p) { p = inner.close + 1; continue }
            if blocks.unit(p) == 0x3A, blocks.isCode(p), key(blocks, endingAt: blocks.previousCode(before: p, reach: 16)) == "key",
               let quote = blocks.unit(blocks.nextCode(from: p + 1, reach: 16)), quote == 0x22 || quote == 0x27 { return true }
            p += 1
        }
        return false
    }

    /// The key ending at `p`: a name, or a quoted one (`"default"`).
    static func key(_ blocks: CodeBlocks, endingAt p: Int) -> String? {
        if let (word, _) = blocks.word(endingAt: p) { return word }
        guard let quote = blocks.unit(p), quote == 0x22 || quote == 0x27 else { return nil }
        var q = p - 1
        while q > max(0, p - 32), blocks.units[q] != quote { q -= 1 }
        guard q >= 0, blocks.units[q] == quote, q < p else { return nil }
        return String(decoding: blocks.units[(q + 1)..<p], as: UTF16.self)
    }
}

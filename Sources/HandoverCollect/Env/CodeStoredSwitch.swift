import HandoverModel

/// A read whose presence the code stores as a switch: `export const turnstileEnabled = !!process.env.X`,
/// `{ enabled: Boolean(process.env.X) }`, Ruby's `ENABLE_TRACKING = ENV["X"].present?` and
/// `config.x.turnstile.enabled = ENV["X"].present?`, Python's `ENABLED = bool(os.getenv("X"))` and
/// `TRACKING = os.getenv("X") is not None`. The code branches on the stored value, often in another file, and so runs
/// with the variable unset (coderwall's Mixpanel tracking, editor-api's Turnstile check; batches 45 and 50).
///
/// Only the whole right side of an assignment or an object property: `!!process.env.X && y`, `foo(!!process.env.X)`
/// and `a ? b : !!process.env.X` store something else.
enum CodeStoredSwitch {
    static func isStored(_ blocks: CodeBlocks, read: Range<Int>) -> Bool {
        func unit(_ p: Int) -> UInt16? { blocks.unit(p) }
        var p = blocks.previousCode(before: read.lowerBound)
        var q = read.upperBound
        switch blocks.syntax {
        case .cLike:
            if unit(p) == 0x21, unit(blocks.previousCode(before: p)) == 0x21 {  // `!!X`
                p = blocks.previousCode(before: blocks.previousCode(before: p))
            } else if unit(p) == 0x28, let (word, start) = blocks.word(endingAt: blocks.previousCode(before: p)), word == "Boolean",
                      unit(blocks.nextCode(from: q)) == 0x29 {  // `Boolean(X)`
                p = blocks.previousCode(before: start)
                q = blocks.nextCode(from: q) + 1
            } else {
                return false
            }
        case .python:
            if unit(p) == 0x28, let (word, start) = blocks.word(endingAt: blocks.previousCode(before: p)), word == "bool",
               unit(blocks.nextCode(from: q)) == 0x29 {  // `bool(os.getenv("X"))`
                p = blocks.previousCode(before: start)
                q = blocks.nextCode(from: q) + 1
            } else if let after = words(blocks, from: q, ["is", "not", "None"]) {  // `os.getenv("X") is not None`
                q = after
            } else {
                return false
            }
        case .ruby:
            if let after = method(blocks, "present?", at: q) {
                q = after
            } else if unit(p) == 0x21, let after = method(blocks, "blank?", at: q) ?? method(blocks, "nil?", at: q) {  // `!ENV["X"].blank?`
                p = blocks.previousCode(before: p)
                q = after
            } else {
                return false
            }
        default:
            return false
        }
        guard isStatementEnd(blocks, at: blocks.nextCode(from: q, newlines: false)) else { return false }
        guard let u = unit(p) else { return false }
        if u == 0x3D {  // `NAME = …`, `config.x.on = …`: not `==`, `!=`, `<=`, `>=`, `=>`
            guard let before = unit(p - 1), ![0x3D, 0x21, 0x3C, 0x3E, 0x3F, 0x7C, 0x26].contains(before) else { return false }
            return isTarget(blocks, endingBefore: p)
        }
        if u == 0x3A, blocks.syntax == .cLike {  // `{ enabled: !!process.env.X }`: a key after `{` or `,`
            let keyEnd = blocks.previousCode(before: p)
            guard let (_, keyStart) = blocks.word(endingAt: keyEnd) else { return false }
            let before = unit(blocks.previousCode(before: keyStart))
            return before == 0x7B || before == 0x2C
        }
        return false
    }

    /// `;`, `,`, `}`, `)`, a line's end, a comment, or the file's end.
    static func isStatementEnd(_ blocks: CodeBlocks, at p: Int) -> Bool {
        guard let u = blocks.unit(p) else { return true }
        if [0x3B, 0x0A, 0x0D].contains(u) || !blocks.isCode(p) { return true }
        return blocks.syntax == .cLike && [0x2C, 0x7D].contains(u)
    }

    /// An assignment's target before the `=` at `equals`: a name or a member chain (`turnstileEnabled`,
    /// `config.x.turnstile.enabled`, `@enabled`, `self.enabled`), starting its statement.
    static func isTarget(_ blocks: CodeBlocks, endingBefore equals: Int) -> Bool {
        var p = blocks.previousCode(before: equals)
        let end = p
        while let u = blocks.unit(p), CodeReadTail.isIdentifier(u) || u == 0x2E || u == 0x40 { p -= 1 }
        guard p < end else { return false }
        // what comes before the target: a line's start, `const`/`let`/`var`/`export`, or `;`, `{`
        var b = p
        while let u = blocks.unit(b), u == 0x20 || u == 0x09 { b -= 1 }
        guard let u = blocks.unit(b) else { return true }
        if u == 0x0A || u == 0x3B || u == 0x7B { return true }
        if let (word, _) = blocks.word(endingAt: b) { return ["const", "let", "var"].contains(word) }
        return false
    }

    /// Past `.name` right at `p` (Ruby's `.present?`), or nil.
    static func method(_ blocks: CodeBlocks, _ name: String, at p: Int) -> Int? {
        guard blocks.unit(p) == 0x2E else { return nil }
        let letters = Array(name.utf16)
        for (k, letter) in letters.enumerated() where blocks.unit(p + 1 + k) != letter { return nil }
        let after = p + 1 + letters.count
        if let next = blocks.unit(after), CodeReadTail.isIdentifier(next) { return nil }
        return after
    }

    /// Past the words `words` in order from `p` (blanks between), or nil.
    static func words(_ blocks: CodeBlocks, from p: Int, _ words: [String]) -> Int? {
        var q = p
        for word in words {
            let start = blocks.nextCode(from: q, newlines: false)
            guard let (found, end) = blocks.word(startingAt: start), found == word else { return nil }
            q = end
        }
        return q
    }
}

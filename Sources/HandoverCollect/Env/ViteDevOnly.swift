/// Vite (and Astro) replace `import.meta.env.DEV` with `false` in a production build, and the bundler drops what only
/// it guards: a read in the true branch of `import.meta.env.DEV ? read : …`, after `import.meta.env.DEV && `, or in
/// the body of `if (import.meta.env.DEV) { … }` never runs in production (revolt's development auto-login
/// `import.meta.env.DEV ? import.meta.env.VITE_TOKEN : undefined`; held-out batch 62, a false env blocker). The same for
/// `!import.meta.env.PROD`. Braces syntax only.
enum ViteDevOnly {
    static let guards = ["import.meta.env.DEV", "!import.meta.env.PROD"]

    static func isDevOnly(_ blocks: CodeBlocks, read: Range<Int>) -> Bool {
        guard blocks.syntax == .cLike else { return false }
        // `(`s opened right before the read (`import.meta.env.DEV ? (import.meta.env.X as string) : …`)
        var p = blocks.previousCode(before: read.lowerBound)
        while blocks.unit(p) == 0x28 { p = blocks.previousCode(before: p) }
        if blocks.unit(p) == 0x3F, blocks.unit(p - 1) != 0x3F, blocks.unit(p + 1) != 0x3F, blocks.unit(p + 1) != 0x2E,
           endsWithGuard(blocks, before: p) {  // `DEV ? read`
            return true
        }
        if blocks.unit(p) == 0x26, blocks.unit(p - 1) == 0x26, endsWithGuard(blocks, before: p - 1) { return true }  // `DEV && read`
        // `if (import.meta.env.DEV) { … read … }`, at most four blocks out
        var position = read.lowerBound
        for _ in 0..<4 {
            guard let index = blocks.innermost(containing: position) else { return false }
            let open = blocks.brackets[index].open
            guard open > 0 else { return false }
            if blocks.unit(open) == 0x7B {
                let close = blocks.previousCode(before: open)
                if blocks.unit(close) == 0x29, endsWithGuard(blocks, before: close),
                   let opener = matchingOpen(blocks, close: close), let (word, _) = blocks.word(endingAt: blocks.previousCode(before: opener)),
                   word == "if", guardStart(blocks, before: close) == blocks.nextCode(from: opener + 1) {
                    return true
                }
            }
            position = open
        }
        return false
    }

    /// Whether the code right before `p` (blanks and closing `)`s skipped) ends with one of ``guards``.
    static func endsWithGuard(_ blocks: CodeBlocks, before p: Int) -> Bool { guardStart(blocks, before: p) != nil }

    /// Where the guard ending right before `p` starts, or nil.
    static func guardStart(_ blocks: CodeBlocks, before p: Int) -> Int? {
        var end = blocks.previousCode(before: p)
        while blocks.unit(end) == 0x29 { end = blocks.previousCode(before: end) }
        for text in guards {
            let units = Array(text.utf16)
            let start = end - units.count + 1
            guard start >= 0 else { continue }
            guard (0..<units.count).allSatisfy({ blocks.unit(start + $0) == units[$0] }), blocks.isCode(start),
                  !(blocks.unit(start - 1).map(CodeReadTail.isIdentifier) ?? false), blocks.unit(start - 1) != 0x2E else { continue }
            // `!DEV`, `a || DEV ? read`, `x == DEV` hold in production too
            let before = blocks.previousCode(before: start)
            if let u = blocks.unit(before), u == 0x7C || u == 0x3D || u == 0x21 { continue }
            return start
        }
        return nil
    }

    /// The `(` that the `)` at `close` closes: the file's bracket that ends there.
    static func matchingOpen(_ blocks: CodeBlocks, close: Int) -> Int? {
        guard let index = blocks.innermost(containing: close - 1), blocks.brackets[index].close == close else { return nil }
        return blocks.brackets[index].open
    }
}

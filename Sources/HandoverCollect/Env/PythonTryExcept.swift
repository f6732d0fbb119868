/// Python's `os.environ["X"]` raises `KeyError` when the variable is unset; inside a `try:` whose handler catches it —
/// a bare `except:`, `except KeyError`, `except Exception`, `except (KeyError, …)` — and goes on without raising or
/// exiting, the code handles it unset (govtrack's `try: prctl.set_name("django-" + os.environ["NAME"])` … `except: pass`;
/// held-out batch 58). A handler that raises (`raise ImproperlyConfigured(…)`) or exits still needs it.
enum PythonTryExcept {
    static let caught: Set<String> = ["KeyError", "LookupError", "Exception", "BaseException"]

    /// Whether the read at `p` sits in the body of a `try:` that a handler of ``caught`` ends without raising.
    static func handles(_ blocks: CodeBlocks, at p: Int) -> Bool {
        guard blocks.syntax == .python else { return false }
        let units = blocks.units
        var (indent, lineStart) = blocks.indentation(ofLineAt: p)
        // up to 40 lines back, the nearest line indented less: it must be `try:`
        var steps = 0
        var tryIndent = -1
        while lineStart > 0, steps < 40 {
            steps += 1
            let previous = blocks.indentation(ofLineAt: lineStart - 1)
            let first = previous.1 + previous.0
            guard first < units.count else { break }
            if units[first] == 0x0A || units[first] == 0x0D || !blocks.isCode(first) { lineStart = previous.1; continue }  // blank or comment
            if previous.0 < indent {
                guard blocks.isWord("try", at: first), blocks.unit(blocks.nextCode(from: first + 3, newlines: false)) == 0x3A else { return false }
                tryIndent = previous.0
                break
            }
            lineStart = previous.1
        }
        guard tryIndent >= 0 else { return false }
        // the `try:` body's end is its first handler (or else/finally) at the try's indentation
        var handler = blocks.indentedBlockEnd(afterLineAt: p, atMost: tryIndent)
        for _ in 0..<8 {
            guard handler < units.count else { return false }
            let (handlerIndent, _) = blocks.indentation(ofLineAt: handler)
            let first = handler + handlerIndent
            guard handlerIndent == tryIndent, blocks.isWord("except", at: first) else { return false }
            // what it catches: nothing named (bare), or one of `caught`, alone or in a tuple
            var q = first + 6
            var names: [String] = []
            while q < units.count, units[q] != 0x3A, units[q] != 0x0A {
                if let (word, end) = blocks.word(startingAt: q) {
                    if word == "as" { break }
                    names.append(word)
                    q = end
                } else {
                    q += 1
                }
            }
            let end = blocks.indentedBlockEnd(afterLineAt: first, atMost: tryIndent)
            if names.isEmpty || names.contains(where: caught.contains) {
                return !blocks.containsWord(["raise", "exit", "abort"], from: first, to: end)
            }
            handler = end
        }
        return false
    }
}

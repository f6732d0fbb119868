import Foundation

/// Rust's unit tests live beside the code they test, under `#[cfg(test)]`: an item so marked (`mod tests { … }`, a
/// helper `fn`) is compiled only into the test binary, and a module declared `#[cfg(test)] mod test_util;` is a whole
/// file the release build never sees (quadratic's `quadratic-core-cloud/src/test_util.rs` read `STORAGE_DIR`, cap's
/// test module `CAP_HEAL_PROJECT_PATH`; batch 37 and batch 2; rules 2026.12.68). Reads there are the tests', not the
/// service's. `cfg!(test)` inside an expression, `#[cfg(any(test, …))]` and `#[cfg(not(test))]` are not this attribute
/// and change nothing.
enum RustTests {
    /// `#[cfg(test)]`, then any other attributes; the item follows.
    static let attribute = try? NSRegularExpression(pattern: #"#\[[ \t]*cfg[ \t]*\([ \t]*test[ \t]*\)[ \t]*\](?:\s*#!?\[[^\]\n]*\])*"#)
    /// An out-of-line module declaration: `mod name;`, with any visibility.
    static let moduleDeclaration = try? NSRegularExpression(pattern: #"^\s*(?:pub(?:\s*\([^)\n]*\))?\s+)?mod\s+([A-Za-z_][A-Za-z0-9_]*)\s*;"#)

    /// What a Rust file compiles only for its tests: the UTF-16 ranges of its `#[cfg(test)]` items with a body, and the
    /// names of the modules it declares `#[cfg(test)] mod name;`.
    static func testItems(_ blocks: CodeBlocks, text: String) -> (ranges: [Range<Int>], modules: [String]) {
        guard blocks.syntax == .cLike, text.contains("cfg"), let attribute, let moduleDeclaration else { return ([], []) }
        let ns = text as NSString
        var ranges: [Range<Int>] = [], modules: [String] = []
        for match in attribute.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let start = match.range.location, end = match.range.location + match.range.length
            guard blocks.isCode(start) else { continue }  // in a comment or a string
            // the item ends at its first `;` or `,` at its own level (a declaration, a struct field, an enum variant, a
            // match arm), at the end of what holds it, or with the body of its first `{` (brackets between, such as
            // a signature's, skipped)
            let container = blocks.innermost(containing: start)
            let containerEnd = container.map { blocks.brackets[$0].close } ?? blocks.units.count
            var p = end
            while p < min(containerEnd, end + 2_000) {
                if let nested = blocks.bracket(at: p), nested.open == p {
                    if nested.kind == 0x7B {
                        if blocks.isCode(p) { ranges.append(start..<nested.close) }
                        break
                    }
                    p = nested.close + 1
                    continue
                }
                let u = blocks.units[p]
                if blocks.isCode(p), u == 0x2C { break }  // ,
                if blocks.isCode(p), u == 0x3B {  // ;
                    // `mod name;` at the file's top level, without a `#[path = …]` naming another file (a mock swapped in
                    // for tests: `#[cfg(test)] #[path = "db_mock.rs"] mod db;`); one inside an inline module is left alone
                    let attributes = ns.substring(with: match.range)
                    let item = ns.substring(with: NSRange(location: end, length: p + 1 - end))
                    if container == nil, !attributes.contains("path"),
                       let m = moduleDeclaration.firstMatch(in: item, range: NSRange(location: 0, length: (item as NSString).length)) {
                        modules.append((item as NSString).substring(with: m.range(at: 1)))
                    }
                    break
                }
                p += 1
            }
        }
        return (ranges, modules)
    }

    /// The paths a `#[cfg(test)] mod name;` of the file at `path` may name: `name.rs` or `name/mod.rs` beside a crate
    /// root or a `mod.rs`, under a folder named after any other file (Rust 2018), and every file under that module's
    /// folder (its submodules). Each returned string is a path or, ending in `/`, a folder.
    static func modulePaths(_ name: String, declaredIn path: String) -> [String] {
        var components = path.split(separator: "/").map(String.init)
        guard let file = components.popLast() else { return [] }
        let folder = components.isEmpty ? "" : components.joined(separator: "/") + "/"
        let stem = file.hasSuffix(".rs") ? String(file.dropLast(3)) : file
        let base = ["lib", "main", "mod"].contains(stem) ? folder : folder + stem + "/"
        return [base + name + ".rs", base + name + "/"]
    }

    /// Whether `path` is in one of `modules` (``modulePaths(_:declaredIn:)``).
    static func isTestModule(_ path: String, modules: Set<String>) -> Bool {
        guard path.hasSuffix(".rs"), !modules.isEmpty else { return false }
        if modules.contains(path) { return true }
        var folder = Substring(path)
        while let slash = folder.dropLast().lastIndex(of: "/") {
            folder = folder[...slash]
            if modules.contains(String(folder)) { return true }
            folder = folder.dropLast()
        }
        return false
    }
}

import Foundation

/// A Python module's `if __name__ == "__main__":` block runs only when the module is started as a program. In a module
/// other files import — a library module, such as danswer's `onyx/connectors/asana/connector.py`, which the connector
/// factory imports — that block is a hand-run self-test, a script: the service imports the module and never runs it
/// (batch 12: 53 connector credentials read only there, all owner-false; rules 2026.12.35). A module nothing imports
/// may be the service's entrypoint (`python bot.py`, `python main.py`), so its block stays production.
enum PythonModules {
    /// `if __name__ == "__main__":` (or `"__main__" == __name__`), unindented: a module-level guard.
    static let mainGuard = try? NSRegularExpression(
        pattern: #"(?m)^if[ \t]+\(?[ \t]*(?:__name__[ \t]*==[ \t]*(['"])__main__\1|(['"])__main__\2[ \t]*==[ \t]*__name__)[ \t]*\)?[ \t]*:"#)

    /// The UTF-16 ranges of the module's `__main__` blocks, each from its `if` to the next unindented code line.
    static func mainBlocks(_ blocks: CodeBlocks, text: String) -> [Range<Int>] {
        guard blocks.syntax == .python, text.contains("__main__"), let regex = mainGuard else { return [] }
        return regex.matches(in: text, range: NSRange(location: 0, length: blocks.units.count)).compactMap { match in
            let start = match.range.location
            guard blocks.isCode(start) else { return nil }
            return start..<blocks.indentedBlockEnd(afterLineAt: start, reach: blocks.units.count)
        }
    }

    /// `from a.b import c, d`, `from .x import (y, z)`, `import a.b as c, d.e`, at any indentation (an import inside a
    /// function imports too).
    static let importStatement = try? NSRegularExpression(
        pattern: #"(?m)^[ \t]*(?:from[ \t]+(\.*)([A-Za-z_][\w.]*)?[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]*)|import[ \t]+([^\n#;]+))"#)

    /// The module paths (slash-separated, no extension) the imports of the file at `path` may name. An absolute import
    /// gives the dotted path as written, which names any file whose path ends with it (`onyx.connectors.asana.connector`
    /// names `backend/onyx/connectors/asana/connector.py`), and only with two or more components: a bare `import bot`
    /// does not say which `bot.py`. A relative import is resolved from the file's folder to a whole path, prefixed
    /// with `/`. Each imported name may be a submodule (`from onyx.connectors import asana`).
    static func importedModules(_ text: String, path: String) -> Set<String> {
        let own = modulePath(path)
        var out: Set<String> = []
        func add(_ components: [String], relative: Bool) {
            guard let module = name(components, relative: relative) else { return }
            if relative || (own != module && !own.hasSuffix("/" + module)) { out.insert(module) }
        }
        for statement in statements(text, path: path) {
            add(statement.base, relative: statement.relative)
            for name in statement.names where !name.contains(".") && name != "*" { add(statement.base + [name], relative: statement.relative) }
        }
        return out
    }

    /// The modules (as ``importedModules(_:path:)`` names them) that `from … import` statements take `name` from:
    /// `from .environment import env` in `settings/base.py` → `/settings/environment`; a star import
    /// (`from .base import *`) may take it too.
    static func sources(of name: String, in text: String, path: String) -> Set<String> {
        guard text.contains(name) else { return [] }
        var out: Set<String> = []
        for statement in statements(text, path: path) where statement.from && statement.names.contains(where: { $0 == name || $0 == "*" }) {
            if let module = Self.name(statement.base, relative: statement.relative) { out.insert(module) }
        }
        return out
    }

    /// A module's name for ``isImported(_:by:)``: a relative import's whole path after `/`, an absolute one's dotted
    /// path (two or more components: a bare `import bot` does not say which `bot.py`).
    private static func name(_ components: [String], relative: Bool) -> String? {
        guard !components.isEmpty, relative || components.count >= 2 else { return nil }
        return (relative ? "/" : "") + components.joined(separator: "/")
    }

    /// Each import statement in code: the module (a relative one resolved from the file's folder), whether it is
    /// relative, whether it is `from … import`, and the names it imports (`import a.b, c` lists its modules as names).
    private static func statements(_ text: String, path: String) -> [(base: [String], relative: Bool, from: Bool, names: [String])] {
        guard text.contains("import"), let regex = importStatement else { return [] }
        let folder = Array(path.split(separator: "/").dropLast().map(String.init))
        let ns = text as NSString
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return [] }
        let blocks = CodeBlocks(units: Array(text.utf16), syntax: .python)  // an import in a docstring or a comment imports nothing
        var out: [(base: [String], relative: Bool, from: Bool, names: [String])] = []
        for match in matches {
            var start = match.range.location
            while let u = blocks.unit(start), u == 0x20 || u == 0x09 { start += 1 }
            guard blocks.isCode(start) else { continue }
            func group(_ i: Int) -> String? {
                let r = match.range(at: i)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
            if let list = group(4) {  // import a.b as c, d
                for item in names(list) { out.append((item.split(separator: ".").map(String.init), false, false, [])) }
                continue
            }
            let dots = group(1)?.count ?? 0
            var base = group(2).map { $0.split(separator: ".").map(String.init) } ?? []
            if dots > 0 {
                guard dots - 1 <= folder.count else { continue }
                base = Array(folder.dropLast(dots - 1)) + base
            }
            out.append((base, dots > 0, true, names(group(3) ?? "")))
        }
        return out
    }

    /// `a, b as c, (d,\n e)` → `a`, `b`, `d`, `e`.
    static func names(_ list: String) -> [String] {
        list.split(whereSeparator: { $0 == "," || $0 == "\n" }).compactMap { item in
            let word = item.trimmingCharacters(in: CharacterSet(charactersIn: "() \t\r\\")).split(separator: " ").first.map(String.init)
            return word.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// `backend/onyx/connectors/asana/connector.py` → `backend/onyx/connectors/asana/connector`; a package's
    /// `__init__.py` is its folder.
    static func modulePath(_ path: String) -> String {
        var module = path.hasSuffix(".py") ? String(path.dropLast(3)) : path
        if module.hasSuffix("/__init__") { module = String(module.dropLast(9)) }
        return module
    }

    /// Whether some import names the module at `path`: one of its path's tails of two or more components, or its
    /// whole path by a relative import.
    static func isImported(_ path: String, by imported: Set<String>) -> Bool {
        let module = modulePath(path)
        if imported.contains("/" + module) { return true }
        let components = module.split(separator: "/")
        guard components.count >= 2 else { return false }
        for k in 2...components.count where imported.contains(components.suffix(k).joined(separator: "/")) { return true }
        return false
    }
}

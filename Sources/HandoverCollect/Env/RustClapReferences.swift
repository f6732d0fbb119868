import Foundation
import HandoverModel

/// Env vars a Rust program reads through clap's derive API: a field whose `#[arg(…)]` or `#[clap(…)]` attribute names
/// `env` takes its value from the variable when no flag gives it — `env = "NAME"`, or bare `env` for the field's name in
/// upper case (https://docs.rs/clap/latest/clap/_derive/index.html, "Arg Attributes": `env`). hook0's API and output
/// worker read their database URL, and every other setting, so (held-out batch 91; rules 2026.12.101): no
/// `env::var("DATABASE_URL")` is written anywhere. What clap does when the variable is unset is the field's:
/// - `default_value = "5"`, `default_value_t = 5` (and `default_values…`, `default_missing_value…`): the default;
/// - an `Option<…>` or a `Vec<…>` field: nothing (`None`, empty);
/// - a `bool` field: a flag, `false`;
/// - anything else: clap stops the program at start ("the following required arguments were not provided").
enum RustClapReferences {
    /// One attribute of the field (clap's or another derive's), and what follows the field's attributes.
    static let attribute = try? NSRegularExpression(pattern: #"#\[(arg|clap)\(((?:[^()\]]|\([^()]*\))*)\)\]"#)
    static let otherAttribute = try? NSRegularExpression(pattern: #"\G(?:\s*(?:///[^\n]*|//[^\n]*|#\[[^\n]*\]))*\s*"#)
    static let field = try? NSRegularExpression(pattern: #"\G(?:pub(?:\([^)\n]*\))?[ \t]+)?([a-z_][a-z0-9_]*)[ \t]*:[ \t]*([^,\n{}]+?)[ \t]*,"#)
    static let envKey = try? NSRegularExpression(pattern: #"(?<![\w.])env\b(?![ \t]*[(:_])(?:[ \t]*=[ \t]*"([A-Z][A-Z0-9_]{1,127})")?"#)
    static let defaultString = try? NSRegularExpression(pattern: #"\bdefault_value[ \t]*=[ \t]*("[^"\n]{0,60}")"#)
    static let defaultTyped = try? NSRegularExpression(pattern: #"\bdefault_value_t[ \t]*=[ \t]*(-?[0-9][0-9_.]*|true|false)[ \t]*(?:[,)]|$)"#)

    static func declarations(in text: String, units: [UInt16]) -> [CodeReadTail.Match] {
        guard text.contains("env"), text.contains("#[arg(") || text.contains("#[clap("),
              let attribute, let otherAttribute, let field, let envKey else { return [] }
        let all = NSRange(location: 0, length: units.count)
        var out: [CodeReadTail.Match] = []
        var consumedTo = 0
        for match in attribute.matches(in: text, range: all) where match.range.location >= consumedTo {
            let body = substring(units, match.range(at: 2))
            guard let env = envKey.firstMatch(in: body, range: NSRange(location: 0, length: body.utf16.count)) else { continue }
            // the field after this attribute and any others (doc comments, `#[serde(…)]`, a second `#[arg(…)]`)
            let afterAttributes = otherAttribute.firstMatch(in: text, range: NSRange(location: NSMaxRange(match.range), length: units.count - NSMaxRange(match.range)))
            let fieldStart = afterAttributes.map { NSMaxRange($0.range) } ?? NSMaxRange(match.range)
            guard let declared = field.firstMatch(in: text, range: NSRange(location: fieldStart, length: units.count - fieldStart)) else { continue }
            // every attribute of this field: the defaults may sit in a sibling `#[arg(default_value = …)]`
            let attributes = substring(units, NSRange(location: match.range.location, length: fieldStart - match.range.location))
            let fieldName = substring(units, declared.range(at: 1))
            let name = env.range(at: 1).location != NSNotFound ? (body as NSString).substring(with: env.range(at: 1)) : fieldName.uppercased()
            guard name.range(of: #"^[A-Z][A-Z0-9_]{1,127}$"#, options: String.CompareOptions.regularExpression) != nil else { continue }
            let type = substring(units, declared.range(at: 2)).replacingOccurrences(of: " ", with: "")
            out.append(CodeReadTail.Match(name: name, start: declared.range(at: 1).location, end: NSMaxRange(declared.range), pattern: nil,
                                          schema: unsetFallback(attributes: attributes, type: type), isSchema: true))
            consumedTo = NSMaxRange(declared.range)
        }
        return out
    }

    /// What clap gives the field when neither the flag nor the variable is set; nil when it stops the program.
    static func unsetFallback(attributes: String, type: String) -> CodeFallback? {
        let range = NSRange(location: 0, length: attributes.utf16.count)
        if let found = defaultString?.firstMatch(in: attributes, range: range) {
            return CodeFallback(kind: .literal, shown: (attributes as NSString).substring(with: found.range(at: 1)))
        }
        if let found = defaultTyped?.firstMatch(in: attributes, range: range) {
            return CodeFallback(kind: .literal, shown: (attributes as NSString).substring(with: found.range(at: 1)))
        }
        if attributes.range(of: #"\bdefault_(?:value|values|missing_value)(?:_t|_os|_os_t|s_t|s_os)?\b"#, options: .regularExpression) != nil {
            return CodeFallback(kind: .computed)
        }
        if type.hasPrefix("Option<") || type.hasPrefix("std::option::Option<") || type.hasPrefix("Vec<") { return CodeFallback(kind: .absent) }
        if type == "bool" { return CodeFallback(kind: .literal, shown: "false") }
        return nil
    }

    static func substring(_ units: [UInt16], _ range: NSRange) -> String {
        String(decoding: units[range.location..<NSMaxRange(range)], as: UTF16.self)
    }
}

import Foundation
import HandoverModel

/// Env vars a Rust program reads through clap's derive API: a field whose `#[arg(…)]` or `#[clap(…)]` attribute names
/// `env` takes its value from the variable when no flag gives it — `env = "NAME"`, or bare `env` for the field's name in
/// upper case (https://docs.rs/clap/latest/clap/_derive/index.html, "Arg Attributes": `env`). hook0's API and output
/// worker read their database URL, and every other setting, so (held-out batch 91; rules 2026.12.101): no
/// `env::var("DATABASE_URL")` is written anywhere. What clap does when the variable is unset is the field's:
/// - `required = true`: clap stops the program, whatever the type;
/// - `default_value = "5"`, `default_value_t = 5` (and `default_values…`): the default — not `default_missing_value`
///   (for a flag given without a value) nor `default_value_if`;
/// - `ArgAction::Count`: 0; `ArgAction::SetTrue`: false; `ArgAction::SetFalse`: true;
/// - an `Option<…>` or a `Vec<…>` field, by these very words: nothing (`None`, empty);
/// - a `bool` field: a flag, `false` (unless `ArgAction::Set` makes it take a value);
/// - anything else: clap stops the program at start ("the following required arguments were not provided").
/// `env = SOME_CONST` and a lower-case `env = "http_proxy"` are skipped (no name read as written), and so is an
/// attribute behind a comment. (A review of .101 found these shapes.)
enum RustClapReferences {
    static let substring = EnvSchemaReferences.substring
    /// One attribute of the field (clap's or another derive's), and what follows the field's attributes.
    /// (Its arguments may hold strings, one level of brackets and of parentheses: `value_parser = ["off", "info"]`,
    /// `help = "[docs]"`, `value_parser = clap::value_parser!(u16).range(1..)`.)
    static let attribute = try? NSRegularExpression(pattern: #"#\[(arg|clap)\(((?:[^()\[\]"]|"(?:[^"\\\n]|\\.)*"|\[(?:[^\[\]"]|"[^"\n]*")*\]|\((?:[^()"]|"[^"\n]*"|\([^()]*\))*\))*)\)\]"#)
    static let otherAttribute = try? NSRegularExpression(pattern: #"\G(?:\s*(?:///[^\n]*|//[^\n]*|#\[[^\n]*\]))*\s*"#)
    /// The field (the last of a struct may have no comma).
    static let field = try? NSRegularExpression(pattern: #"\G(?:pub(?:\([^)\n]*\))?[ \t]+)?([a-z_][a-z0-9_]*)[ \t]*:[ \t]*([^,\n{}]+?)[ \t]*(?:,|(?=\n?[ \t]*\}))"#)
    /// `env` as one argument of the attribute, bare or with a value (not `long = "env"`, `help = "… env"`,
    /// `hide_env_values`, `env_prefix`, `value_parser = env::parse`).
    static let envKey = try? NSRegularExpression(pattern: #"(?:^|,)\s*env(?:\s*=\s*("[^"\n]*"|[^,\s][^,]*?))?\s*(?=,|$)"#)
    static let defaultString = try? NSRegularExpression(pattern: #"\bdefault_value[ \t]*=[ \t]*("[^"\n]{0,60}")"#)
    static let defaultTyped = try? NSRegularExpression(pattern: #"\bdefault_value_t[ \t]*=[ \t]*(-?[0-9][0-9_.]*|true|false)[ \t]*(?:[,)]|$)"#)

    static func declarations(in text: String, units: [UInt16]) -> [CodeReadTail.Match] {
        guard text.contains("env"), text.contains("#[arg(") || text.contains("#[clap("),
              let attribute, let otherAttribute, let field, let envKey else { return [] }
        let all = NSRange(location: 0, length: units.count)
        var out: [CodeReadTail.Match] = []
        var consumedTo = 0
        for match in attribute.matches(in: text, range: all) where match.range.location >= consumedTo && startsItsLine(units, match.range.location) {
            let body = substring(units, match.range(at: 2))
            guard let env = envKey.firstMatch(in: body, range: NSRange(location: 0, length: body.utf16.count)) else { continue }
            // `env = "X"` names the variable; `env = SOME_CONST` or a name clap would not find as written here: unknown, skipped
            var explicit: String?
            if env.range(at: 1).location != NSNotFound {
                let value = (body as NSString).substring(with: env.range(at: 1))
                guard value.hasPrefix("\""), value.count > 2 else { continue }
                explicit = String(value.dropFirst().dropLast())
            }
            // the field after this attribute and any others (doc comments, `#[serde(…)]`, a second `#[arg(…)]`)
            let afterAttributes = otherAttribute.firstMatch(in: text, range: NSRange(location: NSMaxRange(match.range), length: units.count - NSMaxRange(match.range)))
            let fieldStart = afterAttributes.map { NSMaxRange($0.range) } ?? NSMaxRange(match.range)
            guard let declared = field.firstMatch(in: text, range: NSRange(location: fieldStart, length: units.count - fieldStart)) else { continue }
            // every attribute of this field: the defaults may sit in a sibling `#[arg(default_value = …)]`
            let attributes = substring(units, NSRange(location: match.range.location, length: fieldStart - match.range.location))
            let fieldName = substring(units, declared.range(at: 1))
            let name = explicit ?? fieldName.uppercased()
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
        // `required = true` overrides what the type says (`#[arg(env, required = true)] servers: Vec<Url>`)
        if attributes.range(of: #"\brequired[ \t]*=[ \t]*true\b"#, options: String.CompareOptions.regularExpression) != nil { return nil }
        if let found = defaultString?.firstMatch(in: attributes, range: range) {
            return CodeFallback(kind: .literal, shown: (attributes as NSString).substring(with: found.range(at: 1)))
        }
        if let found = defaultTyped?.firstMatch(in: attributes, range: range) {
            return CodeFallback(kind: .literal, shown: (attributes as NSString).substring(with: found.range(at: 1)))
        }
        // (not `default_missing_value`, used only when the flag is given without a value, nor `default_value_if`)
        if attributes.range(of: #"\bdefault_values?(?:_t|_os|_os_t)?[ \t]*="#, options: String.CompareOptions.regularExpression) != nil {
            return CodeFallback(kind: .computed)
        }
        // an action that takes no value: a count starts at 0, `SetTrue` at false, `SetFalse` at true
        if attributes.contains("ArgAction::Count") { return CodeFallback(kind: .literal, shown: "0") }
        if attributes.contains("ArgAction::SetFalse") { return CodeFallback(kind: .literal, shown: "true") }
        if attributes.contains("ArgAction::SetTrue") { return CodeFallback(kind: .literal, shown: "false") }
        // clap knows `Option` and `Vec` by these very words (`std::option::Option<T>` is a plain `T` to it)
        if type.hasPrefix("Option<") || type.hasPrefix("Vec<") { return CodeFallback(kind: .absent) }
        // a `bool` is a flag, false unless given — unless its action takes a value (`ArgAction::Set`)
        if type == "bool", !attributes.contains("ArgAction::Set") { return CodeFallback(kind: .literal, shown: "false") }
        return nil
    }

    /// Whether only blanks stand before `offset` on its line (not `// #[arg(long, env)]`).
    static func startsItsLine(_ units: [UInt16], _ offset: Int) -> Bool {
        var p = offset - 1
        while p >= 0, units[p] == 0x20 || units[p] == 0x09 { p -= 1 }
        return p < 0 || units[p] == 0x0A
    }
}

import HandoverModel
/// What a dotenv comment says about the names around it, decided from its words and thrown away: a comment in a
/// reference file may hold anything (a pasted value), so nothing of its text is kept.
///
/// A reference file (`.env.example`) marks a name optional with a comment on or above its line (`# optional`,
/// `# OPTIONAL: …`), with a section header (`# [[AUTH OPTIONAL]]`, `# --- Optional ---`, or any comment block followed
/// by a blank line) that holds until the next header, by commenting the assignment out (`# SENTRY_DSN=`), or by
/// leaving the value empty and documenting a default (`PORT=  # defaults to 3000`).
enum DotenvComment: Equatable {
    /// `# NAME=…` or `# export NAME=…`: an assignment commented out.
    case commentedOut(String)
    /// Prose (or a divider): what it says.
    case prose(Flags)

    struct Flags: Equatable {
        var optional = false
        /// Says the names are for the test suite: every word is a test word (`# [[E2E Tests]]`, `# --- Testing ---`).
        var tests = false
        var documentsDefault = false
        /// Says `required` or `mandatory` (`# required in production`): a name set to `null` under it is not taken as
        /// running without it.
        var required = false
        /// Drawn as a header: `# --- X ---`, `# [[X]]`, `### X`, `# ====`.
        var decorated = false
        /// Says every name is optional (`# Everything in this file is OPTIONAL.`, `# All variables are optional`): a
        /// file-wide subject before `is`/`are optional` (``DotenvComment/saysEverything(_:negations:)``), with no
        /// `except`/`unless`/`but`. Only a comment above the file's first assignment speaks for the whole file.
        var everything = false
        /// A one-line comment of at most six words: its words (lower-cased letters and digits), to tell whether it
        /// titles the assignments below it (`# SMTP (optional)` above `SMTP_HOST=`). Kept only while the file is read.
        var titleWords: Set<String>? = nil

        mutating func merge(_ other: Flags) {
            optional = optional || other.optional
            tests = tests || other.tests
            documentsDefault = documentsDefault || other.documentsDefault
            required = required || other.required
            decorated = decorated || other.decorated
            everything = everything || other.everything
            titleWords = nil  // two lines of prose describe; they do not title
        }
    }

    static let decorations: Set<UInt8> = Set("-=*#[]~_".utf8)
    /// `optional`, as English and French reference files write it: phospho's `# (OPTIONNAL) Services and Integrations`
    /// (held-out batch 105), `# optionnel`, `# facultatif` (rules 2026.12.103).
    static let optionalWords: Set<String> = ["optional", "optionnal", "optionnel", "optionnelle", "optionnels", "optionnelles",
                                             "facultatif", "facultative", "facultatifs", "facultatives"]
    /// A comment made only of these words (and at least one of `e2e`, `test`, `tests`, `testing`) is about tests.
    static let testWords: Set<String> = ["e2e", "test", "tests", "testing", "playwright", "cypress", "integration", "end", "to", "only", "for",
                                         "the", "suite", "unit"]

    /// Classifies the text of one comment, `#` included.
    static func classify(_ text: ArraySlice<UInt8>) -> DotenvComment {
        var body = text.drop { $0 == UInt8(ascii: "#") }
        let hashes = text.count - body.count
        body = body.drop { $0 == 0x20 || $0 == 0x09 }
        if let name = commentedOutName(body) { return .commentedOut(name) }
        var flags = Flags()
        let trimmed = body.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        let first2 = Array(body.prefix(2)), last2 = Array(trimmed.prefix(2))
        flags.decorated = hashes >= 3 || body.isEmpty && hashes >= 2
            || (first2.count == 2 && first2.allSatisfy(decorations.contains))
            || (last2.count == 2 && last2.allSatisfy(decorations.contains))
        let words = String(decoding: body, as: UTF8.self).lowercased()
            .split { !($0.isLetter) }.map(String.init)
        // `required` unless negated: `# Optional (not required)`, `# pas obligatoire` say optional (a review of .103)
        let requiredWords: Set<String> = ["required", "mandatory", "obligatoire", "obligatoires"]
        let negations: Set<String> = ["not", "non", "pas", "plus", "jamais", "never"]
        // (`only required if you want S3 uploads` names a condition, not a need)
        let requiredAt = words.indices.filter {
            requiredWords.contains(words[$0]) && !($0 > 0 && words[$0 - 1] == "only" && $0 + 1 < words.count && ["if", "when"].contains(words[$0 + 1]))
        }
        let negatedRequired = !requiredAt.isEmpty && requiredAt.allSatisfy { $0 > 0 && negations.contains(words[$0 - 1]) }
        let required = !requiredAt.isEmpty && !negatedRequired
        flags.required = required
        if negatedRequired { flags.optional = true }
        // the first `optional` decides, unless it is said of a part: then a later one may still mark the block
        // (`# Some are optional and are commented out; this whole section is optional`)
        if !required {
            for index in words.indices where optionalWords.contains(words[index]) {
                if index > 0, negations.contains(words[index - 1]) { break }
                if saysSomeAreOptional(words, index) { continue }
                flags.optional = true
                flags.everything = saysEverything(words[..<index], negations: negations)
                    && Set(words).isDisjoint(with: ["except", "unless", "but", "besides", "apart"])
                break
            }
        }
        // `# … but the app can run without it`, `# works without this`: the app runs without the name (rubyevents'
        // `.env.sample`, batch 55; rules 2026.12.84) — not `can't run without it`, `won't start without it`.
        if !required, saysRunsWithout(words) { flags.optional = true }
        // `# This is not necessary unless you want to work with Algolia Docsearch`, `# Only necessary if you want to use
        // this feature` (payload's website, held-out batch 116; rules 2026.12.106)
        if !required, saysNeededOnlyFor(words) { flags.optional = true }
        // `# (only needed for localhost)`, `# only required in local development`: production does without it.
        if let only = words.firstIndex(of: "only"), words.dropFirst(only + 1).prefix(2).contains(where: ["needed", "required", "used"].contains),
           !Set(words.dropFirst(only + 1).prefix(6)).isDisjoint(with: ["localhost", "local", "development", "dev"]) {
            flags.optional = true
        }
        let tokens = String(decoding: body, as: UTF8.self).lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        flags.tests = !tokens.isEmpty && Set(tokens).isSubset(of: testWords) && !Set(tokens).isDisjoint(with: ["e2e", "test", "tests", "testing"])
        if tokens.count <= 6 { flags.titleWords = Set(tokens) }
        let defaultWords: Set<String> = ["default", "defaults", "defaulted", "defaulting", "fallback", "fallbacks"]
        flags.documentsDefault = !Set(words).isDisjoint(with: defaultWords) || words.joined(separator: " ").contains("if unset")
            || words.joined(separator: " ").contains("if not set") || words.joined(separator: " ").contains("falls back")
        return .prose(flags)
    }

    /// A need said of a feature, not of production: a negated need before a condition, `not necessary unless …`,
    /// `isn't needed if …` (not before local or development words, nor `a trailing slash is not needed`), or `only
    /// necessary if`/`only required when …` (not before production or local words: `only needed when you deploy`; not
    /// `only needed for billing`, a feature the service offers).
    static func saysNeededOnlyFor(_ words: [String]) -> Bool {
        let need: Set<String> = ["necessary", "needed", "required", "mandatory"]
        let local: Set<String> = ["local", "locally", "localhost", "development", "dev", "developing", "tests", "testing"]
        let production: Set<String> = ["production", "prod", "deploy", "deployed", "deploying", "deployment", "live", "hosted"]
        for i in words.indices where need.contains(words[i]) && i > 0 {
            let after = Set(words[(i + 1)...].prefix(8))
            if ["not", "t", "never"].contains(words[i - 1]) {
                // only before a condition: `not necessary unless you want …` (not `a trailing slash is not needed`)
                if i + 1 < words.count, ["unless", "if"].contains(words[i + 1]), after.isDisjoint(with: local) { return true }
            } else if words[i - 1] == "only" || (i > 1 && words[i - 2] == "only" && ["is", "are", "be"].contains(words[i - 1])),
                      i + 1 < words.count, ["if", "when"].contains(words[i + 1]) {
                if after.isDisjoint(with: production) && after.isDisjoint(with: local) { return true }
            }
        }
        return false
    }

    /// A file-wide subject in the words before `optional`: `everything`, `all` or `every` opening the sentence (not
    /// after a negation, `not all`, nor in `at all`), then only words naming the file's entries, then `is`/`are`; no part
    /// word (`some`, `most`) among them.
    static func saysEverything(_ before: ArraySlice<String>, negations: Set<String>) -> Bool {
        guard !before.contains(where: partWords.contains) else { return false }
        // the whole subject: the quantifier, then only words naming the file's entries, then `is`/`are` right before
        // `optional` (`Everything in this file is optional`, `All of these variables are optional`; not `All optional
        // settings are commented out`, `All OAuth providers are optional`, `Fill in all values; optional ones …`)
        let subject: Set<String> = ["in", "this", "file", "of", "these", "the", "variables", "variable", "settings", "setting",
                                    "values", "value", "here", "below", "env", "vars", "entries", "keys", "options", "else"]
        guard let last = before.last, last == "is" || last == "are" else { return false }
        for i in before.indices where ["everything", "all", "every"].contains(before[i]) {
            let previous = i > before.startIndex ? before[i - 1] : nil
            if let previous, negations.contains(previous) || previous == "at" { return false }
            guard i == before.startIndex || ["note", "n", "b"].contains(before[i - 1]) else { return false }
            return before[(i + 1)..<(before.endIndex - 1)].allSatisfy(subject.contains)
        }
        return false
    }

    /// `run without it`, `works without this`, `starts fine without them`: a verb of running right before `without`
    /// (adverbs such as `fine` or `well` aside) and a pronoun after it, with no negation (`not`, `can't`, `cannot`,
    /// `won't`, `never`) in the four words before it. (`run the migrations without it` is an instruction.)
    static func saysRunsWithout(_ words: [String]) -> Bool {
        let running: Set<String> = ["run", "runs", "running", "work", "works", "working", "start", "starts", "function", "functions", "boot", "boots"]
        let negations: Set<String> = ["not", "t", "cannot", "never", "no", "nothing", "neither", "nor"]
        for index in words.indices where words[index] == "without" && index + 1 < words.count
            && ["it", "this", "them", "these", "one"].contains(words[index + 1]) {
            let before = words[max(0, index - 4)..<index]
            guard !before.contains(where: negations.contains), let last = before.last else { continue }
            if running.contains(last) { return true }
            // `works fine without it`, `runs perfectly well without them`
            let adverbs: Set<String> = ["fine", "ok", "okay", "well", "just", "perfectly", "normally"]
            if adverbs.contains(last), let verb = before.dropLast().last(where: { !adverbs.contains($0) }), running.contains(verb) { return true }
        }
        return false
    }

    /// Words that make a sentence's subject only part of what follows: `# Some are optional and are commented out by
    /// default` at the top of simplelogin's `example.env` says which are optional (the ones commented out), not that the
    /// names under it are (its `URL=`, read as `os.environ["URL"]`, batch 44; rules 2026.12.78).
    static let partWords: Set<String> = ["some", "few", "several", "many", "most", "certain"]

    /// `optional` (at `index`) said of a part that the same line says is commented out: a part word, alone or with `of`
    /// and a pronoun, is the subject of `are optional` or `is optional` (`Some are optional and are commented out by default`,
    /// `some of these are optional (commented out)`). A part word with a noun (`Some features are optional. Set the
    /// variables below to enable them.`) says the names below belong to optional features, and a part without
    /// `commented` does not say which names are optional: both keep the mark (rules 2026.12.80, a review of .78).
    static func saysSomeAreOptional(_ words: [String], _ index: Int) -> Bool {
        let verb = index - 1
        guard verb >= 1, ["are", "is"].contains(words[verb]), words.contains("commented") else { return false }
        func word(_ i: Int) -> String? { i >= 0 ? words[i] : nil }
        func part(_ i: Int) -> Bool { word(i).map(partWords.contains) ?? false }
        return part(verb - 1)  // some are
            || word(verb - 2) == "of" && part(verb - 3)  // some of these are (a noun needs an article: `some of the keys`)
    }

    /// A commented-out assignment whose value is a switch word (`# NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS=true  # …`).
    static func assignsSwitch(_ text: ArraySlice<UInt8>) -> Bool {
        guard let equals = text.firstIndex(of: UInt8(ascii: "=")) else { return false }
        let value = text[text.index(after: equals)...].prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x23 && $0 != 0x0D }
        return ValueShapeClassifier.isSwitch(String(decoding: value, as: UTF8.self))
    }

    /// `NAME=` (upper-case name, optionally after `export `) at the start of a comment's text.
    static func commentedOutName(_ body: ArraySlice<UInt8>) -> String? {
        var rest = body
        if rest.starts(with: "export ".utf8) { rest = rest.dropFirst(7).drop { $0 == 0x20 || $0 == 0x09 } }
        let name = rest.prefix { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        guard name.count >= 2, let first = name.first, first >= 0x41 && first <= 0x5A || first == 0x5F else { return nil }
        let after = rest.dropFirst(name.count).drop { $0 == 0x20 || $0 == 0x09 }
        guard after.first == UInt8(ascii: "=") else { return nil }
        return String(decoding: name, as: UTF8.self)
    }
}

/// Tracks comment blocks, sections and the assignment group a block describes, line by line.
///
/// A comment block directly above an assignment describes it and the assignments right after it whose names share
/// its first word (`# Sentry` above `SENTRY_DSN=` and `SENTRY_ORG=`), up to a blank line or a comment. A one-line title
/// of at most six words that names the first assignment's first word (`# SMTP (optional)` above `SMTP_HOST=`,
/// `# S3 storage (optional)` above `S3_REGION=`) describes the whole run, whatever its names (kan's `EMAIL_FROM` under
/// its SMTP title; rules 2026.12.33). So does a block that says optional, however long (`# Optional, if you're doing
/// auth` above `GOOGLE_CLIENT_ID=` … `DATABASE_URL=`; `# Additional Optional Settings` above thirty lines; rules
/// 2026.12.40): on every labelled repository, the names such a block's run holds beyond its first word were optional.
struct DotenvCommentState {
    private var block: DotenvComment.Flags?
    private var describing: DotenvComment.Flags?
    /// The first word the described names share, or nil when a title or an optional block describes the whole run.
    private var describedWord: Substring?
    private var section = DotenvComment.Flags()
    /// Entries commented out since the last assignment (`# Optional Docker Compose host port overrides:` above
    /// `# WEB_PORT=3000`): prose above them describes them, so a blank line after them ends the section without
    /// opening one of theirs (inbox-zero's reference file; rules 2026.12.42). Only a drawn header (`# --- Optional ---`)
    /// stays one.
    private var entriesCommentedOut = false
    /// Inside a run an optional title heads (`# Optional runtime integrations.` above thirty names): a note on one of
    /// its names, a comment line of more than six words (`# Stable id for this deployment. Defaults to defillama if
    /// unset.`), does not end it; a blank line, a drawn header, a short title (`# Billing`) or a note that says required
    /// does (defillama's reference file, held-out batch 64; rules 2026.12.88). An optional sentence of more than six
    /// words is a note on the name below it and heads no such run (rules 2026.12.90, a review of .88).
    private var optionalRun = false
    /// No assignment yet, commented out or not: a comment here speaks for the whole file.
    private var beforeFirstAssignment = true
    /// A comment above the first assignment said every name in the file is optional (nuxt.com's `.env.example`:
    /// `# Everything in this file is OPTIONAL.`, held-out batch 113; rules 2026.12.106). Later headers do not end it.
    private var everythingOptional = false

    /// A blank line: a comment block just before it was a header; entries commented out end the section instead.
    mutating func blankLine() {
        if entriesCommentedOut && block?.decorated != true {
            startSection(DotenvComment.Flags())
        } else if let header = block {
            startSection(header)
        }
        block = nil
        entriesCommentedOut = false
        describing = nil
        optionalRun = false
    }

    /// A comment line (commented-out assignments included: they neither start nor end a block).
    mutating func comment(_ comment: DotenvComment) {
        if beforeFirstAssignment, case .prose(let flags) = comment, flags.everything { everythingOptional = true }
        guard case .prose(let flags) = comment else {
            beforeFirstAssignment = false
            // an entry commented out inside a run described whole (a title, an optional block) is one of its entries
            // (kan's `# S3_AVATAR_UPLOAD_LIMIT=…` under `# S3 storage (optional)`): the run goes on
            entriesCommentedOut = true
            if describing != nil && describedWord == nil && block == nil { return }
            describing = nil
            if block == nil { block = DotenvComment.Flags() }
            return
        }
        describing = nil
        // a short line is a title of the next group (`# Billing`), a longer one a note on the next name
        if flags.required || flags.decorated || flags.titleWords != nil { optionalRun = false }
        if block == nil || entriesCommentedOut {
            block = flags  // prose after entries commented out starts a block of its own
            entriesCommentedOut = false
        } else {
            block?.merge(flags)
        }
    }

    /// An assignment: how optional it is, from its inline comment, the block above it and its section; `null` when its
    /// value is `null` (marked `null-value` unless a comment marks it otherwise or says it is required).
    mutating func assignment(_ name: String, inline: DotenvComment.Flags?, emptyValue: Bool, null: Bool = false) -> EnvOptionalName.Marker? {
        let word = name.split(separator: "_").first ?? Substring(name)
        beforeFirstAssignment = false
        if let above = block {
            if above.decorated {
                startSection(above); describing = nil; optionalRun = false
            } else {
                describing = above
                describedWord = above.optional || above.titleWords?.contains(word.lowercased()) == true ? nil : word
            }
            block = nil
        } else if describing != nil, let shared = describedWord, shared != word {
            describing = nil
        }
        entriesCommentedOut = false
        // only a title (one line of at most six words, `# Optional runtime integrations.`) heads a run its notes do
        // not end; a sentence on one name (`# Optional. Leave empty to disable error reporting to Sentry.`) does not
        if describing?.optional == true, describing?.titleWords != nil { optionalRun = true }
        if inline?.optional == true || describing?.optional == true || optionalRun { return .comment }
        let saysRequired = inline?.required == true || describing?.required == true || section.required
        if section.optional || (everythingOptional && !saysRequired) { return .section }
        if section.tests || describing?.tests == true { return .testSection }
        if emptyValue && (inline?.documentsDefault == true || describing?.documentsDefault == true) { return .documentedDefault }
        if null && inline?.required != true && describing?.required != true { return .nullValue }
        return nil
    }

    private mutating func startSection(_ header: DotenvComment.Flags) {
        section = DotenvComment.Flags()
        section.optional = header.optional
        section.tests = header.tests
        section.required = header.required
    }
}

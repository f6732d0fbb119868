/// Reads given as an option to an SDK setup that runs without them: Sentry's (`Sentry.init({ dsn: process.env.X,
/// environment: process.env.Y })`, `withSentryConfig(config, { org: process.env.Z })`, Hono's `sentry({ dsn })`).
/// Sentry without a DSN is disabled, without an environment or release it tags nothing, and without an org or
/// project its build plugin skips the source-map upload: the app runs the same. (Its auth token is no exception:
/// without it only the upload is skipped.)
///
/// The read must be the value itself (`key: read`, or an argument), directly or inside object and array literals of
/// the call's arguments; a read inside a callback (`beforeSend(e) { … }`) or in an expression (`read || other`) is
/// judged as usual.
package enum CodeSetupOptions {
    /// Sentry's setups, which run without their options, by the last part of the callee's dotted name (any case):
    /// `Sentry.init(…)` (the first part naming Sentry), Hono's `sentry(…)`, the bundler plugins, and
    /// `withSentryConfig(appConfig, options…)` — whose first argument is the app's own config, not Sentry's options.
    static let setups: Set<String> = ["sentry", "sentryviteplugin", "sentrywebpackplugin", "sentryesbuildplugin", "sentryrollupplugin"]

    /// Whether the argument of the call opening at `call` that holds `position` is an option of Sentry's setup.
    static func isSetupArgument(_ blocks: CodeBlocks, call: CodeBlocks.Bracket, at position: Int) -> Bool {
        guard let name = callee(blocks, before: call.open)?.lowercased() else { return false }
        let parts = name.split(separator: ".")
        guard let last = parts.last else { return false }
        if setups.contains(String(last)) { return true }
        if last == "init" { return parts.count >= 2 && parts[parts.count - 2].contains("sentry") }
        // the framework wrappers: Next.js' `withSentryConfig`, TanStack Start's `wrapVinxiConfigWithSentry`
        if last == "withsentryconfig" || last == "wrapvinxiconfigwithsentry" { return argumentIndex(blocks, call: call, at: position) >= 1 }
        return false
    }

    /// Which argument of the call opening at `call` holds `position`: the top-level commas before it.
    static func argumentIndex(_ blocks: CodeBlocks, call: CodeBlocks.Bracket, at position: Int) -> Int {
        var index = 0, p = call.open + 1
        while p < position, p < call.close {
            if let inner = blocks.bracket(at: p), inner.open == p {
                if inner.close >= position { break }
                p = inner.close + 1
                continue
            }
            if blocks.isCode(p), blocks.units[p] == 0x2C { index += 1 }
            p += 1
        }
        return index
    }

    static func isOption(_ blocks: CodeBlocks, read: Range<Int>) -> Bool {
        guard blocks.syntax != .none, blocks.syntax != .python, isValueStart(blocks, before: read.lowerBound),
              isValueEnd(blocks, after: read.upperBound) else { return false }
        var index = blocks.innermost(containing: read.lowerBound)
        var steps = 0
        while let i = index, steps < 8 {
            let bracket = blocks.brackets[i]
            switch bracket.kind {
            case 0x28:  // (
                return isSetupArgument(blocks, call: bracket, at: read.lowerBound)
            case 0x7B, 0x5B:  // an object or array literal inside the arguments
                guard isValueStart(blocks, before: bracket.open) else { return false }
            default:
                return false
            }
            index = bracket.parent >= 0 ? bracket.parent : nil
            steps += 1
        }
        return false
    }

    /// A `const` holding an object literal that is passed whole to an SDK setup and used nowhere else (openstatus'
    /// `const sentryConfig = { authToken: process.env.SENTRY_AUTH_TOKEN, … }` … `withSentryConfig(nextConfig,
    /// sentryConfig)`): its values are that setup's options. Not when the const is exported, used any other way
    /// (`fetch(u, opts)`, `opts.token`), or given to another call.
    static func isOptionsConst(_ blocks: CodeBlocks, _ declaration: CodeSymbols.Declaration, identifiers: [CodeSymbols.Identifier],
                               byName: [String: [Int]], path: String) -> Bool {
        // every use must be seen: not past the identifier cap, not in a Vue template's attributes
        guard declaration.objectLiteral, blocks.syntax == .cLike, identifiers.count < CodeSymbols.maxIdentifiers,
              !path.lowercased().hasSuffix(".vue") else { return false }
        if let (word, _) = blocks.word(endingAt: blocks.previousCode(before: declaration.start)), word == "export" { return false }
        var uses = 0
        for u in byName[declaration.name] ?? [] {
            let use = identifiers[u]
            guard use.start < declaration.start || use.start >= declaration.end else { continue }
            uses += 1
            let before = blocks.unit(blocks.previousCode(before: use.start, reach: 64))
            guard uses <= CodeConditions.maxUses, before == 0x28 || before == 0x2C,
                  [0x29, 0x2C].contains(blocks.unit(blocks.nextCode(from: use.end, reach: 64)) ?? 0),
                  let index = blocks.innermost(containing: use.start), blocks.brackets[index].kind == 0x28,
                  isSetupArgument(blocks, call: blocks.brackets[index], at: use.start) else { return false }
        }
        return uses > 0
    }

    /// What precedes a value: `(`, `,`, `:` or `[`.
    static func isValueStart(_ blocks: CodeBlocks, before p: Int) -> Bool {
        guard let u = blocks.unit(blocks.previousCode(before: p, reach: 64)) else { return false }
        return u == 0x28 || u == 0x2C || u == 0x3A || u == 0x5B
    }

    /// Laravel Socialite's GitHub sign-in: `'github' => [ …, 'redirect' => env('GITHUB_REDIRECT_URL') ]` in
    /// `config/services.php` (rules 2026.12.91). Socialite leaves a null redirect out of the authorize and token requests,
    /// and GitHub then sends the user to the callback URL registered with the OAuth app (GitHub's docs: `redirect_uri` is
    /// optional). That callback may or may not be production's: five Laravel apps' such names were labelled not needed by
    /// the owners' production, three needed (larabug, laravel.cm, novapackages, pinkary, symposium; laravel.io, onramp,
    /// spatie.be), so the audit makes it medium (``NameSort/gitHubRedirect``), not optional. Not another provider's: Google
    /// and most others refuse a request without it.
    package static let socialiteGitHub = "Socialite's GitHub sign-in"

    static func isSocialiteGitHubRedirect(_ blocks: CodeBlocks, read: Range<Int>, path: String) -> Bool {
        guard blocks.syntax == .cLike, path == "config/services.php" || path.hasSuffix("/config/services.php"),
              phpArrayKey(blocks, valueAt: read.lowerBound) == "redirect" else { return false }
        guard isValueEnd(blocks, after: read.upperBound), let index = blocks.innermost(containing: read.lowerBound) else { return false }
        let array = blocks.brackets[index]
        // `[ … ]`, or the older `array( … )` (a review of .91)
        let isArray = array.kind == 0x5B
            || (array.kind == 0x28 && blocks.word(endingAt: blocks.previousCode(before: array.open, reach: 8))?.0.lowercased() == "array")
        guard isArray else { return false }
        let key = array.kind == 0x5B ? array.open : blocks.word(endingAt: blocks.previousCode(before: array.open, reach: 8))?.1 ?? array.open
        return phpArrayKey(blocks, valueAt: key)?.lowercased() == "github"
    }

    /// Devise's `config.secret_key = ENV["X"]` in its initializer: unset, Devise takes the app's `secret_key_base`
    /// when the app boots (`Devise.secret_key ||= …` in devise's `lib/devise/rails.rb`) — farmbot's `DEVISE_SECRET`,
    /// if-me's `DEVISE_SECRET_KEY` (held-out batches 44 and 86, both owner-false). The read must be the whole value, to
    /// the end of its line: `ENV.fetch("X")` stops when unset (gumroad's, owner-true) and is no such read; a value built
    /// from it is the app's own.
    /// What such a read defaults to, as shown.
    static let deviseSecretKey = "the app's secret_key_base (Devise's own fallback)"

    static func isDeviseSecretKey(_ blocks: CodeBlocks, read: Range<Int>, name: String, path: String) -> Bool {
        // not the app's own secret_key_base read into it (`config.secret_key = ENV['SECRET_KEY_BASE']`, the usual line;
        // a review of .96): that fallback is the name itself
        guard blocks.syntax == .ruby, !name.hasSuffix("SECRET_KEY_BASE"),
              path == "config/initializers/devise.rb" || path.hasSuffix("/config/initializers/devise.rb") else { return false }
        var end = read.upperBound
        while let u = blocks.unit(end), u == 0x20 || u == 0x09 { end += 1 }
        guard blocks.unit(end).map({ $0 == 0x0A || $0 == 0x0D || $0 == 0x23 }) ?? true else { return false }  // end of line, or `#`
        let equals = blocks.previousCode(before: read.lowerBound, reach: 16)
        guard blocks.unit(equals) == 0x3D,  // not `||=` or `==`: no word ends right before their `=`
              let (word, start) = blocks.word(endingAt: blocks.previousCode(before: equals, reach: 16)), word == "secret_key" else { return false }
        // `config.secret_key` or `Devise.secret_key`, not `jwt.secret_key` of devise-jwt's block
        guard blocks.unit(start - 1) == 0x2E, let (receiver, _) = blocks.word(endingAt: start - 2) else { return false }
        return receiver == "config" || receiver == "Devise"
    }

    /// The quoted key of the PHP array entry whose value starts at `p` (`'key' => value`).
    static func phpArrayKey(_ blocks: CodeBlocks, valueAt p: Int) -> String? {
        let arrow = blocks.previousCode(before: p, reach: 16)
        guard arrow > 0, blocks.unit(arrow) == 0x3E, blocks.unit(arrow - 1) == 0x3D else { return nil }  // =>
        let close = blocks.previousCode(before: arrow - 1, reach: 16)
        guard let quote = blocks.unit(close), quote == 0x27 || quote == 0x22 else { return nil }
        var q = close - 1
        while q > max(0, close - 64), blocks.units[q] != quote { q -= 1 }
        guard q >= 0, q < close, blocks.units[q] == quote else { return nil }
        return String(decoding: blocks.units[(q + 1)..<close], as: UTF16.self)
    }

    /// What follows a value: `)`, `,`, `}` or `]` (so `read || other` and `read.split(…)` are not options).
    static func isValueEnd(_ blocks: CodeBlocks, after p: Int) -> Bool {
        guard let u = blocks.unit(blocks.nextCode(from: p, reach: 64)) else { return false }
        return u == 0x29 || u == 0x2C || u == 0x7D || u == 0x5D
    }

    /// The dotted name called with the bracket opening at `open`: `Sentry.init`, `withSentryConfig`.
    static func callee(_ blocks: CodeBlocks, before open: Int) -> String? {
        guard let (last, start) = blocks.word(endingAt: blocks.previousCode(before: open, reach: 8)) else { return nil }
        var name = last, p = start, parts = 1
        while parts < 4 {
            let dot = blocks.previousCode(before: p, reach: 8)
            guard blocks.unit(dot) == 0x2E, let (word, wordStart) = blocks.word(endingAt: blocks.previousCode(before: dot, reach: 8)) else { break }
            name = word + "." + name
            p = wordStart
            parts += 1
        }
        return name
    }
}

extension CodeSetupOptions {
    /// The whole value of a key of the `env: { … }` object in a Next.js config (`next.config.js`, `.mjs`, `.cjs`,
    /// `.ts`): `env: { NEXTAUTH_URL: process.env.NEXTAUTH_URL }` has Next.js inline what the build sees, and nothing
    /// when it is unset — the value's users decide whether it is needed, not this line (a TypeScript `as T` after it is
    /// the same value). A read in an expression
    /// (`env: { X: process.env.X || 'd' }`) or elsewhere in the config is judged as usual.
    ///
    /// Likewise a bundler's define that hands the build's value to the bundle under the same name (rules 2026.12.104):
    /// webpack's `new webpack.DefinePlugin({ "process.env": { TOP_MESSAGE: JSON.stringify(process.env.TOP_MESSAGE) } })`
    /// (sf dahlia web's `config/webpack/base.js`, held-out batch 106, whose bundle tests `process.env.TOP_MESSAGE &&`),
    /// `DefinePlugin({ 'process.env.X': JSON.stringify(process.env.X) })`, and Vite's `define: { 'process.env.X': … }` or
    /// `'import.meta.env.X'`. The bundle's reads of the name decide; a renamed key, or a read in an expression
    /// (`JSON.stringify(process.env.X || 'd')`), is judged as usual.
    static func isBuildPassThrough(_ blocks: CodeBlocks, read: Range<Int>, name: String, path: String) -> Bool {
        if isBundlerDefine(blocks, read: read, name: name) { return true }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let colon = blocks.previousCode(before: read.lowerBound, reach: 64)
        guard blocks.syntax == .cLike, ["next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts"].contains(file),
              blocks.unit(colon) == 0x3A,  // `KEY: read`, the key the name itself (a renamed key is read under the other name)
              let (key, _) = blocks.word(endingAt: blocks.previousCode(before: colon, reach: 8)), key == name,
              CodeConditions(blocks: blocks).endsPropertyValue(after: read.upperBound),
              let index = blocks.innermost(containing: read.lowerBound), blocks.brackets[index].kind == 0x7B else { return false }
        let envColon = blocks.previousCode(before: blocks.brackets[index].open, reach: 64)
        guard blocks.unit(envColon) == 0x3A, let (envKey, _) = blocks.word(endingAt: blocks.previousCode(before: envColon, reach: 8)), envKey == "env",
              let outer = blocks.brackets[index].parent >= 0 ? blocks.brackets[index].parent : nil, blocks.brackets[outer].kind == 0x7B
        else { return false }
        return isNextConfigObject(blocks, blocks.brackets[outer])
    }

    /// `KEY: JSON.stringify(read)` in a bundler's define (``isBuildPassThrough(_:read:name:path:)``).
    static func isBundlerDefine(_ blocks: CodeBlocks, read: Range<Int>, name: String) -> Bool {
        guard blocks.syntax == .cLike else { return false }
        let paren = blocks.previousCode(before: read.lowerBound, reach: 16)
        guard blocks.unit(paren) == 0x28, let call = blocks.bracket(at: paren), callee(blocks, before: paren) == "JSON.stringify",
              blocks.unit(blocks.nextCode(from: read.upperBound, reach: 16)) == 0x29,
              CodeConditions(blocks: blocks).endsPropertyValue(after: call.close + 1),
              let (_, stringifyStart) = blocks.word(endingAt: blocks.previousCode(before: paren, reach: 8)),
              let (_, jsonStart) = blocks.word(endingAt: blocks.previousCode(before: blocks.previousCode(before: stringifyStart, reach: 8), reach: 8)),
              let key = quotedOrPlainKey(blocks, before: jsonStart),
              let index = blocks.innermost(containing: read.lowerBound).flatMap({ blocks.brackets[$0].parent >= 0 ? blocks.brackets[$0].parent : nil }),
              blocks.brackets[index].kind == 0x7B else { return false }
        let object = blocks.brackets[index]
        if key == name {
            // `"process.env": { NAME: … }`
            return quotedOrPlainKey(blocks, before: object.open) == "process.env"
        }
        guard key == "process.env." + name || key == "import.meta.env." + name else { return false }
        // the object is DefinePlugin's argument or Vite's `define:`
        let before = blocks.previousCode(before: object.open, reach: 64)
        if blocks.unit(before) == 0x28 { return callee(blocks, before: before).map { $0.hasSuffix("DefinePlugin") } ?? false }
        return quotedOrPlainKey(blocks, before: object.open) == "define"
    }

    /// The key whose whole value starts at `p`: `KEY:`, `"KEY":` or `'process.env.KEY':`, its text without quotes.
    static func quotedOrPlainKey(_ blocks: CodeBlocks, before p: Int) -> String? {
        let colon = blocks.previousCode(before: p, reach: 64)
        guard blocks.unit(colon) == 0x3A else { return nil }
        let last = blocks.previousCode(before: colon, reach: 16)
        guard let u = blocks.unit(last) else { return nil }
        if u == 0x22 || u == 0x27 {
            var q = last - 1
            while q >= 0, last - q < 128, blocks.units[q] != u { q -= 1 }
            guard q >= 0, blocks.units[q] == u, q < last else { return nil }
            return String(decoding: blocks.units[(q + 1)..<last], as: UTF16.self)
        }
        return blocks.word(endingAt: last)?.0
    }

    /// The config object itself: a `{…}` assigned or exported at the top level (`const nextConfig = {`, `module.exports
    /// = {`, `export default {`), returned by a config function (`(phase) => ({`), or given to a plugin wrapper
    /// (`withSentryConfig({`, `withBundleAnalyzer({`). Not an object under another key (`serverRuntimeConfig: { env }`)
    /// nor a call's options (`execSync(cmd, { env })`).
    static func isNextConfigObject(_ blocks: CodeBlocks, _ object: CodeBlocks.Bracket) -> Bool {
        let before = blocks.previousCode(before: object.open, reach: 64)
        switch blocks.unit(before) {
        case 0x3D:  // `= {`
            return object.parent < 0
        case 0x28:  // `({` — an arrow's body or a wrapper's argument
            let paren = blocks.previousCode(before: before, reach: 64)
            if blocks.unit(paren) == 0x3E, blocks.unit(paren - 1) == 0x3D { return true }  // `=> ({`
            return callee(blocks, before: before).map { $0.split(separator: ".").last.map { $0.hasPrefix("with") } ?? false } ?? false
        default:
            if let (word, _) = blocks.word(endingAt: before) { return word == "default" || word == "return" }  // `export default {`, `return {`
            return false
        }
    }
}

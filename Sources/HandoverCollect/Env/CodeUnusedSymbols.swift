import Foundation
import HandoverModel
/// A read inside a top-level function, class or exported const of a JavaScript or TypeScript module that nothing in
/// the repository's production code names — growthbook's `export const REMOTE_EVAL_EDGE_HOST = process.env.…`, unkey's
/// uncalled `defaultProSubscriptions()`, novu's never-constructed `MailService` — runs nowhere: it is dead code.
///
/// "Names" is textual and deliberately wide: every word of every production source file counts (code, strings and
/// comments alike, member accesses too: `secrets.X`, `"app.tasks.X"`, a template's `{{ X() }}`), except the symbol's
/// own declaration. So a use through a namespace import, a string or a template keeps the symbol alive; only a name
/// written nowhere else is taken as unused. What a framework or platform calls by convention, unnamed in code, is
/// never a candidate: default exports, decorated declarations, route and config files, and the names frameworks call
/// (`GET`, `handler`, `loader`, `getServerSideProps`, …). Words are kept as 64-bit hashes: linear in the text, small.
package enum CodeUnusedSymbols {
    /// FNV-1a over the name's UTF-16 units.
    static func hash<C: Collection>(_ units: C) -> UInt64 where C.Element == UInt16 {
        units.reduce(fnvOffset, step)
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ u: UInt16) -> UInt64 { (h ^ UInt64(u)) &* 0x100_0000_01b3 }

    static func hash(_ name: String) -> UInt64 { hash(name.utf16) }

    /// A symbol's own text, where its name does not count as a use.
    struct Own {
        var hash: UInt64
        var start: Int
        var end: Int
        /// An exported alias's statement (`export const X = process.env.X`): its member `.X` is the read, not a use.
        var membersToo = false
    }

    /// The hashes of every word of a text outside the own text of a symbol of the same name.
    static func words(_ units: [UInt16], own: [Own]) -> Set<UInt64> {
        let own = own.sorted { $0.start < $1.start }
        var out = Set<UInt64>()
        var next = 0  // the first own span that may hold the current position
        var p = 0
        while p < units.count {
            let u = units[p]
            guard CodeReadTail.isIdentifier(u) else { p += 1; continue }
            var end = p
            var h = fnvOffset
            while end < units.count, CodeReadTail.isIdentifier(units[end]) {
                h = step(h, units[end])
                end += 1
            }
            defer { p = end }
            if u >= 0x30 && u <= 0x39 { continue }  // a number
            while next < own.count, own[next].end <= p { next += 1 }
            // `billing.createCheckout(…)` inside a wrapper of the same name names the other module's symbol
            let member = p > 0 && units[p - 1] == 0x2E && !(p > 1 && units[p - 2] == 0x2E)
            var inOwn = false
            var i = next
            while i < own.count, own[i].start <= p {
                if own[i].hash == h, p < own[i].end, !member || own[i].membersToo { inOwn = true; break }
                i += 1
            }
            if !inOwn { out.insert(h) }
        }
        return out
    }

    /// Reads whose need dead code can take away: a plain read, one that stops the app unset (`if (!X) throw`), or one
    /// whose `?? ''` / `?? null` leaves a credential empty. A read with a working default or a test needs nothing anyway.
    static func judged(_ fallback: CodeFallback?) -> Bool {
        guard let kind = fallback?.kind else { return true }
        return kind == .enforced || kind == .empty || kind == .absent
    }

    static let scriptExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "cjs"]

    /// Names frameworks and platforms call without code naming them.
    static let conventionNames: Set<String> = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "handler", "main", "default", "loader", "action", "load",
        "middleware", "config", "metadata", "viewport", "generateMetadata", "generateViewport", "generateStaticParams",
        "generateImageMetadata", "generateSitemaps", "getServerSideProps", "getStaticProps", "getStaticPaths", "getInitialProps",
        "revalidate", "dynamic", "dynamicParams", "runtime", "preferredRegion", "maxDuration", "fetchCache", "links", "meta",
        "headers", "clientLoader", "clientAction", "ErrorBoundary", "HydrateFallback", "Layout", "shouldRevalidate", "fetch",
        "scheduled", "queue", "email", "tail", "trace", "register", "onRequest", "onRequestGet", "onRequestPost", "prerender",
        "entries", "ssr", "csr", "trailingSlash", "setup", "teardown", "activate", "deactivate", "plugin", "worker",
        "collections", "sourceNodes", "createPages", "onCreateNode", "createSchemaCustomization", "onCreateWebpackConfig",
        "onPreBootstrap", "onPostBuild", "wrapRootElement", "wrapPageElement", "lambdaHandler",
    ]

    /// File names (without extension) frameworks load by convention.
    static let conventionFiles: Set<String> = [
        "page", "layout", "route", "middleware", "loading", "error", "template", "default", "not-found", "global-error",
        "instrumentation", "instrumentation-client", "sitemap", "robots", "manifest", "opengraph-image", "twitter-image", "icon",
        "apple-icon", "_app", "_document", "_error", "root", "entry.server", "entry.client", "server", "worker", "index", "main",
        "handler", "handlers", "lambda", "serverless", "hooks.server", "hooks.client", "app", "config", "gatsby-node",
        "gatsby-config", "gatsby-browser", "gatsby-ssr",
    ]

    /// Folders whose files frameworks load by path (file-based routing, serverless functions, migration and job runners).
    static let conventionFolders: Set<String> = ["pages", "routes", "functions", "netlify", "lambdas", "lambda", "handlers", "cron", "jobs",
                                                  "tasks", "workers", "migration", "migrations", "commands", "plugins"]

    /// Whether a symbol declared at `start` in the file at `path` is one whose uses decide whether it runs.
    static func isCandidate(_ blocks: CodeBlocks, name: String, start: Int, path: String) -> Bool {
        let components = path.split(separator: "/")
        guard let file = components.last else { return false }
        let parts = file.split(separator: ".")
        guard parts.count >= 2, scriptExtensions.contains(parts[parts.count - 1].lowercased()) else { return false }
        let base = parts.dropLast().joined(separator: ".").lowercased()
        if conventionFiles.contains(base) || base.hasPrefix("+") || base.hasSuffix(".config") || base.hasPrefix("[") { return false }
        if components.dropLast().contains(where: { conventionFolders.contains($0.lowercased()) }) { return false }
        if conventionNames.contains(name) { return false }
        // `export default function X`, `export default class X`; and a decorator above it (`@Injectable()`)
        var p = blocks.previousCode(before: start, reach: 4096)
        while let (word, wordStart) = blocks.word(endingAt: p), ["export", "async", "abstract", "declare", "default"].contains(word) {
            if word == "default" { return false }
            p = blocks.previousCode(before: wordStart, reach: 4096)
        }
        guard p >= 0 else { return true }
        // a value, not a statement: `module.exports = function send(…)`, `exports.x = class X`, `f(function g() {…})`
        if let u = blocks.unit(p), [0x3D, 0x28, 0x2C, 0x3A, 0x3F, 0x7C, 0x26, 0x5B].contains(u) { return false }
        return !decorated(blocks, before: p)
    }

    /// Whether the code ending at `p` is a decorator (`@Injectable()`, `@Processor({\n name: 'mail',\n})`, `@Entity`).
    static func decorated(_ blocks: CodeBlocks, before p: Int) -> Bool {
        var q = p
        if blocks.unit(q) == 0x29 {  // the decorator's arguments: back to their `(`
            var depth = 0
            let limit = max(0, p - 4096)
            while q >= limit {
                if blocks.isCode(q), let u = blocks.unit(q) {
                    if u == 0x29 { depth += 1 } else if u == 0x28 { depth -= 1; if depth == 0 { break } }
                }
                q -= 1
            }
            guard q >= limit else { return true }  // unbalanced within reach: assume a decorator
            q = blocks.previousCode(before: q, reach: 64)
        }
        while let (_, wordStart) = blocks.word(endingAt: q) {  // `Nest.Injectable`, `Injectable`
            let before = blocks.previousCode(before: wordStart, reach: 8)
            if blocks.unit(before) == 0x40 { return true }
            guard blocks.unit(before) == 0x2E else { return false }
            q = blocks.previousCode(before: before, reach: 8)
        }
        return false
    }

    /// What a file says of whole modules: `import * as ns from "m"` with `ns` used as a value (`Object.values(ns)`,
    /// `register(ns)`, not only `ns.member`, whose member is a word like any other) or `export * as ns from "m"` takes
    /// m whole; `export * from "m"` re-exports m's names from this file's module, so m is taken whole when this module
    /// is. A symbol of a module taken whole may be used without being named: it is never judged unused.
    static func moduleUses(in text: String) -> (whole: [String], reexported: [String]) {
        guard text.contains("*"), let starImport else { return ([], []) }
        var whole: [String] = [], reexported: [String] = []
        let ns = text as NSString
        for match in starImport.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard let module = moduleName(ns.substring(with: match.range(at: 4))) else { continue }
            let keyword = ns.substring(with: match.range(at: 1))
            if match.range(at: 3).location == NSNotFound {
                if keyword == "export" { reexported.append(module) }
                continue
            }
            let local = ns.substring(with: match.range(at: 3))
            if keyword == "export" || usedWhole(local, in: text, outside: match.range) { whole.append(module) }
        }
        return (whole, reexported)
    }

    /// Whether `local` appears outside its import statement other than before a `.`/`?.`.
    static func usedWhole(_ local: String, in text: String, outside statement: NSRange) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: local)
        guard let regex = try? NSRegularExpression(pattern: #"(?<![\w$.])"# + escaped + #"(?![\w$])(?![ \t]*\??\.)"#) else { return true }
        return regex.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length))
            .contains { NSIntersectionRange($0.range, statement).length == 0 }
    }

    /// The names an import may give a module: its file's stem, and for an `index` its folder — and the package's
    /// folder when that is `src` or `lib` (`@unkey/billing` is `web/internal/billing/src/index.ts`).
    static func moduleNames(of path: String) -> [String] {
        var names = CodeImports.moduleNames(of: path)
        let parts = path.split(separator: "/").map(String.init)
        if names.first == "index", parts.count >= 3, ["src", "lib"].contains(parts[parts.count - 2]) { names.append(parts[parts.count - 3]) }
        return names
    }

    /// `"./tools/index"`, `"../tools"`, `"@acme/billing/src/subscriptions.js"` → the name ``CodeImports/moduleNames(of:)`` gives.
    static func moduleName(_ specifier: String) -> String? {
        var parts = specifier.split(separator: "/").map(String.init)
        while let last = parts.last, last == "index" || last == "." || last == ".." || last.hasPrefix("index.") { parts.removeLast() }
        return parts.last.flatMap(CodeImports.stem)
    }

    static let starImport = try? NSRegularExpression(
        pattern: #"\b(import|export)[ \t]*\*[ \t]*(as[ \t]+([A-Za-z_$][\w$]*)[ \t]+)?from[ \t]*['"]([^'"\n]{1,200})['"]"#)

    /// The modules taken whole: those a file takes whole, and what their `export * from` re-export, transitively.
    static func wholeModules(taken: Set<String>, reexports: [String: Set<String>]) -> Set<String> {
        var whole = taken
        var changed = true
        while changed {
            changed = false
            for (barrel, modules) in reexports where whole.contains(barrel) && !modules.isSubset(of: whole) {
                whole.formUnion(modules)
                changed = true
            }
        }
        return whole
    }

    /// Files that are not read for env reads but may name a symbol a platform calls: `template.yaml`'s
    /// `Handler: app.lambdaHandler`, `serverless.yml`, an `.mdx` page importing a component, `index.html`'s module
    /// script, a GraphQL schema, a Procfile, `.mts`/`.cts` modules.
    package static func namesSymbols(_ path: String) -> Bool {
        let lower = path.lowercased()
        if lower.contains("node_modules/") { return false }
        let file = lower.split(separator: "/").last.map(String.init) ?? lower
        if ["procfile", "dockerfile", "containerfile"].contains(file) || file.hasPrefix("dockerfile.") || file.hasPrefix("dockerfile-")
            || file.hasSuffix(".dockerfile") { return true }
        let ext = (file as NSString).pathExtension
        return ["yml", "yaml", "toml", "json", "html", "md", "mdx", "graphql", "gql", "wasp", "mts", "cts", "vue", "svelte", "astro"].contains(ext)
            || (ext.isEmpty == false && CodeReferences.isSourceExtension(ext))
    }
}

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
enum CodeUnusedSymbols {
    /// FNV-1a over the name's UTF-16 units.
    static func hash<C: Collection>(_ units: C) -> UInt64 where C.Element == UInt16 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in units {
            h ^= UInt64(u)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    static func hash(_ name: String) -> UInt64 { hash(name.utf16) }

    /// A symbol's own text, where its name does not count as a use.
    struct Own {
        var hash: UInt64
        var start: Int
        var end: Int
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
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            while end < units.count, CodeReadTail.isIdentifier(units[end]) {
                h ^= UInt64(units[end])
                h = h &* 0x100_0000_01b3
                end += 1
            }
            defer { p = end }
            if u >= 0x30 && u <= 0x39 { continue }  // a number
            while next < own.count, own[next].end <= p { next += 1 }
            var inOwn = false
            var i = next
            while i < own.count, own[i].start <= p {
                if own[i].hash == h, p < own[i].end { inOwn = true; break }
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

    static let scriptExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts"]

    /// Names frameworks and platforms call without code naming them.
    static let conventionNames: Set<String> = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "handler", "main", "default", "loader", "action", "load",
        "middleware", "config", "metadata", "viewport", "generateMetadata", "generateViewport", "generateStaticParams",
        "generateImageMetadata", "generateSitemaps", "getServerSideProps", "getStaticProps", "getStaticPaths", "getInitialProps",
        "revalidate", "dynamic", "dynamicParams", "runtime", "preferredRegion", "maxDuration", "fetchCache", "links", "meta",
        "headers", "clientLoader", "clientAction", "ErrorBoundary", "HydrateFallback", "Layout", "shouldRevalidate", "fetch",
        "scheduled", "queue", "email", "tail", "trace", "register", "onRequest", "onRequestGet", "onRequestPost", "prerender",
        "entries", "ssr", "csr", "trailingSlash", "setup", "teardown", "activate", "deactivate", "plugin", "worker",
    ]

    /// File names (without extension) frameworks load by convention.
    static let conventionFiles: Set<String> = [
        "page", "layout", "route", "middleware", "loading", "error", "template", "default", "not-found", "global-error",
        "instrumentation", "instrumentation-client", "sitemap", "robots", "manifest", "opengraph-image", "twitter-image", "icon",
        "apple-icon", "_app", "_document", "_error", "root", "entry.server", "entry.client", "server", "worker", "index", "main",
        "handler", "handlers", "lambda", "serverless", "hooks.server", "hooks.client",
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
        var p = blocks.previousCode(before: start, reach: 64)
        while let (word, wordStart) = blocks.word(endingAt: p), ["export", "async", "abstract", "declare", "default"].contains(word) {
            if word == "default" { return false }
            p = blocks.previousCode(before: wordStart, reach: 64)
        }
        guard p >= 0 else { return true }
        let (indent, lineStart) = blocks.indentation(ofLineAt: p)
        return blocks.unit(lineStart + indent) != 0x40  // @
    }
}

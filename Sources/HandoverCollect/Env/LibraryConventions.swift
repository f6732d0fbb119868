import Foundation

/// Env vars a library reads by its own convention when the project imports it and does not pass the value:
/// `new Receiver()` of `@upstash/qstash` reads `QSTASH_CURRENT_SIGNING_KEY`, `put()` of `@vercel/blob` reads
/// `BLOB_READ_WRITE_TOKEN`, Auth.js reads `AUTH_SECRET` and, for `import GitHub from "next-auth/providers/github"`,
/// `AUTH_GITHUB_ID` and `AUTH_GITHUB_SECRET`. Each entry is the library's documented default. Names the library
/// defaults itself (`QSTASH_URL`, `TRIGGER_API_URL`, Auth.js' `AUTH_URL` from the request) are not listed.
///
/// A name counts as read this way only when the project's own code reads it nowhere (``CodeReferences/Collector``):
/// an explicit read says more than a convention.
package enum LibraryConventions {
    package struct Convention: Sendable {
        /// The import specifier (`@vercel/blob`), or a Python module (`openai`); subpaths count (`@vercel/blob/client`).
        package var library: String
        package var names: [String]
    }

    package static let table: [Convention] = [
        Convention(library: "@upstash/qstash", names: ["QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"]),
        Convention(library: "@upstash/redis", names: ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]),
        Convention(library: "@vercel/blob", names: ["BLOB_READ_WRITE_TOKEN"]),
        Convention(library: "@vercel/kv", names: ["KV_REST_API_URL", "KV_REST_API_TOKEN"]),
        Convention(library: "@vercel/postgres", names: ["POSTGRES_URL"]),
        Convention(library: "@vercel/edge-config", names: ["EDGE_CONFIG"]),
        Convention(library: "@trigger.dev/sdk", names: ["TRIGGER_SECRET_KEY"]),
        Convention(library: "next-auth", names: ["NEXTAUTH_SECRET", "AUTH_SECRET"]),
        Convention(library: "@auth/core", names: ["AUTH_SECRET"]),
        Convention(library: "openai", names: ["OPENAI_API_KEY"]),
        Convention(library: "@ai-sdk/openai", names: ["OPENAI_API_KEY"]),
        Convention(library: "@anthropic-ai/sdk", names: ["ANTHROPIC_API_KEY"]),
        Convention(library: "@ai-sdk/anthropic", names: ["ANTHROPIC_API_KEY"]),
        Convention(library: "anthropic", names: ["ANTHROPIC_API_KEY"]),
        Convention(library: "resend", names: ["RESEND_API_KEY"]),
        Convention(library: "inngest", names: ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]),
    ]

    /// Auth.js providers imported from these prefixes read `AUTH_<PROVIDER>_ID` and `AUTH_<PROVIDER>_SECRET`.
    static let providerPrefixes = ["next-auth/providers/", "@auth/core/providers/"]

    static let byLibrary: [String: [String]] = Dictionary(table.map { ($0.library, $0.names) }, uniquingKeysWith: { a, b in a + b })

    /// `import x from 'spec'`, `import 'spec'`, `export … from 'spec'`, `require('spec')`, `import('spec')`.
    static let jsImport = try? NSRegularExpression(pattern: #"(?:\bfrom[ \t]*|\brequire\([ \t]*|\bimport[ \t]*\([ \t]*|^[ \t]*import[ \t]+)['"]([@A-Za-z0-9_./-]{1,128})['"]"#,
                                                   options: [.anchorsMatchLines])
    /// Python's `import openai`, `from anthropic import Anthropic`.
    static let pyImport = try? NSRegularExpression(pattern: #"^[ \t]*(?:from|import)[ \t]+([A-Za-z_][A-Za-z0-9_.]{0,127})"#, options: [.anchorsMatchLines])

    /// The names the imports of one file make libraries read, each with the 1-based line of its import and the
    /// library, in text order.
    package static func names(in text: String, python: Bool) -> [(name: String, line: Int, library: String)] {
        guard let regex = python ? pyImport : jsImport else { return [] }
        let units = Array(text.utf16)
        let lines = LineIndex(units)
        var out: [(String, Int, String)] = []
        for match in regex.matches(in: text, range: NSRange(location: 0, length: units.count)) {
            let range = match.range(at: 1)
            let spec = String(decoding: units[range.location..<NSMaxRange(range)], as: UTF16.self)
            let line = lines.line(at: range.location)
            for (library, names) in conventions(of: spec, python: python) { for name in names { out.append((name, line, library)) } }
        }
        return out
    }

    /// The conventions one import brings: its library's (subpaths included), and an Auth.js provider's names.
    static func conventions(of spec: String, python: Bool) -> [(String, [String])] {
        let root = python ? String(spec.prefix { $0 != "." }) : spec
        var out: [(String, [String])] = []
        for (library, names) in byLibrary where root == library || (!python && root.hasPrefix(library + "/")) { out.append((library, names)) }
        if !python, let prefix = providerPrefixes.first(where: spec.hasPrefix) {
            let provider = spec.dropFirst(prefix.count).uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            if !provider.isEmpty, provider.count <= 40 {
                out.append((String(prefix.dropLast()), ["AUTH_\(provider)_ID", "AUTH_\(provider)_SECRET"]))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }
}

import Foundation

/// Env var names referenced in source code: `process.env.X`, `import.meta.env.X`, `os.environ["X"]`, `os.getenv("X")`,
/// `ENV.fetch("X")`, `Deno.env.get("X")`, `std::env::var("X")`, `os.Getenv("X")`,
/// `ProcessInfo.processInfo.environment["X"]`, … The patterns are data; each has examples that must match.
public enum CodeReferences {
    public struct Pattern: Sendable {
        public var id: String
        /// A regular expression whose first capture group is the name.
        public var regex: String
        public var matches: [String]
        public var nonMatches: [String]
    }

    static let name = #"([A-Z][A-Z0-9_]{1,127})"#

    public static let patterns: [Pattern] = [
        Pattern(id: "js.process-env", regex: #"process\.env\.\#(name)\b"#, matches: ["process.env.DATABASE_URL"], nonMatches: ["process.env.x"]),
        Pattern(id: "js.process-env-index", regex: #"process\.env\[\s*['"`]\#(name)['"`]\s*\]"#, matches: [#"process.env["STRIPE_KEY"]"#], nonMatches: ["process.env[name]"]),
        Pattern(id: "js.import-meta-env", regex: #"import\.meta\.env\.\#(name)\b"#, matches: ["import.meta.env.VITE_API_URL"], nonMatches: ["import.meta.url"]),
        Pattern(id: "python.os-environ", regex: #"os\.environ(?:\.get)?\s*[\[(]\s*['"]\#(name)['"]"#, matches: [#"os.environ["SECRET_KEY"]"#, #"os.environ.get('REDIS_URL')"#], nonMatches: ["os.environ[key]"]),
        Pattern(id: "python.os-getenv", regex: #"os\.getenv\(\s*['"]\#(name)['"]"#, matches: [#"os.getenv("OPENAI_API_KEY")"#], nonMatches: ["os.getenv(name)"]),
        Pattern(id: "ruby.env", regex: #"\bENV(?:\.fetch\(\s*|\[\s*)['"]\#(name)['"]"#, matches: [#"ENV["RAILS_MASTER_KEY"]"#, #"ENV.fetch("SMTP_HOST")"#], nonMatches: ["ENV[key]"]),
        Pattern(id: "deno.env-get", regex: #"Deno\.env\.get\(\s*['"]\#(name)['"]"#, matches: [#"Deno.env.get("SUPABASE_URL")"#], nonMatches: ["Deno.env.toObject()"]),
        Pattern(id: "rust.env-var", regex: #"env::var(?:_os)?\(\s*"\#(name)""#, matches: [#"std::env::var("DATABASE_URL")"#], nonMatches: ["env::var(name)"]),
        Pattern(id: "go.os-getenv", regex: #"os\.(?:Getenv|LookupEnv)\(\s*"\#(name)""#, matches: [#"os.Getenv("PORT_NUMBER")"#], nonMatches: ["os.Getenv(key)"]),
        Pattern(id: "swift.process-info", regex: #"environment\[\s*"\#(name)"\s*\]"#, matches: [#"ProcessInfo.processInfo.environment["API_TOKEN"]"#], nonMatches: ["environment[key]"]),
    ]

    static let compiled: [(String, NSRegularExpression)] = patterns.compactMap { p in
        (try? NSRegularExpression(pattern: p.regex)).map { (p.id, $0) }
    }

    /// Files worth reading: source code, not lockfiles, minified bundles or vendored trees.
    public static func isSource(_ path: String) -> Bool {
        let lower = path.lowercased()
        for skip in ["node_modules/", "vendor/", "dist/", "build/", ".next/", "coverage/", "__pycache__/"] where lower.contains(skip) { return false }
        if lower.hasSuffix(".min.js") || lower.hasSuffix(".map") { return false }
        let extensions = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "astro", "py", "rb", "go", "rs", "swift", "kt", "java",
                          "php", "ex", "exs", "cs", "scala", "sh"]
        return extensions.contains((lower as NSString).pathExtension)
    }

    /// Names referenced in one file, with `path:line` locations.
    public static func scan(_ text: String, path: String) -> [(name: String, location: String)] {
        var found: [(String, String)] = []
        var lineStarts: [String.Index] = [text.startIndex]
        var index = text.startIndex
        while let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            lineStarts.append(index)
        }
        let range = NSRange(text.startIndex..., in: text)
        for (_, regex) in compiled {
            for match in regex.matches(in: text, range: range) {
                guard let nameRange = Range(match.range(at: 1), in: text) else { continue }
                let line = lineStarts.lastIndex { $0 <= nameRange.lowerBound }.map { $0 + 1 } ?? 1
                found.append((String(text[nameRange]), "\(path):\(line)"))
            }
        }
        return found
    }

    /// Names the platform sets, never expected in an env file.
    public static let runtimeNames: Set<String> = ["NODE_ENV", "PORT", "HOST", "HOSTNAME", "PATH", "HOME", "PWD", "USER", "CI", "TZ", "LANG",
                                                    "VERCEL", "VERCEL_ENV", "VERCEL_URL", "FLY_APP_NAME", "FLY_REGION", "RENDER", "DYNO",
                                                    "GITHUB_ACTIONS", "DEBUG", "NODE_OPTIONS", "PYTHONPATH", "RAILS_ENV", "RACK_ENV"]

    /// Client bundle prefixes: names starting so are shipped to every browser.
    public static let clientPrefixes = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "PUBLIC_", "NUXT_PUBLIC_", "GATSBY_"]
    static let secretWords = ["SECRET", "PRIVATE", "TOKEN", "PASSWORD", "PASSWD", "_KEY", "CREDENTIAL"]
    static let publicWords = ["PUBLISHABLE", "ANON_KEY", "SITE_KEY", "PUBLIC_KEY", "POSTHOG_KEY", "MEASUREMENT_ID", "MAPBOX_TOKEN"]

    /// A name bundled into client code that looks like a secret (publishable and anon keys excepted).
    public static func isClientExposedSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard clientPrefixes.contains(where: upper.hasPrefix) else { return false }
        let rest = clientPrefixes.first(where: upper.hasPrefix).map { String(upper.dropFirst($0.count)) } ?? upper
        guard secretWords.contains(where: { rest.contains($0) || ("_" + rest).contains($0) }) else { return false }
        return !publicWords.contains(where: upper.contains)
    }
}

/// A name referenced in code at HEAD, with every place it is used.
public struct CodeReference: Codable, Sendable, Equatable {
    public var name: String
    /// `path:line`, sorted.
    public var locations: [String]

    public init(name: String, locations: [String]) {
        self.name = name
        self.locations = locations
    }
}

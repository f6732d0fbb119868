import Foundation
import HandoverModel

/// Env var names referenced in source code: `process.env.X`, `import.meta.env.X`, `os.environ["X"]`, `os.getenv("X")`,
/// `ENV.fetch("X")`, `Deno.env.get("X")`, `std::env::var("X")`, `os.Getenv("X")`, Laravel's `env('X')`,
/// `ProcessInfo.processInfo.environment["X"]`, … The patterns are data; each has examples that must match.
///
/// Each read also records what the code does when the variable is unset (a default, an alternative name) — see
/// ``CodeReadTail`` — and the kind of file it sits in (``CodePlace``). Collectors record; the checks judge.
package enum CodeReferences {
    package struct Pattern: Sendable {
        package var id: String
        /// A regular expression whose first capture group is the name.
        package var regex: String
        /// What closes the read after the match (`)` of a call, `]` of an index); nil when the match is the whole read.
        package var closer: Character?
        /// The call takes a default as its next argument (`os.getenv('X', 'd')`, `ENV.fetch('X', d)`, `env('X', d)`).
        package var argumentDefault = false
        /// The capture group holding the name, and the one holding the read expression (nil: the whole match).
        package var nameGroup = 1
        package var readGroup: Int? = nil
        package var matches: [String]
        package var nonMatches: [String]
    }

    static let name = #"([A-Z][A-Z0-9_]{1,127})"#
    /// CGI meta-variables (RFC 3875) and PHP's own `$_SERVER` entries: set per request by the web server, never env.
    static let cgiNames = ["AUTH_TYPE", "CONTENT_LENGTH", "CONTENT_TYPE", "GATEWAY_INTERFACE", "PATH_INFO", "PATH_TRANSLATED", "QUERY_STRING",
                           "REMOTE_ADDR", "REMOTE_HOST", "REMOTE_IDENT", "REMOTE_PORT", "REMOTE_USER", "REQUEST_METHOD", "REQUEST_URI",
                           "REQUEST_SCHEME", "REQUEST_TIME_FLOAT", "REQUEST_TIME", "SCRIPT_NAME", "SCRIPT_FILENAME", "SERVER_ADDR", "SERVER_NAME",
                           "SERVER_PORT", "SERVER_PROTOCOL", "SERVER_SOFTWARE", "SERVER_ADMIN", "SERVER_SIGNATURE", "DOCUMENT_ROOT", "HTTPS",
                           "PHP_SELF", "PHP_AUTH_USER", "PHP_AUTH_PW", "argv", "argc"].joined(separator: "|")

    package static let patterns: [Pattern] = [
        Pattern(id: "js.process-env", regex: #"process\.env\??\.\#(name)\b"#, matches: ["process.env.DATABASE_URL", "process.env?.IP_HEADER_ORDER"],
                nonMatches: ["process.env.x", "process.env?.x"]),
        Pattern(id: "js.process-env-index", regex: #"process\.env\[\s*['"`]\#(name)['"`]\s*\]"#, matches: [#"process.env["STRIPE_KEY"]"#], nonMatches: ["process.env[name]"]),
        // A name built in a template literal: `process.env[`UPLOAD_BUCKET${suffix}`]` reads UPLOAD_BUCKET (suffix "" or
        // a region's), directly or through a const that holds the template (papermark's storage config).
        Pattern(id: "js.process-env-template", regex: #"process\.env\[\s*`\#(name)\$\{[^`}\n]{1,64}\}`\s*\]"#,
                matches: ["process.env[`UPLOAD_BUCKET${suffix}`]", "process.env[ `REGION${isUS ? '_US' : ''}` ]"],
                nonMatches: ["process.env[`${prefix}_KEY`]", "process.env[`upload_${x}`]"]),
        Pattern(id: "js.process-env-template-alias",
                regex: #"(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*`\#(name)\$\{[^`}\n]{1,64}\}`[^\n]*\n(?:[^\n]*\n){0,3}?[^\n]*?(process\.env\[[ \t]*\1[ \t]*\])"#,
                nameGroup: 2, readGroup: 3,
                matches: ["const keyVar = `UPLOAD_ACCESS_KEY_ID${suffix}`;\nconst key = process.env[keyVar];",
                          "const v = `REGION${s}`;\nreturn process.env[v] || 'eu-central-1';"],
                nonMatches: ["const keyVar = `UPLOAD_KEY_ID${suffix}`;\nconst key = process.env[otherVar];",
                             "const keyVar = `UPLOAD_KEY_ID${suffix}`;\na()\nb()\nc()\nd()\nconst key = process.env[keyVar];"]),
        // A project's own accessor: `assertEnv("AHREFS_API_KEY")` (dub), `getEnv('X')`, `requireEnv('X', 'd')`,
        // `parseEnv("X", "string", d)`, `parseEnvOptional("X", "string")` and their `…Sync` forms (latitude).
        Pattern(id: "js.env-accessor",
                regex: #"(?<![\w$.])(?:get|assert|require|read|must|mustGet|getRequired|parse)(?:Env|EnvVar|EnvVariable|Environment|EnvironmentVariable)(?:OrThrow|Optional)?(?:Sync)?\(\s*['"`]\#(name)['"`]"#,
                closer: ")", argumentDefault: true,
                matches: [#"assertEnv("AHREFS_API_KEY")"#, #"getEnv('LOG_LEVEL', 'info')"#, #"requireEnvVar("DATABASE_URL")"#, #"getEnvOrThrow("X_Y")"#,
                          #"parseEnv("LAT_DATABASE_URL", "string")"#, #"parseEnvOptional("X_Y", "number")"#, #"parseEnvOptionalSync("X_Y", "number")"#],
                nonMatches: [#"createEnv("X_Y")"#, #"vi.stubEnv("X_Y", "1")"#, #"config.getEnv("X_Y")"#, #"getEnv(name)"#, #"loadEnv("X_Y")"#]),
        // Not Vite's (and Astro's) built-in constants, which the bundler sets from its own mode and config, never the environment.
        Pattern(id: "js.import-meta-env", regex: #"import\.meta\.env\.(?!(?:BASE_URL|MODE|DEV|PROD|SSR|SITE|ASSETS_PREFIX)\b)\#(name)\b"#,
                matches: ["import.meta.env.VITE_API_URL", "import.meta.env.BASE_URL_API", "import.meta.env.PRODUCT_ID"],
                nonMatches: ["import.meta.url", "import.meta.env.BASE_URL", "import.meta.env.MODE", "import.meta.env.PROD"]),
        Pattern(id: "python.os-environ", regex: #"os\.environ\s*\[\s*['"]\#(name)['"]"#, closer: "]", matches: [#"os.environ["SECRET_KEY"]"#], nonMatches: ["os.environ[key]"]),
        Pattern(id: "python.os-environ-get", regex: #"os\.environ\.get\(\s*['"]\#(name)['"]"#, closer: ")", argumentDefault: true,
                matches: [#"os.environ.get('REDIS_URL')"#, #"os.environ.get("LOG_LEVEL", "info")"#], nonMatches: ["os.environ.get(key)"]),
        // `os.environ.setdefault('X', 'd')`: the code gives the variable a value when unset (``CodeFallback/Kind/assigned``)
        Pattern(id: "python.os-environ-setdefault", regex: #"os\.environ\.setdefault\(\s*['"]\#(name)['"]"#, closer: ")", argumentDefault: true,
                matches: [#"os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")"#], nonMatches: ["os.environ.setdefault(key, 'x')"]),
        // `'X' in os.environ`: a test of presence (``CodeConditions``), never the value
        Pattern(id: "python.in-os-environ", regex: #"['"]\#(name)['"][ \t]+(?:not[ \t]+)?in[ \t]+os\.environ\b(?![ \t]*[\[.])"#,
                matches: [#"if "DATABASE_URL" in os.environ:"#, #"'SENTRY_DSN' not in os.environ"#],
                nonMatches: [#""DATABASE_URL" in os.environ.get("X", "")"#, #"name in os.environ"#, #""A" in os.environ["B"]"#]),
        Pattern(id: "python.os-getenv", regex: #"os\.getenv\(\s*['"]\#(name)['"]"#, closer: ")", argumentDefault: true,
                matches: [#"os.getenv("OPENAI_API_KEY")"#], nonMatches: ["os.getenv(name)"]),
        Pattern(id: "ruby.env", regex: #"\bENV\[\s*['"]\#(name)['"]"#, closer: "]", matches: [#"ENV["RAILS_MASTER_KEY"]"#], nonMatches: ["ENV[key]"]),
        Pattern(id: "ruby.env-fetch", regex: #"\bENV\.fetch\(\s*['"]\#(name)['"]"#, closer: ")", argumentDefault: true,
                matches: [#"ENV.fetch("SMTP_HOST")"#, #"ENV.fetch("WEB_CONCURRENCY", 2)"#], nonMatches: ["ENV.fetch(key)"]),
        Pattern(id: "deno.env-get", regex: #"Deno\.env\.get\(\s*['"]\#(name)['"]"#, closer: ")", matches: [#"Deno.env.get("SUPABASE_URL")"#], nonMatches: ["Deno.env.toObject()"]),
        Pattern(id: "rust.env-var", regex: #"env::var(?:_os)?\(\s*"\#(name)""#, closer: ")", matches: [#"std::env::var("DATABASE_URL")"#], nonMatches: ["env::var(name)"]),
        Pattern(id: "go.os-getenv", regex: #"os\.Getenv\(\s*"\#(name)""#, closer: ")", matches: [#"os.Getenv("PORT_NUMBER")"#], nonMatches: ["os.Getenv(key)"]),
        Pattern(id: "go.os-lookupenv", regex: #"os\.LookupEnv\(\s*"\#(name)""#, closer: ")", matches: [#"os.LookupEnv("SENTRY_DSN")"#], nonMatches: ["os.LookupEnv(key)"]),
        Pattern(id: "php.env", regex: #"(?<![\w.$>:])env\(\s*['"]\#(name)['"]"#, closer: ")", argumentDefault: true,
                matches: [#"env('APP_KEY')"#, #"env("MAIL_PORT", 587)"#], nonMatches: ["env($key)", "createEnv('X_Y')", "this.env('X_Y')"]),
        // django-environ's typed readers (`env.bool("DEBUG", default=False)`, `env.int("PORT", 8000)`, `env.db("DATABASE_URL")`):
        // a default as the second argument or `default=`; none raises ImproperlyConfigured (rules 2026.12.89, bookwyrm's settings)
        Pattern(id: "python.environ-typed",
                regex: #"(?<![\w.$>:])env\.(?:bool|int|float|str|bytes|decimal|list|tuple|dict|json|url|path|db_url|db|cache_url|cache|email_url|email|search_url)\(\s*['"]\#(name)['"]"#,
                closer: ")", argumentDefault: true,
                matches: [#"env.bool("USE_S3", False)"#, #"env.int('PORT', default=8000)"#, #"env.db("DATABASE_URL")"#],
                nonMatches: [#"env.bool(name)"#, #"self.env.bool("X_Y")"#, #"env.get("X_Y")"#, #"env.boolean("X_Y")"#]),
        Pattern(id: "php.getenv", regex: #"(?<![\w.$>:])getenv\(\s*['"]\#(name)['"]"#, closer: ")", matches: [#"getenv('REDIS_HOST')"#], nonMatches: ["getenv($key)"]),
        // `$_SERVER` also holds the request's CGI meta-variables and headers, which the web server sets per request
        Pattern(id: "php.env-superglobal", regex: #"\$_(?:ENV|SERVER(?!\[\s*['"](?:HTTP_[A-Z0-9_]+|\#(cgiNames))['"]))\[\s*['"]\#(name)['"]\s*\]"#,
                matches: [#"$_ENV['DB_HOST']"#, #"$_SERVER['APP_KEY']"#, #"$_SERVER['REQUEST_URI_PREFIX']"#],
                nonMatches: ["$_ENV[$k]", #"$_SERVER['REQUEST_URI']"#, #"$_SERVER["HTTP_USER_AGENT"]"#, #"$_SERVER['DOCUMENT_ROOT']"#]),
        // Elixir: `System.get_env("X")` gives nil when unset (its second argument is a default); `System.fetch_env!("X")`
        // raises (papercups' `config/runtime.exs`; the files were read, but no read was found in them before rules 2026.12.39)
        Pattern(id: "elixir.system-get-env", regex: #"System\.get_env\(\s*"\#(name)""#, closer: ")", argumentDefault: true,
                matches: [#"System.get_env("DATABASE_URL")"#, #"System.get_env("PORT", "4000")"#], nonMatches: ["System.get_env(name)", "System.get_env()"]),
        Pattern(id: "elixir.system-fetch-env", regex: #"System\.fetch_env!\(\s*"\#(name)""#, closer: ")",
                matches: [#"System.fetch_env!("SECRET_KEY_BASE")"#], nonMatches: ["System.fetch_env!(key)", #"System.fetch_env("SECRET_KEY_BASE")"#]),
        // Java, Kotlin and Scala: `System.getenv("X")` gives null when unset (Kotlin's `?: "d"` is a default)
        Pattern(id: "jvm.system-getenv", regex: #"System\.getenv\(\s*"\#(name)""#, closer: ")",
                matches: [#"System.getenv("JDBC_URL")"#, #"System.getenv( "PORT" ) ?: "8080""#], nonMatches: ["System.getenv(key)", "System.getenv()"]),
        // C#: `Environment.GetEnvironmentVariable("X")` gives null when unset
        Pattern(id: "csharp.environment", regex: #"Environment\.GetEnvironmentVariable\(\s*"\#(name)""#, closer: ")",
                matches: [#"Environment.GetEnvironmentVariable("ASPNETCORE_URLS")"#], nonMatches: ["Environment.GetEnvironmentVariable(name)"]),
        Pattern(id: "swift.process-info", regex: #"environment\[\s*"\#(name)"\s*\]"#, matches: [#"ProcessInfo.processInfo.environment["API_TOKEN"]"#], nonMatches: ["environment[key]"]),
    ]

    static let compiled: [(Pattern, NSRegularExpression)] = patterns.compactMap { p in
        (try? NSRegularExpression(pattern: p.regex)).map { (p, $0) }
    }

    /// Files worth reading: source code, not lockfiles, minified bundles or vendored trees; and Prisma schemas, whose
    /// `url = env("DATABASE_URL")` the Prisma client reads at run time.
    package static func isSource(_ path: String) -> Bool {
        let lower = path.lowercased()
        // whole folder names: `src/rebuild/` and `app/vendors/` are source
        let folders = lower.split(separator: "/").dropLast()
        if folders.contains(where: { ["node_modules", "vendor", "dist", "build", ".next", "coverage", "__pycache__"].contains($0) }) { return false }
        if lower.hasSuffix(".min.js") || lower.hasSuffix(".map") { return false }
        return isSourceExtension((lower as NSString).pathExtension)
    }

    static let sourceExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "astro", "py", "rb", "go", "rs", "swift",
                                                "kt", "java", "php", "ex", "exs", "cs", "scala", "sh", "prisma"]

    /// A lower-case extension of a file read for env reads.
    package static func isSourceExtension(_ ext: String) -> Bool { sourceExtensions.contains(ext) }

    /// One read found in a text.
    package struct Found: Sendable, Equatable {
        package var name: String
        /// 1-based.
        package var line: Int
        package var fallback: CodeFallback?
        /// Other names of the same `A || B` expression, sorted.
        package var alternatives: [String]
        /// Conditions on other variables the read runs under, innermost first (see ``CodeConditions``).
        package var conditions: [CodeCondition] = []
        /// The read, which has no fallback, says the code requires it (``CodeReadTail/asserts(_:end:)``).
        package var asserted = false
        /// The module of a search-only browser client the read is given to as its key (``SearchOnlyClients``).
        package var searchOnlyClient: String? = nil
        /// Unset, the read makes a broken value (``CodeBrokenUse``).
        package var unsetBreaks = false
    }

    /// Every read in one text, in text order, with its fallback, alternatives and conditions; `path` decides how the
    /// code is read (braces or Python's indentation).
    package static func reads(in text: String, path: String = "f.ts") -> [Found] {
        CodeFileAnalysis(text: text, path: path, withUses: false).reads.map(\.found)
    }

    /// The reads of one text with their fallbacks and alternatives (no conditions), and the text as UTF-16 units.
    static func tailedReads(in text: String) -> (units: [UInt16], reads: [CodeReadTail.Analysed]) {
        let units = Array(text.utf16)
        let range = NSRange(location: 0, length: units.count)
        var matches: [CodeReadTail.Match] = []
        for (pattern, regex) in compiled {
            for match in regex.matches(in: text, range: range) where match.range(at: pattern.nameGroup).location != NSNotFound {
                let nameRange = match.range(at: pattern.nameGroup)
                let read = pattern.readGroup.map { match.range(at: $0) } ?? match.range
                matches.append(CodeReadTail.Match(
                    name: String(decoding: units[nameRange.location..<NSMaxRange(nameRange)], as: UTF16.self),
                    start: read.location, end: NSMaxRange(read), pattern: pattern))
            }
        }
        matches += EnvSchemaReferences.declarations(in: text, units: units)
        matches += RustClapReferences.declarations(in: text, units: units)
        matches += ConvictReferences.declarations(in: text, units: units)
        matches.sort { $0.start < $1.start }
        return (units, CodeReadTail(units: units).analyse(matches))
    }

    /// Names referenced in one file, with `path:line` locations, in text order.
    package static func scan(_ text: String, path: String) -> [(name: String, location: String)] {
        reads(in: text, path: path).map { ($0.name, "\(path):\($0.line)") }
    }

    /// Names the platform sets, never expected in an env file: the process's own, and the system variables a hosting
    /// platform sets on every deployment — Vercel's (with the `NEXT_PUBLIC_`/`VITE_`… copies it makes for frameworks),
    /// Fly's, Render's, Railway's, Heroku's dyno and AWS ECS's container metadata.
    package static let runtimeNames: Set<String> = {
        // Next.js sets NEXT_RUNTIME (`nodejs` or `edge`) for the code it runs (stack's dashboard; batch 15)
        let process: Set<String> = ["NODE_ENV", "PORT", "HOST", "HOSTNAME", "PATH", "HOME", "PWD", "USER", "CI", "TZ", "LANG", "GITHUB_ACTIONS",
                                    "DEBUG", "NODE_OPTIONS", "PYTHONPATH", "RAILS_ENV", "RACK_ENV", "NEXT_RUNTIME"]
        // https://vercel.com/docs/environment-variables/system-environment-variables
        let vercel = ["VERCEL", "VERCEL_ENV", "VERCEL_TARGET_ENV", "VERCEL_URL", "VERCEL_BRANCH_URL", "VERCEL_PROJECT_PRODUCTION_URL",
                      "VERCEL_REGION", "VERCEL_DEPLOYMENT_ID", "VERCEL_PROJECT_ID", "VERCEL_SKEW_PROTECTION_ENABLED", "VERCEL_GIT_PROVIDER",
                      "VERCEL_GIT_REPO_SLUG", "VERCEL_GIT_REPO_OWNER", "VERCEL_GIT_REPO_ID", "VERCEL_GIT_COMMIT_REF", "VERCEL_GIT_COMMIT_SHA",
                      "VERCEL_GIT_COMMIT_MESSAGE", "VERCEL_GIT_COMMIT_AUTHOR_LOGIN", "VERCEL_GIT_COMMIT_AUTHOR_NAME", "VERCEL_GIT_PREVIOUS_SHA",
                      "VERCEL_GIT_PULL_REQUEST_ID"]
        let vercelServerOnly = ["VERCEL_AUTOMATION_BYPASS_SECRET", "VERCEL_OIDC_TOKEN"]
        let frameworkPrefixes = ["NEXT_PUBLIC_", "VITE_", "NUXT_ENV_", "REACT_APP_", "GATSBY_", "PUBLIC_", "VUE_APP_", "SANITY_STUDIO_", "REDWOOD_ENV_"]
        let fly = ["FLY_APP_NAME", "FLY_REGION", "FLY_ALLOC_ID", "FLY_MACHINE_ID", "FLY_MACHINE_VERSION", "FLY_PUBLIC_IP", "FLY_PRIVATE_IP",
                   "FLY_IMAGE_REF", "FLY_PROCESS_GROUP", "FLY_VM_MEMORY_MB", "PRIMARY_REGION"]
        let render = ["RENDER", "RENDER_SERVICE_ID", "RENDER_SERVICE_NAME", "RENDER_SERVICE_TYPE", "RENDER_EXTERNAL_URL", "RENDER_EXTERNAL_HOSTNAME",
                      "RENDER_INSTANCE_ID", "RENDER_GIT_COMMIT", "RENDER_GIT_BRANCH", "RENDER_GIT_REPO_SLUG", "IS_PULL_REQUEST"]
        let railway = ["RAILWAY_ENVIRONMENT", "RAILWAY_ENVIRONMENT_NAME", "RAILWAY_ENVIRONMENT_ID", "RAILWAY_PUBLIC_DOMAIN", "RAILWAY_PRIVATE_DOMAIN",
                       "RAILWAY_PROJECT_ID", "RAILWAY_PROJECT_NAME", "RAILWAY_SERVICE_ID", "RAILWAY_SERVICE_NAME", "RAILWAY_DEPLOYMENT_ID",
                       "RAILWAY_REPLICA_ID", "RAILWAY_GIT_COMMIT_SHA", "RAILWAY_GIT_BRANCH"]
        // https://devcenter.heroku.com/articles/dyno-metadata (Heroku sets them once the app's dyno metadata is on; the
        // Mozilla Foundation's site tags Sentry releases with HEROKU_RELEASE_VERSION, held-out batch 84). Not
        // HEROKU_APP_NAME, which apps often set themselves to build their URLs (a review of .96).
        let heroku = ["DYNO", "HEROKU_APP_ID", "HEROKU_DYNO_ID", "HEROKU_RELEASE_CREATED_AT", "HEROKU_RELEASE_VERSION",
                      "HEROKU_SLUG_COMMIT", "HEROKU_SLUG_DESCRIPTION"]
        let ecs = ["ECS_CONTAINER_METADATA_URI", "ECS_CONTAINER_METADATA_URI_V4", "AWS_EXECUTION_ENV"]
        return process.union(vercel).union(vercelServerOnly).union(frameworkPrefixes.flatMap { prefix in vercel.map { prefix + $0 } })
            .union(fly).union(render).union(railway).union(heroku).union(ecs)
    }()

    /// What the operating system or the user's shell sets, never a deployment: Unix session and locale, Windows'
    /// system folders (sim's sandbox forwards them if set; cap's desktop recorder reads the display; rules 2026.12.28).
    /// Names a function platform sets for the code under its folder, and only there: Supabase's Edge Functions
    /// (`supabase/functions/…`) get their project's URL, keys and database URL from the runtime
    /// (https://supabase.com/docs/guides/functions/secrets, "Default secrets"; chatgpt-your-files, batch 14). The same
    /// names read by the app elsewhere are the deployer's to set.
    static let folderRuntimeNames: [(folder: String, names: Set<String>)] = [
        ("supabase/functions/", ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_DB_URL", "SUPABASE_PUBLISHABLE_KEYS",
                                 "SUPABASE_SECRET_KEYS", "SUPABASE_JWKS", "SB_REGION", "SB_EXECUTION_ID", "DENO_DEPLOYMENT_ID"]),
    ]

    /// Whether the platform running the code at `location` (`path:line`) sets `name` (``folderRuntimeNames``).
    package static func isRuntimeProvided(_ name: String, at location: String) -> Bool {
        folderRuntimeNames.contains { entry in
            entry.names.contains(name) && (location.hasPrefix(entry.folder) || location.contains("/" + entry.folder))
        }
    }

    /// Never flagged as missing; unlike ``runtimeNames`` not taken as set in production (a server has no `DISPLAY`).
    /// The proxy settings (`HTTPS_PROXY`, `NO_PROXY`, …) are the machine's network settings, which HTTP clients read
    /// when the operator sets them (rallly's outbound proxy; rules 2026.12.38).
    package static let systemNames: Set<String> = Set([
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY",
        "SHELL", "TERM", "TMPDIR", "TEMP", "TMP", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANGUAGE", "LOGNAME", "USERNAME",
        "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
        "XDG_STATE_HOME", "XDG_CURRENT_DESKTOP", "APPDATA", "LOCALAPPDATA", "PROGRAMFILES", "PROGRAMDATA", "SYSTEMROOT", "SYSTEMDRIVE",
        "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "COMPUTERNAME", "TMUX", "TMUX_PANE", "SSH_AUTH_SOCK", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "EDITOR", "VISUAL", "PAGER",
        "COLUMNS", "LINES", "INIT_CWD",
        // the Python interpreter's own hooks for an interactive session or a debugger (mitxonline's `repl.py` reading
        // `PYTHONSTARTUP`; held-out batch 65; rules 2026.12.88)
        "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONBREAKPOINT",
    ]).union(ciRunnerNames).union(cargoNames)

    /// What Cargo sets for the code it compiles and runs — a build script, a procedural macro, `env!`, `cargo run` and
    /// `cargo test` (https://doc.rust-lang.org/cargo/reference/environment-variables.html, "Environment variables Cargo
    /// sets for crates" and "… for build scripts"): never the operator's to set (jsr's proc-macro reading
    /// `CARGO_MANIFEST_DIR`, trieve's build script reading `OUT_DIR`; held-out batches 50 and 22; rules 2026.12.81). Only
    /// the `CARGO_`-named ones and `OUT_DIR`: a build script's `TARGET`, `HOST`, `PROFILE` are words an app may use.
    package static let cargoNames: Set<String> = [
        "CARGO", "CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_MANIFEST_LINKS", "CARGO_PKG_VERSION", "CARGO_PKG_VERSION_MAJOR",
        "CARGO_PKG_VERSION_MINOR", "CARGO_PKG_VERSION_PATCH", "CARGO_PKG_VERSION_PRE", "CARGO_PKG_AUTHORS", "CARGO_PKG_NAME",
        "CARGO_PKG_DESCRIPTION", "CARGO_PKG_HOMEPAGE", "CARGO_PKG_REPOSITORY", "CARGO_PKG_LICENSE", "CARGO_PKG_LICENSE_FILE",
        "CARGO_PKG_RUST_VERSION", "CARGO_PKG_README", "CARGO_CRATE_NAME", "CARGO_BIN_NAME", "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR", "CARGO_RUSTC_CURRENT_DIR", "CARGO_ENCODED_RUSTFLAGS", "CARGO_CFG_TARGET_OS", "CARGO_CFG_TARGET_ARCH",
        "CARGO_CFG_TARGET_FAMILY", "CARGO_CFG_TARGET_ENV", "CARGO_MAKEFLAGS", "OUT_DIR",
    ]

    /// What a GitHub Actions runner sets for a step and nothing else does (https://docs.github.com/en/actions/reference/variables-reference,
    /// "Default environment variables"): the files a step writes its outputs, summary, environment and path to, the
    /// event, the actor, the job and workflow, the workspace and the runner. A script a workflow runs reads them, a
    /// deployment never has them (cognee's failure-mail script read `GITHUB_ACTOR`, its docs scripts `GITHUB_OUTPUT`;
    /// held-out batch 30; rules 2026.12.59). Not the names an app may take as its own setting: `GITHUB_TOKEN` (its API
    /// credential), `GITHUB_REPOSITORY`, `GITHUB_REPOSITORY_OWNER`, the API and server URLs (a GitHub Enterprise host),
    /// nor the commit, ref and run ids a build passes into an image as its release (`ENV GITHUB_SHA=$GITHUB_SHA`).
    package static let ciRunnerNames: Set<String> = [
        "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_EVENT_PATH", "GITHUB_EVENT_NAME",
        "GITHUB_ACTION", "GITHUB_ACTION_PATH", "GITHUB_ACTION_REPOSITORY", "GITHUB_ACTOR", "GITHUB_ACTOR_ID", "GITHUB_TRIGGERING_ACTOR",
        "GITHUB_JOB", "GITHUB_WORKFLOW", "GITHUB_WORKFLOW_REF", "GITHUB_WORKFLOW_SHA", "GITHUB_WORKSPACE", "GITHUB_RUN_ATTEMPT",
        "GITHUB_RETENTION_DAYS", "RUNNER_ARCH", "RUNNER_DEBUG", "RUNNER_ENVIRONMENT", "RUNNER_NAME", "RUNNER_OS", "RUNNER_TEMP",
        "RUNNER_TOOL_CACHE",
    ]

    /// Client bundle prefixes: names starting so are shipped to every browser.
    package static let clientPrefixes = EnvNameTokens.clientPrefixes

    /// A name bundled into client code that names a secret (publishable, anon and site keys and flags excepted).
    package static func isClientExposedSecret(_ name: String) -> Bool {
        EnvNameTokens.clientExposedSecret(name) != nil
    }
}

/// 1-based line numbers for UTF-16 offsets, by binary search over the line starts.
struct LineIndex {
    private var starts: [Int] = [0]

    init(_ units: [UInt16]) {
        for (offset, unit) in units.enumerated() where unit == 0x0A { starts.append(offset + 1) }
    }

    func line(at offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }
}

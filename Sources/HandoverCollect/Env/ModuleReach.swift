import Foundation
import HandoverModel

/// A module that nothing in the repository imports, names or runs is not the service's: someone runs it by hand, or
/// nothing does. openlittermap's `littercoin/run/*.mjs` Cardano scripts import one another and nothing else names them;
/// gratipay's one-off `bin/update-user-info.py` is named by no file; kanka's `resources/js/echo.js` is imported by no
/// module and listed by no Vite input (batches 45–50: 19 env highs, all owner-false).
///
/// Candidates are JavaScript, TypeScript, Python and shell files of production code that a framework or a platform
/// does not load by their path: not a convention file or folder (``CodeUnusedSymbols``'s, and Python's), and not at the
/// top of a package — the repository's root, a folder with a package manifest, or its `src/` — where an entrypoint
/// started from outside the repository sits (`python bot.py` in a platform's dashboard).
///
/// Reached is textual and deliberately wide, as ``CodeUnusedSymbols``'s names are. A file names a module by a token
/// equal to the module's stem anywhere in its text — code, strings and comments, `@/lib/utils`, a Procfile's
/// `node dist/worker.js`, a Dockerfile's `CMD ["python", "bot.py"]`, package.json's scripts — or by a relative specifier
/// (`"./run/utils.mjs"`) that resolves to the module's path; a relative specifier that resolves to a folder names every
/// module below it, and one that resolves to nothing in the repository (a build output, an alias) names by stem. A
/// module is reached when a root names it or a reached module does. Roots are every other file that is not
/// a test, a story or prose (`*.md`): deployment and build files, other languages' sources, scripts, and the candidates'
/// exceptions above. A file that loads modules by listing a folder (`readdirSync`, `glob`, `import.meta.glob`,
/// `require.context`, `importlib.import_module`) and that something reaches reaches every module below any folder a
/// path in its strings ends with, and below its own folder when it names it (`__dirname`, `__file__`).
package enum ModuleReach {
    /// What one file names: hashes of its tokens (outside relative specifiers), and its relative specifiers resolved
    /// against its folder.
    package struct Names: Sendable {
        var tokens: Set<UInt64> = []
        var relative: Set<String> = []
        /// A loader's: the last folder names of the paths its strings hold (``listedFolders(_:)``); nil for a file that
        /// lists no folder.
        var listed: Set<UInt64>?
        /// The loader names its own folder (`readdirSync(__dirname)`, `os.path.dirname(__file__)`, `iter_modules(__path__)`).
        var listsOwnFolder = false
    }

    static let candidateExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "py", "sh"]
    /// Extensions an import may leave out or name differently (`./utils.js` for `utils.ts`).
    static let resolvedExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts", "py", "sh", "vue", "svelte", "astro", "json"]

    /// File names frameworks and tools load by convention, beyond ``CodeUnusedSymbols/conventionFiles``: Python's
    /// (Django's app modules, Celery's, WSGI/ASGI servers'), and React Router's `app/routes.ts`.
    static let conventionFiles: Set<String> = [
        "__init__", "__main__", "manage", "wsgi", "asgi", "settings", "celery", "tasks", "signals", "admin", "apps", "urls", "views",
        "models", "gunicorn", "receivers", "lambda_function", "bot", "run", "cli", "fabfile", "setup", "routes",
    ]
    /// Folders whose files a framework or a platform loads by path, beyond ``CodeUnusedSymbols/conventionFolders``:
    /// serverless functions (`api/`), Nuxt's server routes and auto-imports, Trigger.dev's tasks, static files served
    /// by URL, Python's migration and command runners.
    static let conventionFolders: Set<String> = CodeUnusedSymbols.conventionFolders.union([
        "api", "server", "composables", "middleware", "trigger", "public", "static", "assets", "management", "alembic", "versions",
        "templatetags", "views", ".platform", ".ebextensions", "hooks",
        // the review of .82: configuration and settings loaded by path (Strapi, Sails, Adonis, node-config; Django's
        // settings package chosen by `DJANGO_SETTINGS_MODULE` outside the repository), and framework folders loaded
        // by path (Airflow's DAGs, Medusa's and TypeORM's subscribers, LoopBack's datasources, Scrapy's spiders,
        // discord.py's cogs, an image's entrypoint scripts)
        "config", "settings", "dags", "subscribers", "datasources", "spiders", "cogs", "docker-entrypoint.d", "entrypoint.d",
        "docker-entrypoint-initdb.d",
    ])
    /// Files whose names say they declare a package or a program: their folder is a package's top.
    static let manifests: Set<String> = [
        "package.json", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "pipfile", "deno.json", "deno.jsonc", "composer.json",
    ]
    /// Lockfiles and prose: they name every package, or describe commands a person runs.
    static func isSilent(_ path: String) -> Bool {
        let file = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if file.hasSuffix(".md") || (file.hasSuffix(".txt") && !file.contains("cron")) || ["package-lock.json", "pnpm-lock.yaml", "npm-shrinkwrap.json", "composer.lock"].contains(file) {
            return true
        }
        // files served as they are (a built `public/js/vendor.js`): they import no module of the repository's source
        return path.split(separator: "/").dropLast().contains { ["public", "static", "assets"].contains($0.lowercased()) }
    }

    /// Files that are neither source nor read for symbols' names and may still start a program or load a script:
    /// process managers' and schedulers' configuration (supervisord, systemd units, crontabs), task runners
    /// (Makefile, justfile), server-side templates (an Aspen simplate, ERB, Jinja), and extensionless scripts (`bin/web`).
    /// Env files are not: they hold values.
    static func isRunnerText(_ path: String) -> Bool {
        let lower = path.lowercased()
        let file = lower.split(separator: "/").last.map(String.init) ?? lower
        if file.hasPrefix(".env") || lower.contains("node_modules/") || lower.contains("vendor/") { return false }
        if file.contains("cron") { return true }  // `crontab.txt`, copied into an image's `/etc/cron.d/`
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return true }
        return runnerExtensions.contains(String(file[file.index(after: dot)...]))
    }

    static let runnerExtensions: Set<String> = [
        "conf", "cfg", "ini", "service", "timer", "cron", "crontab", "spt", "erb", "ejs", "hbs", "handlebars", "njk", "jinja", "jinja2", "j2",
        "twig", "tpl", "liquid", "pug", "bash", "zsh", "fish", "ps1", "bat", "cmd", "xml", "properties", "gradle", "tf", "hcl", "nomad",
        "plist", "mk", "just", "jsonnet", "cue", "nix", "dhall", "star", "bzl", "nginx", "template", "tmpl", "tpl", "dist", "sample",
    ]

    /// Vendored, installed and built files: neither the repository's modules nor what starts them.
    /// (A Dockerfile or a manifest kept under `build/` is not built: only script files there are.)
    static func isGenerated(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/")
        guard let file = parts.last, let ext = file.split(separator: ".").last, file.contains("."),
              resolvedExtensions.contains(String(ext)) || ext == "map" else { return false }
        return parts.dropLast()
            .contains { ["node_modules", "vendor", "dist", "build", ".next", "coverage", "__pycache__", "bower_components"].contains($0) }
    }

    /// Whether a production file at `path` is one whose reach decides whether it runs (before its package's top is known).
    static func isCandidate(_ path: String) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        guard let file = components.last else { return false }
        let parts = file.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, candidateExtensions.contains(parts[parts.count - 1].lowercased()), !file.hasSuffix(".d.ts") else { return false }
        let base = parts.dropLast().joined(separator: ".").lowercased()
        let stem = String(parts[0]).lowercased()
        if CodeUnusedSymbols.conventionFiles.contains(base) || CodeUnusedSymbols.conventionFiles.contains(stem) || conventionFiles.contains(stem)
            || base.contains("+") || base.hasPrefix("[") || base.hasPrefix("(") || base.hasSuffix(".config") || base.hasSuffix(".server")
            || base.hasSuffix(".client") || base.hasSuffix(".worker") {
            return false
        }
        return !components.dropLast().contains { conventionFolders.contains($0.lowercased()) }
    }

    /// Whether a file's folder is the top of a package: the repository's root, a folder holding a manifest, or its `src/`.
    static func isAtTop(_ path: String, packages: Set<String>) -> Bool {
        isTopFolder(folder(path), packages: packages)
    }

    static func isTopFolder(_ folder: String, packages: Set<String>) -> Bool {
        if folder.isEmpty || folder == "src" || packages.contains(folder) { return true }
        return folder.hasSuffix("/src") && packages.contains(String(folder.dropLast(4)))
    }

    static func folder(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The key a relative specifier's resolved path is matched by: the path without a resolvable extension.
    static func key(_ path: String) -> String {
        let file = path.split(separator: "/").last ?? Substring(path)
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex,
              resolvedExtensions.contains(file[file.index(after: dot)...].lowercased()) else { return path }
        return String(path.dropLast(file.distance(from: dot, to: file.endIndex)))
    }

    /// The keys a file answers to: its path without extension, and for an `index` its folder.
    static func keys(of path: String) -> [String] {
        let k = key(path)
        if k == "index" { return [k, ""] }
        if k.hasSuffix("/index") { return [k, String(k.dropLast(6))] }
        return [k]
    }

    /// The stem a module is named by: its file name before the first dot (`user.service.ts` → `user`).
    static func stem(_ path: String) -> String? {
        CodeImports.stem(path.split(separator: "/").last.map(String.init) ?? path)
    }

    static func isTokenUnit(_ u: UInt16) -> Bool { CodeReadTail.isIdentifier(u) || u == 0x2D }

    /// How a file names modules. Code names a module only in a string (`import "./x"`, `require("x")`, PHP's
    /// `exec("node x.mjs")`) or, in Python, in an import statement (`from app.utils import y`): an identifier elsewhere
    /// (`utils.forEach(…)`) is a value, not a module. Other files (YAML, JSON, a Dockerfile, a Procfile, a shell
    /// script) name modules anywhere in their text.
    enum Reading {
        case everywhere
        case strings(hashComments: Bool, slashComments: Bool, importLines: Bool)

        static func of(_ path: String) -> Reading {
            let ext = (path.split(separator: "/").last.map { ($0 as Substring).split(separator: ".").last.map(String.init) ?? "" } ?? "").lowercased()
            switch ext {
            case "py": return .strings(hashComments: true, slashComments: false, importLines: true)
            case "rb", "ex", "exs": return .strings(hashComments: true, slashComments: false, importLines: false)
            case "php": return .strings(hashComments: true, slashComments: true, importLines: false)
            case "js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts", "vue", "svelte", "astro", "go", "rs", "swift", "kt", "java", "cs", "scala":
                return .strings(hashComments: false, slashComments: true, importLines: false)
            default: return .everywhere
            }
        }
    }

    /// What the text of the file at `path` names.
    package static func names(in text: String, path: String) -> Names {
        let units = Array(text.utf16)
        var out = Names()
        let folder = Self.folder(path)
        let reading = Reading.of(path)
        var p = 0
        /// The token at `p` (a run of identifier units and `-`), added; returns its end.
        func token(at p: Int) -> Int {
            var end = p
            while end < units.count, isTokenUnit(units[end]) { end += 1 }
            var last = end
            while last > p, units[last - 1] == 0x2D { last -= 1 }
            if last > p { out.tokens.insert(CodeUnusedSymbols.hash(units[p..<last])) }
            return end
        }
        guard case .strings(let hashComments, let slashComments, let importLines) = reading else {
            while p < units.count {
                let u = units[p]
                if u == 0x22 || u == 0x27 || u == 0x60, let (specifier, end) = relativeSpecifier(units, quoteAt: p) {
                    if let resolved = resolve(specifier, from: folder) { out.relative.insert(resolved) }
                    p = end
                } else if isTokenUnit(u), u != 0x2D {
                    p = token(at: p)
                } else {
                    p += 1
                }
            }
            out.tokens.subtract(shellWords)
            return out
        }
        var lineStart = true
        var importUntil = -1  // a Python import statement's end: its words name modules
        while p < units.count {
            let u = units[p]
            if u == 0x0A { lineStart = true; p += 1; continue }
            if u == 0x20 || u == 0x09 { p += 1; continue }
            let atLineStart = lineStart
            lineStart = false
            if (hashComments && u == 0x23) || (slashComments && u == 0x2F && p + 1 < units.count && units[p + 1] == 0x2F) {
                while p < units.count, units[p] != 0x0A { p += 1 }
                continue
            }
            if slashComments, u == 0x2F, p + 1 < units.count, units[p + 1] == 0x2A {
                p += 2
                while p + 1 < units.count, !(units[p] == 0x2A && units[p + 1] == 0x2F) { p += 1 }
                p += 2
                continue
            }
            if u == 0x22 || u == 0x27 || u == 0x60 {
                if let (specifier, end) = relativeSpecifier(units, quoteAt: p) {
                    if let resolved = resolve(specifier, from: folder) { out.relative.insert(resolved) }
                    p = end
                    continue
                }
                // a string: `'` and `"` end at the line's end unless tripled (Python) or a template (`` ` ``)
                let triple = p + 2 < units.count && units[p + 1] == u && units[p + 2] == u
                let spans = u == 0x60 || triple
                var q = p + (triple ? 3 : 1)
                while q < units.count {
                    let c = units[q]
                    if c == 0x5C { q += 2; continue }
                    if c == 0x0A, !spans { break }
                    if c == u, !triple || (q + 2 < units.count && units[q + 1] == u && units[q + 2] == u) { break }
                    if isTokenUnit(c), c != 0x2D { q = token(at: q); continue }
                    q += 1
                }
                p = min(units.count, q + (triple ? 3 : 1))
                continue
            }
            if isTokenUnit(u), u != 0x2D {
                if importLines, atLineStart || p < importUntil {
                    if atLineStart, let (word, wordEnd) = Self.word(units, at: p), word == "import" || word == "from" {
                        importUntil = Self.statementEnd(units, from: wordEnd)
                    }
                    if p < importUntil { p = token(at: p); continue }
                }
                while p < units.count, isTokenUnit(units[p]) { p += 1 }
                continue
            }
            p += 1
        }
        return out
    }

    /// A shell's words, which a Dockerfile or a script says everywhere and which name no module (`echo`, kanka's
    /// `resources/js/echo.js`).
    static let shellWords: Set<UInt64> = Set(["echo", "cd", "set", "eval", "cat", "rm", "mkdir", "cp", "mv", "ln", "chmod", "chown",
                                              "exit", "then", "fi", "else", "do", "done", "printf", "sleep", "true", "false"].map { CodeUnusedSymbols.hash($0) })

    static func word(_ units: [UInt16], at p: Int) -> (String, Int)? {
        var e = p
        while e < units.count, CodeReadTail.isIdentifier(units[e]) { e += 1 }
        return e > p ? (String(decoding: units[p..<e], as: UTF16.self), e) : nil
    }

    /// The end of a Python import statement starting before `p`: its line's end, or its closing `)`.
    static func statementEnd(_ units: [UInt16], from p: Int) -> Int {
        var q = p, depth = 0
        while q < units.count {
            let c = units[q]
            if c == 0x28 { depth += 1 } else if c == 0x29 { depth -= 1 } else if c == 0x0A, depth <= 0, !(q > 0 && units[q - 1] == 0x5C) { return q }
            q += 1
        }
        return q
    }

    /// `"./run/utils.mjs"`, `'../lib'`: a quoted relative path with no blank, on one line, at most 300 units.
    /// A template that computes the rest (`` `../components/webfield/${name}` ``) names its folder (`../components/webfield/`);
    /// a compose volume's `./x.sh:/opt/x.sh` names its source.
    static func relativeSpecifier(_ units: [UInt16], quoteAt q: Int) -> (String, Int)? {
        guard q + 2 < units.count, units[q + 1] == 0x2E, units[q + 2] == 0x2F || (units[q + 2] == 0x2E && q + 3 < units.count && units[q + 3] == 0x2F)
        else { return nil }
        var e = q + 1
        var cut: Int?  // where a template's `${` or a volume's `:` ends the path
        let limit = min(units.count, q + 300)
        while e < limit, units[e] != units[q] {
            let u = units[e]
            if u == 0x0A || u == 0x20 || u == 0x09 { return nil }
            if cut == nil, u == 0x3A || (units[q] == 0x60 && u == 0x24) { cut = e }
            e += 1
        }
        guard e < limit else { return nil }
        var end = cut ?? e
        if let cut, units[q] == 0x60, units[cut] == 0x24 {
            while end > q + 1, units[end - 1] != 0x2F { end -= 1 }  // the folder before the computed part
        }
        return (String(decoding: units[(q + 1)..<end], as: UTF16.self), e + 1)
    }

    /// `./run/utils.mjs` from `littercoin/init` → `littercoin/init/run/utils.mjs`; a glob is cut at its first
    /// wildcard component (`./src/**/*.ts` → the folder `src`); nil when it climbs above the repository.
    static func resolve(_ specifier: String, from folder: String) -> String? {
        var spec = Substring(specifier)
        if let query = spec.firstIndex(where: { $0 == "?" || $0 == "#" }) { spec = spec[..<query] }
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for component in spec.split(separator: "/") {
            if component.contains("*") || component.contains("{") { break }
            if component == "." { continue }
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(String(component))
        }
        return parts.joined(separator: "/")
    }

    /// Words of a package.json script's name that say a person runs it (`seed`, `db:sync-content`, `data-import-pirsch`,
    /// `migrate-devices`, `dev`, `lint`): split at `:`, `-`, `_`. Not `start`, `build`, `serve`, `worker`, `cron`, which a
    /// deployment or a platform's dashboard runs.
    static let handRunWords: Set<String> = [
        "seed", "seeds", "import", "imports", "export", "backfill", "sync", "migrate", "migration", "migrations", "script", "scripts",
        "dev", "test", "tests", "lint", "format", "fmt", "generate", "gen", "codegen", "setup", "reset", "clean", "dump", "populate",
        "fixtures", "storybook", "e2e", "bench", "benchmark", "debug", "oneoff", "one-off", "admin", "cli", "console", "repl", "check",
        "typecheck", "analyze", "docs", "studio",
    ]

    /// The scripts of a package.json a person runs (``handRunWords``), each with its name's word hashes and its
    /// command, and the manifest without them; nil when it holds none or is no JSON object.
    static func handRunScripts(in text: String) -> (scripts: [(words: [UInt64], command: String)], rest: String)? {
        guard text.utf8.count < 2_000_000, var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              var scripts = object["scripts"] as? [String: Any] else { return nil }
        var out: [(words: [UInt64], command: String)] = []
        for (name, command) in scripts {
            guard let command = command as? String else { continue }
            let words = name.lowercased().split(whereSeparator: { $0 == ":" || $0 == "-" || $0 == "_" }).map(String.init)
            guard words.contains(where: handRunWords.contains) else { continue }
            let tokens = name.split(separator: ":").map { CodeUnusedSymbols.hash(String($0)) }
            out.append((tokens, command))
            scripts[name] = nil
        }
        guard !out.isEmpty else { return nil }
        object["scripts"] = scripts
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]) else { return nil }
        return (out, String(decoding: data, as: UTF8.self))
    }

    static let jsLoaders = ["readdirSync(", "readdir(", "glob(", "globSync(", "globby(", "fastGlob(", "fg(", "import.meta.glob", "require.context(",
                            "AutoLoad", "autoload", "dirs:", "import(path.", "require(path.", "import(join(", "require(join("]
    static let pythonLoaders = ["import_module(", "__import__(", "iter_modules(", "walk_packages(", "autodiscover", "spec_from_file_location(", "load_source(",
                                "listdir(", "scandir(", "glob(", "load_extension("]
    /// Platforms' configuration files that name a folder of functions (`netlify.toml`'s `functions = "serverless"`).
    static let platformFiles: Set<String> = ["netlify.toml", "vercel.json", "firebase.json", "serverless.yml", "serverless.yaml", "template.yaml",
                                             "template.yml", "wrangler.toml", "cdk.json", "fly.toml", "render.yaml", "app.yaml"]

    /// Whether a file loads modules by listing a folder.
    static func loadsByListing(_ text: String, path: String) -> Bool {
        if platformFiles.contains((path.split(separator: "/").last.map(String.init) ?? path).lowercased()) { return true }
        let rule = path.hasSuffix(".py") ? 1 : 0
        var text = text
        return text.withUTF8 { bytes in  // one pass over the bytes for every marker (a search per marker cost 15 % of a HEAD scan)
            guard let base = bytes.baseAddress else { return false }
            return loaderAnchors.hits(base, count: bytes.count, region: 0..<bytes.count).contains { $0.rule == rule }
        }
    }

    static let loaderAnchors = AnchorTable([jsLoaders, pythonLoaders])

    /// The last folder names of the paths a loader's strings hold (`"src/jobs/**/*.ts"` → `jobs`, `'commands'` →
    /// `commands`): hashes.
    static func listedFolders(_ text: String) -> Set<UInt64> {
        guard let literal else { return [] }
        var out: Set<UInt64> = []
        let ns = text as NSString
        for match in literal.matches(in: text, range: NSRange(location: 0, length: min(ns.length, 400_000))) {
            let body = ns.substring(with: match.range(at: 2))
            if !body.contains("/"), body.contains("{") || body.contains("*") {  // a dotted module path with a computed tail: `f"cogs.{name}"`
                if let last = body.split(separator: ".").prefix(while: { !$0.contains("{") && !$0.contains("*") }).last {
                    out.insert(CodeUnusedSymbols.hash(String(last)))
                }
                continue
            }
            let components = body.split(separator: "/").filter { !$0.contains("*") && !$0.contains("{") && $0 != "." && $0 != ".." }
            guard let last = components.last, !last.contains("."), !last.isEmpty else { continue }
            out.insert(CodeUnusedSymbols.hash(String(last)))
        }
        return out
    }

    static let literal = try? NSRegularExpression(pattern: #"(['"`])([\w./*{},-]{1,200})\1"#)

    /// The repository's evidence, gathered file by file.
    package struct Evidence: Sendable {
        /// Candidate path → what it names.
        var candidates: [String: Names] = [:]
        var rootTokens: Set<UInt64> = []
        var rootRelative: Set<String> = []
        /// What hand-run code names: scripts, tooling, docs and examples (``CodePlace``), and package.json scripts a
        /// person runs (``handRunScript(_:)``) — a module only they reach runs by hand (``Reach/handRun``).
        var toolTokens: Set<UInt64> = []
        var toolRelative: Set<String> = []
        var toolListed: Set<String> = []
        var toolListedNames: Set<UInt64> = []
        /// package.json scripts judged hand-run, by the hashes of their names' words: one that production names
        /// (`"start": "npm run migrate && …"`, a Dockerfile's `npm run sync`) is not.
        var toolScripts: [(words: [UInt64], names: Names)] = []
        /// The keys of every file of the repository, and the folders holding a package manifest.
        var keys: Set<String> = []
        var packages: Set<String> = []
        /// Folders loaded by listing (a loader's own folder), and the last folder names of its strings' paths.
        var listed: Set<String> = []
        var listedNames: Set<UInt64> = []
        /// A Nuxt app: it imports its `utils/`, `composables/`, `components/` and `stores/` by the names they export.
        var nuxt = false
        /// Ember apps' folders: Ember's resolver loads what `app/` and `addon/` hold by their paths.
        var ember: Set<String> = []
        static let maxCandidates = 100_000

        package init() {}

        /// Any file of the repository: its keys, and whether it declares a package.
        mutating func addPath(_ path: String) {
            for k in ModuleReach.keys(of: path) { keys.insert(k) }
            let file = path.split(separator: "/").last ?? ""
            if file.hasPrefix("nuxt.config.") { nuxt = true }
            if file == "ember-cli-build.js" { ember.insert(ModuleReach.folder(path)) }
            if let file = path.split(separator: "/").last, ModuleReach.manifests.contains(file.lowercased()) { packages.insert(ModuleReach.folder(path)) }
        }

        /// A file read for words or reads, with its place.
        mutating func add(_ text: String, path: String, place: CodePlace) {
            guard place != .test, place != .storybook, !ModuleReach.isSilent(path), !ModuleReach.isGenerated(path) else { return }
            var text = text
            if (path.split(separator: "/").last ?? "") == "package.json", let split = ModuleReach.handRunScripts(in: text) {
                // a hand-run script's command names modules for hand-run code only; the rest of the manifest for production
                for script in split.scripts { toolScripts.append((script.words, ModuleReach.names(in: script.command, path: path))) }
                text = split.rest
            }
            var names = ModuleReach.names(in: text, path: path)
            if ModuleReach.loadsByListing(text, path: path) {
                names.listed = ModuleReach.listedFolders(text)
                names.listsOwnFolder = ["__dirname", "import.meta.url", "import.meta.dirname", "__file__", "__path__"].contains(where: text.contains)
            }
            if place == .production, ModuleReach.isCandidate(path), candidates.count < Self.maxCandidates {
                candidates[path] = names  // what it loads counts once something reaches it
            } else if [.script, .tooling, .docs, .example].contains(place) {
                toolTokens.formUnion(names.tokens)
                toolRelative.formUnion(names.relative)
                if let loaded = names.listed {
                    if names.listsOwnFolder { toolListed.insert(ModuleReach.folder(path)) }
                    toolListedNames.formUnion(loaded)
                }
            } else {
                rootTokens.formUnion(names.tokens)
                rootRelative.formUnion(names.relative)
                if let loaded = names.listed {
                    if names.listsOwnFolder { listed.insert(ModuleReach.folder(path)) }
                    listedNames.formUnion(loaded)
                }
            }
        }

        /// The candidates nothing reaches, by path.
        /// What Nuxt imports by the names modules export, or loads by path (`modules/`, `layouts/`).
        static let nuxtFolders: Set<String> = ["utils", "composables", "components", "stores", "modules", "layouts", "plugins", "middleware", "server"]

        /// What reaches the candidates: nothing, or hand-run code only.
        package struct Reach: Sendable, Equatable {
            /// Candidates nothing in the repository reaches.
            package var unreached: Set<String> = []
            /// Candidates only hand-run code reaches — scripts, tooling, docs, examples, a package.json script a person
            /// runs — and nothing of production (kaws' `src/utils/gSheetDataFetcher.ts`, imported by `scripts/importCollections.ts`).
            package var handRun: Set<String> = []
        }

        /// Only when every file of the repository was seen (``addPath(_:)``): what a part of it names says nothing.
        package func unreached() -> Set<String> { reach().unreached }

        package func reach() -> Reach {
            guard !keys.isEmpty, !candidates.isEmpty, candidates.count < Self.maxCandidates else { return Reach() }
            var pending: [String] = []
            var tokens = rootTokens, relative = rootRelative
            var listed = self.listed, listedNames = self.listedNames
            var judged: [String] = []
            for (path, names) in candidates {
                let top = ModuleReach.isAtTop(path, packages: packages)
                if top, let loaded = names.listed {
                    if names.listsOwnFolder { listed.insert(ModuleReach.folder(path)) }
                    listedNames.formUnion(loaded)
                }
                if top
                    || (nuxt && path.split(separator: "/").dropLast().contains { Self.nuxtFolders.contains(String($0)) })
                    || ember.contains(where: { path.hasPrefix($0.isEmpty ? "app/" : $0 + "/app/") || path.hasPrefix($0.isEmpty ? "addon/" : $0 + "/addon/") }) {
                    tokens.formUnion(names.tokens)
                    relative.formUnion(names.relative)
                } else {
                    judged.append(path)
                }
            }
            // a hand-run package.json script that production names (`"start": "npm run migrate && …"`) is production's
            var toolTokens = self.toolTokens, toolRelative = self.toolRelative
            for script in toolScripts {
                if script.words.allSatisfy(tokens.contains) {
                    tokens.formUnion(script.names.tokens)
                    relative.formUnion(script.names.relative)
                } else {
                    toolTokens.formUnion(script.names.tokens)
                    toolRelative.formUnion(script.names.relative)
                }
            }
            guard !judged.isEmpty else { return Reach() }
            var byStem: [UInt64: [String]] = [:]
            var byKey: [String: [String]] = [:]
            var byFolder: [String: [String]] = [:]  // every folder above a judged module → the modules below it
            for path in judged {
                if let stem = ModuleReach.stem(path) { byStem[CodeUnusedSymbols.hash(stem), default: []].append(path) }
                for k in ModuleReach.keys(of: path) { byKey[k, default: []].append(path) }
                var folder = ModuleReach.folder(path)
                while !folder.isEmpty {
                    byFolder[folder, default: []].append(path)
                    folder = ModuleReach.folder(folder)
                }
            }
            var reached: Set<String> = []
            func mark(_ path: String) {
                guard reached.insert(path).inserted else { return }
                pending.append(path)
            }
            func visit(tokens: Set<UInt64>, relative: Set<String>) {
                for token in tokens { byStem[token]?.forEach { mark($0) } }
                for resolved in relative {
                    let k = ModuleReach.key(resolved)
                    if let paths = byKey[k] { paths.forEach { mark($0) }; continue }
                    if keys.contains(k) { continue }  // another file: a stylesheet, an image, a Vue component
                    if let below = byFolder[resolved] { below.forEach { mark($0) }; continue }  // a folder
                    if let stem = ModuleReach.stem(resolved) { byStem[CodeUnusedSymbols.hash(stem)]?.forEach { mark($0) } }
                }
            }
            // a loader reaches below its own folder, unless that is a package's top (a root `next.config.js` listing posts),
            // and below the folders its strings name
            func load(folders: Set<String>, names: Set<UInt64>) {
                for folder in folders where !ModuleReach.isTopFolder(folder, packages: packages) { byFolder[folder]?.forEach { mark($0) } }
                guard !names.isEmpty else { return }
                for path in judged where ModuleReach.folder(path).split(separator: "/").contains(where: { names.contains(CodeUnusedSymbols.hash(String($0))) }) {
                    mark(path)
                }
            }
            func follow() {
                while let path = pending.popLast() {
                    guard let names = candidates[path] else { continue }
                    visit(tokens: names.tokens, relative: names.relative)
                    if let loaded = names.listed { load(folders: names.listsOwnFolder ? [ModuleReach.folder(path)] : [], names: loaded) }  // a reached loader
                }
            }
            visit(tokens: tokens, relative: relative)
            load(folders: listed, names: listedNames)
            follow()
            let byProduction = reached
            // then what hand-run code reaches that production does not
            visit(tokens: toolTokens, relative: toolRelative)
            load(folders: toolListed, names: toolListedNames)
            follow()
            return Reach(unreached: Set(judged).subtracting(reached), handRun: reached.subtracting(byProduction))
        }
    }
}

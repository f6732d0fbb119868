import Foundation
import Yams
import HandoverModel

/// One thing `init` guessed from the repository, and where it saw it (written beside the guess in the manifest).
package struct Guess: Sendable, Equatable {
    package var value: String
    /// A path, with `:line` when a line says it.
    package var source: String

    package init(_ value: String, from source: String) {
        self.value = value
        self.source = source
    }
}

/// The hosting platform a repository deploys to, as its config files show.
package enum Platform: String, Sendable, Equatable, CaseIterable {
    case fly, vercel, render, netlify, heroku, railway

    /// The root file that shows it; the first one found wins, in this order.
    static let markers: [(file: String, platform: Platform)] = [
        ("fly.toml", .fly), ("render.yaml", .render), ("vercel.json", .vercel), ("netlify.toml", .netlify),
        ("railway.json", .railway), ("railway.toml", .railway), ("app.json", .heroku), ("Procfile", .heroku),
    ]

    var title: String {
        switch self {
        case .fly: "Fly.io"
        case .vercel: "Vercel"
        case .render: "Render"
        case .netlify: "Netlify"
        case .heroku: "Heroku"
        case .railway: "Railway"
        }
    }

    /// The command that puts a release back, when the platform has one (`{{tag}}` is the rollback target's tag).
    var rollbackCommand: String? {
        switch self {
        case .fly: "fly deploy --image registry.fly.io/{{app}}:{{tag}}"
        case .vercel: "vercel rollback"
        case .heroku: "heroku rollback"
        case .render, .netlify, .railway: nil
        }
    }

    /// How to roll back where there is no command: the dashboard's way.
    var rollbackByHand: String {
        switch self {
        case .render: "Render dashboard → the service → Events → a previous deploy → Rollback"
        case .netlify: "Netlify → Deploys → a previous deploy → Publish deploy"
        case .railway: "Railway → the service → Deployments → a previous deployment → Rollback"
        case .fly: "fly releases --image, then fly deploy --image IMAGE"
        case .vercel: "Vercel → Deployments → a previous deployment → Promote to Production"
        case .heroku: "heroku releases, then heroku rollback vNN"
        }
    }
}

/// What `handover init` can guess beyond file names: the platform, the public hosts, health routes, status pages.
/// Every function reads text it is given; `ProjectScanner` does the reading from disk.
package struct ProjectHints: Sendable, Equatable {
    package var platform: Guess?
    /// Other platforms whose files are there too (a blueprint kept for self-hosters, say).
    package var otherPlatforms: [Guess] = []
    /// The platform's app name (fly.toml `app`), for its rollback command.
    package var appName: String?
    /// Public host names the app is served on (custom domains, not the platform's own host).
    package var hosts: [Guess] = []
    /// The platform's own host for the app (`NAME.fly.dev`), when no custom domain is known.
    package var platformHosts: [Guess] = []
    /// Paths such as `/api/health`.
    package var healthRoutes: [Guess] = []
    /// Status page URLs.
    package var statusPages: [Guess] = []
    /// Reference env files below the root (monorepos: `apps/web/.env.example`), shallowest first.
    package var nestedReferences: [String] = []

    package init() {}

    /// Adds a guess unless the same value is already known (the first source is kept).
    static func add(_ guess: Guess, to list: inout [Guess]) {
        if !list.contains(where: { $0.value == guess.value }) { list.append(guess) }
    }

    // MARK: Platform config files

    /// Reads a root file's text for what it says about hosting.
    package mutating func read(root file: String, text: String) {
        // Several platforms' files: the one first in `Platform.markers` is the guess, the others are said too.
        if let marker = Platform.markers.first(where: { $0.file == file }) {
            let rank = { (guess: Guess?) in Platform.markers.firstIndex { $0.file == guess?.source } ?? Int.max }
            let seen = Guess(marker.platform.rawValue, from: file)
            if rank(seen) < rank(platform) {
                if let platform, platform.value != seen.value { Self.add(platform, to: &otherPlatforms) }
                platform = seen
            } else if platform?.value != seen.value {
                Self.add(seen, to: &otherPlatforms)
            }
        }
        switch file {
        case "fly.toml": readFlyToml(text)
        case "render.yaml": readRenderYaml(text)
        case "railway.json": readRailwayJSON(text)
        case "railway.toml": readTomlHealth(text, file: file, key: "healthcheckPath", table: "deploy")
        case "CNAME":
            if let line = text.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
               let host = Self.publicHost(line) {
                Self.add(Guess(host, from: "CNAME"), to: &hosts)
            }
        case "package.json": readPackageJSON(text)
        default: break
        }
    }

    mutating func readFlyToml(_ text: String) {
        var table = ""
        var lines = TomlLines(text)
        while let (number, raw) = lines.next() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") { table = TomlLines.tableName(line) ?? table; continue }
            guard let eq = TomlLines.assignmentIndex(line) else { continue }
            let key = TomlLines.unquoteKey(String(line[..<eq]).trimmingCharacters(in: .whitespaces))
            let start = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let value = lines.readValue(startingWith: start) else { break }
            if table.isEmpty, key == "app", Self.isLabel(value) {
                appName = value
                Self.add(Guess("\(value).fly.dev", from: "fly.toml:\(number)"), to: &platformHosts)
            }
            // `[[http_service.checks]]`, `[[services.http_checks]]`: `path = "/health"`.
            if key == "path", table.hasSuffix("checks"), let route = Self.route(value) {
                Self.add(Guess(route, from: "fly.toml:\(number)"), to: &healthRoutes)
            }
        }
    }

    mutating func readTomlHealth(_ text: String, file: String, key wanted: String, table wantedTable: String) {
        var table = ""
        var lines = TomlLines(text)
        while let (number, raw) = lines.next() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { table = TomlLines.tableName(line) ?? table; continue }
            guard let eq = TomlLines.assignmentIndex(line), !line.hasPrefix("#") else { continue }
            let key = TomlLines.unquoteKey(String(line[..<eq]).trimmingCharacters(in: .whitespaces))
            guard let value = lines.readValue(startingWith: line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)) else { break }
            if table == wantedTable, key == wanted, let route = Self.route(value) {
                Self.add(Guess(route, from: "\(file):\(number)"), to: &healthRoutes)
            }
        }
    }

    mutating func readRenderYaml(_ text: String) {
        guard YAMLBounds.refusal(text) == nil, let root = try? YAMLText.compose(text),
              case .sequence(let services)? = root["services"] else { return }
        for service in services {
            if case .sequence(let domains)? = service["domains"] {
                for domain in domains {
                    if let name = domain.string, let host = Self.publicHost(name) {
                        Self.add(Guess(host, from: "render.yaml:\(domain.line)"), to: &hosts)
                    }
                }
            }
            if let path = service["healthCheckPath"], let route = path.string.flatMap(Self.route) {
                Self.add(Guess(route, from: "render.yaml:\(path.line)"), to: &healthRoutes)
            }
        }
    }

    mutating func readRailwayJSON(_ text: String) {
        guard let object = Self.jsonObject(text), let deploy = object["deploy"] as? [String: Any],
              let path = deploy["healthcheckPath"] as? String, let route = Self.route(path) else { return }
        Self.add(Guess(route, from: "railway.json"), to: &healthRoutes)
    }

    mutating func readPackageJSON(_ text: String) {
        guard let object = Self.jsonObject(text), let homepage = object["homepage"] as? String,
              let host = URLComponents(string: homepage)?.host, let name = Self.publicHost(host) else { return }
        Self.add(Guess(name, from: "package.json"), to: &hosts)
    }

    static func jsonObject(_ text: String) -> [String: Any]? {
        guard text.utf8.count <= 1 << 20 else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    // MARK: README status pages

    /// Hosts of status-page services; a host starting with `status.` counts too.
    static let statusServices = ["statuspage.io", "instatus.com", "betteruptime.com", "betterstack.com", "status.io",
                                 "openstatus.dev", "stats.uptimerobot.com", "hund.io", "statuspal.io", "cachethq.io"]

    /// Status page links in a README (badges and images are not links to follow).
    package mutating func read(readme text: String, file: String) {
        guard text.utf8.count <= 1 << 20 else { return }
        let pattern = try? NSRegularExpression(pattern: #"https://[A-Za-z0-9.-]+(?:/[^\s)\]>"'`]*)?"#)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineText = String(line)
            for match in pattern?.matches(in: lineText, range: NSRange(lineText.startIndex..., in: lineText)) ?? [] {
                guard let range = Range(match.range, in: lineText) else { continue }
                let url = String(lineText[range]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!"))
                guard let host = URLComponents(string: url)?.host?.lowercased(), Self.isStatusPage(host: host) else { continue }
                // `![status](https://status…/badge)`: an image (a badge), not the page.
                let before = lineText[..<range.lowerBound]
                if before.hasSuffix("]("), let image = before.range(of: "![", options: .backwards),
                   !before[image.upperBound...].contains(")") { continue }
                if url.lowercased().contains("/badge") { continue }
                // One page per host: the first link to it.
                guard !statusPages.contains(where: { URLComponents(string: $0.value)?.host?.lowercased() == host }) else { continue }
                Self.add(Guess(url, from: "\(file):\(index + 1)"), to: &statusPages)
            }
        }
    }

    /// `status.acme.com`, or a page on a status service (`acme.instatus.com`) — not the service's own site
    /// (`www.openstatus.dev`).
    static func isStatusPage(host: String) -> Bool {
        if host.hasPrefix("status.") && host.split(separator: ".").count >= 3 { return true }
        return statusServices.contains { service in
            guard host.hasSuffix("." + service) else { return false }
            let label = host.dropLast(service.count + 1).split(separator: ".").last.map(String.init) ?? ""
            return !["www", "docs", "app", "api", "blog", "help", "support", "dashboard"].contains(label)
        }
    }

    // MARK: Health routes in code

    /// The last path segment of a health route.
    static let healthWords: Set<String> = ["health", "healthz", "healthcheck", "health-check", "health_check", "ping", "up",
                                           "ready", "readyz", "livez", "liveness", "readiness", "heartbeat"]

    /// Substrings every route declaration of a health word contains.
    static let routeHints = ["health", "ping", "ready", "livez", "liveness", "heartbeat", "/up\"", "/up'", "\"up\"", "'up'"]

    /// Route declarations in code: Express/Hono/Fastify `app.get('/health'`, Flask/FastAPI decorators,
    /// Go `HandleFunc("/healthz"`, Rails `get "up" =>`.
    static let routePatterns: [NSRegularExpression] = [
        #"\.(?:get|head|all|route|use|GET|HandleFunc|Handle|api_route)\(\s*["'`](/[A-Za-z0-9_./-]*)["'`]"#,
        #"\b(?:HandleFunc|Handle)\(\s*"(/[A-Za-z0-9_./-]*)""#,
        #"^\s*get\s+["'](/?[A-Za-z0-9_/-]+)["']\s*(?:=>|,\s*to:)"#,
    ].compactMap { try? NSRegularExpression(pattern: $0, options: [.anchorsMatchLines]) }

    /// A file-system route (Next.js, SvelteKit, Nuxt, Remix) whose last segment is a health word; nil otherwise.
    package static func fileRoute(_ path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        guard let file = parts.popLast() else { return nil }
        let stem = (file as NSString).deletingPathExtension
        let ext = (file as NSString).pathExtension
        guard ["ts", "js", "tsx", "jsx", "mjs", "py"].contains(ext) else { return nil }
        // app/api/health/route.ts, src/routes/health/+server.ts: the folder is the route.
        var segments: [String]
        if let app = parts.lastIndex(of: "app"), ["route", "+server"].contains(stem) {
            segments = Array(parts[(app + 1)...])
        } else if let routes = parts.lastIndex(of: "routes"), stem == "+server" {
            segments = Array(parts[(routes + 1)...])
        } else if let pages = parts.lastIndex(of: "pages"), parts.dropFirst(pages + 1).first == "api" {
            segments = Array(parts[(pages + 1)...]) + (stem == "index" ? [] : [stem])
        } else if let server = parts.lastIndex(of: "server"), let kind = parts.dropFirst(server + 1).first, kind == "api" || kind == "routes" {
            segments = (kind == "api" ? ["api"] : []) + Array(parts[(server + 2)...]) + (stem == "index" ? [] : [stem])
        } else {
            return nil
        }
        // Route groups `(marketing)` and private folders `_lib` are not in the URL.
        segments.removeAll { $0.hasPrefix("(") && $0.hasSuffix(")") }
        guard !segments.contains(where: { $0.hasPrefix("_") || $0.hasPrefix("[") || $0.hasPrefix("@") }),
              let last = segments.last?.lowercased(), healthWords.contains(last) else { return nil }
        return "/" + segments.joined(separator: "/")
    }

    /// Health routes declared in one source file's text.
    package mutating func read(source text: String, path: String) {
        if let route = Self.fileRoute(path) { Self.add(Guess(route, from: path), to: &healthRoutes) }
        // Most files name no health route: a plain substring test before any regex.
        guard text.utf8.count <= 512 << 10, Self.routeHints.contains(where: { text.contains($0) }) else { return }
        let ns = text as NSString
        for pattern in Self.routePatterns {
            for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                guard let route = Self.route(ns.substring(with: match.range(at: 1))) else { continue }
                let line = ns.substring(to: match.range.location).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                Self.add(Guess(route, from: "\(path):\(line)"), to: &healthRoutes)
            }
        }
    }

    // MARK: Values

    /// A path whose last segment is a health word, normalised to start with `/`; nil otherwise.
    static func route(_ text: String) -> String? {
        let path = text.hasPrefix("/") ? text : "/" + text
        guard path.count <= 200, path.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/_.-".contains($0)) }),
              let last = path.split(separator: "/").last?.lowercased(), healthWords.contains(last) else { return nil }
        return path
    }

    static func isLabel(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 63 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// A host name that could be the app's own public domain: not localhost, an IP, an example or a code host.
    static func publicHost(_ text: String) -> String? {
        let host = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ isLabel(String($0)) }), !labels.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        let notOurs = ["localhost", "example.com", "example.org", "example.net", "github.com", "gitlab.com", "npmjs.com", "npmjs.org"]
        if notOurs.contains(where: { host == $0 || host.hasSuffix("." + $0) }) || ["example", "test", "local", "localhost", "invalid"].contains(String(labels.last!)) {
            return nil
        }
        return host
    }
}

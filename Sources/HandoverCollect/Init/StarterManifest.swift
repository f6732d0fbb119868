import Foundation
import HandoverModel
import HandoverManifest

/// What `handover init` found in a repository.
package struct ProjectFacts: Sendable, Equatable {
    package var project: String
    /// Files at the repository root, by name.
    package var files: [String]
    package var remoteURL: String?
    package var tagNames: [String]
    package var branch: String?
    /// What the files say beyond their names: platform, hosts, health routes, status pages, nested references.
    package var hints: ProjectHints

    package init(project: String, files: [String], remoteURL: String?, tagNames: [String], branch: String?, hints: ProjectHints = ProjectHints()) {
        self.project = project
        self.files = files
        self.remoteURL = remoteURL
        self.tagNames = tagNames
        self.branch = branch
        self.hints = hints
    }
}

/// Writes the starter `handover.yml` from what the repository shows, with comments that explain each key.
package enum StarterManifest {
    /// Names of the file that lists every variable, most common first (the first one found is the reference).
    static let referenceNames = [".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults", "example.env",
                                 "env.example", "sample.env", "env.sample", "template.env", ".env-example", ".env.local.example",
                                 ".example.env"]

    /// Whether a root file is a reference (an example listing names), not an environment's file.
    package static func isReference(_ file: String) -> Bool {
        let name = file.lowercased()
        if referenceNames.contains(name) { return true }
        // `.env.production.example`, `.env.local.sample`, `production.env.template`: still examples.
        return (name.hasPrefix(".env") || name.hasSuffix(".env") || name.contains(".env."))
            && [".example", ".sample", ".template", ".dist"].contains { name.hasSuffix($0) }
    }

    /// Which environment a file found at the root belongs to; nil when it is not an env file.
    static func environment(for file: String) -> String? {
        let name = file.lowercased()
        if isReference(name) { return nil }
        switch EnvCollector.format(of: name) {
        case .compose: return "development"
        case .fly, .render: return "production"
        default: break
        }
        if [".env.production", ".env.prod", "production.env", "prod.env"].contains(name) { return "production" }
        if [".env.staging", ".env.stage", "staging.env"].contains(name) { return "staging" }
        if [".env", ".env.local", ".env.development", ".env.dev"].contains(name) { return "development" }
        return nil
    }

    /// `v*` when the tags look like `v1.2.3`, `*` for other tags, `v*` as the suggestion when there are none.
    static func tagPattern(_ tags: [String]) -> String {
        if tags.isEmpty || tags.contains(where: { $0.hasPrefix("v") && $0.dropFirst().first?.isNumber == true }) {
            return "v*"
        }
        return "*"
    }

    package static func render(_ facts: ProjectFacts) -> String {
        // The common names first; among the others, production's example (`.env.prod.example`) before a
        // development variant's (`.env.dev-azure.example`).
        func rank(_ file: String) -> (Int, Int, String) {
            let name = file.lowercased()
            return (referenceNames.firstIndex(of: name) ?? referenceNames.count, name.contains("prod") ? 0 : 1, file)
        }
        let references = facts.files.filter(isReference).sorted { rank($0) < rank($1) }
        // A monorepo keeps its reference beside the app (`apps/web/.env.example`): a guess, said so.
        let nested = references.isEmpty ? facts.hints.nestedReferences : []
        let reference = references.first ?? nested.first
        var environments: [(String, [String])] = []
        for file in facts.files.sorted() {
            guard let env = environment(for: file) else { continue }
            if let index = environments.firstIndex(where: { $0.0 == env }) {
                environments[index].1.append(file)
            } else {
                environments.append((env, [file]))
            }
        }
        let order = ["production", "staging", "development"]
        environments.sort { (order.firstIndex(of: $0.0) ?? 9) < (order.firstIndex(of: $1.0) ?? 9) }
        if !environments.contains(where: { $0.0 == "production" }) { environments.insert(("production", []), at: 0) }
        let pattern = tagPattern(facts.tagNames)
        var y: [String] = []
        y.append("# handover.yml — written by `handover init`. Reference: docs/manifest.md")
        y.append("# Durations are written 500ms, 5s, 1m. Paths are relative to this file's folder.")
        y.append("project: \(quote(facts.project))")
        y.append("repository: .")
        if let remote = facts.remoteURL { y.append("# git remote: \(RemoteURL.redacted(remote))") }
        y.append("")
        // An `env:` key with nothing under it is a manifest error: without a reference file the whole block is a comment.
        if let reference {
            y.append("env:")
            y.append("  # The file that lists every variable an environment must define (names only are read).")
            y.append("  reference: \(quote(reference))" + (nested.isEmpty ? "" : "   # guess: the reference file nearest the root"))
            for other in (nested.isEmpty ? references : nested).dropFirst().prefix(5) {
                y.append("  # also found: \(quote(other)) — a guess picked \(quote(reference))")
            }
        } else {
            y.append("# No reference env file found (such as .env.example). When you add one, name it here:")
            y.append("# env:")
            y.append("#   reference: .env.example")
        }
        y.append("")
        y.append("# Env files per environment, read from the working tree. Values are never read into a snapshot:")
        y.append("# only names and whether a value looks empty, a placeholder, localhost or a test key.")
        y.append("environments:")
        for (name, files) in environments {
            y.append("  \(name):")
            if name == "production" { y.append("    production: true") }
            y.append("    env_files: [\(files.map(quote).joined(separator: ", "))]")
            if name == "production" {
                y.append("    branch: \(quote(facts.branch ?? "main"))")
                y.append("    release_tags: \(quote(pattern))\(facts.tagNames.isEmpty ? "   # no tags yet: tag releases to get rollback targets" : "")")
                y.append("    # version: {url: \"https://api.example.com/version\", json_key: commit}")
            }
        }
        y.append("")
        y += rollbackLines(facts.hints)
        y.append("")
        y.append("# Who owns what, and how to reach them. `reviewed` is the day access was last checked.")
        y.append("owners: []")
        y.append("#  - {asset: dns, owner: Jo Doe, contact: jo@example.com, access: \"DNS provider account\", reviewed: 2026-11-01}")
        y.append("")
        y += monitoringLines(facts.hints)
        y.append("")
        y.append("critical: []")
        y.append("#  - {name: Login, kind: auth, url: \"https://app.example.com/login\"}")
        y.append("")
        y += domainLines(facts.hints)
        y.append("")
        y.append("collect:")
        y.append("  timeout: 5s")
        y.append("  deadline: 60s")
        return y.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

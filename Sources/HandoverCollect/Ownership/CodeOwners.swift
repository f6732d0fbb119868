import Foundation
import HandoverModel

/// GitHub's CODEOWNERS: where it is looked for, how it is read, and which rule owns a path (the last match wins).
package enum CodeOwners {
    /// The places GitHub looks, in its order: the first one present is the file.
    package static let locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]

    /// Reads the rules of a CODEOWNERS text; lines that are neither a rule nor a comment are counted, not kept.
    package static func parse(_ text: String, path: String) -> CodeOwnersFile {
        var rules: [CodeOwnersRule] = [], bad: [Int] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#"), hash == line.startIndex || line[line.index(before: hash)] == " " || line[line.index(before: hash)] == "\t" {
                line = line[..<hash]
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let pattern = fields.first else { continue }
            let owners = Array(fields.dropFirst())
            // An owner is `@name`, `@org/team` or an email address; anything else makes GitHub skip the line.
            guard owners.allSatisfy(isOwner), !pattern.hasPrefix("!"), !pattern.contains("[") else {
                bad.append(index + 1)
                continue
            }
            rules.append(CodeOwnersRule(pattern: pattern, owners: owners, line: index + 1))
        }
        return CodeOwnersFile(path: path, rules: rules, badLines: bad)
    }

    static func isOwner(_ text: String) -> Bool {
        if text.hasPrefix("@") {
            let name = text.dropFirst()
            return !name.isEmpty && name.split(separator: "/", omittingEmptySubsequences: false).count <= 2
                && name.allSatisfy { $0.isLetter || $0.isNumber || "-_/.".contains($0) }
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
    }

    /// The owners of `path` (a file, relative to the root): those of the last rule matching it; empty when no
    /// rule matches or the matching rule names nobody.
    package static func owners(of path: String, in file: CodeOwnersFile) -> [String] {
        file.rules.last { matches($0.pattern, path: path) }?.owners ?? []
    }

    /// gitignore-style matching as GitHub applies it to CODEOWNERS: `*` within a segment, `**` across segments, a
    /// leading `/` or a `/` inside anchors at the root, otherwise the pattern matches at any depth, and a pattern
    /// matching a folder owns everything in it.
    package static func matches(_ pattern: String, path: String) -> Bool {
        var body = pattern
        let folderOnly = body.hasSuffix("/")
        if folderOnly { body.removeLast() }
        let anchored = body.hasPrefix("/") || body.dropLast().contains("/")
        if body.hasPrefix("/") { body.removeFirst() }
        guard !body.isEmpty else { return false }
        let patternParts = body.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let pathParts = path.split(separator: "/").map(String.init)
        // The pattern may match the path or any folder above it (owning what is inside).
        let starts = anchored ? [0] : Array(0..<pathParts.count)
        for start in starts {
            for end in (start + 1)...pathParts.count {
                let isFolder = end < pathParts.count
                if folderOnly && !isFolder { continue }
                if match(patternParts[...], Array(pathParts[start..<end])[...]) { return true }
            }
        }
        return false
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            for skip in 0...path.count where match(rest, path.dropFirst(skip)) { return true }
            return false
        }
        guard let segment = path.first, glob(first, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` (any run of characters) and `?` (one) within one path segment.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Root folders whose files are infrastructure (terraform, manifests, CI config).
    package static let infrastructureFolders: Set<String> = ["infra", "infrastructure", "terraform", "k8s", "kubernetes", "helm",
                                                             "deploy", "deployment", ".circleci"]

    /// Which root-level or workflow path a deploy depends on, and how; nil for other paths.
    package static func criticalKind(_ path: String) -> CriticalPath.Kind? {
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last?.lowercased() else { return nil }
        if parts.count == 3, parts[0] == ".github", parts[1] == "workflows", name.hasSuffix(".yml") || name.hasSuffix(".yaml") { return .workflow }
        if parts.count == 1 {
            if name == "handover.yml" { return .manifest }
            if StarterManifest.isReference(name) { return .envExample }
            let infrastructure = ["fly.toml", "render.yaml", "vercel.json", "netlify.toml", "railway.json", "railway.toml", "procfile",
                                  "app.json", "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", ".gitlab-ci.yml"]
            if infrastructure.contains(name) || name.hasPrefix("dockerfile") || name.hasSuffix(".tf") { return .infrastructure }
        }
        if parts.count == 2, infrastructureFolders.contains(parts[0].lowercased()) {
            return .infrastructure
        }
        return nil
    }
}

import Foundation

/// Programs a GitHub Actions workflow runs (`python3 tools/send_failure_email.py`, `npx tsx tools/release.ts`,
/// `python -m pkg.resolver.send_pull_request`). The collector takes one for CI's script, not the service, only when it
/// also reads what only a runner's step has (``CodeReferences/ciRunnerNames``) and no deployment file names it: a
/// workflow may start the server for an end-to-end test, or be the deployment itself (`ssh … node server/index.js`).
///
/// Paths are compared without their extension (a module `pkg.mod` is `pkg/mod`), and a workflow's path counts only
/// with a folder in it: a bare `python main.py` may run any `main.py` of the repository, a step's `working-directory`
/// decides which.
package enum WorkflowPrograms {
    /// A workflow of GitHub Actions.
    package static func isWorkflow(_ path: String) -> Bool {
        (path.hasPrefix(".github/workflows/") || path.contains("/.github/workflows/"))
            && (path.hasSuffix(".yml") || path.hasSuffix(".yaml"))
    }

    /// A file that may say what a deployment runs: a Dockerfile, a Procfile, a compose file, a platform's or package
    /// manager's configuration (`package.json`'s scripts, `fly.toml`, `pyproject.toml`, a Kubernetes manifest). Any
    /// YAML, TOML or JSON file outside the workflows counts: naming a file there keeps it the service's.
    package static func isDeploymentFile(_ path: String) -> Bool {
        guard !isWorkflow(path) else { return false }
        let file = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if file == "procfile" || file == "containerfile" || file == "dockerfile" || file.hasPrefix("dockerfile.") || file.hasPrefix("dockerfile-")
            || file.hasSuffix(".dockerfile") { return true }
        return [".yml", ".yaml", ".toml", ".json"].contains { file.hasSuffix($0) }
    }

    static let interpreters = #"(?:python[0-9.]*|node|tsx|ts-node|bun|deno|ruby|php|uv|bash|sh)"#
    /// An interpreter (after `run` for `bun run`, `deno run`, `uv run`, and any flags) and the file it runs. Not Go's
    /// `go run x/main.go`: a Go program is its folder (`go build ./cmd/server`), which a deployment names without the file.
    static let program = try! NSRegularExpression(
        pattern: #"(?:^|[\s;&|(`"'])"# + interpreters + #"(?:\s+run)?(?:\s+-\S+)*\s+\.?/?([A-Za-z0-9_][A-Za-z0-9_./-]*)\.(?:py|js|mjs|cjs|ts|mts|cts|rb|php)\b"#)
    /// `python -m package.module`
    static let module = try! NSRegularExpression(pattern: #"(?:^|[\s;&|(`"'])python[0-9.]*\s+(?:-\S+\s+)*-m\s+([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)"#)
    /// Anything that looks like a file path with a code extension, or a dotted module path (`uvicorn app.main:app`).
    static let mention = try! NSRegularExpression(
        pattern: #"([A-Za-z0-9_][A-Za-z0-9_./-]*)\.(?:py|js|mjs|cjs|ts|mts|cts|rb|php|go)\b|\b([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)"#)

    /// The paths, without extension, of the programs a workflow's text runs; only those with a folder.
    package static func programs(inWorkflow text: String) -> Set<String> {
        var out: Set<String> = []
        let range = NSRange(text.startIndex..., in: text)
        for match in program.matches(in: text, range: range) {
            if let r = Range(match.range(at: 1), in: text) { out.insert(normalised(String(text[r]))) }
        }
        for match in module.matches(in: text, range: range) {
            if let r = Range(match.range(at: 1), in: text) { out.insert(text[r].replacingOccurrences(of: ".", with: "/")) }
        }
        return out.filter { $0.contains("/") && !$0.hasPrefix("/") && !$0.contains("..") }
    }

    /// The paths, without extension, that a deployment file mentions: file paths and dotted module paths, with or
    /// without a folder.
    package static func mentions(inDeploymentFile text: String) -> Set<String> {
        var out: Set<String> = []
        let range = NSRange(text.startIndex..., in: text)
        for match in mention.matches(in: text, range: range) {
            if let r = Range(match.range(at: 1), in: text) {
                out.insert(normalised(String(text[r])))
            } else if let r = Range(match.range(at: 2), in: text) {
                out.insert(text[r].replacingOccurrences(of: ".", with: "/"))
            }
        }
        return out.filter { !$0.isEmpty }
    }

    /// Whether the file at `path` is one of `programs` and no deployment file mentions it.
    package static func isCIProgram(_ path: String, programs: Set<String>, mentioned: Set<String>) -> Bool {
        guard !programs.isEmpty else { return false }
        let stem = withoutExtension(path)
        func names(_ candidate: String) -> Bool { stem == candidate || stem.hasSuffix("/" + candidate) }
        return programs.contains(where: names) && !mentioned.contains(where: names)
    }

    static func normalised(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return String(p)
    }

    static func withoutExtension(_ path: String) -> String {
        (path as NSString).deletingPathExtension
    }
}

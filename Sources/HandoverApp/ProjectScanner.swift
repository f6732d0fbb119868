import Foundation
import HandoverModel
import HandoverGit
import HandoverCollect

/// Looks at a repository for `handover init`: root files, the git remote, tags, the current branch, and what the
/// files say (platform, hosts, health routes, status pages, reference env files below the root).
package enum ProjectScanner {
    /// Bounds of the walk below the root: a big monorepo is sampled, never read whole.
    static let maximumDepth = 7
    static let maximumEntries = 40_000
    static let maximumSourceFiles = 6_000
    static let maximumFileBytes = 512 << 10
    /// Folders never entered: dependencies, build output, caches.
    static let skipped: Set<String> = ["node_modules", "vendor", "dist", "build", "out", ".next", ".nuxt", ".svelte-kit",
                                       "coverage", "__pycache__", "target", ".venv", "venv", "bower_components", ".turbo", ".vercel"]

    package static func scan(_ directory: URL) async -> ProjectFacts {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let git = await GitCollector(releaseTagPattern: "*", commitLimit: 0, readsOwnership: false).collect(repository: directory).data
        let remote = git?.remotes.first(where: { $0.name == "origin" })?.url ?? git?.remotes.first?.url
        var project = directory.lastPathComponent
        if let remote, let last = remote.split(whereSeparator: { $0 == "/" || $0 == ":" }).last {
            project = last.hasSuffix(".git") ? String(last.dropLast(4)) : String(last)
        }
        return ProjectFacts(project: project, files: files.filter { !$0.hasPrefix(".git") || $0 == ".github" },
                            remoteURL: remote, tagNames: git?.releaseTags.map(\.name) ?? [], branch: git?.head.branch,
                            hints: hints(in: directory, rootFiles: files))
    }

    /// Reads the root's platform files and README, then walks the tree (bounded) for route files, route
    /// declarations and reference env files.
    static func hints(in directory: URL, rootFiles: [String]) -> ProjectHints {
        var hints = ProjectHints()
        for file in rootFiles.sorted() {
            let markers = ["fly.toml", "render.yaml", "vercel.json", "netlify.toml", "railway.json", "railway.toml", "app.json",
                           "Procfile", "CNAME", "package.json"]
            if markers.contains(file), let text = read(directory.appendingPathComponent(file)) {
                hints.read(root: file, text: text)
            }
            if file.lowercased().hasPrefix("readme"), let text = read(directory.appendingPathComponent(file)) {
                hints.read(readme: text, file: file)
            }
        }
        var references: [(depth: Int, path: String)] = []
        var entries = 0, sources = 0
        var queue: [(url: URL, path: String, depth: Int)] = [(directory, "", 0)]
        while !queue.isEmpty, entries < maximumEntries {
            let (folder, prefix, depth) = queue.removeFirst()
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            for name in names {
                entries += 1
                let url = folder.appendingPathComponent(name)
                let path = prefix + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if depth < maximumDepth, !name.hasPrefix("."), !skipped.contains(name) { queue.append((url, path + "/", depth + 1)) }
                    continue
                }
                if depth > 0, StarterManifest.isReference(name) { references.append((depth, path)) }
                guard sources < maximumSourceFiles, CodeReferences.isSource(path), CodePlace.of(path) == .production else { continue }
                sources += 1
                if let text = read(url) { hints.read(source: text, path: path) }
            }
        }
        hints.nestedReferences = references.sorted { ($0.depth, $0.path) < ($1.depth, $1.path) }.map(\.path)
        return hints
    }

    /// A file's text when it is a regular file of at most `maximumFileBytes` in UTF-8.
    static func read(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = attributes[.size] as? Int, size <= maximumFileBytes,
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

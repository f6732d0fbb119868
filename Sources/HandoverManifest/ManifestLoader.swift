import Crypto
import Foundation
import Yams
import HandoverModel

/// A manifest read from disk, with what the snapshot records about it.
package struct LoadedManifest: Sendable {
    package var manifest: Manifest
    /// The manifest file as given.
    package var path: String
    /// The folder relative paths in the manifest are resolved against.
    package var directory: URL
    /// `sha256:` of the file's bytes.
    package var digest: String

    /// The repository root as an absolute URL.
    package var repositoryURL: URL {
        URL(fileURLWithPath: manifest.repository, relativeTo: directory).standardizedFileURL
    }
}

/// Loads and validates `handover.yml`, reporting every problem at once.
package enum ManifestLoader {
    /// Reads the manifest at `path`.
    /// The largest manifest read.
    package static let maxBytes = 4 * 1_048_576

    package static func load(path: String) throws(ManifestError) -> LoadedManifest {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        // A manifest is a page of YAML; megabytes mean the wrong file (a dump, a log) and would only be parsed slowly.
        let data: Data
        switch BoundedFile.read(url.path, maxBytes: maxBytes) {
        case .success(let bytes):
            data = bytes
        case .failure(.tooLarge(let size)):
            throw .unreadable(path: path, reason: "it is \(String(format: "%.1f", Double(size) / 1_048_576)) MiB; a manifest is at most \(maxBytes / 1_048_576) MiB — is this the right file?")
        case .failure(.missing):
            throw .notFound(path: path)
        case .failure(.notRegular(let what)), .failure(.unreadable(let what)):
            throw .unreadable(path: path, reason: what)
        }
        let manifest = try parse(data: data, path: path)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return LoadedManifest(manifest: manifest, path: path, directory: url.deletingLastPathComponent(),
                              digest: "sha256:" + digest)
    }

    /// Parses manifest bytes; `path` is only used in messages.
    package static func parse(data: Data, path: String) throws(ManifestError) -> Manifest {
        guard var text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let root: Node?
        do {
            root = try YAMLText.compose(text, maximumBytes: maxBytes)
        } catch {
            // A file cut off mid-way (no final newline) is reported by libyaml one line past its end: point at the end.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let lastLine = text.hasSuffix("\n") ? lines.count - 1 : lines.count
            if error.line > lastLine, lastLine > 0 {
                throw .syntax(path: path, line: lastLine, column: (lines[lastLine - 1].count) + 1,
                              problem: error.problem + " at the end of the file — is it cut off?")
            }
            throw .syntax(path: path, line: error.line, column: error.column, problem: error.problem)
        }
        guard let root, !root.isNull else {
            throw .invalid(path: path, problems: [ManifestProblem(line: 1, column: 1,
                message: "the manifest is empty — it needs at least `project: NAME`")])
        }
        let reader = ManifestReader()
        let manifest = ManifestSchema.read(root, reader)
        guard reader.problems.isEmpty, let manifest else {
            let sorted = reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            throw .invalid(path: path, problems: sorted)
        }
        return manifest
    }
}

import CLibgit2
import Foundation
import HandoverCore

/// A credential shape or an env file found in the repository, redacted.
public struct SecretFinding: Codable, Sendable, Equatable {
    /// A rule id from `SecretRules`, or `env-file`.
    public var rule: String
    public var path: String
    public var line: Int?
    /// The commit that introduced it (HEAD's commit when only HEAD was scanned).
    public var commit: String
    public var author: String
    public var date: Date
    /// The rule's constant prefix and `****` only.
    public var redacted: String
    /// For env files: the commit that deleted the file again, if any (history stays in the repository).
    public var removedIn: String?
    /// `rule:path:introducing-commit`, stable across later edits of the file.
    public var fingerprint: String
}

/// Scans the HEAD tree, or every blob reachable from any branch or tag (each blob once), with libgit2.
public struct SecretScanner: Sendable {
    public let repository: URL
    public let maxBytes: Int

    public init(repository: URL, maxBytes: Int = 1 << 20) {
        self.repository = repository
        self.maxBytes = maxBytes
    }

    public enum ScanError: Error, CustomStringConvertible {
        case unreadable(String)
        public var description: String { switch self { case .unreadable(let why): return why } }
    }

    public func scan(history: Bool) throws -> [SecretFinding] {
        let repo: GitRepository
        do { repo = try GitRepository(path: repository.path) } catch { throw ScanError.unreadable("\(repository.path): not a git repository (\(error))") }
        return history ? scanHistory(repo) : try scanHead(repo)
    }

    private func scanHead(_ repo: GitRepository) throws -> [SecretFinding] {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, repo.handle, "HEAD") == 0,
              let info = repo.withCommit(&oid, GitRepository.info) else { throw ScanError.unreadable("HEAD has no commit") }
        var findings: [SecretFinding] = []
        _ = repo.withCommit(&oid) { commit in
            var tree: OpaquePointer?
            guard git_commit_tree(&tree, commit) == 0, let tree else { return }
            defer { git_tree_free(tree) }
            repo.forEachBlob(in: tree) { path, blob in
                findings += self.findings(in: blob, path: path, commit: info)
            }
        }
        return findings.sorted { ($0.path, $0.line ?? 0, $0.rule) < ($1.path, $1.line ?? 0, $1.rule) }
    }

    private func scanHistory(_ repo: GitRepository) -> [SecretFinding] {
        var walker: OpaquePointer?
        guard git_revwalk_new(&walker, repo.handle) == 0, let walker else { return [] }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue)
        _ = git_revwalk_push_glob(walker, "refs/heads/*")
        _ = git_revwalk_push_glob(walker, "refs/tags/*")
        _ = git_revwalk_push_head(walker)
        var seen: Set<String> = []
        var findings: [SecretFinding] = []
        var envFiles: [String: Int] = [:]  // path → index of its open finding
        var oid = git_oid()
        while git_revwalk_next(&oid, walker) == 0 {
            _ = repo.withCommit(&oid) { commit in
                let info = GitRepository.info(commit)
                var tree: OpaquePointer?
                guard git_commit_tree(&tree, commit) == 0, let tree else { return }
                defer { git_tree_free(tree) }
                var parentTree: OpaquePointer?
                var parent: OpaquePointer?
                if git_commit_parentcount(commit) > 0, git_commit_parent(&parent, commit, 0) == 0, let parent {
                    _ = git_commit_tree(&parentTree, parent)
                    git_commit_free(parent)
                }
                defer { if let parentTree { git_tree_free(parentTree) } }
                var diff: OpaquePointer?
                guard git_diff_tree_to_tree(&diff, repo.handle, parentTree, tree, nil) == 0, let diff else { return }
                defer { git_diff_free(diff) }
                for index in 0..<git_diff_num_deltas(diff) {
                    guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
                    let newPath = delta.new_file.path.map { String(cString: $0) } ?? ""
                    if delta.status == GIT_DELTA_DELETED {
                        let oldPath = delta.old_file.path.map { String(cString: $0) } ?? ""
                        if let open = envFiles[oldPath] {
                            findings[open].removedIn = info.sha
                            envFiles[oldPath] = nil
                        }
                        continue
                    }
                    if SecretRules.isEnvFile(newPath), envFiles[newPath] == nil, delta.status == GIT_DELTA_ADDED || delta.status == GIT_DELTA_RENAMED {
                        envFiles[newPath] = findings.count
                        findings.append(SecretFinding(rule: "env-file", path: newPath, line: nil, commit: info.sha, author: info.author, date: info.date,
                                                      redacted: "(env file committed)", removedIn: nil, fingerprint: "env-file:\(newPath):\(info.sha)"))
                    }
                    var blobID = delta.new_file.id
                    let key = GitRepository.string(&blobID)
                    guard !seen.contains(key) else { continue }
                    seen.insert(key)
                    var blob: OpaquePointer?
                    guard git_blob_lookup(&blob, repo.handle, &blobID) == 0, let blob else { continue }
                    findings += self.findings(in: blob, path: newPath, commit: info, includeEnvFile: false)
                    git_blob_free(blob)
                }
            }
        }
        return findings.sorted { ($0.date, $0.path, $0.line ?? 0, $0.rule) < ($1.date, $1.path, $1.line ?? 0, $1.rule) }
    }

    private func findings(in blob: OpaquePointer, path: String, commit: CommitInfo, includeEnvFile: Bool = true) -> [SecretFinding] {
        var out: [SecretFinding] = []
        if includeEnvFile && SecretRules.isEnvFile(path) {
            out.append(SecretFinding(rule: "env-file", path: path, line: nil, commit: commit.sha, author: commit.author, date: commit.date,
                                     redacted: "(env file tracked)", removedIn: nil, fingerprint: "env-file:\(path):\(commit.sha)"))
        }
        guard let text = GitRepository.text(ofBlob: blob, maxBytes: maxBytes) else { return out }
        for match in SecretRules.scan(text) {
            out.append(SecretFinding(rule: match.rule, path: path, line: match.line, commit: commit.sha, author: commit.author, date: commit.date,
                                     redacted: match.redacted, removedIn: nil, fingerprint: "\(match.rule):\(path):\(commit.sha)"))
        }
        return out
    }
}

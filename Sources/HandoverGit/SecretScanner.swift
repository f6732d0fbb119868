import CLibgit2
import Foundation
import HandoverCore

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

    /// HEAD only, or the whole history from scratch.
    public func scan(history: Bool) throws -> [SecretFinding] {
        let repo = try open()
        guard history else { return try scanHead(repo) }
        return scanHistory(repo, previous: nil).findings.sorted { ($0.date, $0.path, $0.line ?? 0, $0.rule) < ($1.date, $1.path, $1.line ?? 0, $1.rule) }
    }

    /// The snapshot's `secrets` section, on a thread of its own. With a previous scan made by the same rules,
    /// only commits not reachable from its tips are read; its findings are kept (a key once pushed stays leaked).
    /// - Parameter budget: how long the history walk may take; when it runs out the section holds what was found so
    ///   far, marked `partial`, and the next snapshot (given this state as `previous`) goes on from there. A first
    ///   scan of a very large repository thus finishes over several snapshots instead of failing each time.
    public func collect(previous: SecretsState?, budget: Duration? = nil) async -> Section<SecretsState> {
        await BlockingWork.run {
            do {
                return .collected(self.scanHistory(try self.open(), previous: previous, budget: budget))
            } catch {
                return .failed("\(error) — check `repository:` in the manifest")
            }
        }
    }

    private func open() throws -> GitRepository {
        do { return try GitRepository(path: repository.path) } catch {
            throw ScanError.unreadable(GitError.openFailure(error, path: repository.path))
        }
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
                if SecretRules.isEnvFile(path) {
                    findings.append(SecretFinding(rule: SecretRules.envFileRule, path: path, line: nil, commit: info.sha, author: info.author,
                                                  date: info.date, redacted: "(env file tracked)", atHead: true))
                }
                findings += self.matches(in: blob, path: path, commit: info).map { var f = $0; f.atHead = true; return f }
            }
        }
        return findings.sorted { ($0.path, $0.line ?? 0, $0.rule) < ($1.path, $1.line ?? 0, $1.rule) }
    }

    /// Commit ids of HEAD and every branch and tag, peeled to commits, sorted and unique.
    private func tips(_ repo: GitRepository) -> [String: git_oid] {
        var names = git_strarray()
        guard git_reference_list(&names, repo.handle) == 0 else { return [:] }
        var out: [String: git_oid] = [:]
        for name in GitRepository.strings(&names) + ["HEAD"]
        where name == "HEAD" || name.hasPrefix("refs/heads/") || name.hasPrefix("refs/tags/") {
            var ref: OpaquePointer?
            guard git_reference_lookup(&ref, repo.handle, name) == 0, let ref else { continue }
            defer { git_reference_free(ref) }
            var object: OpaquePointer?
            guard git_reference_peel(&object, ref, GIT_OBJECT_COMMIT) == 0, let object else { continue }
            let oid = git_object_id(object).pointee
            var copy = oid
            out[GitRepository.string(&copy)] = oid
            git_object_free(object)
        }
        return out
    }

    private func scanHistory(_ repo: GitRepository, previous: SecretsState?, budget: Duration? = nil) -> SecretsState {
        let started = ContinuousClock.now
        let tips = tips(repo)
        // Incremental only with the same rules and the same repository (at least one stored tip still exists here).
        let known = (previous?.scannedTips ?? []).compactMap { tip -> git_oid? in
            var oid = git_oid()
            return git_oid_fromstr(&oid, tip) == 0 && repo.withCommit(&oid, { _ in true }) == true ? oid : nil
        }
        let incremental = previous.map { $0.rulesDigest == SecretRules.digest && (!known.isEmpty || $0.scannedTips.isEmpty) } ?? false
        var walker: OpaquePointer?
        guard git_revwalk_new(&walker, repo.handle) == 0, let walker else {
            return SecretsState(rulesVersion: SecretRules.version, rulesDigest: SecretRules.digest, scannedTips: [], scan: .full,
                                commitsScanned: 0, blobsScanned: 0, findings: [])
        }
        defer { git_revwalk_free(walker) }
        // Parents before children, so the first commit holding a blob is the one that introduced it.
        git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue)
        for var oid in tips.values { _ = git_revwalk_push(walker, &oid) }
        var findings: [SecretFinding] = []
        var envFiles: [String: Int] = [:]  // path → index of its open finding (no deleting commit yet)
        if incremental, let previous {
            // Tips that vanished (a force-push, a deleted branch) cannot be hidden; their findings stay (once pushed, leaked).
            for var oid in known { _ = git_revwalk_hide(walker, &oid) }
            findings = previous.findings
            for (index, f) in findings.enumerated() where f.isEnvFile && f.removedIn == nil { envFiles[f.path] = index }
        }
        var blobs = BlobMemory()
        var commits = 0
        // Parents come before children, so what has been scanned at any moment is closed under ancestry: its newest
        // commits (scanned, with no scanned child yet) describe it whole, and hidden in the next walk they skip it.
        var frontier: Set<String> = []
        var remaining = 0
        var oid = git_oid()
        while git_revwalk_next(&oid, walker) == 0 {
            if let budget, commits > 0, ContinuousClock.now - started > budget {
                remaining = 1
                while git_revwalk_next(&oid, walker) == 0 { remaining += 1 }
                break
            }
            commits += 1
            _ = repo.withCommit(&oid) { commit in
                if budget != nil {  // only a walk that can stop needs its frontier
                    for index in 0..<git_commit_parentcount(commit) {
                        guard var parent = git_commit_parent_id(commit, index)?.pointee else { continue }
                        frontier.remove(GitRepository.string(&parent))
                    }
                    if var id = git_commit_id(commit)?.pointee { frontier.insert(GitRepository.string(&id)) }
                }
                self.scanChanges(of: commit, repo: repo, blobs: &blobs, findings: &findings, envFiles: &envFiles)
            }
        }
        var unique: [String: SecretFinding] = [:]
        for f in findings where unique[f.fingerprint] == nil { unique[f.fingerprint] = f }
        let marked = markAtHead(Array(unique.values), repo: repo)
        let done = remaining == 0
        let knownTips = known.map { oid -> String in
            var oid = oid
            return GitRepository.string(&oid)
        }
        return SecretsState(rulesVersion: SecretRules.version, rulesDigest: SecretRules.digest,
                            // Complete: every commit reachable from today's tips has been read, they are all the next
                            // run needs. Partial: the scanned frontier, and what earlier runs had finished.
                            scannedTips: done ? Array(tips.keys) : Array(frontier) + (incremental ? knownTips : []),
                            scan: done ? (incremental ? .incremental : .full) : .partial, commitsScanned: commits,
                            blobsScanned: blobs.seen.count, commitsRemaining: done ? nil : remaining, findings: marked)
    }

    /// What one run knows about the blobs it read: which it read, and the identities of the secrets in those
    /// that held any (so a later edit of a file that still holds a key does not report it again).
    struct BlobMemory {
        var seen: Set<String> = []
        var secrets: [String: Set<Int>] = [:]
    }

    /// The files one commit added or changed against its first parent; every blob is read at most once per run.
    /// A secret counts only where it first appears: the same secret in the file's previous version is not new.
    private func scanChanges(of commit: OpaquePointer, repo: GitRepository, blobs: inout BlobMemory,
                             findings: inout [SecretFinding], envFiles: inout [String: Int]) {
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
        // A merge brings the other parents' files along: a file identical to its version in another parent was
        // introduced there (and found there — in this run or an earlier one), not by the merge.
        var mergedTrees: [OpaquePointer] = []
        for index in 1..<max(1, git_commit_parentcount(commit)) {
            var other: OpaquePointer?
            var otherTree: OpaquePointer?
            guard git_commit_parent(&other, commit, index) == 0, let other else { continue }
            if git_commit_tree(&otherTree, other) == 0, let otherTree { mergedTrees.append(otherTree) }
            git_commit_free(other)
        }
        defer { mergedTrees.forEach { git_tree_free($0) } }
        repo.forEachChange(from: parentTree, to: tree) { change in
            if change.kind == .deleted {
                if let open = envFiles.removeValue(forKey: change.path) { findings[open].removedIn = info.sha }
                return
            }
            if SecretRules.isEnvFile(change.path), envFiles[change.path] == nil {
                envFiles[change.path] = findings.count
                findings.append(SecretFinding(rule: SecretRules.envFileRule, path: change.path, line: nil, commit: info.sha, author: info.author,
                                              date: info.date, redacted: "(env file committed)"))
            }
            guard var blobID = change.newID else { return }
            if mergedTrees.contains(where: { Self.tree($0, holds: &blobID, at: change.path) }) { return }
            let key = GitRepository.string(&blobID)
            guard blobs.seen.insert(key).inserted else { return }
            let matches = scanBlob(&blobID, repo: repo)
            guard !matches.isEmpty else { return }
            blobs.secrets[key] = Set(matches.map(\.identity))
            var before: Set<Int> = []
            if change.kind == .modified, var oldID = change.oldID {
                let oldKey = GitRepository.string(&oldID)
                if let known = blobs.secrets[oldKey] {
                    before = known
                } else if !blobs.seen.contains(oldKey) {
                    // Incremental: the previous version predates the stored tips and was read by an earlier run.
                    before = Set(scanBlob(&oldID, repo: repo).map(\.identity))
                }
            }
            for match in matches where !before.contains(match.identity) {
                findings.append(SecretFinding(rule: match.rule, path: change.path, line: match.line, commit: info.sha, author: info.author,
                                              date: info.date, redacted: match.redacted))
            }
        }
    }

    /// Whether `tree` has exactly the blob `id` at `path`.
    private static func tree(_ tree: OpaquePointer, holds id: inout git_oid, at path: String) -> Bool {
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return false }
        defer { git_tree_entry_free(entry) }
        return git_oid_equal(git_tree_entry_id(entry), &id) == 1
    }

    private func scanBlob(_ id: inout git_oid, repo: GitRepository) -> [SecretRules.Match] {
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repo.handle, &id) == 0, let blob else { return [] }
        defer { git_blob_free(blob) }
        return GitRepository.withBytes(ofBlob: blob, maxBytes: maxBytes, SecretRules.scan(utf8:)) ?? []
    }

    /// Whether HEAD still holds each finding: the file exists there and (for credential shapes) still matches.
    private func markAtHead(_ findings: [SecretFinding], repo: GitRepository) -> [SecretFinding] {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, repo.handle, "HEAD") == 0 else {
            return findings.map { var f = $0; f.atHead = false; return f }
        }
        return repo.withCommit(&oid) { commit -> [SecretFinding] in
            var tree: OpaquePointer?
            guard git_commit_tree(&tree, commit) == 0, let tree else { return findings }
            defer { git_tree_free(tree) }
            var rulesAt: [String: Set<String>] = [:]
            func rules(at path: String) -> Set<String> {
                if let known = rulesAt[path] { return known }
                var found: Set<String> = []
                var entry: OpaquePointer?
                if git_tree_entry_bypath(&entry, tree, path) == 0, let entry {
                    found.insert(SecretRules.envFileRule)
                    var blob: OpaquePointer?
                    if git_blob_lookup(&blob, repo.handle, git_tree_entry_id(entry)) == 0, let blob {
                        found.formUnion((GitRepository.withBytes(ofBlob: blob, maxBytes: maxBytes, SecretRules.scan(utf8:)) ?? []).map(\.rule))
                        git_blob_free(blob)
                    }
                    git_tree_entry_free(entry)
                }
                rulesAt[path] = found
                return found
            }
            return findings.map { var f = $0; f.atHead = rules(at: f.path).contains(f.rule); return f }
        } ?? findings
    }

    private func matches(in blob: OpaquePointer, path: String, commit: CommitInfo) -> [SecretFinding] {
        let found = GitRepository.withBytes(ofBlob: blob, maxBytes: maxBytes, SecretRules.scan(utf8:)) ?? []
        return found.map { match in
            SecretFinding(rule: match.rule, path: path, line: match.line, commit: commit.sha, author: commit.author, date: commit.date,
                          redacted: match.redacted)
        }
    }
}

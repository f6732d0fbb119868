import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// Scans the HEAD tree, or every blob reachable from any branch or tag (each blob once), with libgit2.
package struct SecretScanner: Sendable {
    package let repository: URL
    package let maxBytes: Int

    /// Threads reading a long history at once (each with its own repository handle).
    package let readers: Int

    /// With one reader, whether its steps run on three threads — walking, reading, searching (`SecretPipelinedReading`).
    package let pipelined: Bool

    package init(repository: URL, maxBytes: Int = 4 << 20, readers: Int = SecretScanner.defaultReaders, pipelined: Bool = true) {
        self.repository = repository
        self.maxBytes = maxBytes
        self.readers = max(1, readers)
        self.pipelined = pipelined
    }

    /// One, on three threads (`pipelined`): N readers each keep their own caches, so they read more in all — two on
    /// dub under load took 27.6 s and 308 MB against one's 20.4 s and 269 MB (docs/precision.md, "Speed — session
    /// 10"); pass `readers:` to use more.
    package static let defaultReaders = 1
    /// Blob bytes all readers together keep to compare a file with its previous version.
    static let blobCacheBytes = 32 << 20
    /// The pack reader's cache of a pipelined reader's walking thread, which builds trees only.
    static let treeCacheBytes = 8 << 20
    /// Fewer commits than this are read on the calling thread: a second repository handle costs more than it saves.
    static let parallelFrom = 64

    package enum ScanError: Error, CustomStringConvertible {
        case unreadable(String)
        package var description: String { switch self { case .unreadable(let why): return why } }
    }

    /// HEAD only, or the whole history from scratch.
    package func scan(history: Bool) throws -> [SecretFinding] {
        try scanReportingUnreadable(history: history).findings
    }

    /// As `scan(history:)`, with what the history scan could not read (nil when everything was read).
    package func scanReportingUnreadable(history: Bool) throws -> (findings: [SecretFinding], unreadable: UnreadableObjects?) {
        let repo = try open()
        guard history else { return (try scanHead(repo), nil) }
        let state = scanHistory(repo, previous: nil)
        return (state.findings.sorted { ($0.date, $0.path, $0.line ?? 0, $0.rule) < ($1.date, $1.path, $1.line ?? 0, $1.rule) }, state.unreadable)
    }

    /// The snapshot's `secrets` section, on a thread of its own. With a previous scan made by the same rules,
    /// only commits not reachable from its tips are read; its findings are kept (a key once pushed stays leaked).
    /// - Parameter budget: how long the history walk may take; when it runs out the section holds what was found so
    ///   far, marked `partial`, and the next snapshot (given this state as `previous`) goes on from there. A first
    ///   scan of a very large repository thus finishes over several snapshots instead of failing each time.
    package func collect(previous: SecretsState?, budget: Duration? = nil) async -> Section<SecretsState> {
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
        let fingerprinter = fingerprinter(repo, tips: [oid])
        var findings: [SecretFinding] = []
        _ = repo.withCommit(&oid) { commit in
            var tree: OpaquePointer?
            guard git_commit_tree(&tree, commit) == 0, let tree else { return }
            defer { git_tree_free(tree) }
            repo.forEachBlob(in: tree) { path, blob in
                if SecretRules.isEnvFile(path) {
                    let judged = GitRepository.withBytes(ofBlob: blob, maxBytes: self.maxBytes) { EnvFileJudgement.judge(utf8: $0, path: path) }
                    findings.append(SecretFinding(rule: SecretRules.envFileRule, path: path, line: nil, commit: info.sha, author: info.author,
                                                  date: info.date, redacted: "(env file tracked)", atHead: true,
                                                  confidence: judged?.0 ?? .certain, reasons: judged?.1))
                }
                findings += self.matches(in: blob, path: path, commit: info, fingerprinter: fingerprinter).map { var f = $0; f.atHead = true; return f }
            }
        }
        return findings.sorted { ($0.path, $0.line ?? 0, $0.rule) < ($1.path, $1.line ?? 0, $1.rule) }
    }

    private func matches(in blob: OpaquePointer, path: String, commit: CommitInfo, fingerprinter: SecretFingerprint) -> [SecretFinding] {
        let found = GitRepository.withBytes(ofBlob: blob, maxBytes: maxBytes) { SecretRules.scan(utf8: $0, path: path) } ?? []
        return found.map { match in
            SecretFinding(rule: match.rule, path: path, line: match.line, commit: commit.sha, author: commit.author, date: commit.date,
                          redacted: match.redacted, confidence: match.confidence, reasons: match.reasons,
                          fingerprint: fingerprinter(rule: match.rule, value: match.value))
        }
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
        // Parents before children, so the first commit holding a blob is the one that introduced it. Tips that
        // vanished (a force-push, a deleted branch) cannot be hidden; their findings stay (once pushed, leaked).
        var walk = HistoryWalk(repo: repo, tips: Array(tips.values), hidden: incremental ? known : [])
        defer { walk.close() }
        var run = SecretHistoryRun(fingerprinter: fingerprinter(repo, tips: Array(tips.values)),
                                   previous: incremental ? previous?.findings ?? [] : [])
        var order: [git_oid] = []
        while let oid = walk.next() { order.append(oid) }
        // Parents come before children, so what has been scanned at any moment is closed under ancestry: its newest
        // commits (scanned, with no scanned child yet) describe it whole, and hidden in the next walk they skip it.
        var frontier: Set<String> = []
        func apply(_ scan: SecretCommitScan?) {
            guard let scan else { return }
            if budget != nil {  // only a walk that can stop needs its frontier
                for parent in scan.parents { frontier.remove(parent) }
                frontier.insert(scan.id)
            }
            run.apply(scan)
        }
        let deadline = budget.map { started + $0 }
        let commits: Int
        if readers == 1, pipelined, order.count >= Self.parallelFrom,
           case let walker = SecretCommitReader(repo: repo, maxBytes: maxBytes, cacheBytes: Self.blobCacheBytes, objectCacheBytes: Self.treeCacheBytes),
           let loader = makeSource(sharing: walker.objects, cacheBytes: Self.blobCacheBytes).map({ SecretBlobLoader(source: $0, maxBytes: maxBytes, cacheBytes: Self.blobCacheBytes) }),
           let judge = makeSource(sharing: walker.objects, cacheBytes: 4 << 20).map(SecretBlobJudge.init) {
            commits = SecretPipelinedReading.run(walker, loader: loader, judge: judge, commits: order, deadline: deadline, apply)
        } else {
            commits = SecretParallelReading.run(makeReaders(repo, commits: order.count), commits: order, deadline: deadline, apply)
        }
        let remaining = order.count - commits
        for id in walk.unreadable { run.noteUnreadable("commit", id, path: nil) }
        var unique: [String: SecretFinding] = [:]
        for f in run.findings where unique[f.fingerprint] == nil { unique[f.fingerprint] = f }
        let marked = markAtHead(Array(unique.values), repo: repo, fingerprinter: run.fingerprinter)
        let done = remaining == 0
        let knownTips = known.map { oid -> String in
            var oid = oid
            return GitRepository.string(&oid)
        }
        let unreadable = run.unreadableCount > 0 ? UnreadableObjects(count: run.unreadableCount, examples: run.unreadable) : nil
        // Complete: every commit reachable from today's tips has been read, they are all the next run needs. Partial:
        // the scanned frontier, and what earlier runs had finished. Objects that could not be read: no tip is claimed,
        // so the next run reads everything again (its findings merge with these).
        let scanned = unreadable != nil ? [] : done ? Array(tips.keys) : Array(frontier) + (incremental ? knownTips : [])
        return SecretsState(rulesVersion: SecretRules.version, rulesDigest: SecretRules.digest, scannedTips: scanned,
                            scan: done ? (incremental ? .incremental : .full) : .partial, commitsScanned: commits,
                            blobsScanned: run.seen.count, commitsRemaining: done ? nil : remaining, unreadable: unreadable, findings: marked)
    }

    /// The readers of a walk of `commits` commits: the open handle alone for a short walk; otherwise one handle
    /// per reader (opened here; one that cannot be opened leaves fewer readers).
    private func makeReaders(_ repo: GitRepository, commits: Int) -> [SecretCommitReader] {
        let count = commits < Self.parallelFrom ? 1 : readers
        guard count > 1 else { return [SecretCommitReader(repo: repo, maxBytes: maxBytes, cacheBytes: Self.blobCacheBytes)] }
        let handles = (0..<count).compactMap { _ in try? GitRepository(path: repository.path) }
        guard !handles.isEmpty else { return [SecretCommitReader(repo: repo, maxBytes: maxBytes, cacheBytes: Self.blobCacheBytes)] }
        return handles.map { SecretCommitReader(repo: $0, maxBytes: maxBytes, cacheBytes: Self.blobCacheBytes / handles.count) }
    }

    /// A blob source for a thread of a pipelined reader: a handle and a pack reader of its own, over the walking
    /// reader's open packs. The loader's cache is as large as a reader's (blobs and their delta bases stay on its
    /// thread, the trees on the walker's); the judge's is small, for the previous versions a match needs that were no
    /// longer in memory. nil when another handle cannot be opened.
    private func makeSource(sharing objects: PackedObjects, cacheBytes: Int) -> BlobSource? {
        guard let handle = try? GitRepository(path: repository.path) else { return nil }
        return BlobSource(repo: handle, objects: PackedObjects(sharingPacksOf: objects, cacheBytes: cacheBytes))
    }

    /// The key of this repository's fingerprints: its root commits.
    private func fingerprinter(_ repo: GitRepository, tips: [git_oid]) -> SecretFingerprint {
        SecretFingerprint(roots: HistoryWalk.roots(repo, tips: tips))
    }

    /// Whether HEAD still holds each finding: for an env file, the file exists there; for a credential, one of the
    /// files it appeared in still holds the same value.
    private func markAtHead(_ findings: [SecretFinding], repo: GitRepository, fingerprinter: SecretFingerprint) -> [SecretFinding] {
        var oid = git_oid()
        guard git_reference_name_to_id(&oid, repo.handle, "HEAD") == 0 else {
            return findings.map { var f = $0; f.atHead = false; return f }
        }
        return repo.withCommit(&oid) { commit -> [SecretFinding] in
            var tree: OpaquePointer?
            guard git_commit_tree(&tree, commit) == 0, let tree else { return findings }
            defer { git_tree_free(tree) }
            var printsAt: [String: Set<String>?] = [:]
            func prints(at path: String) -> Set<String>? {
                if let known = printsAt[path] { return known }
                var found: Set<String>?
                var entry: OpaquePointer?
                if git_tree_entry_bypath(&entry, tree, path) == 0, let entry {
                    var blob: OpaquePointer?
                    if git_blob_lookup(&blob, repo.handle, git_tree_entry_id(entry)) == 0, let blob {
                        let matches = GitRepository.withBytes(ofBlob: blob, maxBytes: maxBytes) { SecretRules.scan(utf8: $0, path: path) } ?? []
                        found = Set(matches.map { fingerprinter(rule: $0.rule, value: $0.value) })
                        git_blob_free(blob)
                    } else {
                        found = []
                    }
                    git_tree_entry_free(entry)
                }
                printsAt[path] = found
                return found
            }
            return findings.map { f in
                var f = f
                if f.isEnvFile {
                    f.atHead = prints(at: f.path) != nil
                } else {
                    let places = Set((f.occurrences?.map(\.path) ?? []) + [f.path])
                    f.atHead = places.contains { prints(at: $0)?.contains(f.fingerprint) == true }
                }
                return f
            }
        } ?? findings
    }
}

import CLibgit2
import Foundation
import HandoverModel

/// Reads the deployment state of a repository through libgit2 (never the git CLI).
package struct GitCollector: Sendable {
    package var releaseTagPattern: String
    package var commitLimit: Int
    /// Whether CODEOWNERS and the recent authorship per area are read (`init` does not need them).
    package var readsOwnership: Bool

    package init(releaseTagPattern: String = "*", commitLimit: Int = 20, readsOwnership: Bool = true) {
        self.releaseTagPattern = releaseTagPattern
        self.commitLimit = commitLimit
        self.readsOwnership = readsOwnership
    }

    /// Collects on a thread of its own; a folder that is not a repository gives a failed section. The ownership
    /// reader (recent authorship per area: commits and root trees, no tags) reads on a second repository handle and
    /// thread beside the rest: on the benchmark's 100,000-commit repository it was 18 of the section's 41 ms, in
    /// series after the tags (12 ms), and the second core idle.
    package func collect(repository: URL) async -> Section<GitState> {
        guard readsOwnership else { return await BlockingWork.run { self.collectBlocking(repository: repository) } }
        async let owned = BlockingWork.run { Self.ownership(repository: repository) }
        let section = await BlockingWork.run { self.collectBlocking(repository: repository, readingOwnership: false) }
        let read = await owned
        return await BlockingWork.run { Self.joined(section, read) { Self.ownership(repository: repository, head: $0).ownership } }
    }

    /// The section with the ownership read beside it, when that read the commit the section names; when HEAD moved
    /// between the two reads (a commit made meanwhile), `reread` reads the ownership of the section's commit.
    static func joined(_ section: Section<GitState>, _ read: (head: String?, ownership: RepositoryOwnership?),
                       reread: (String) -> RepositoryOwnership?) -> Section<GitState> {
        // A HEAD that names a commit id but does not peel to a commit (a corrupt repository) gets no ownership; the
        // serial read would have tried.
        guard var state = section.data, let commit = state.head.commit?.sha, section.status == .collected else { return section }
        state.ownership = read.head == commit ? read.ownership : reread(commit)
        var joined = section
        joined.data = state
        return joined
    }

    /// The ownership of `head` (HEAD when nil) read on a handle of its own, with the commit it read.
    static func ownership(repository url: URL, head: String? = nil) -> (head: String?, ownership: RepositoryOwnership?) {
        guard let repo = try? GitRepository(path: url.path) else { return (nil, nil) }
        var oid = git_oid()
        let found = if let head { git_oid_fromstr(&oid, head) == 0 } else { git_reference_name_to_id(&oid, repo.handle, "HEAD") == 0 }
        guard found else { return (nil, nil) }
        return (GitRepository.string(&oid), OwnershipReader(repo: repo).read(head: oid))
    }

    package func collectBlocking(repository url: URL, readingOwnership: Bool? = nil) -> Section<GitState> {
        let repo: GitRepository
        do {
            repo = try GitRepository(path: url.path)
        } catch {
            return .failed(GitError.openFailure(error, path: url.path) + " — check `repository:` in the manifest")
        }
        let head = readHead(repo)
        let facts = RepositoryFacts(bare: repo.isBare, shallow: repo.isShallow, worktree: repo.isWorktree,
                                    empty: head.kind == .unborn && !repo.hasReferences)
        var headOID = git_oid()
        let hasHead = git_reference_name_to_id(&headOID, repo.handle, "HEAD") == 0
        let read = releaseTags(repo)
        let tags = ReleaseTagOrder.sorted(read.map(\.info))
        var state = GitState(
            repository: facts, head: head,
            dirty: facts.bare ? nil : dirtyState(repo),
            upstream: head.kind == .branch ? upstream(repo, head: headOID) : nil,
            describe: hasHead ? TagDescriber(tags: read).describe(CommitID(headOID), in: repo) : nil,
            releaseTagPattern: releaseTagPattern,
            releaseTags: Array(tags.prefix(GitState.tagLimit)), releaseTagCount: tags.count,
            remotes: remotes(repo),
            recentCommits: hasHead && commitLimit > 0 ? recentCommits(repo, head: headOID) : [])
        if hasHead && (readingOwnership ?? readsOwnership) { state.ownership = OwnershipReader(repo: repo).read(head: headOID) }
        return .collected(state)
    }

    /// `git describe --tags --match PATTERN --long COMMIT` for any commit of the repository (the collector describes
    /// HEAD): nil when no tag describes it or the repository or commit cannot be read.
    package func describe(commit sha: String, repository url: URL) -> DescribeState? {
        guard let repo = try? GitRepository(path: url.path) else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, sha) == 0 else { return nil }
        return TagDescriber(tags: releaseTags(repo)).describe(CommitID(oid), in: repo)
    }

    func readHead(_ repo: GitRepository) -> HeadState {
        var ref: OpaquePointer?
        let rc = git_repository_head(&ref, repo.handle)
        if rc == GIT_EUNBORNBRANCH.rawValue || rc == GIT_ENOTFOUND.rawValue {
            return HeadState(kind: .unborn, branch: unbornBranchName(repo), commit: nil)
        }
        guard rc == 0, let ref else { return HeadState(kind: .unknown, branch: nil, commit: nil) }
        defer { git_reference_free(ref) }
        var object: OpaquePointer?
        var commit: CommitInfo?
        if git_reference_peel(&object, ref, GIT_OBJECT_COMMIT) == 0, let object {
            commit = GitRepository.info(object)
            git_object_free(object)
        }
        if git_repository_head_detached(repo.handle) == 1 {
            return HeadState(kind: .detached, branch: nil, commit: commit)
        }
        let branch = git_reference_shorthand(ref).map { String(cString: $0) }
        return HeadState(kind: .branch, branch: branch, commit: commit)
    }

    func unbornBranchName(_ repo: GitRepository) -> String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, repo.handle, "HEAD") == 0, let ref else { return nil }
        defer { git_reference_free(ref) }
        guard let target = git_reference_symbolic_target(ref) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    /// Counts like `git status --porcelain -uall`: staged (index column), modified (work-tree column),
    /// untracked, conflicted.
    func dirtyState(_ repo: GitRepository) -> DirtyState? {
        var options = git_status_options()
        git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        guard git_status_list_new(&list, repo.handle, &options) == 0, let list else { return nil }
        defer { git_status_list_free(list) }
        let staged = GIT_STATUS_INDEX_NEW.rawValue | GIT_STATUS_INDEX_MODIFIED.rawValue | GIT_STATUS_INDEX_DELETED.rawValue
            | GIT_STATUS_INDEX_RENAMED.rawValue | GIT_STATUS_INDEX_TYPECHANGE.rawValue
        let modified = GIT_STATUS_WT_MODIFIED.rawValue | GIT_STATUS_WT_DELETED.rawValue | GIT_STATUS_WT_TYPECHANGE.rawValue
            | GIT_STATUS_WT_RENAMED.rawValue
        var state = DirtyState(staged: 0, modified: 0, untracked: 0, conflicted: 0)
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index) else { continue }
            let status = entry.pointee.status.rawValue
            if status & GIT_STATUS_CONFLICTED.rawValue != 0 { state.conflicted += 1; continue }
            if status & GIT_STATUS_WT_NEW.rawValue != 0 { state.untracked += 1; continue }
            if status & staged != 0 { state.staged += 1 }
            if status & modified != 0 { state.modified += 1 }
        }
        return state
    }

    func upstream(_ repo: GitRepository, head: git_oid) -> UpstreamState? {
        var local: OpaquePointer?
        guard git_repository_head(&local, repo.handle) == 0, let local else { return nil }
        defer { git_reference_free(local) }
        var remote: OpaquePointer?
        guard git_branch_upstream(&remote, local) == 0, let remote else { return nil }
        defer { git_reference_free(remote) }
        guard let target = git_reference_target(remote) else { return nil }
        var localOID = head
        var ahead = 0, behind = 0
        guard git_graph_ahead_behind(&ahead, &behind, repo.handle, &localOID, target) == 0 else { return nil }
        let name = git_reference_shorthand(remote).map { String(cString: $0) } ?? ""
        return UpstreamState(name: name, ahead: ahead, behind: behind)
    }

    /// Tags matching the pattern that point (through annotated tags) at commits, in the order read: what the release
    /// list and `describe` (`TagDescriber`) both need, read once. One pass over the tag references with a reference
    /// iterator (each loose ref read once; `git_tag_foreach` lists the names, then reads every ref again for its
    /// target), then one object read per matching tag.
    func releaseTags(_ repo: GitRepository) -> [ReadTag] {
        var iterator: OpaquePointer?
        guard git_reference_iterator_glob_new(&iterator, repo.handle, "refs/tags/*") == 0, let iterator else { return [] }
        defer { git_reference_iterator_free(iterator) }
        var refs: [(name: String, target: git_oid)] = []
        var ref: OpaquePointer?
        while git_reference_next(&ref, iterator) == 0, let current = ref {
            defer { git_reference_free(current) }
            let full = String(cString: git_reference_name(current))
            let name = full.hasPrefix("refs/tags/") ? String(full.dropFirst(10)) : full
            guard fnmatch(releaseTagPattern, name, 0) == 0 else { continue }
            if let target = git_reference_target(current) {
                refs.append((name, target.pointee))
            } else {
                // A symbolic tag reference (rare): what it resolves to, as git_tag_foreach would give.
                var oid = git_oid()
                guard git_reference_name_to_id(&oid, repo.handle, full) == 0 else { continue }
                refs.append((name, oid))
            }
        }
        return refs.compactMap { readTag(repo, name: $0.name, target: $0.target) }
    }

    func readTag(_ repo: GitRepository, name: String, target: git_oid) -> ReadTag? {
        var oid = target
        var object: OpaquePointer?
        guard git_object_lookup(&object, repo.handle, &oid, GIT_OBJECT_ANY) == 0, let object else { return nil }
        defer { git_object_free(object) }
        let annotated = git_object_type(object) == GIT_OBJECT_TAG
        let tagger = annotated ? git_tag_tagger(object)?.pointee.when.time : nil
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let peeled else { return nil }
        defer { git_object_free(peeled) }
        let commit = GitRepository.info(peeled)
        let info = TagInfo(name: name, commit: commit.sha, date: GitRepository.date(git_commit_time(peeled)),
                           annotated: annotated, taggedAt: tagger.map(GitRepository.date), subject: commit.subject)
        return ReadTag(reference: name, commit: CommitID(git_object_id(peeled).pointee),
                       embeddedName: annotated ? git_tag_name(object).map { String(cString: $0) } ?? name : nil,
                       taggerTime: Int64(tagger ?? 0), info: info)
    }

    /// Remotes as configured in the repository. The URL is read from `remote.NAME.url` rather than through
    /// git_remote_url, which applies the machine's `url.*.insteadOf` rewrites and so varies between machines.
    func remotes(_ repo: GitRepository) -> [RemoteInfo] {
        var names = git_strarray()
        guard git_remote_list(&names, repo.handle) == 0 else { return [] }
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, repo.handle) == 0, let config else { return [] }
        defer { git_config_free(config) }
        return GitRepository.strings(&names).compactMap { name -> RemoteInfo? in
            var value: UnsafePointer<CChar>?
            guard git_config_get_string(&value, config, "remote.\(name).url") == 0, let value else { return nil }
            return RemoteInfo(name: name, url: RemoteURL.redacted(String(cString: value)))
        }.sorted { $0.name < $1.name }
    }

    /// The newest commits reachable from HEAD, newest commit time first like `git log`. Walked by hand rather
    /// than with git_revwalk because libgit2 1.5 stops a revwalk at the first missing parent of a shallow clone.
    func recentCommits(_ repo: GitRepository, head: git_oid) -> [CommitInfo] {
        var commits: [CommitInfo] = []
        var seen: Set<String> = []
        var frontier: [(time: git_time_t, oid: git_oid)] = []
        var start = head
        if let time = repo.withCommit(&start, { git_commit_time($0) }) { frontier.append((time, start)) }
        while commits.count < commitLimit, !frontier.isEmpty {
            let newest = frontier.indices.max { frontier[$0].time < frontier[$1].time }!
            var oid = frontier.remove(at: newest).oid
            let parents: [(git_time_t, git_oid)]? = repo.withCommit(&oid) { commit in
                commits.append(GitRepository.info(commit))
                return (0..<git_commit_parentcount(commit)).compactMap { index -> (git_time_t, git_oid)? in
                    var parent: OpaquePointer?
                    guard git_commit_parent(&parent, commit, index) == 0, let parent else { return nil }  // shallow edge
                    defer { git_commit_free(parent) }
                    return (git_commit_time(parent), git_commit_id(parent).pointee)
                }
            }
            for (time, parentOID) in parents ?? [] {
                var copy = parentOID
                let key = GitRepository.string(&copy)
                if seen.insert(key).inserted { frontier.append((time, parentOID)) }
            }
        }
        return commits
    }
}

import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// Reads who owns the code from HEAD's tree (CODEOWNERS, the critical paths) and who committed to each top-level
/// area in the last `RepositoryOwnership.windowDays` days. Bounded: only the root, `.github/workflows/` and the
/// infrastructure folders are listed, and an area is known from the root trees of a commit and its first parent
/// (no recursive diff), for at most `RepositoryOwnership.commitLimit` commits.
struct OwnershipReader {
    let repo: GitRepository
    /// The root entries of the last few trees read, by tree id.
    private let rootEntries = RecentValues<[String: (git_oid, Bool)]>(limit: 4)

    init(repo: GitRepository) { self.repo = repo }

    func read(head: git_oid) -> RepositoryOwnership? {
        var headOID = head
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, repo.handle, &headOID) == 0, let commit else { return nil }
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commit) == 0, let tree else { return nil }
        defer { git_tree_free(tree) }
        let codeowners = CodeOwners.locations.lazy.compactMap { path in
            text(at: path, in: tree).map { CodeOwners.parse($0, path: path) }
        }.first
        let critical = criticalPaths(in: tree).map { path, kind in
            CriticalPath(path: path, kind: kind, owners: codeowners.map { CodeOwners.owners(of: path, in: $0) } ?? [])
        }
        let since = git_commit_time(commit) - git_time_t(RepositoryOwnership.windowDays * 86_400)
        let (areas, read, truncated) = activity(from: head, since: since)
        return RepositoryOwnership(codeowners: codeowners, criticalPaths: critical, areas: areas, commitsRead: read, truncated: truncated)
    }

    /// The text of the blob at `path` in `tree`, when it is a file of at most 64 KiB.
    func text(at path: String, in tree: OpaquePointer) -> String? {
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repo.handle, git_tree_entry_id(entry)) == 0, let blob else { return nil }
        defer { git_blob_free(blob) }
        return GitRepository.text(ofBlob: blob, maxBytes: 64 << 10)
    }

    /// The names of the entries of the folder at `path` (the root when empty), with whether each is a folder.
    func entries(of tree: OpaquePointer, at path: String) -> [(name: String, isFolder: Bool)] {
        var folder = tree
        var owned: OpaquePointer?
        if !path.isEmpty {
            var entry: OpaquePointer?
            guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return [] }
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_TREE, git_tree_lookup(&owned, repo.handle, git_tree_entry_id(entry)) == 0,
                  let owned else { return [] }
            folder = owned
        }
        defer { if let owned { git_tree_free(owned) } }
        return (0..<git_tree_entrycount(folder)).compactMap { index in
            guard let entry = git_tree_entry_byindex(folder, index), let name = git_tree_entry_name(entry) else { return nil }
            return (String(cString: name), git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        }
    }

    func criticalPaths(in tree: OpaquePointer) -> [(String, CriticalPath.Kind)] {
        var paths: [(String, CriticalPath.Kind)] = []
        for (name, isFolder) in entries(of: tree, at: "") {
            if !isFolder, let kind = CodeOwners.criticalKind(name) { paths.append((name, kind)) }
            if isFolder, CodeOwners.infrastructureFolders.contains(name.lowercased()) {
                for (child, _) in entries(of: tree, at: name).prefix(50) { paths.append((name + "/" + child, .infrastructure)) }
            }
        }
        for (name, isFolder) in entries(of: tree, at: ".github/workflows") where !isFolder {
            if let kind = CodeOwners.criticalKind(".github/workflows/" + name) { paths.append((".github/workflows/" + name, kind)) }
        }
        return paths.sorted { $0.0 < $1.0 }
    }

    /// Top-level areas changed by each non-merge commit since `since`, newest first from HEAD (time order).
    func activity(from head: git_oid, since: git_time_t) -> ([AreaActivity], Int, Bool) {
        var walker: OpaquePointer?
        guard git_revwalk_new(&walker, repo.handle) == 0, let walker else { return ([], 0, false) }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TIME.rawValue)
        var start = head
        guard git_revwalk_push(walker, &start) == 0 else { return ([], 0, false) }
        var byArea: [String: (commits: Int, authors: Set<String>, last: git_time_t)] = [:]
        var read = 0, truncated = false
        var oid = git_oid()
        while git_revwalk_next(&oid, walker) == 0 {
            if read >= RepositoryOwnership.commitLimit { truncated = true; break }
            let done: Bool = repo.withCommit(&oid) { commit -> Bool in
                let time = git_commit_time(commit)
                if time < since { return true }
                guard git_commit_parentcount(commit) <= 1 else { return false }
                read += 1
                let author = git_commit_author(commit).flatMap { $0.pointee.name.map { String(cString: $0) } } ?? ""
                for area in changedAreas(commit) {
                    var entry = byArea[area] ?? (0, [], time)
                    entry.commits += 1
                    if !author.isEmpty { entry.authors.insert(author) }
                    entry.last = max(entry.last, time)
                    byArea[area] = entry
                }
                return false
            } ?? true  // an unreadable commit (a shallow edge) ends the walk
            if done { break }
        }
        let areas = byArea.map { AreaActivity(area: $0.key, commits: $0.value.commits, authors: $0.value.authors.sorted(),
                                              lastCommit: GitRepository.date($0.value.last)) }
        return (areas.sorted { $0.area < $1.area }, read, truncated)
    }

    /// The root entries whose id differs between a commit's tree and its first parent's (all of them for a root
    /// commit); files at the root are the area `(root)`.
    func changedAreas(_ commit: OpaquePointer) -> Set<String> {
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commit) == 0, let tree else { return [] }
        defer { git_tree_free(tree) }
        var parentTree: OpaquePointer?
        var parent: OpaquePointer?
        if git_commit_parentcount(commit) == 1, git_commit_parent(&parent, commit, 0) == 0, let parent {
            _ = git_commit_tree(&parentTree, parent)
            git_commit_free(parent)
        }
        defer { if let parentTree { git_tree_free(parentTree) } }
        func ids(_ tree: OpaquePointer?) -> [String: (git_oid, Bool)] {
            guard let tree else { return [:] }
            // In a line of commits a parent's root tree is the next commit's: read each once.
            let key = GitRepository.string(git_tree_id(tree))
            if let known = rootEntries.value(key) { return known }
            var out: [String: (git_oid, Bool)] = [:]
            for index in 0..<git_tree_entrycount(tree) {
                guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry), let id = git_tree_entry_id(entry) else { continue }
                out[String(cString: name)] = (id.pointee, git_tree_entry_type(entry) == GIT_OBJECT_TREE)
            }
            rootEntries.keep(key, out)
            return out
        }
        let now = ids(tree), before = ids(parentTree)
        var areas: Set<String> = []
        for name in Set(now.keys).union(before.keys) {
            if var a = now[name]?.0, var b = before[name]?.0, git_oid_equal(&a, &b) == 1 { continue }
            areas.insert((now[name]?.1 ?? before[name]?.1 ?? false) ? name : "(root)")
        }
        return areas
    }
}

/// A few values kept by key, the oldest dropped first.
final class RecentValues<Value> {
    private var entries: [(key: String, value: Value)] = []
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func value(_ key: String) -> Value? { entries.first { $0.key == key }?.value }

    func keep(_ key: String, _ value: Value) {
        entries.append((key, value))
        if entries.count > limit { entries.removeFirst() }
    }
}

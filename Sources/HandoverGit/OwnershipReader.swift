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
    ///
    /// The walk reads only the window: on a 100,000-commit history with 2,000 commits in it, 0.8 s → 0.08 s for the
    /// whole git section (libgit2's time-sorted revwalk read every commit first). Each commit is read once, when it is
    /// found (its parent's tree is then known too), and each root tree once.
    func activity(from head: git_oid, since: git_time_t) -> ([AreaActivity], Int, Bool) {
        struct Commit { var time: git_time_t; var author: String; var tree: git_oid; var parents: [git_oid] }
        var found: [CommitID: Commit] = [:]
        // Newest first, as `git log` walks: a heap of the commits whose children were read, by committer time; the
        // walk ends at the first commit older than the window, since every one left is older.
        var frontier = NewestFirst()
        func find(_ id: git_oid) {
            guard found[CommitID(id)] == nil else { return }
            var oid = id
            let commit = repo.withCommit(&oid) { commit -> Commit? in
                guard let tree = git_commit_tree_id(commit)?.pointee else { return nil }
                let parents = (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0)?.pointee }
                let author = git_commit_author(commit).flatMap { $0.pointee.name.map { String(cString: $0) } } ?? ""
                return Commit(time: git_commit_time(commit), author: author, tree: tree, parents: parents)
            } ?? nil
            guard let commit else { return }  // unreadable (a shallow edge): not walked past
            found[CommitID(id)] = commit
            frontier.push(id, time: commit.time)
        }
        find(head)
        var counted: [Commit] = []
        var truncated = false
        while let oid = frontier.pop(), let commit = found[CommitID(oid)] {
            if counted.count >= RepositoryOwnership.commitLimit { truncated = true; break }
            if commit.time < since { break }
            commit.parents.forEach(find)
            if commit.parents.count <= 1 { counted.append(commit) }
        }
        var byArea: [String: (commits: Int, authors: Set<String>, last: git_time_t)] = [:]
        var entries = RootEntries(repo: repo)
        for commit in counted {
            let parentTree = commit.parents.first.flatMap { found[CommitID($0)]?.tree }
            for area in entries.changedAreas(commit.tree, parentTree) {
                var entry = byArea[area] ?? (0, [], commit.time)
                entry.commits += 1
                if !commit.author.isEmpty { entry.authors.insert(commit.author) }
                entry.last = max(entry.last, commit.time)
                byArea[area] = entry
            }
        }
        let areas = byArea.map { AreaActivity(area: $0.key, commits: $0.value.commits, authors: $0.value.authors.sorted(),
                                              lastCommit: GitRepository.date($0.value.last)) }
        return (areas.sorted { $0.area < $1.area }, counted.count, truncated)
    }
}

/// Commits by committer time, newest on top (a binary heap; ties in the order pushed).
struct NewestFirst {
    private var heap: [(time: git_time_t, order: Int, oid: git_oid)] = []
    private var pushed = 0

    mutating func push(_ oid: git_oid, time: git_time_t) {
        heap.append((time, pushed, oid))
        pushed += 1
        var i = heap.count - 1
        while i > 0 {
            let up = (i - 1) / 2
            guard above(heap[i], heap[up]) else { break }
            heap.swapAt(i, up)
            i = up
        }
    }

    mutating func pop() -> git_oid? {
        guard let top = heap.first else { return nil }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < heap.count, above(heap[l], heap[best]) { best = l }
            if r < heap.count, above(heap[r], heap[best]) { best = r }
            if best == i { break }
            heap.swapAt(i, best)
            i = best
        }
        return top.oid
    }

    private func above(_ a: (time: git_time_t, order: Int, oid: git_oid), _ b: (time: git_time_t, order: Int, oid: git_oid)) -> Bool {
        a.time != b.time ? a.time > b.time : a.order < b.order
    }
}

/// The root entries of trees, each tree read once.
struct RootEntries {
    let repo: GitRepository
    /// By tree id (a `CommitID` holds any object's 20 bytes).
    private var known: [CommitID: [String: (git_oid, Bool)]] = [:]

    init(repo: GitRepository) { self.repo = repo }

    /// The root entries whose id differs between a commit's tree and its first parent's (all of them for a root
    /// commit, or one whose parent cannot be read); files at the root are the area `(root)`.
    mutating func changedAreas(_ tree: git_oid, _ parentTree: git_oid?) -> Set<String> {
        let now = entries(tree)
        let before = parentTree.map { entries($0) } ?? [:]
        var areas: Set<String> = []
        for name in Set(now.keys).union(before.keys) {
            if var a = now[name]?.0, var b = before[name]?.0, git_oid_equal(&a, &b) == 1 { continue }
            areas.insert((now[name]?.1 ?? before[name]?.1 ?? false) ? name : "(root)")
        }
        return areas
    }

    mutating func entries(_ id: git_oid) -> [String: (git_oid, Bool)] {
        let key = CommitID(id)
        if let kept = known[key] { return kept }
        var oid = id
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, repo.handle, &oid) == 0, let tree else { return [:] }
        defer { git_tree_free(tree) }
        var out: [String: (git_oid, Bool)] = [:]
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry), let id = git_tree_entry_id(entry) else { continue }
            out[String(cString: name)] = (id.pointee, git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        }
        known[key] = out
        return out
    }
}

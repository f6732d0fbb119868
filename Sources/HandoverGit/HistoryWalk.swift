import CLibgit2
import Foundation

/// The commits reachable from the tips and not from the hidden commits, parents before children. libgit2's
/// revwalk does this fast but stops dead at the first commit it cannot read (a shallow clone's boundary, a lost
/// pack); then the walk starts again tolerant: it reads what it can, counts what it cannot, and goes on.
struct HistoryWalk {
    let repo: GitRepository
    private var walker: OpaquePointer?
    /// The tolerant walk's order, once libgit2's has failed.
    private var fallback: [git_oid]?
    private var position = 0
    private let tips: [git_oid]
    private let hidden: [git_oid]
    /// Commits that could not be read: their ancestry is not in the walk.
    private(set) var unreadable: [String] = []

    init(repo: GitRepository, tips: [git_oid], hidden: [git_oid]) {
        self.repo = repo
        self.tips = tips
        self.hidden = hidden
        var walker: OpaquePointer?
        if git_revwalk_new(&walker, repo.handle) == 0, let walker {
            git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue)
            for var oid in tips { _ = git_revwalk_push(walker, &oid) }
            for var oid in hidden { _ = git_revwalk_hide(walker, &oid) }
            self.walker = walker
        }
    }

    /// Frees libgit2's walker; call once when done.
    mutating func close() {
        if let walker { git_revwalk_free(walker) }
        walker = nil
    }

    mutating func next() -> git_oid? {
        if let fallback {
            defer { position += 1 }
            return position < fallback.count ? fallback[position] : nil
        }
        var oid = git_oid()
        guard let walker else { return startFallback() }
        let rc = git_revwalk_next(&oid, walker)
        if rc == 0 { return oid }
        if rc == GIT_ITEROVER.rawValue { return nil }
        // libgit2 prepares a sorted walk whole before the first commit, so a failure comes before anything was returned.
        return startFallback()
    }

    /// How many commits `next()` has not returned yet (walks the rest).
    mutating func remaining() -> Int {
        var n = 0
        while next() != nil { n += 1 }
        return n
    }

    private mutating func startFallback() -> git_oid? {
        let hiddenSet = Self.ancestors(repo, of: hidden)
        var missing: [String] = []
        let order = Self.postOrder(repo, from: tips, excluding: hiddenSet, unreadable: &missing)
        unreadable = missing
        fallback = order
        position = 0
        return next()
    }

    /// Every commit reachable from `starts` that can be read, by id.
    static func ancestors(_ repo: GitRepository, of starts: [git_oid]) -> Set<String> {
        var seen: Set<String> = []
        var queue = starts
        while var oid = queue.popLast() {
            guard seen.insert(GitRepository.string(&oid)).inserted else { continue }
            queue += repo.withCommit(&oid) { commit in
                (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0)?.pointee }
            } ?? []
        }
        return seen
    }

    /// Commits reachable from `starts` and not in `excluding`, each after all its parents (a depth-first post-order).
    static func postOrder(_ repo: GitRepository, from starts: [git_oid], excluding: Set<String>, unreadable: inout [String]) -> [git_oid] {
        var done: Set<String> = [], order: [git_oid] = []
        var missing: Set<String> = []
        var stack: [(git_oid, Bool)] = starts.map { ($0, false) }
        while let (oid, expanded) = stack.popLast() {
            var copy = oid
            let id = GitRepository.string(&copy)
            if expanded {
                if done.insert(id).inserted { order.append(oid) }
                continue
            }
            guard !done.contains(id), !excluding.contains(id), !missing.contains(id) else { continue }
            guard let parents = repo.withCommit(&copy, { commit in
                (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0)?.pointee }
            }) else {
                if missing.insert(id).inserted { unreadable.append(id) }
                continue
            }
            stack.append((oid, true))
            for parent in parents.reversed() { stack.append((parent, false)) }
        }
        return order
    }

    /// The ids of the commits without parents reachable from `tips` (a shallow clone's boundary commits are not
    /// among them: their parents exist, unread).
    static func roots(_ repo: GitRepository, tips: [git_oid]) -> [String] {
        var seen: Set<String> = [], roots: [String] = []
        var queue = tips
        while var oid = queue.popLast() {
            let id = GitRepository.string(&oid)
            guard seen.insert(id).inserted else { continue }
            _ = repo.withCommit(&oid) { commit in
                let count = git_commit_parentcount(commit)
                if count == 0 { roots.append(id) }
                for index in 0..<count { if let parent = git_commit_parent_id(commit, index)?.pointee { queue.append(parent) } }
            }
        }
        return roots.sorted()
    }
}

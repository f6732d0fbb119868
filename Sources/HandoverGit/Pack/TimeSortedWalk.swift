import Foundation

/// libgit2 1.5's revision walk with one commit pushed, one hidden and `GIT_SORT_TIME`, step for step (revwalk.c:
/// `prepare_walk`, `limit_list`, `add_parents_to_list`, `mark_parents_uninteresting`, `still_interesting` with its
/// slop of 5; commit_list.c's insertion by date; pqueue.c's heap), over commits read by `CommitLinkReader` instead of
/// libgit2's object database. Step for step because its answer is not only the set difference: with clock skew the
/// slop can stop the walk before every hidden commit is marked (those commits are then counted, as libgit2 counts
/// them), and commits of equal time come out in the order its heap gives.
///
/// nil from `run` when a commit could not be read (libgit2's walk would have failed there, or read it otherwise):
/// the caller walks with libgit2.
struct TimeSortedWalk {
    /// What the walk found: the commits in the order `git_revwalk_next` gives them, all of them counted, and whether
    /// the hidden commit is a parent of one of them (libgit2's hide callback saw it).
    struct Result {
        var total = 0
        var excludeIsParent = false
        fileprivate var heap: [Int32] = []
        fileprivate var times: [Int64] = []
        fileprivate var uninteresting: [Bool] = []
        fileprivate var ids: [CommitID] = []

        /// The next commit in libgit2's order (its heap popped as libgit2 pops it, hidden commits skipped).
        mutating func next() -> CommitID? {
            while let node = pop() {
                if !uninteresting[Int(node)] { return ids[Int(node)] }
            }
            return nil
        }

        fileprivate mutating func insert(_ node: Int32) {
            heap.append(node)
            var at = heap.count - 1
            while at > 0 {
                let parent = (at - 1) >> 1
                if times[Int(heap[parent])] >= times[Int(node)] { break }
                heap[at] = heap[parent]
                at = parent
            }
            heap[at] = node
        }

        private mutating func pop() -> Int32? {
            guard let top = heap.first else { return nil }
            let last = heap.removeLast()
            guard !heap.isEmpty else { return top }
            var at = 0
            while true {
                var kid = 2 * at + 1
                guard kid < heap.count else { break }
                if kid + 1 < heap.count, times[Int(heap[kid])] < times[Int(heap[kid + 1])] { kid += 1 }
                if times[Int(last)] >= times[Int(heap[kid])] { break }
                heap[at] = heap[kid]
                at = kid
            }
            heap[at] = last
            return top
        }
    }

    private var ids: [CommitID] = []
    private var times: [Int64] = []
    private var seen: [Bool] = []
    private var uninteresting: [Bool] = []
    private var parsed: [Bool] = []
    private var added: [Bool] = []
    /// A parsed commit's parents: `parentNodes[parentStart[node] ..< parentStart[node] + parentCount[node]]`.
    private var parentStart: [Int32] = []
    private var parentCount: [Int32] = []
    private var parentNodes: [Int32] = []
    /// Node by id: open addressing over the ids' first word (ids are hashes already; a `Dictionary` hashed each with
    /// SipHash, 6 % of a walk). Slots hold node + 1, 0 for empty; at most half full.
    private var slots = [Int32](repeating: 0, count: 1024)
    private let reader: CommitLinkReader
    private let exclude: CommitID
    private var excludeSeen = false

    private init(reader: CommitLinkReader, exclude: CommitID) {
        self.reader = reader
        self.exclude = exclude
    }

    private struct Unreadable: Error {}

    /// Commits reachable from `include` and not from `exclude`, as libgit2 walks them.
    static func run(_ reader: CommitLinkReader, include: CommitID, exclude: CommitID) -> Result? {
        var walk = TimeSortedWalk(reader: reader, exclude: exclude)
        return try? walk.run(include: include)
    }

    private mutating func run(include: CommitID) throws(Unreadable) -> Result {
        let pushed = node(include)
        let hidden = node(exclude)
        uninteresting[Int(hidden)] = true
        // prepare_walk: the user's input, hidden first (each push went to the head of the list), into a list that
        // each insertion reverses again: the pushed commit is walked first whatever its date.
        var list: [Int32] = []  // a git_commit_list with its head last
        for commit in [hidden, pushed] {
            try parse(commit)
            if uninteresting[Int(commit)] { markParentsUninteresting(commit) }
            if !seen[Int(commit)] {
                seen[Int(commit)] = true
                list.append(commit)
            }
        }
        // limit_list
        var kept: [Int32] = []
        var slop = Self.slop
        var time = Int64.max
        while let commit = list.popLast() {
            try addParents(commit, to: &list)
            if uninteresting[Int(commit)] {
                markParentsUninteresting(commit)
                slop = stillInteresting(list, time: time, slop: slop)
                if slop != 0 { continue }
                break
            }
            if ids[Int(commit)] == exclude { excludeSeen = true }
            time = times[Int(commit)]
            kept.append(commit)
        }
        var result = Result(excludeIsParent: excludeSeen, times: times, uninteresting: uninteresting, ids: ids)
        result.heap.reserveCapacity(kept.count)
        for commit in kept {
            result.insert(commit)
            if !uninteresting[Int(commit)] { result.total += 1 }
        }
        return result
    }

    /// How many hidden commits libgit2 looks at after the last commit that could still be shown (its SLOP).
    static let slop = 5

    private mutating func node(_ id: CommitID) -> Int32 {
        var slot = Int(truncatingIfNeeded: id.head) & (slots.count - 1)
        while slots[slot] != 0 {
            if ids[Int(slots[slot] - 1)] == id { return slots[slot] - 1 }
            slot = (slot + 1) & (slots.count - 1)
        }
        let node = Int32(ids.count)
        slots[slot] = node + 1
        ids.append(id)
        times.append(0)
        seen.append(false)
        uninteresting.append(false)
        parsed.append(false)
        added.append(false)
        parentStart.append(0)
        parentCount.append(0)
        if ids.count * 2 >= slots.count { grow() }
        return node
    }

    private mutating func grow() {
        let old = slots
        slots = [Int32](repeating: 0, count: old.count * 2)
        for value in old where value != 0 {
            var slot = Int(truncatingIfNeeded: ids[Int(value - 1)].head) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = value
        }
    }

    /// git_commit_list_parse: reads a commit once.
    private mutating func parse(_ commit: Int32) throws(Unreadable) {
        guard !parsed[Int(commit)] else { return }
        guard let links = reader.links(ids[Int(commit)]) else { throw Unreadable() }
        times[Int(commit)] = links.time
        parentStart[Int(commit)] = Int32(parentNodes.count)
        parentCount[Int(commit)] = Int32(links.parents.count)
        for parent in links.parents { parentNodes.append(node(parent)) }
        parsed[Int(commit)] = true
    }

    private func parents(_ commit: Int32) -> Range<Int> {
        Int(parentStart[Int(commit)])..<Int(parentStart[Int(commit)] + parentCount[Int(commit)])
    }

    /// add_parents_to_list: a hidden commit's parents are hidden too (and everything already parsed above them);
    /// a shown commit's parents are queued once each, and each is shown to the hide callback.
    private mutating func addParents(_ commit: Int32, to list: inout [Int32]) throws(Unreadable) {
        guard !added[Int(commit)] else { return }
        added[Int(commit)] = true
        if uninteresting[Int(commit)] {
            for index in parents(commit) {
                let parent = parentNodes[index]
                uninteresting[Int(parent)] = true
                try parse(parent)
                markParentsUninteresting(parent)
                seen[Int(parent)] = true
                insertByDate(parent, into: &list)
            }
            return
        }
        for index in parents(commit) {
            let parent = parentNodes[index]
            try parse(parent)
            if ids[Int(parent)] == exclude { excludeSeen = true }
            if !seen[Int(parent)] {
                seen[Int(parent)] = true
                insertByDate(parent, into: &list)
            }
        }
    }

    /// mark_parents_uninteresting: hides everything above `commit` down to commits not yet parsed or already hidden.
    private mutating func markParentsUninteresting(_ commit: Int32) {
        var stack: [Int32] = []
        for index in parents(commit) { stack.append(parentNodes[index]) }
        while var current = stack.popLast() {
            while true {
                if uninteresting[Int(current)] { break }
                uninteresting[Int(current)] = true
                if !parsed[Int(current)] { break }
                let above = parents(current)
                for index in above { stack.append(parentNodes[index]) }
                guard let first = above.first else { break }
                current = parentNodes[first]
            }
        }
    }

    /// git_commit_list_insert_by_date: after every commit as new or newer, before the first older one.
    private func insertByDate(_ commit: Int32, into list: inout [Int32]) {
        let time = times[Int(commit)]
        var at = list.count - 1
        while at >= 0, times[Int(list[at])] >= time { at -= 1 }
        list.insert(commit, at: at + 1)
    }

    /// still_interesting: the slop left once a hidden commit was taken off the list.
    private func stillInteresting(_ list: [Int32], time: Int64, slop: Int) -> Int {
        guard let head = list.last else { return 0 }
        if time <= times[Int(head)] { return Self.slop }
        for commit in list.reversed() where !uninteresting[Int(commit)] || times[Int(commit)] > time { return Self.slop }
        return slop - 1
    }
}

import Foundation
import HandoverGit
import HandoverModel
import HandoverTestSupport
import Testing

/// The commits between two deploy hashes walked by this package's reader (commit-graph file, packs, loose objects
/// through libgit2's object database) against libgit2's revwalk on the same repository: the same total, direction
/// and listed commits in the same order, for every pair of named commits; and the counts against `git rev-list
/// --count` where libgit2's slop does not cut the walk short.
@Suite struct CommitWalkDifferentialTests {
    /// A history written with `git fast-import` into one pack (`fastimport.unpackLimit=0`: below 100 objects it
    /// writes loose ones) with every commit's committer time set, in seconds: one commit per line `name time
    /// parent…`, in the order written (parents first).
    static func repository(_ lines: [String]) throws -> (FixtureRepo, [String: String]) {
        let repo = FixtureRepo()
        try repo.git("init", "-q", "-b", "main")
        var stream = ""
        var marks: [String: Int] = [:]
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            let (name, time, parents) = (fields[0], fields[1], Array(fields.dropFirst(2)))
            marks[name] = marks.count + 1
            stream += "commit refs/heads/\(name)\nmark :\(marks[name]!)\n"
            stream += "author Jo Doe <jo@acme.example> \(time) +0000\ncommitter Jo Doe <jo@acme.example> \(time) +0000\n"
            stream += "data \(name.utf8.count)\n\(name)\n"
            if let first = parents.first { stream += "from :\(marks[first]!)\n" }
            for other in parents.dropFirst() { stream += "merge :\(marks[other]!)\n" }
            stream += "M 100644 inline file.txt\ndata \(name.utf8.count + 1)\n\(name)\n\n"
        }
        let input = repo.url.appendingPathComponent("stream")
        try stream.write(to: input, atomically: true, encoding: .utf8)
        try Self.shell(repo, "git -c fastimport.unpackLimit=0 fast-import --quiet < '\(input.path)'")
        var ids: [String: String] = [:]
        for name in marks.keys { ids[name] = try repo.git("rev-parse", "refs/heads/\(name)") }
        return (repo, ids)
    }

    /// A git command fed from a file (ProcessRunner's git takes no input).
    static func shell(_ repo: FixtureRepo, _ command: String) throws {
        let result = try ProcessRunner.run("sh", ["-c", command], in: repo.url, environment: ["GIT_CONFIG_NOSYSTEM": "1", "HOME": repo.url.path])
        guard result.status == 0 else { throw ShellFailure(description: "\(command) failed: \(result.stderr)") }
    }

    struct ShellFailure: Error, CustomStringConvertible { var description: String }

    /// Each way of storing the objects a repository meets: fast-import's pack, `git repack -adf`, loose objects
    /// only, and each of those with a commit-graph file.
    enum Storage: CaseIterable {
        case fastImportPack, repacked, loose, packedWithGraph, looseWithGraph, gc
    }

    static func store(_ repo: FixtureRepo, _ storage: Storage) throws {
        switch storage {
        case .fastImportPack: break
        case .repacked: try repo.git("repack", "-adf", "-q")
        case .loose, .looseWithGraph:
            let pack = repo.url.appendingPathComponent(".git/objects/pack")
            let aside = repo.url.appendingPathComponent("packs-aside")
            try FileManager.default.moveItem(at: pack, to: aside)
            try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: aside.path) where file.hasSuffix(".pack") {
                try Self.shell(repo, "git unpack-objects -q < '\(aside.appendingPathComponent(file).path)'")
            }
            if storage == .looseWithGraph { try repo.git("commit-graph", "write", "--reachable") }
        case .packedWithGraph:
            try repo.git("repack", "-adf", "-q")
            try repo.git("commit-graph", "write", "--reachable")
        case .gc: try repo.git("gc", "-q", "--prune=now")
        }
    }

    /// Every ordered pair of `names`: this package's walk (the default walker, which reads the packs itself even
    /// without a commit-graph file) and libgit2's give the same range.
    func expectSameAsLibgit2(_ repo: FixtureRepo, _ ids: [String: String], _ names: [String], limit: Int = 50,
                             storage: Storage) throws -> CommitRangeReader.Sources {
        var sources = CommitRangeReader.Sources()
        for from in names {
            for to in names where to != from {
                let (own, used) = CommitRangeReader(repository: repo.url, limit: limit).rangeAndSources(from: ids[from]!, to: ids[to]!)
                let reference = CommitRangeReader(repository: repo.url, limit: limit, walker: .libgit2).range(from: ids[from]!, to: ids[to]!)
                let same = own == reference
                #expect(same, "\(from)..\(to) (\(storage)): \(own.direction) \(own.total) \(own.commits.map(\.subject)) against libgit2's \(reference.direction) \(reference.total) \(reference.commits.map(\.subject))")
                sources.commitGraph += used.commitGraph
                sources.packs += used.packs
                sources.libgit2Objects += used.libgit2Objects
                sources.libgit2Walks += used.libgit2Walks
            }
        }
        return sources
    }

    /// The reader answered from where the storage says: the graph when there is one, the packs when packed, libgit2's
    /// object database for loose objects, and never handed the walk to libgit2.
    func expectRead(_ sources: CommitRangeReader.Sources, _ storage: Storage) {
        #expect(sources.libgit2Walks == 0, "\(storage): \(sources)")
        switch storage {
        case .fastImportPack, .repacked: #expect(sources.packs > 0 && sources.commitGraph == 0 && sources.libgit2Objects == 0, "\(storage): \(sources)")
        case .loose: #expect(sources.libgit2Objects > 0 && sources.packs == 0 && sources.commitGraph == 0, "\(storage): \(sources)")
        case .packedWithGraph, .looseWithGraph, .gc: #expect(sources.commitGraph > 0 && sources.packs == 0 && sources.libgit2Objects == 0, "\(storage): \(sources)")
        }
    }

    func count(_ repo: FixtureRepo, _ ids: [String: String], _ from: String, _ to: String) throws -> Int {
        Int(try repo.git("rev-list", "--count", "\(ids[from]!)..\(ids[to]!)")) ?? -1
    }

    /// main: a1 … a30, one a minute.
    static let linear = (1...30).map { "a\($0) \(1_000_000 + 60 * $0)\($0 == 1 ? "" : " a\($0 - 1)")" }

    @Test(arguments: Storage.allCases) func linearHistoryForwardAndRollback(storage: Storage) throws {
        let (repo, ids) = try Self.repository(Self.linear)
        try Self.store(repo, storage)
        let forward = CommitRangeReader(repository: repo.url, limit: 3, walker: .own(commitGraph: true)).range(from: ids["a5"]!, to: ids["a30"]!)
        #expect(forward.direction == .forward && forward.total == 25 && forward.commits.map(\.subject) == ["a30", "a29", "a28"])
        let back = CommitRangeReader(repository: repo.url, limit: 2, walker: .own(commitGraph: true)).range(from: ids["a30"]!, to: ids["a29"]!)
        #expect(back.direction == .backward && back.total == 1 && back.commits.map(\.subject) == ["a30"])
        let git = try count(repo, ids, "a5", "a30")
        #expect(git == 25)
        expectRead(try expectSameAsLibgit2(repo, ids, ["a1", "a2", "a15", "a29", "a30"], limit: 7, storage: storage), storage)
    }

    /// A long-lived branch (b1 … b12 from a3) merged into main at m1, main going on past it; a second merge of main
    /// into the branch and back (criss-cross: x1 and x2 each merge the other side's tip).
    static let merges = [
        "a1 1000", "a2 1010 a1", "a3 1020 a2",
    ] + (1...12).map { "b\($0) \(1025 + 10 * $0) \($0 == 1 ? "a3" : "b\($0 - 1)")" } + [
        "a4 1030 a3", "a5 1040 a4", "a6 1050 a5",
        "m1 1200 a6 b12", "a7 1210 m1",
        "c1 1220 a7", "d1 1221 a7",
        "x1 1230 c1 d1", "x2 1231 d1 c1",
        "y1 1240 x1 x2", "z1 1250 y1",
    ]

    @Test(arguments: Storage.allCases) func mergesCrissCrossAndALongLivedBranch(storage: Storage) throws {
        let (repo, ids) = try Self.repository(Self.merges)
        try Self.store(repo, storage)
        // Since a6: the merge brings in the twelve branch commits; the criss-cross merges count once each.
        let range = CommitRangeReader(repository: repo.url, limit: 4, walker: .own(commitGraph: true)).range(from: ids["a6"]!, to: ids["z1"]!)
        let git = try count(repo, ids, "a6", "z1")
        #expect(range.direction == .forward && range.total == 20 && git == 20)
        #expect(range.commits.map(\.subject) == ["z1", "y1", "x2", "x1"])
        // From the branch's tip: forward through the merge's second parent.
        let fromBranch = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids["b12"]!, to: ids["m1"]!)
        #expect(fromBranch.direction == .forward && fromBranch.total == 4)
        // The two criss-cross merges have diverged: each holds one commit the other does not.
        let cross = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids["x1"]!, to: ids["x2"]!)
        #expect(cross.direction == .diverged && cross.total == 1 && cross.commits.map(\.subject) == ["x2"])
        let names = ["a1", "a3", "a6", "b5", "b12", "m1", "c1", "d1", "x1", "x2", "y1", "z1"]
        for from in names { for to in names where from != to {
            let own = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids[from]!, to: ids[to]!)
            let git = try own.direction == .backward ? count(repo, ids, to, from) : count(repo, ids, from, to)
            #expect(own.total == git, "\(from)..\(to): \(own.total) against git's \(git)")
        } }
        expectRead(try expectSameAsLibgit2(repo, ids, names, storage: storage), storage)
    }

    /// Equal commit times everywhere (a rebase or a script commits within one second): the order of the listing is
    /// the order of libgit2's heap, not of the history.
    static let sameSecond = [
        "a1 5000", "a2 5000 a1", "b1 5000 a2", "b2 5000 b1", "c1 5000 a2", "c2 5000 c1", "c3 5000 c2",
        "m1 5000 b2 c3", "a3 5000 m1", "a4 5000 a3", "a5 4999 a4", "a6 5000 a5",
    ]

    @Test(arguments: [Storage.repacked, .loose, .packedWithGraph]) func equalCommitTimesListInLibgit2sOrder(storage: Storage) throws {
        let (repo, ids) = try Self.repository(Self.sameSecond)
        try Self.store(repo, storage)
        let range = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids["a1"]!, to: ids["a6"]!)
        #expect(range.direction == .forward && range.total == 11)
        let reference = CommitRangeReader(repository: repo.url, walker: .libgit2).range(from: ids["a1"]!, to: ids["a6"]!)
        #expect(range.commits.map(\.subject) == reference.commits.map(\.subject))
        #expect(range.commits.map(\.subject) == ["a6", "c1", "a2", "c2", "a3", "c3", "b2", "m1", "b1", "a4", "a5"])
        expectRead(try expectSameAsLibgit2(repo, ids, ["a1", "a2", "b2", "c3", "m1", "a5", "a6"], storage: storage), storage)
    }

    /// Clock skew: the deployed side (old) reaches the shared base x through commits dated decades back. libgit2
    /// stops five hidden commits after the last one it could still show (its slop), so with seven skewed commits it
    /// never marks x, and counts x and its parent r as new (4, where the set difference has 2); with three it
    /// reaches x and counts 2. The own walk takes the same steps, so it says the same.
    static func skewed(_ skewedCommits: Int) -> [String] {
        ["r 900", "x 1000 r", "s1 5 x"] + (2...skewedCommits).map { "s\($0) \(4 + $0) s\($0 - 1)" } + [
            "old 2000 s\(skewedCommits)", "n1 1500 x", "new 3000 n1",
        ]
    }

    @Test(arguments: [Storage.repacked, .loose, .packedWithGraph]) func clockSkewPastTheSlopCountsAsLibgit2Does(storage: Storage) throws {
        let (repo, ids) = try Self.repository(Self.skewed(7))
        try Self.store(repo, storage)
        let range = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids["old"]!, to: ids["new"]!)
        #expect(range.direction == .diverged && range.total == 4)
        #expect(range.commits.map(\.subject) == ["new", "n1", "x", "r"])
        expectRead(try expectSameAsLibgit2(repo, ids, ["r", "x", "s1", "s7", "old", "n1", "new"], storage: storage), storage)
    }

    @Test(arguments: [Storage.repacked, .packedWithGraph]) func clockSkewWithinTheSlopIsCountedExactly(storage: Storage) throws {
        let (repo, ids) = try Self.repository(Self.skewed(3))
        try Self.store(repo, storage)
        let range = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids["old"]!, to: ids["new"]!)
        #expect(range.direction == .diverged && range.total == 2 && range.commits.map(\.subject) == ["new", "n1"])
        let git = try count(repo, ids, "old", "new")
        #expect(git == 2)
        // The other way: old's five commits since x, the skewed ones listed after old by their times.
        let back = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).range(from: ids["new"]!, to: ids["old"]!)
        #expect(back.direction == .diverged && back.total == 4 && back.commits.map(\.subject) == ["old", "s3", "s2", "s1"])
        expectRead(try expectSameAsLibgit2(repo, ids, ["r", "x", "s1", "s3", "old", "n1", "new"], storage: storage), storage)
    }

    /// A commit missing from every store (its loose object deleted): this reader gives up on the walk and libgit2
    /// walks, failing as before (its walk ends at once, so nothing is counted either way: backward, 0).
    @Test func aMissingCommitIsLeftToLibgit2() throws {
        let (repo, ids) = try Self.repository(Self.linear)
        try Self.store(repo, .loose)
        let object = ids["a10"]!
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".git/objects/\(object.prefix(2))/\(object.dropFirst(2))"))
        let (own, sources) = CommitRangeReader(repository: repo.url, walker: .own(commitGraph: true)).rangeAndSources(from: ids["a5"]!, to: ids["a30"]!)
        let reference = CommitRangeReader(repository: repo.url, walker: .libgit2).range(from: ids["a5"]!, to: ids["a30"]!)
        #expect(own == reference)
        #expect(own.direction == .backward && own.total == 0 && own.commits.isEmpty)
        #expect(sources.libgit2Walks == 2, "\(sources)")
    }
}

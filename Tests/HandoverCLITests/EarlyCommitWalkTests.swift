import Foundation
import HandoverTestSupport
import Testing
import HandoverApp
import HandoverFixtures
import HandoverGit
import HandoverModel
import HandoverStore

/// `diff` starts its commit walk from the two files' parses, before they are decoded; the answer must stay the walk
/// between the commits the decoded snapshots name, whatever the early walk saw.
@Suite struct EarlyCommitWalkTests {
    /// A repository with three commits, and the healthy snapshot stored three times, deployed at each of them.
    struct World {
        let dir: TempDirectory
        let commits: [String]
        let paths: [String]
        var store: SnapshotStore { SnapshotStore(directory: dir.file("snapshots")) }
        var service: DiffService { DiffService(p95BudgetMs: 500, repository: dir.file("repo")) }
    }

    static func world() throws -> World {
        let dir = TempDirectory()
        let repo = dir.file("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: repo)
        var commits: [String] = []
        for index in 1...3 {
            dir.write("repo/file.txt", "\(index)\n")
            _ = try ProcessRunner.git(["add", "."], in: repo)
            _ = try ProcessRunner.git(["commit", "-q", "-m", "change \(index)"], in: repo, date: "2026-01-0\(index)T00:00:00Z")
            commits.append(try ProcessRunner.git(["rev-parse", "HEAD"], in: repo).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        try FileManager.default.createDirectory(at: dir.file("snapshots"), withIntermediateDirectories: true)
        let paths = try commits.enumerated().map { index, sha in
            var snapshot = HealthyExample.snapshot()
            snapshot.git.data?.head.commit?.sha = sha
            let url = dir.file("snapshots/at-\(index + 1).json")
            try CanonicalJSON.encode(snapshot).write(to: url)
            return url.path
        }
        return World(dir: dir, commits: commits, paths: paths)
    }

    @Test func theWalkStartsFromTheParsesAndItsAnswerIsTheRange() async throws {
        let world = try Self.world()
        #expect(HealthyExample.snapshot().git.data?.head.commit != nil, "the example names a deployed commit")
        let opened = await world.service.open(world.store, world.paths[0], world.paths[2])
        let (old, new) = (try opened.old.get().snapshot, try opened.new.get().snapshot)
        // Started before the differ asked: from the files' bytes (then checked against their parses).
        #expect(opened.walk?.walked.map { [$0.from, $0.to] } == [world.commits[0], world.commits[2]])
        let diff = await world.service.diffConcurrently(old: old, oldName: "a", new: new, newName: "b", early: opened.walk)
        #expect(diff.commits?.direction == .forward && diff.commits?.total == 2, "\(String(describing: diff.commits))")
        #expect(diff.commits?.from == world.commits[0] && diff.commits?.to == world.commits[2])
    }

    /// A walk started for other commits (a `latest~N` whose first file read was then passed over) is not taken:
    /// the differ's two commits are walked again.
    @Test func aWalkOfOtherCommitsIsNotTaken() async throws {
        let world = try Self.world()
        let walk = EarlyCommitWalk(reader: CommitRangeReader(repository: world.dir.file("repo")))
        for (side, path) in [(EarlyCommitWalk.Side.old, world.paths[0]), (.new, world.paths[1])] {
            _ = try SnapshotStore.decode(Data(contentsOf: URL(fileURLWithPath: path)), path: path) { walk.parsed(side, $0) }
        }
        #expect(walk.walked.map { [$0.from, $0.to] } == [world.commits[0], world.commits[1]])
        let (old, new) = (try world.store.open(world.paths[0]).snapshot, try world.store.open(world.paths[2]).snapshot)
        let diff = await world.service.diffConcurrently(old: old, oldName: "a", new: new, newName: "b", early: walk)
        #expect(diff.commits?.total == 2 && diff.commits?.to == world.commits[2], "\(String(describing: diff.commits))")
        #expect(await walk.range(from: world.commits[0], to: world.commits[1])?.total == 1)
    }

    /// The walk starts from the files' bytes, before any parse: the deploy hash where this tool writes it.
    @Test func theWalkStartsFromTheBytes() async throws {
        let world = try Self.world()
        let walk = EarlyCommitWalk(reader: CommitRangeReader(repository: world.dir.file("repo")))
        walk.read(.old, try Data(contentsOf: URL(fileURLWithPath: world.paths[0])))
        #expect(walk.walked == nil, "one side alone starts nothing")
        walk.read(.new, try Data(contentsOf: URL(fileURLWithPath: world.paths[2])))
        #expect(walk.walked.map { [$0.from, $0.to] } == [world.commits[0], world.commits[2]])
        #expect(await walk.range(from: world.commits[0], to: world.commits[2])?.total == 2)
    }

    /// The guess from the bytes is the parse's answer on every file this tool writes, and nothing on another layout.
    @Test func theHeadCommitTheBytesShow() throws {
        let world = try Self.world()
        for (index, path) in world.paths.enumerated() {
            #expect(SnapshotStore.headCommitGuess(in: try Data(contentsOf: URL(fileURLWithPath: path))) == world.commits[index])
        }
        let sha = world.commits[0]
        #expect(SnapshotStore.headCommitGuess(in: Data(#"{"git": {"data": {"head": {"commit": {"sha": "\#(sha)"}}}}}"#.utf8)) == nil)
        let layout = { (value: String) in Data("{\n  \"git\" : {\n    \"data\" : {\n      \"head\" : {\n        \"commit\" : {\n          \"sha\" : \"\(value)\"\n".utf8) }
        #expect(SnapshotStore.headCommitGuess(in: layout(sha)) == sha)
        let python = Data("{\n  \"git\": {\n    \"data\": {\n      \"head\": {\n        \"commit\": {\n          \"sha\": \"\(sha)\"\n".utf8)
        #expect(SnapshotStore.headCommitGuess(in: python) == sha, "json.dump(indent=2)'s layout too")
        #expect(SnapshotStore.headCommitGuess(in: layout("not-a-hash")) == nil)
        #expect(SnapshotStore.headCommitGuess(in: layout(String(sha.dropLast()))) == nil)
        #expect(SnapshotStore.headCommitGuess(in: Data()) == nil)
    }

    /// The head commit is read from the parse only where a snapshot records one.
    @Test func theHeadCommitOfAParse() throws {
        let world = try Self.world()
        let tape = { (text: String) in try JSONTape(Array(text.utf8)) }
        let stored = try tape(String(contentsOfFile: world.paths[1], encoding: .utf8))
        #expect(SnapshotStore.headCommit(in: stored) == world.commits[1])
        #expect(SnapshotStore.headCommit(in: try tape(#"{"git": {"status": "skipped", "reason": "no repository"}}"#)) == nil)
        #expect(SnapshotStore.headCommit(in: try tape(#"{"git": {"data": {"head": {"commit": null}}}}"#)) == nil)
        #expect(SnapshotStore.headCommit(in: try tape(#"{"git": {"data": {"head": {"commit": {"sha": 7}}}}}"#)) == nil)
        #expect(SnapshotStore.headCommit(in: try tape("[1, 2]")) == nil)
    }
}

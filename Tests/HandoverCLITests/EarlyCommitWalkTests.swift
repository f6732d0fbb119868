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

    /// With a repository the two decodes take turns (the walk keeps a core); `latest~N` passes over an unreadable
    /// newer file, so one side reads twice under its turn: both sides must still open, with the walk between them.
    @Test func decodesTakeTurnsAndALatestThatPassesOverAFileKeepsItsTurn() async throws {
        let world = try Self.world()
        let names = ["20260101T000000Z-aaaa.json", "20260102T000000Z-bbbb.json", "20260103T000000Z-cccc.json"]
        for (path, name) in zip(world.paths, names) {
            try FileManager.default.moveItem(atPath: path, toPath: world.dir.file("snapshots/\(name)").path)
        }
        world.dir.write("snapshots/20260104T000000Z-dddd.json", "{\"schemaVersion\": 1, \"git\": ")
        // Awaited by polling, so that a deadlock fails this test instead of hanging the run.
        let box = Locked<(old: Result<SnapshotStore.Opened, SnapshotStoreError>, new: Result<SnapshotStore.Opened, SnapshotStoreError>, walk: EarlyCommitWalk?)?>(nil)
        let (service, store) = (world.service, world.store)
        Task.detached { let opened = await service.open(store, "latest~2", "latest"); box.update { $0 = opened } }
        try await Self.until { box.value != nil }
        let opened = try #require(box.value, "both sides opened within 30 s")
        #expect(try opened.old.get().stored.name == names[0])
        #expect(try opened.old.get().skipped.count == 1, "the unreadable newest file is passed over and reported")
        #expect(try opened.new.get().stored.name == names[2])
        // Which side reads first is a race: the early walk is c1..c2 or c0..c2; the diff's range is always the latter.
        let walked = opened.walk?.walked.map { [$0.from, $0.to] }
        #expect(walked == [world.commits[0], world.commits[2]] || walked == [world.commits[1], world.commits[2]], "\(String(describing: walked))")
        let diff = await world.service.diffConcurrently(old: try opened.old.get().snapshot, oldName: "a", new: try opened.new.get().snapshot,
                                                        newName: "b", early: opened.walk)
        #expect(diff.commits?.from == world.commits[0] && diff.commits?.total == 2, "\(String(describing: diff.commits))")
    }

    /// The turn itself: while a walk runs, one holder at a time; entering again keeps the turn; leaving without
    /// holding it frees nothing; the walk's end lets a waiting side go on.
    @Test func oneDecodeHoldsTheTurnWhileTheWalkRuns() async throws {
        let turn = DecodeTurn()
        turn.walkStarted()
        let events = Locked<[String]>([])
        let firstMayLeave = DispatchSemaphore(value: 0)
        Thread {
            turn.enter()
            turn.enter()  // a second file read on the same side
            events.update { $0.append("first in") }
            firstMayLeave.wait()
            events.update { $0.append("first out") }
            turn.leave()
        }.start()
        try await Self.until { events.value.count == 1 }
        try #require(events.value == ["first in"], "the side that read a second file keeps its turn")
        Thread {
            turn.leave()  // never entered: must not end the first one's turn
            events.update { $0.append("second asks") }
            turn.enter()
            events.update { $0.append("second in") }
            turn.leave()
        }.start()
        try await Self.until { events.value.count == 2 }
        try await Task.sleep(for: .milliseconds(200))
        #expect(events.value == ["first in", "second asks"], "the second decode waits while the first holds the turn")
        firstMayLeave.signal()
        try await Self.until { events.value.count == 4 }
        #expect(events.value == ["first in", "second asks", "first out", "second in"])

        // The walk ends while the first side still holds the turn: the waiting side goes on.
        let holding = DecodeTurn()
        holding.walkStarted()
        let more = Locked<[String]>([])
        let release = DispatchSemaphore(value: 0)
        Thread { holding.enter(); more.update { $0.append("holder in") }; release.wait(); holding.leave() }.start()
        try await Self.until { more.value.count == 1 }
        Thread { more.update { $0.append("waiter asks") }; holding.enter(); more.update { $0.append("waiter in") }; holding.leave() }.start()
        try await Self.until { more.value.count == 2 }
        try await Task.sleep(for: .milliseconds(200))
        #expect(more.value == ["holder in", "waiter asks"])
        holding.walkEnded()
        try await Self.until { more.value.count == 3 }
        #expect(more.value == ["holder in", "waiter asks", "waiter in"], "the walk is done: no reason to wait")
        release.signal()
    }

    /// Without a running walk (one deploy hash on both sides, or no walk yet) the decodes do not wait for each other.
    @Test func withoutAWalkNeitherDecodeWaits() async throws {
        let turn = DecodeTurn()
        let events = Locked<[String]>([])
        let release = DispatchSemaphore(value: 0)
        Thread { turn.enter(); events.update { $0.append("first in") }; release.wait(); turn.leave() }.start()
        try await Self.until { events.value.count == 1 }
        Thread { turn.enter(); events.update { $0.append("second in") }; turn.leave() }.start()
        try await Self.until { events.value.count == 2 }
        #expect(events.value == ["first in", "second in"])
        release.signal()
    }

    /// Polls (so that a deadlock fails the test instead of hanging the run) for at most 30 s.
    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<300 where !condition() { try await Task.sleep(for: .milliseconds(100)) }
    }

    /// A value shared between the test and the threads it starts.
    final class Locked<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value
        init(_ value: Value) { stored = value }
        func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
        var value: Value { lock.withLock { stored } }
    }
}

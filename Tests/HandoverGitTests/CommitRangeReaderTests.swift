import Foundation
import HandoverGit
import HandoverModel
import Testing

/// The commits between two deploy hashes, in every direction, checked against `git rev-list`.
@Suite struct CommitRangeReaderTests {
    /// main: c1 … c5; a branch `side` from c3 with s1, s2 (a diverged deploy); a merge of side into main (m).
    static func history() throws -> (FixtureRepo, [String: String]) {
        let repo = FixtureRepo()
        try repo.git("init", "-q", "-b", "main")
        var ids: [String: String] = [:]
        for day in 1...5 {
            try repo.commit("c\(day)", day: day)
            ids["c\(day)"] = try repo.git("rev-parse", "HEAD")
        }
        try repo.git("checkout", "-q", "-b", "side", ids["c3"]!)
        try repo.commit("s1", file: "side.txt", day: 6)
        ids["s1"] = try repo.git("rev-parse", "HEAD")
        try repo.commit("s2", file: "side.txt", day: 7)
        ids["s2"] = try repo.git("rev-parse", "HEAD")
        try repo.git("checkout", "-q", "main")
        try repo.git("merge", "-q", "--no-ff", "-m", "m", "side", date: "2026-01-08T12:00:00Z")
        ids["m"] = try repo.git("rev-parse", "HEAD")
        return (repo, ids)
    }

    func count(_ repo: FixtureRepo, _ from: String, _ to: String) throws -> Int {
        Int(try repo.git("rev-list", "--count", "\(from)..\(to)")) ?? -1
    }

    @Test func forwardCountsAndListsNewestFirst() throws {
        let (repo, ids) = try Self.history()
        let range = CommitRangeReader(repository: repo.url, limit: 2).range(from: ids["c1"]!, to: ids["m"]!)
        #expect(range.direction == .forward)
        #expect(range.total == (try count(repo, ids["c1"]!, ids["m"]!)) && range.total == 7)
        #expect(range.commits.map(\.subject) == ["m", "s2"])
    }

    @Test func aMergeParentThatIsNotTheFirstStillCountsAsForward() throws {
        let (repo, ids) = try Self.history()
        let range = CommitRangeReader(repository: repo.url).range(from: ids["s1"]!, to: ids["m"]!)
        #expect(range.direction == .forward)
        #expect(range.total == (try count(repo, ids["s1"]!, ids["m"]!)))
    }

    @Test func aRollbackIsBackwardWithTheCommitsTakenBack() throws {
        let (repo, ids) = try Self.history()
        let range = CommitRangeReader(repository: repo.url).range(from: ids["c5"]!, to: ids["c2"]!)
        #expect(range.direction == .backward)
        #expect(range.total == (try count(repo, ids["c2"]!, ids["c5"]!)) && range.total == 3)
        #expect(range.commits.map(\.subject) == ["c5", "c4", "c3"])
    }

    @Test func twoBranchesHaveDivergedAndOnlyTheNewSideIsListed() throws {
        let (repo, ids) = try Self.history()
        let range = CommitRangeReader(repository: repo.url).range(from: ids["c5"]!, to: ids["s2"]!)
        #expect(range.direction == .diverged)
        #expect(range.total == (try count(repo, ids["c5"]!, ids["s2"]!)) && range.total == 2)
        #expect(range.commits.map(\.subject) == ["s2", "s1"])
    }

    @Test func theSameCommitOnBothSidesHasNothingBetween() throws {
        let (repo, ids) = try Self.history()
        let range = CommitRangeReader(repository: repo.url).range(from: ids["c4"]!, to: ids["c4"]!)
        #expect(range.direction == .diverged && range.total == 0 && range.commits.isEmpty)
    }

    @Test func aMissingCommitIsSaidPlainly() throws {
        let (repo, ids) = try Self.history()
        let unknown = String(repeating: "ab", count: 20)
        #expect(CommitRangeReader(repository: repo.url).range(from: unknown, to: ids["c4"]!).direction == .oldMissing)
        #expect(CommitRangeReader(repository: repo.url).range(from: ids["c4"]!, to: unknown).direction == .newMissing)
    }
}

import Foundation
import HandoverGit
import HandoverModel
import HandoverTestSupport
import Testing

/// The collector's `describe` (the nearest release tag and the distance to it) against `git describe --tags --long
/// --match PATTERN` on the same repository, for every named commit of histories with merges, equal commit times,
/// clock skew, more candidate tags than git weighs, several tags on one commit, and a shallow clone.
@Suite struct DescribeDifferentialTests {
    typealias History = CommitWalkDifferentialTests

    /// git's answer; nil when git finds no tag to describe the commit with.
    static func gitDescribe(_ repo: URL, _ id: String, pattern: String) -> DescribeState? {
        guard let text = try? ProcessRunner.git(["describe", "--tags", "--long", "--match", pattern, id], in: repo) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let distance = Int(parts[parts.count - 2]) else { return nil }
        return DescribeState(tag: parts.dropLast(2).joined(separator: "-"), distance: distance)
    }

    /// Every name described as git describes it; returns the answers by name.
    @discardableResult
    static func expectSameAsGit(_ repo: FixtureRepo, _ ids: [String: String], _ names: [String], pattern: String = "v*",
                                _ label: String = "") -> [String: DescribeState?] {
        expectSameAsGit(repo.url, ids, names, pattern: pattern, label)
    }

    @discardableResult
    static func expectSameAsGit(_ repo: URL, _ ids: [String: String], _ names: [String], pattern: String = "v*",
                                _ label: String = "") -> [String: DescribeState?] {
        var answers: [String: DescribeState?] = [:]
        for name in names {
            let ours = GitCollector(releaseTagPattern: pattern).describe(commit: ids[name]!, repository: repo)
            let git = gitDescribe(repo, ids[name]!, pattern: pattern)
            #expect(ours == git, "\(name) \(label) --match \(pattern): \(String(describing: ours)) against git's \(String(describing: git))")
            answers[name] = ours
        }
        return answers
    }

    static func tag(_ repo: FixtureRepo, _ name: String, at id: String, annotatedAt date: String? = nil) throws {
        if let date {
            try repo.git("tag", "-a", name, "-m", "Release \(name)", id, date: date)
        } else {
            try repo.git("tag", name, id)
        }
    }

    static func taggedMerges() throws -> (FixtureRepo, [String: String]) {
        let (repo, ids) = try History.repository(History.merges)
        try tag(repo, "v1.0.0", at: ids["a1"]!, annotatedAt: "2026-01-01T00:00:00Z")
        try tag(repo, "v1.1.0-rc.1", at: ids["a3"]!)
        try tag(repo, "v1.1.0", at: ids["b5"]!, annotatedAt: "2026-01-02T00:00:00Z")
        try tag(repo, "v1.2.0", at: ids["a6"]!)
        try tag(repo, "v2.0.0", at: ids["c1"]!, annotatedAt: "2026-01-03T00:00:00Z")
        try tag(repo, "v2.0.1", at: ids["d1"]!)
        try tag(repo, "deploy-7", at: ids["y1"]!)
        return (repo, ids)
    }

    static let mergeNames = ["a1", "a2", "a3", "b1", "b5", "b12", "a4", "a6", "m1", "a7", "c1", "d1", "x1", "x2", "y1", "z1"]

    @Test(arguments: [History.Storage.repacked, .loose, .packedWithGraph]) func mergesAndBranchesAsGitSaysIt(storage: History.Storage) throws {
        let (repo, ids) = try Self.taggedMerges()
        try History.store(repo, storage)
        let answers = Self.expectSameAsGit(repo, ids, Self.mergeNames, "\(storage)")
        // z1 reaches both criss-cross merges: d1's lightweight v2.0.1 leaves out z1, y1, x2, x1 and c1 (c1, dated
        // earlier, is visited first but leaves out d1 too). a7: m1, a4…a7 and b6…b12 are not below b5.
        #expect(answers["z1"] == DescribeState(tag: "v2.0.1", distance: 5))
        #expect(answers["a7"] == DescribeState(tag: "v1.1.0", distance: 12))
        #expect(answers["a1"] == DescribeState(tag: "v1.0.0", distance: 0))
        let all = Self.expectSameAsGit(repo, ids, Self.mergeNames, pattern: "*", "\(storage)")
        #expect(all["z1"] == DescribeState(tag: "deploy-7", distance: 1))
        #expect(Self.expectSameAsGit(repo, ids, ["z1"], pattern: "nothing-*")["z1"] == .some(nil))
    }

    /// Only lightweight tags, more than ten: git stops after ten candidates and counts the best one to the end.
    @Test func moreThanTenCandidatesGiveUpAsGitDoes() throws {
        let (repo, ids) = try History.repository(History.merges)
        for (index, name) in ["a1", "a2", "a3", "b2", "b4", "b6", "b8", "b10", "b12", "a4", "a5", "a6", "c1", "d1"].enumerated() {
            try Self.tag(repo, "v0.\(index).0", at: ids[name]!)
        }
        let answers = Self.expectSameAsGit(repo, ids, Self.mergeNames)
        #expect(answers["z1"] == DescribeState(tag: "v0.13.0", distance: 5))
        #expect(answers["m1"] == DescribeState(tag: "v0.8.0", distance: 4))
    }

    /// Ten tags met first on main keep out the eleventh, met later on an old side branch, although it leaves fewer
    /// commits out (13 against 22): git weighs ten candidates, then counts the best one to the end.
    @Test func anEleventhTagIsNotWeighed() throws {
        let lines = ["r 100"] + (1...12).map { "x\($0) \(1000 + $0) \($0 == 1 ? "r" : "x\($0 - 1)")" }
            + (1...20).map { "y\($0) \(200 + $0) \($0 == 1 ? "r" : "y\($0 - 1)")" } + ["q 500 y20", "m 2000 x12 q"]
        let (repo, ids) = try History.repository(lines)
        for index in 3...12 { try Self.tag(repo, "v1.\(index)", at: ids["x\(index)"]!) }
        try Self.tag(repo, "v0.9", at: ids["q"]!)
        let answers = Self.expectSameAsGit(repo, ids, ["m", "x12", "x1", "q", "y5"])
        #expect(answers["m"] == DescribeState(tag: "v1.12", distance: 22))
        #expect(answers["x1"] == .some(nil))
    }

    /// Every commit in the same second: the order commits are visited in is the order they were queued.
    @Test(arguments: [History.Storage.repacked, .packedWithGraph]) func equalCommitTimes(storage: History.Storage) throws {
        let (repo, ids) = try History.repository(History.sameSecond)
        try Self.tag(repo, "v1.0.0", at: ids["b1"]!, annotatedAt: "2026-01-01T00:00:00Z")
        try Self.tag(repo, "v1.0.1", at: ids["c2"]!, annotatedAt: "2026-01-01T00:00:00Z")
        try Self.tag(repo, "v0.9.0", at: ids["a1"]!)
        try History.store(repo, storage)
        let answers = Self.expectSameAsGit(repo, ids, ["a2", "b2", "c3", "m1", "a3", "a5", "a6"], "\(storage)")
        #expect(answers["a6"] == DescribeState(tag: "v1.0.0", distance: 9))
    }

    /// Clock skew: commits dated decades back between a tag and HEAD.
    @Test func clockSkew() throws {
        let (repo, ids) = try History.repository(History.skewed(7))
        try Self.tag(repo, "v1.0.0", at: ids["x"]!, annotatedAt: "2026-01-01T00:00:00Z")
        try Self.tag(repo, "v1.0.1", at: ids["s3"]!)
        let answers = Self.expectSameAsGit(repo, ids, ["r", "x", "s1", "s3", "s7", "old", "n1", "new"])
        #expect(answers["old"] == DescribeState(tag: "v1.0.1", distance: 5))
    }

    /// Several tags on one commit: an annotated tag wins over a lightweight one, the later tagger date over the
    /// earlier, the first by name between equal dates; an annotated tag is printed by the name it carries.
    @Test func severalTagsOnOneCommit() throws {
        let (repo, ids) = try History.repository(History.linear)
        try Self.tag(repo, "v5.0.0-light", at: ids["a5"]!)
        try Self.tag(repo, "v5.0.0", at: ids["a5"]!, annotatedAt: "2026-01-05T00:00:00Z")
        try Self.tag(repo, "v5.0.1", at: ids["a5"]!, annotatedAt: "2026-01-06T00:00:00Z")
        try Self.tag(repo, "v5.0.2", at: ids["a5"]!, annotatedAt: "2026-01-04T00:00:00Z")
        try Self.tag(repo, "v7.1.0", at: ids["a7"]!, annotatedAt: "2026-01-07T00:00:00Z")
        try Self.tag(repo, "v7.0.0", at: ids["a7"]!, annotatedAt: "2026-01-07T00:00:00Z")
        // A tag object named v9.0.0 under another reference name: git prints the name in the object.
        try Self.tag(repo, "v9.0.0", at: ids["a9"]!, annotatedAt: "2026-01-09T00:00:00Z")
        try repo.git("update-ref", "refs/tags/v9-renamed", try repo.git("rev-parse", "refs/tags/v9.0.0"))
        try repo.git("tag", "-d", "v9.0.0")
        let answers = Self.expectSameAsGit(repo, ids, ["a5", "a6", "a7", "a9", "a12"])
        #expect(answers["a5"] == DescribeState(tag: "v5.0.1", distance: 0))
        #expect(answers["a6"] == DescribeState(tag: "v5.0.1", distance: 1))
        #expect(answers["a7"] == DescribeState(tag: "v7.0.0", distance: 0))
        #expect(answers["a12"] == DescribeState(tag: "v9.0.0", distance: 3))
    }

    /// A shallow clone: the boundary commits have no parents, as git's `.git/shallow` says; nothing beyond them is
    /// counted as a commit the tag does not reach.
    @Test func shallowCloneCountsAsGitDoes() throws {
        let lines = (1...10).map { "a\($0) \(1000 + 10 * $0)\($0 == 1 ? "" : " a\($0 - 1)")" }
            + ["b1 1055 a5", "b2 1065 b1", "b3 1075 b2", "m1 1200 a10 b3"]
        let (origin, ids) = try History.repository(lines)
        try Self.tag(origin, "v1.0.0", at: ids["b3"]!)
        let holder = TempDirectory("handover-shallow-describe")
        try ProcessRunner.git(["clone", "-q", "--depth", "3", "--branch", "m1", "file://\(origin.url.path)", holder.path + "/c"], in: holder.url)
        let clone = holder.file("c")
        #expect(try ProcessRunner.git(["rev-parse", "--is-shallow-repository"], in: clone) == "true")
        let answers = Self.expectSameAsGit(clone, ids, ["m1"])
        #expect(answers["m1"] == DescribeState(tag: "v1.0.0", distance: 3))
    }
}

import CLibgit2
import Foundation
@testable import HandoverGit
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverAudit
import HandoverFixtures

/// CODEOWNERS as GitHub reads it, and who committed to each area, against repositories built with the git CLI.
@Suite struct OwnershipTests {
    @Test(arguments: [
        ("*", "a/b/c.ts", true), ("/.github/workflows/", ".github/workflows/deploy.yml", true), (".github/", ".github/workflows/ci.yml", true),
        ("docs/", "docs/a.md", true), ("docs/", "src/docs/a.md", true), ("/docs/", "src/docs/a.md", false), ("docs/", "docs", false),
        ("*.tf", "infra/main.tf", true), ("/infra/*.tf", "infra/main.tf", true), ("/infra/*.tf", "infra/modules/x.tf", false),
        ("apps/**/Dockerfile", "apps/web/api/Dockerfile", true), ("apps/**/Dockerfile", "apps/Dockerfile", true), ("Dockerfile", "Dockerfile", true),
        ("Dockerfile", "Dockerfile.dev", false), ("/fly.toml", "apps/fly.toml", false), ("fly.toml", "apps/fly.toml", true),
        (".env.*", ".env.example", true), ("src/app", "src/app/page.tsx", true),
    ] as [(String, String, Bool)])
    func patterns(pattern: String, path: String, matches: Bool) {
        #expect(CodeOwners.matches(pattern, path: path) == matches)
    }

    @Test func theLastMatchingRuleWinsAndMayRemoveOwners() {
        let file = CodeOwners.parse("""
            # Default owners
            *                     @acme/dev
            /.github/workflows/   @acme/ops  ops@acme.example   # comments after rules
            /.github/workflows/docs.yml
            not an owner line     owner-without-at
            /infra/  @acme/ops @acme/sre
            """, path: ".github/CODEOWNERS")
        #expect(file.rules.map(\.line) == [2, 3, 4, 6])
        #expect(file.badLines == [5])
        #expect(CodeOwners.owners(of: "src/app.ts", in: file) == ["@acme/dev"])
        #expect(CodeOwners.owners(of: ".github/workflows/deploy.yml", in: file) == ["@acme/ops", "ops@acme.example"])
        #expect(CodeOwners.owners(of: ".github/workflows/docs.yml", in: file) == [])
        #expect(CodeOwners.owners(of: "infra/main.tf", in: file) == ["@acme/ops", "@acme/sre"])
    }

    @Test(arguments: [(".github/workflows/deploy.yml", CriticalPath.Kind.workflow), ("Dockerfile", .infrastructure), ("Dockerfile.prod", .infrastructure),
                      ("fly.toml", .infrastructure), ("infra/main.tf", .infrastructure), (".env.example", .envExample), ("handover.yml", .manifest)] as [(String, CriticalPath.Kind)])
    func criticalPaths(path: String, kind: CriticalPath.Kind) {
        #expect(CodeOwners.criticalKind(path) == kind)
    }

    @Test(arguments: ["src/Dockerfile.ts", "README.md", ".github/workflows/nested/x.yml", "apps/web/.env.example", "docs/deploy.md"])
    func notCriticalPaths(path: String) {
        #expect(CodeOwners.criticalKind(path) == nil)
    }

    /// A repository with CODEOWNERS covering src/ only, a workflow and a Dockerfile, and commits by two people:
    /// the collector finds the file, owns each critical path as GitHub would, and counts commits per area in the window.
    @Test func collectorReadsOwnersAndActivity() async throws {
        let repo = FixtureRepo()
        try repo.git("init", "-q", "-b", "main")
        repo.dir.write(".github/CODEOWNERS", "/src/ @acme/dev\n/Dockerfile @acme/ops\n")
        repo.dir.write(".github/workflows/deploy.yml", "on: push\n")
        repo.dir.write("Dockerfile", "FROM scratch\n")
        repo.dir.write(".env.example", "A=\n")
        repo.dir.write("src/a.ts", "1\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "init", date: "2026-01-01T00:00:00Z")  // before the window: not counted
        for day in 1...6 {
            repo.dir.write("src/a.ts", "v\(day)\n")
            try repo.git("add", "-A")
            try repo.git("commit", "-q", "-m", "src \(day)", date: String(format: "2026-05-%02dT12:00:00Z", day))
        }
        repo.dir.write("README.md", "x\n")
        try repo.git("add", "-A")
        try ProcessRunner.run("git", ["-c", "user.name=Ann Lee", "-c", "user.email=ann@acme.example", "commit", "-q", "-m", "readme"], in: repo.url,
                              environment: ["GIT_AUTHOR_DATE": "2026-05-10T12:00:00Z", "GIT_COMMITTER_DATE": "2026-05-10T12:00:00Z",
                                            "GIT_AUTHOR_NAME": "Ann Lee", "GIT_AUTHOR_EMAIL": "ann@acme.example", "GIT_CONFIG_NOSYSTEM": "1"])
        let state = try #require(await GitCollector().collect(repository: repo.url).data)
        let ownership = try #require(state.ownership)
        // Read on a second handle and thread beside the rest of the section: the same as read in series.
        #expect(GitCollector().collectBlocking(repository: repo.url).data == state)
        #expect(await GitCollector(readsOwnership: false).collect(repository: repo.url).data?.ownership == nil)
        #expect(ownership.codeowners?.path == ".github/CODEOWNERS")
        #expect(ownership.criticalPaths == [
            CriticalPath(path: ".env.example", kind: .envExample, owners: []),
            CriticalPath(path: ".github/workflows/deploy.yml", kind: .workflow, owners: []),
            CriticalPath(path: "Dockerfile", kind: .infrastructure, owners: ["@acme/ops"]),
        ])
        #expect(ownership.commitsRead == 7)
        #expect(ownership.areas.map(\.area) == ["(root)", "src"])
        #expect(ownership.areas.map(\.commits) == [1, 6])
        #expect(ownership.areas.map(\.authors) == [["Ann Lee"], ["Jo Doe"]])

        // The audit: the workflow and the env example have no owner (medium each); src is one person's (low).
        var snapshot = HealthyExample.snapshot()
        snapshot.git = .collected(state)
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        let unowned = report.findings.filter { $0.id == OwnersCriticalPathUnownedCheck.id }
        #expect(unowned.map(\.subject) == ["path:.env.example", "path:.github/workflows/deploy.yml"])
        #expect(unowned.allSatisfy { $0.severity == .medium })
        let lonely = report.findings.filter { $0.id == OwnersBusFactorOneCheck.id }
        #expect(lonely.map(\.subject) == ["area:src"])
    }

    /// The activity walk's order: newest committer time first, ties in the order the commits were found (as a
    /// time-sorted walk gives them), whatever order they are pushed in.
    @Test func theActivityWalkTakesTheNewestCommitFirst() {
        var heap = NewestFirst()
        func oid(_ byte: UInt8) -> git_oid { var o = git_oid(); withUnsafeMutableBytes(of: &o.id) { $0[0] = byte }; return o }
        for (byte, time) in [(1, 30), (2, 10), (3, 50), (4, 30), (5, 20), (6, 50), (7, 40)] as [(UInt8, git_time_t)] {
            heap.push(oid(byte), time: time)
        }
        var order: [UInt8] = []
        while let next = heap.pop() { var copy = next; order.append(withUnsafeBytes(of: &copy.id) { $0[0] }) }
        #expect(order == [3, 6, 7, 1, 4, 5, 2])
    }

    /// Without CODEOWNERS the gap is one low note naming the paths, not a medium per path.
    @Test func noCodeownersIsOneLowNote() throws {
        var snapshot = HealthyExample.snapshot()
        let ownership = RepositoryOwnership(codeowners: nil, criticalPaths: [CriticalPath(path: "fly.toml", kind: .infrastructure, owners: [])],
                                            areas: [], commitsRead: 0, truncated: false)
        Edit.git(&snapshot) { $0.ownership = ownership }
        let findings = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now)).findings.filter { $0.id == OwnersCriticalPathUnownedCheck.id }
        #expect(findings.map(\.subject) == ["codeowners"])
        #expect(findings.first?.severity == .low)
        #expect(findings.first?.evidence.first?.contains("1 deploy-critical path(s) have no owner: fly.toml") == true)
    }

    /// The ownership read beside the section is taken only when it read the section's commit; otherwise the
    /// section's commit is read again (HEAD moved between the two reads).
    @Test func theOwnershipReadBesideTheSectionIsOfItsCommit() {
        let state = GitState(repository: RepositoryFacts(bare: false, shallow: false, worktree: false, empty: false),
                             head: HeadState(kind: .branch, branch: "main", commit: CommitInfo(sha: "aaa", author: "a", date: Date(timeIntervalSince1970: 0), subject: "s")),
                             dirty: nil, upstream: nil, describe: nil, releaseTagPattern: "*", releaseTags: [], releaseTagCount: 0, remotes: [],
                             recentCommits: [])
        let section = Section<GitState>.collected(state)
        let beside = RepositoryOwnership(codeowners: nil, criticalPaths: [], areas: [], commitsRead: 1, truncated: false)
        let again = RepositoryOwnership(codeowners: nil, criticalPaths: [], areas: [], commitsRead: 2, truncated: false)
        var asked: [String] = []
        let same = GitCollector.joined(section, ("aaa", beside)) { asked.append($0); return again }
        #expect(same.data?.ownership == beside && asked.isEmpty)
        let moved = GitCollector.joined(section, ("bbb", beside)) { asked.append($0); return again }
        #expect(moved.data?.ownership == again && asked == ["aaa"], "HEAD moved: the section's commit is read again")
        let failed = Section<GitState>.failed("unreadable")
        #expect(GitCollector.joined(failed, ("aaa", beside)) { _ in again } == failed)
    }
}

import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// Fixture repositories built with the git CLI; every fact the collector reports is checked against git itself.
struct FixtureRepo {
    let dir = TempDirectory("handover-git")
    var url: URL { dir.url }

    @discardableResult
    func git(_ args: String..., date: String? = nil) throws -> String {
        try ProcessRunner.git(args, in: url, date: date)
    }

    /// A commit with a fixed date, `day` days into 2026.
    func commit(_ message: String, file: String = "app.txt", day: Int) throws {
        dir.write(file, "\(message)\n")
        try git("add", file)
        try git("commit", "-q", "-m", message, date: String(format: "2026-01-%02dT12:00:00Z", day))
    }

    /// main with five commits, semver tags (annotated and lightweight), a pre-release and a non-release tag.
    static func released() throws -> FixtureRepo {
        let repo = FixtureRepo()
        try repo.git("init", "-q")
        try repo.commit("Initial commit", day: 1)
        try repo.git("tag", "v1.0.0")
        try repo.commit("Add billing", day: 2)
        try repo.git("tag", "-a", "v1.1.0", "-m", "Release 1.1.0", date: "2026-01-02T13:00:00Z")
        try repo.commit("Fix login", day: 3)
        try repo.git("tag", "v1.2.0-rc.1")
        try repo.commit("Release 1.2", day: 4)
        try repo.git("tag", "-a", "v1.2.0", "-m", "Release 1.2.0", date: "2026-01-04T13:00:00Z")
        try repo.git("tag", "deploy-marker")
        try repo.commit("Work in progress", day: 5)
        return repo
    }
}

private func collect(_ url: URL, pattern: String = "v*", commits: Int = 20) throws -> GitState {
    let section = GitCollector(releaseTagPattern: pattern, commitLimit: commits).collectBlocking(repository: url)
    return try #require(section.collectedValue, "section: \(section.status) \(section.reason ?? "")")
}

@Suite struct GitCollectorTests {
    @Test func agreesWithGitOnARegularRepository() throws {
        let repo = try FixtureRepo.released()
        let state = try collect(repo.url, commits: 3)
        #expect(state.head.kind == .branch && state.head.branch == "main")
        #expect(state.head.commit?.sha == (try repo.git("rev-parse", "HEAD")))
        #expect(state.head.commit?.subject == "Work in progress" && state.head.commit?.author == "Jo Doe")
        #expect(state.head.commit.map { Timestamp.iso8601($0.date) } == "2026-01-05T12:00:00Z")
        #expect(state.repository == RepositoryFacts(bare: false, shallow: false, worktree: false, empty: false))
        #expect(state.dirty == DirtyState(staged: 0, modified: 0, untracked: 0, conflicted: 0))

        let describe = try repo.git("describe", "--tags", "--long", "--match", "v*")  // v1.2.0-1-g<sha>
        #expect("\(state.describe!.tag)-\(state.describe!.distance)" == describe.split(separator: "-").dropLast().joined(separator: "-"))
        #expect(state.describe == DescribeState(tag: "v1.2.0", distance: 1))

        let gitTags = Set(try repo.git("tag", "-l", "v*").split(separator: "\n").map(String.init))
        #expect(Set(state.releaseTags.map(\.name)) == gitTags)
        #expect(state.releaseTagCount == 4)
        #expect(state.releaseTags.map(\.name) == ["v1.2.0", "v1.2.0-rc.1", "v1.1.0", "v1.0.0"])
        #expect(state.releaseTags.map(\.annotated) == [true, false, true, false])
        for tag in state.releaseTags {
            #expect(tag.commit == (try repo.git("rev-parse", "\(tag.name)^{commit}")))
        }
        #expect(state.releaseTags[0].taggedAt.map(Timestamp.iso8601) == "2026-01-04T13:00:00Z")
        #expect(state.releaseTags[0].subject == "Release 1.2")
        #expect(state.recentCommits.map(\.sha) == (try repo.git("log", "-n", "3", "--format=%H")).split(separator: "\n").map(String.init))
    }

    @Test func nonSemverTagsAreOrderedByCommitDate() throws {
        let repo = FixtureRepo()
        try repo.git("init", "-q")
        try repo.commit("one", day: 1)
        try repo.git("tag", "release-zebra")
        try repo.commit("two", day: 2)
        try repo.git("tag", "release-alpha")
        try repo.commit("three", day: 3)
        try repo.git("tag", "v9.9.9")
        let state = try collect(repo.url, pattern: "*")
        #expect(state.releaseTags.map(\.name) == ["v9.9.9", "release-alpha", "release-zebra"])
        let all = try collect(repo.url, pattern: "release-*")
        #expect(all.releaseTags.map(\.name) == ["release-alpha", "release-zebra"])
        #expect(all.describe == DescribeState(tag: "release-alpha", distance: 1))
    }

    @Test func detachedHead() throws {
        let repo = try FixtureRepo.released()
        try repo.git("checkout", "-q", "v1.1.0")
        let state = try collect(repo.url)
        #expect(state.head.kind == .detached && state.head.branch == nil)
        #expect(state.head.commit?.sha == (try repo.git("rev-parse", "HEAD")))
        #expect(state.describe == DescribeState(tag: "v1.1.0", distance: 0))
    }

    @Test func shallowClone() throws {
        let origin = try FixtureRepo.released()
        let clone = TempDirectory("handover-shallow")
        try ProcessRunner.git(["clone", "-q", "--depth", "1", "file://\(origin.url.path)", clone.path + "/c"], in: clone.url)
        let state = try collect(clone.file("c"))
        #expect(state.repository.shallow)
        #expect(state.head.commit?.sha == (try origin.git("rev-parse", "HEAD")))
        #expect(state.recentCommits.count == 1)
        #expect(state.remotes == [RemoteInfo(name: "origin", url: "file://\(origin.url.path)")])
        #expect(state.upstream == UpstreamState(name: "origin/main", ahead: 0, behind: 0))
    }

    @Test func emptyRepository() throws {
        let repo = FixtureRepo()
        try repo.git("init", "-q")
        let state = try collect(repo.url)
        #expect(state.repository.empty)
        #expect(state.head == HeadState(kind: .unborn, branch: "main", commit: nil))
        #expect(state.releaseTags.isEmpty && state.recentCommits.isEmpty && state.describe == nil)
    }

    @Test func bareRepository() throws {
        let origin = try FixtureRepo.released()
        let holder = TempDirectory("handover-bare")
        try ProcessRunner.git(["clone", "-q", "--bare", origin.url.path, holder.path + "/b.git"], in: holder.url)
        let state = try collect(holder.file("b.git"))
        #expect(state.repository.bare)
        #expect(state.dirty == nil)
        #expect(state.head.commit?.sha == (try origin.git("rev-parse", "HEAD")))
        #expect(state.describe == DescribeState(tag: "v1.2.0", distance: 1))
        #expect(state.releaseTags.count == 4)
    }

    @Test func dirtyCountsMatchGitStatus() throws {
        let repo = try FixtureRepo.released()
        repo.dir.write("app.txt", "modified\n")
        repo.dir.write("staged.txt", "new\n")
        try repo.git("add", "staged.txt")
        repo.dir.write("new/deep/untracked.txt", "u\n")
        repo.dir.write("other.txt", "u\n")
        let porcelain = try ProcessRunner.run("git", ["status", "--porcelain", "-uall"], in: repo.url).stdout.split(separator: "\n")
        let untracked = porcelain.filter { $0.hasPrefix("??") }.count
        let staged = porcelain.filter { !$0.hasPrefix("??") && $0.first != " " }.count
        let modified = porcelain.filter { !$0.hasPrefix("??") && $0.dropFirst().first != " " }.count
        let state = try collect(repo.url)
        #expect(state.dirty == DirtyState(staged: staged, modified: modified, untracked: untracked, conflicted: 0))
        #expect(state.dirty == DirtyState(staged: 1, modified: 1, untracked: 2, conflicted: 0))
    }

    @Test func linkedWorktree() throws {
        let repo = try FixtureRepo.released()
        let holder = TempDirectory("handover-wt")
        try repo.git("worktree", "add", "-q", holder.path + "/wt", "v1.1.0")
        let state = try collect(holder.file("wt"))
        #expect(state.repository.worktree)
        #expect(state.head.kind == .detached)
        #expect(state.head.commit?.sha == (try repo.git("rev-parse", "v1.1.0^{commit}")))
    }

    @Test func aheadAndBehindTheUpstream() throws {
        let origin = try FixtureRepo.released()
        let holder = TempDirectory("handover-up")
        let clonePath = holder.path + "/c"
        try ProcessRunner.git(["clone", "-q", origin.url.path, clonePath], in: holder.url)
        let clone = URL(fileURLWithPath: clonePath)
        try ProcessRunner.git(["reset", "-q", "--hard", "HEAD~2"], in: clone)
        FileManager.default.createFile(atPath: clonePath + "/local.txt", contents: Data("x".utf8))
        try ProcessRunner.git(["add", "local.txt"], in: clone)
        try ProcessRunner.git(["commit", "-q", "-m", "local"], in: clone)
        let counts = try ProcessRunner.git(["rev-list", "--count", "--left-right", "HEAD...@{u}"], in: clone)
        let state = try collect(clone)
        #expect("\(state.upstream!.ahead)\t\(state.upstream!.behind)" == counts)
        #expect(state.upstream == UpstreamState(name: "origin/main", ahead: 1, behind: 2))
    }

    @Test func remoteCredentialsAreStripped() throws {
        let repo = try FixtureRepo.released()
        try repo.git("remote", "add", "origin", "https://deploy:ghp_SECRETTOKEN@github.com/acme/app.git")
        try repo.git("remote", "add", "mirror", "git@gitlab.com:acme/app.git")
        let state = try collect(repo.url)
        #expect(state.remotes == [RemoteInfo(name: "mirror", url: "git@gitlab.com:acme/app.git"),
                                  RemoteInfo(name: "origin", url: "https://github.com/acme/app.git")])
    }

    @Test func remotesAreRecordedAsConfiguredNotAsRewrittenByInsteadOf() throws {
        let repo = try FixtureRepo.released()
        try repo.git("config", "url./srv/mirror/.insteadOf", "https://example.invalid/")
        try repo.git("remote", "add", "origin", "https://example.invalid/acme/app.git")
        #expect(try repo.git("remote", "get-url", "origin") == "/srv/mirror/acme/app.git")
        #expect(try collect(repo.url).remotes == [RemoteInfo(name: "origin", url: "https://example.invalid/acme/app.git")])
    }

    @Test func notARepositoryFailsTheSectionClearly() {
        let dir = TempDirectory()
        let section = GitCollector().collectBlocking(repository: dir.url)
        #expect(section.status == .failed)
        #expect(section.reason?.contains("is not a git repository") == true)
        #expect(section.reason?.contains("check `repository:` in the manifest") == true)
    }

    @Test func noTagsMeansNoRollbackTargets() throws {
        let repo = FixtureRepo()
        try repo.git("init", "-q")
        try repo.commit("only", day: 1)
        let state = try collect(repo.url)
        #expect(state.releaseTags.isEmpty && state.releaseTagCount == 0 && state.describe == nil)
    }
}

/// Env names referenced by the code at HEAD, read through libgit2 — not the working tree.
@Suite struct HeadSourceScannerTests {
    @Test func readsHEADNotTheWorkingTree() throws {
        let dir = TempDirectory("handover-head-scan")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("src/app.ts", "process.env.COMMITTED_NAME\n")
        dir.write("node_modules/x/index.js", "process.env.VENDORED_NAME\n")
        dir.write("src/deep/a.py", "os.getenv(\"PY_NAME\")\nos.getenv(\"PY_NAME\")\n")
        _ = try ProcessRunner.git(["add", "-f", "."], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "code"], in: dir.url, date: "2026-01-01T00:00:00Z")
        dir.write("src/app.ts", "process.env.UNCOMMITTED_NAME\n")
        let refs = try #require(HeadSourceScanner(repository: dir.url).references())
        #expect(refs.map(\.name) == ["COMMITTED_NAME", "PY_NAME"])
        #expect(refs.last?.locations == ["src/deep/a.py:1", "src/deep/a.py:2"])
        #expect(HeadSourceScanner(repository: dir.file("nope")).references() == nil)
    }

    /// A file a GitHub Actions workflow runs that reads what only a runner's step has (`GITHUB_OUTPUT`, `GITHUB_ACTOR`…)
    /// is CI's script: its reads are not production's (cognee's `tools/send_failure_email.py`, run by a workflow, read
    /// the SMTP and runner names; held-out batch 30). A file a deployment file also names (the server a workflow starts
    /// for an end-to-end test), that the app imports, that reads no runner name (a workflow that is the deployment:
    /// `nohup node server/index.js &`), or that a bare `python main.py` runs stays production.
    @Test func aProgramOnlyAWorkflowRunsIsCIsScript() throws {
        let dir = TempDirectory("handover-head-ci")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write(".github/workflows/nightly.yml", """
            jobs:
              mail:
                steps:
                  - run: python3 tools/send_failure_email.py
                  - run: |
                      cd backend && npx tsx ./tools/release-notes.ts --since=1d
                  - run: python -m tools.pr.manage_pr
                  - run: python app/server.py &
                  - run: python main.py
                  - run: python3 tools/notify.py
                  - run: python3 worker/run_jobs.py --once
                  - run: ssh prod 'nohup node server/index.js &'
            """)
        dir.write("Dockerfile", "FROM python:3.12\nCMD [\"python\", \"app/server.py\"]\n")
        dir.write("deploy/Dockerfile.worker", "CMD python3 worker/run_jobs.py\n")
        let runner = "os.environ.get(\"GITHUB_ACTOR\")\n"
        dir.write("tools/send_failure_email.py", "import os\n" + runner + "os.environ[\"SMTP_PASSWORD\"]\n")
        dir.write("backend/tools/release-notes.ts", "const t = process.env.RELEASE_TOKEN!\nconst out = process.env.GITHUB_OUTPUT\n")
        dir.write("tools/pr/manage_pr.py", "import os\nos.environ[\"GH_DOCS_TOKEN\"]\nos.environ.get(\"GITHUB_STEP_SUMMARY\")\n")
        dir.write("app/server.py", "import os\nfrom tools.notify import send\n" + runner + "os.environ[\"DATABASE_URL\"]\n")
        dir.write("main.py", "import os\n" + runner + "os.environ[\"MAIN_SECRET\"]\n")
        dir.write("tools/notify.py", "import os\n" + runner + "os.environ[\"NOTIFY_URL\"]\n")
        dir.write("worker/run_jobs.py", "import os\n" + runner + "os.environ[\"QUEUE_URL\"]\n")
        dir.write("server/index.js", "const key = process.env.STRIPE_SECRET_KEY;\nstripe(key.trim());\n")
        _ = try ProcessRunner.git(["add", "-f", "."], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "code"], in: dir.url, date: "2026-01-01T00:00:00Z")
        let refs = try #require(HeadSourceScanner(repository: dir.url).references())
        let places = refs.filter { !CodeReferences.ciRunnerNames.contains($0.name) }
            .map { "\($0.name) \($0.reads?.map(\.place.rawValue).joined(separator: ",") ?? "-")" }
        #expect(places == ["DATABASE_URL production", "GH_DOCS_TOKEN script", "MAIN_SECRET production", "NOTIFY_URL production",
                           "QUEUE_URL production", "RELEASE_TOKEN script", "SMTP_PASSWORD script", "STRIPE_SECRET_KEY production"])
    }

    /// A package named for MCP whose server speaks only stdio is a program its users' AI clients launch with their own
    /// key (kan's `packages/mcp`, tianji's `apps/mcp-server`): `tooling`, every file of it. One that also serves HTTP may
    /// be hosted, and a stdio server in a package not named for MCP (a worker the server spawns) is the service's.
    @Test func aStdioMCPServerPackageIsAProgramItsUsersRun() throws {
        let dir = TempDirectory("handover-head-mcp")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        let stdio = "import { StdioServerTransport } from \"@modelcontextprotocol/sdk/server/stdio.js\";\n"
        dir.write("packages/mcp/src/index.ts", stdio + "const key = process.env.ACME_API_KEY!;\n")
        dir.write("packages/mcp/src/client.ts", "export const base = process.env.ACME_BASE_URL!;\n")
        dir.write("apps/mcp-remote/src/index.ts", stdio
            + "import { StreamableHTTPServerTransport } from \"@modelcontextprotocol/sdk/server/streamableHttp.js\";\n"
            + "const db = process.env.REMOTE_DB_URL!;\n")
        dir.write("server/src/mcp-worker.ts", stdio + "const k = process.env.WORKER_KEY!;\n")
        dir.write("acme_mcp/server.py", "import os\nfrom mcp.server.stdio import stdio_server\nos.environ[\"ACME_URL\"]\n")
        dir.write("apps/web/src/mcp.ts", stdio + "const s = process.env.WEB_SECRET!;\n")
        dir.write("apps/mcp-server/src/index.ts", stdio + "const t = process.env.TIANJI_API_KEY!;\n")
        _ = try ProcessRunner.git(["add", "-f", "."], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "code"], in: dir.url, date: "2026-01-01T00:00:00Z")
        let refs = try #require(HeadSourceScanner(repository: dir.url).references())
        let places = refs.map { "\($0.name) \($0.reads?.map(\.place.rawValue).joined(separator: ",") ?? "-")" }
        #expect(places == ["ACME_API_KEY tooling", "ACME_BASE_URL tooling", "ACME_URL tooling", "REMOTE_DB_URL production",
                           "TIANJI_API_KEY tooling", "WEB_SECRET production", "WORKER_KEY production"])
        #expect(LocalMCPServers.packageRoot(of: "packages/mcp/src/a.ts:3") == "packages/mcp")
        #expect(LocalMCPServers.packageRoot(of: "index.ts:1") == nil)
        #expect(LocalMCPServers.isNamedForMCP("apps/mcp-server") && LocalMCPServers.isNamedForMCP("cognee-mcp")
                && !LocalMCPServers.isNamedForMCP("apps/mcpx") && !LocalMCPServers.isNamedForMCP("apps/web"))
    }

    /// A stock Laravel config file's setting of a stock driver whose library the app's composer.lock does not install
    /// is no driver's (rules 2026.12.71, .73): krayin's and vigilant's Pusher names. Each must-not case keeps the read
    /// (those of the reviews of .66 and .71 among them: Pusher Beams, async-aws, AWS's own credential names, a selector,
    /// a config default, a WordPress project, a path package's lock, a development-only framework).
    @Test func aDriverSettingWithoutItsLibraryIsNobodys() throws {
        let dir = TempDirectory("handover-head-laravel")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        // the app: artisan and a lock with laravel/framework beside config/
        dir.write("artisan", "#!/usr/bin/env php\n<?php\n")
        dir.write("composer.lock", Self.lock("laravel/framework", "guzzlehttp/guzzle"))
        dir.write(".env.example", "BROADCAST_DRIVER=log\nQUEUE_CONNECTION=sync\n# CACHE_DRIVER=dynamodb\n")
        dir.write("config/broadcasting.php", """
            <?php
            return ['default' => env('BROADCAST_DRIVER', 'null'),
                'connections' => ['pusher' => ['key' => env('PUSHER_APP_KEY'), 'id' => env('PUSHER_APP_ID', '1'),
                'beams' => env('PUSHER_BEAMS_INSTANCE_ID'), 'old' => env('PUSHER_KEY')], 'ably' => ['key' => env('ABLY_KEY')]]];

            """)
        dir.write("config/filesystems.php", "<?php\nreturn ['disks' => ['s3' => ['key' => env('AWS_ACCESS_KEY_ID'), 'bucket' => env('AWS_BUCKET'), 'b' => env('APP_BUCKET')]]];\n")
        dir.write("config/queue.php", "<?php\nreturn ['sqs' => ['queue' => env('SQS_QUEUE'), 'bucket' => env('AWS_URL')]];\n")
        dir.write("config/cache.php", "<?php\nreturn ['dynamodb' => ['table' => env('DYNAMODB_CACHE_TABLE'), 'region' => env('AWS_DEFAULT_REGION')]];\n")
        // the app's own code reading a stock name is no driver's setting; nor is a stock name in another config file
        dir.write("app/Services/Uploads.php", "<?php\n$key = env('AWS_SECRET_ACCESS_KEY');\n")
        dir.write("config/realtime.php", "<?php\nreturn ['key' => env('PUSHER_APP_SECRET')];\n")
        // a second app whose lock installs async-aws keeps its S3 names, not its Pusher ones; its env file selects SQS
        dir.write("api/artisan", "")
        dir.write("api/composer.lock", Self.lock("laravel/framework", "async-aws/s3"))
        dir.write("api/.env.example", "export QUEUE_CONNECTION=\"sqs\"\n")
        dir.write("api/config/filesystems.php", "<?php\nreturn ['s3' => ['endpoint' => env('AWS_ENDPOINT')]];\n")
        dir.write("api/config/broadcasting.php", "<?php\nreturn ['pusher' => ['host' => env('PUSHER_HOST')]];\n")
        dir.write("api/config/queue.php", "<?php\nreturn ['sqs' => ['prefix' => env('SQS_PREFIX')]];\n")
        // a third app whose stock config picks the driver by default
        dir.write("worker/artisan", "")
        dir.write("worker/composer.lock", Self.lock("laravel/framework"))
        dir.write("worker/config/cache.php", "<?php\nreturn ['default' => env('CACHE_STORE', \"dynamodb\"), 'd' => ['e' => env('DYNAMODB_ENDPOINT')]];\n")
        // not judged: no artisan (a path package), Lumen, a development-only framework, no lock, WordPress
        dir.write("packages/billing/composer.lock", Self.lock("laravel/framework"))
        dir.write("packages/billing/config/queue.php", "<?php\nreturn ['sqs' => ['suffix' => env('SQS_SUFFIX')]];\n")
        dir.write("lumen/artisan", "")
        dir.write("lumen/composer.lock", Self.lock("laravel/lumen-framework"))
        dir.write("lumen/config/broadcasting.php", "<?php\nreturn ['pusher' => ['cluster' => env('PUSHER_APP_CLUSTER')]];\n")
        dir.write("devonly/artisan", "")
        dir.write("devonly/composer.lock", #"{"packages": [], "packages-dev": [{"name": "laravel/framework"}]}"#)
        dir.write("devonly/config/broadcasting.php", "<?php\nreturn ['pusher' => ['port' => env('PUSHER_PORT')]];\n")
        dir.write("nolock/artisan", "")
        dir.write("nolock/config/broadcasting.php", "<?php\nreturn ['pusher' => ['scheme' => env('PUSHER_SCHEME')]];\n")
        // a dependency's build file installs nothing for the app
        dir.write("node_modules/acme/Dockerfile", "RUN composer require ably/ably-php\n")
        dir.write("site/composer.lock", Self.lock("roots/wordpress"))
        dir.write("site/config/filesystems.php", "<?php\nreturn ['s3' => ['path' => env('AWS_USE_PATH_STYLE_ENDPOINT')]];\n")
        _ = try ProcessRunner.git(["add", "-f", "."], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "code"], in: dir.url, date: "2026-01-01T00:00:00Z")
        let found = try Self.fallbacks(dir)
        #expect(found == [
            "ABLY_KEY missing-library(ably/ably-php)", "APP_BUCKET -", "AWS_ACCESS_KEY_ID -",
            "AWS_BUCKET missing-library(aws/aws-sdk-php or async-aws/* or league/flysystem-aws-s3-v3)", "AWS_DEFAULT_REGION -",
            "AWS_ENDPOINT -", "AWS_SECRET_ACCESS_KEY -", "AWS_URL -", "AWS_USE_PATH_STYLE_ENDPOINT -",
            "BROADCAST_DRIVER literal('null')", "CACHE_STORE literal(\"dynamodb\")",
            "DYNAMODB_CACHE_TABLE missing-library(aws/aws-sdk-php or async-aws/*)", "DYNAMODB_ENDPOINT -",
            "PUSHER_APP_CLUSTER -", "PUSHER_APP_ID missing-library(pusher/pusher-php-server or laravel/reverb or beyondcode/laravel-websockets)",
            "PUSHER_APP_KEY missing-library(pusher/pusher-php-server or laravel/reverb or beyondcode/laravel-websockets)",
            "PUSHER_APP_SECRET -", "PUSHER_BEAMS_INSTANCE_ID -",
            "PUSHER_HOST missing-library(pusher/pusher-php-server or laravel/reverb or beyondcode/laravel-websockets)",
            "PUSHER_KEY missing-library(pusher/pusher-php-server or laravel/reverb or beyondcode/laravel-websockets)", "PUSHER_PORT -", "PUSHER_SCHEME -", "SQS_PREFIX -", "SQS_QUEUE missing-library(aws/aws-sdk-php or async-aws/*)", "SQS_SUFFIX -",
        ])
        #expect(LaravelDriverLibraries.selected(inEnvFile: "BROADCAST_CONNECTION = 'pusher'\n#QUEUE_DRIVER=sqs\nFILESYSTEM_CLOUD=s3x\n") == ["pusher"])
        #expect(LaravelDriverLibraries.composerRequires(in: "RUN composer require --working-dir=api/web --no-update league/flysystem-aws-s3-v3:^3.0 \"pusher/pusher-php-server ^7\" && echo a/b\n")
                == ["league/flysystem-aws-s3-v3", "pusher/pusher-php-server"])
    }

    /// A driver that a build file installs, or that production PHP code names or picks, is the app's (a review of .71):
    /// its settings are judged as usual; a test's use says nothing.
    @Test func aDriverTheAppInstallsOrUsesKeepsItsSettings() throws {
        let dir = TempDirectory("handover-head-laravel-uses")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("artisan", "")
        dir.write("composer.lock", Self.lock("laravel/framework"))
        dir.write("docker/Dockerfile", "FROM php:8.3\nCOPY . .\nRUN composer require league/flysystem-aws-s3-v3 && composer install\n")
        dir.write("config/filesystems.php", "<?php\nreturn ['s3' => ['bucket' => env('AWS_BUCKET')]];\n")
        dir.write("config/broadcasting.php", "<?php\nreturn ['pusher' => ['secret' => env('PUSHER_APP_SECRET')], 'ably' => ['key' => env('ABLY_KEY')]];\n")
        dir.write("config/queue.php", "<?php\nreturn ['sqs' => ['queue' => env('SQS_QUEUE')]];\n")
        dir.write("config/cache.php", "<?php\nreturn ['dynamodb' => ['table' => env('DYNAMODB_CACHE_TABLE')]];\n")
        dir.write("app/Http/PusherWebhook.php", "<?php\n$h = hash_hmac('sha256', $body, config('broadcasting.connections.pusher.secret'));\n")
        dir.write("app/Jobs/Export.php", "<?php\nExport::dispatch()->onConnection('sqs');\n")
        dir.write("tests/Feature/CacheTest.php", "<?php\nCache::store('dynamodb')->get('k');\n")
        _ = try ProcessRunner.git(["add", "-f", "."], in: dir.url)
        _ = try ProcessRunner.git(["commit", "-q", "-m", "code"], in: dir.url, date: "2026-01-01T00:00:00Z")
        let found = try Self.fallbacks(dir)
        #expect(found == [
            "ABLY_KEY missing-library(ably/ably-php)", "AWS_BUCKET -", "DYNAMODB_CACHE_TABLE missing-library(aws/aws-sdk-php or async-aws/*)",
            "PUSHER_APP_SECRET -", "SQS_QUEUE -",
        ])
    }

    private static func lock(_ packages: String...) -> String {
        #"{"packages": ["# + packages.map { #"{"name": "\#($0)"}"# }.joined(separator: ", ") + "]}"
    }

    /// Each name the HEAD scanner reports, with its reads' fallbacks (`-` for none).
    private static func fallbacks(_ dir: TempDirectory) throws -> [String] {
        let refs = try #require(HeadSourceScanner(repository: dir.url).references())
        return refs.map { "\($0.name) \($0.reads?.map { $0.fallback.map { "\($0.kind.rawValue)(\($0.shown ?? ""))" } ?? "-" }.joined(separator: ",") ?? "")" }
    }
}

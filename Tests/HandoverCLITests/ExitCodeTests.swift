import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// A repository with one commit, a tag, env files and a manifest: the smallest world `handover snapshot` needs.
func makeProject(manifest: String? = nil) throws -> TempDirectory {
    let dir = TempDirectory("handover-cli")
    dir.write(".env.example", "DATABASE_URL=\nSTRIPE_SECRET_KEY=\n")
    dir.write(".env.production", "DATABASE_URL=postgres://u:p@db/app\n")
    dir.write("README.md", "app\n")
    // The code that needs the key production lacks (a reference name no code reads would be only a medium).
    dir.write("src/pay.ts", "export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n")
    try ProcessRunner.git(["init", "-q"], in: dir.url)
    try ProcessRunner.git(["add", "README.md", ".env.example", "src/pay.ts"], in: dir.url)
    try ProcessRunner.git(["commit", "-q", "-m", "Initial"], in: dir.url, date: "2026-01-01T00:00:00Z")
    try ProcessRunner.git(["tag", "v1.0.0"], in: dir.url)
    dir.write("handover.yml", manifest ?? """
        project: Acme
        env: {reference: .env.example}
        environments:
          production: {env_files: [.env.production], release_tags: "v*"}
        owners:
          - {asset: dns, owner: Jo Doe}

        """)
    return dir
}

@Suite(.serialized) struct ExitCodeTests {
    @Test func versionAndHelpExitZero() throws {
        let dir = TempDirectory()
        let version = try HandoverBinary.run(["--version"], in: dir.url)
        #expect(version.status == 0 && version.stdout == "\(ToolVersion.current)\n")
        let help = try HandoverBinary.run(["--help"], in: dir.url)
        #expect(help.status == 0 && help.stdout.contains("snapshot"))
        #expect(try HandoverBinary.run(["snapshot", "--help"], in: dir.url).status == 0)
    }

    @Test func usageErrorsExitTwo() throws {
        let dir = try makeProject()
        for args in [["--bogus"], ["nonsense"], ["snapshot", "--format", "yaml"], ["snapshot", "--only", "gti"],
                     ["snapshot", "--only", "audit"]] {
            let result = try HandoverBinary.run(args, in: dir.url)
            #expect(result.status == 2, "\(args): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(args) printed to stdout")
            #expect(!result.stderr.isEmpty)
        }
        let typo = try HandoverBinary.run(["snapshot", "--only", "gti"], in: dir.url)
        #expect(typo.stderr.contains("unknown section `gti` — did you mean `git`?"))
        let computed = try HandoverBinary.run(["snapshot", "--only", "audit"], in: dir.url)
        #expect(computed.stderr.contains("`audit` is computed from the collected sections, not collected"))
    }

    @Test func badManifestExitsTwoWithPositions() throws {
        let dir = try makeProject(manifest: "project: Acme\nenvironments:\n  production: {env_file: [.env]}\ncollect: {timeout: soon}\n")
        let result = try HandoverBinary.run(["snapshot"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("handover.yml:3:16: unknown key `env_file` in `environments.production` — did you mean `env_files`?"))
        #expect(result.stderr.contains("handover.yml:4:20: `collect.timeout` must be a duration"))
        let missing = try HandoverBinary.run(["snapshot", "--manifest", "nope.yml"], in: dir.url)
        #expect(missing.status == 2 && missing.stderr.contains("nope.yml: no manifest here — run `handover init`"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("snapshots").path))
    }

    @Test func snapshotSucceedsAndStdoutCarriesOnlyTheFormat() throws {
        let dir = try makeProject()
        let text = try HandoverBinary.run(["snapshot"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("✓ git") && text.stdout.contains("✓ env"))
        #expect(text.stderr.isEmpty)
        let first = Set(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") })
        #expect(first.count == 1)
        let json = try HandoverBinary.run(["snapshot", "--format", "json"], in: dir.url)
        #expect(json.status == 0)
        let decoded = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(json.stdout.utf8))
        #expect(decoded.project == "Acme" && decoded.git.status == .collected)
        #expect(decoded.git.data?.releaseTags.map(\.name) == ["v1.0.0"])
        #expect(decoded.env.data?.environments.first?.missingFromReference == ["STRIPE_SECRET_KEY"])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 2)
        // The second run's file (whichever way the two names sort within one second) holds exactly what it printed.
        let second = files.filter { !first.contains($0) }
        #expect(second.count == 1 && dir.read("snapshots/" + second[0]) == json.stdout)
    }

    @Test func partialSnapshotsAreMarked() throws {
        let dir = try makeProject()
        let result = try HandoverBinary.run(["snapshot", "--only", "git", "--format", "json"], in: dir.url)
        #expect(result.status == 0)
        let snapshot = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(result.stdout.utf8))
        #expect(snapshot.partial && snapshot.requestedSections == [.git])
        #expect(snapshot.env.status == .skipped && snapshot.env.reason == "not requested (--only git)")
    }

    @Test func aFolderThatIsNotARepositoryIsDataNotAnError() throws {
        let dir = TempDirectory()
        dir.write("handover.yml", "project: Acme\n")
        let result = try HandoverBinary.run(["snapshot", "--format", "json"], in: dir.url)
        #expect(result.status == 0)
        let snapshot = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(result.stdout.utf8))
        #expect(snapshot.git.status == .failed && snapshot.git.reason?.contains("is not a git repository") == true)
    }

    @Test func unreadableSnapshotsExitTwo() throws {
        let dir = try makeProject()
        let none = try HandoverBinary.run(["show"], in: dir.url)
        #expect(none.status == 2 && none.stderr.contains("no snapshots yet — run `handover snapshot` first"))
        dir.write("snapshots/20261129T000000Z-bad1.json", "{\"schemaVersion\": 1,")
        let corrupt = try HandoverBinary.run(["show", "latest"], in: dir.url)
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.contains("20261129T000000Z-bad1.json: not a readable snapshot"))
        let unknown = try HandoverBinary.run(["show", "2020-01-01"], in: dir.url)
        #expect(unknown.status == 2)
    }

    @Test func ioFailuresExitThree() throws {
        let dir = try makeProject()
        dir.write("blocker", "a file where a folder should be")
        let result = try HandoverBinary.run(["snapshot", "--snapshots-dir", "blocker/snapshots"], in: dir.url)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the snapshot"))
        #expect(result.stdout.isEmpty)
    }

    @Test func envGateExitsOneWhenProductionLacksAReferenceName() throws {
        let dir = try makeProject()
        let tripped = try HandoverBinary.run(["env", "--exit-code"], in: dir.url)
        #expect(tripped.status == 1)
        #expect(tripped.stderr.contains("production lacks STRIPE_SECRET_KEY"))
        #expect(try HandoverBinary.run(["env"], in: dir.url).status == 0)
        dir.write(".env.production", "DATABASE_URL=x\nSTRIPE_SECRET_KEY=y\n")
        #expect(try HandoverBinary.run(["env", "--exit-code"], in: dir.url).status == 0)
    }

    @Test func listShowAndNames() throws {
        let dir = try makeProject()
        try HandoverBinary.run(["snapshot"], in: dir.url)
        try HandoverBinary.run(["snapshot", "--only", "git"], in: dir.url)
        let list = try HandoverBinary.run(["snapshots"], in: dir.url)
        #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 2)
        #expect(list.stdout.split(separator: "\n").last?.hasSuffix("partial") == true)
        let latest = try HandoverBinary.run(["show", "latest", "--format", "json"], in: dir.url)
        let previous = try HandoverBinary.run(["show", "previous", "--format", "json"], in: dir.url)
        let decoder = CanonicalJSON.decoder()
        #expect(try decoder.decode(Snapshot.self, from: Data(latest.stdout.utf8)).partial)
        #expect(try !decoder.decode(Snapshot.self, from: Data(previous.stdout.utf8)).partial)
        let shown = try HandoverBinary.run(["show"], in: dir.url)
        #expect(shown.stdout.contains("release tags (`v*`): 1"))
        #expect(!shown.stdout.contains("\u{1B}["), "no colour without a terminal")
    }

    @Test func initWritesAStarterAndNeverOverwritesWithoutForce() throws {
        let dir = try makeProject()
        try FileManager.default.removeItem(at: dir.file("handover.yml"))
        let first = try HandoverBinary.run(["init"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try #require(dir.read("handover.yml"))
        #expect(written.contains("reference: \".env.example\""))
        let again = try HandoverBinary.run(["init"], in: dir.url)
        #expect(again.status == 2 && again.stderr.contains("already exists — edit it, or pass --force"))
        #expect(dir.read("handover.yml") == written)
        #expect(try HandoverBinary.run(["init", "--force"], in: dir.url).status == 0)
        #expect(try HandoverBinary.run(["snapshot"], in: dir.url).status == 0)
    }

    /// Whatever `init` writes, `snapshot` accepts: repositories with no env file, a reference named `example.env`
    /// only, and several env files and references.
    @Test(arguments: [
        ([String](), nil as String?),
        (["example.env"], "example.env"),
        ([".env.sample", "env.example", ".env.production", ".env.staging", "docker-compose.yml"], ".env.sample"),
    ])
    func initThenSnapshotWorks(files: [String], reference: String?) throws {
        let dir = TempDirectory("handover-init")
        try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("README.md", "app\n")
        for file in files {
            dir.write(file, file.hasSuffix(".yml") ? "services:\n  web:\n    environment:\n      API_URL: x\n" : "API_URL=\nSECRET_KEY=\n")
        }
        try ProcessRunner.commitAll(in: dir.url, "Initial", date: "2026-01-01T00:00:00Z")
        let initialised = try HandoverBinary.run(["init"], in: dir.url)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let written = dir.read("handover.yml") ?? ""
        if let reference {
            #expect(written.contains("  reference: \"\(reference)\""), "\(written)")
        } else {
            #expect(!written.contains("\nenv:"), "no empty env: mapping: \(written)")
        }
        #expect(!written.contains("env_files: [\"example.env\"") && !written.contains("\"env.example\", "), "a reference is not an environment's file: \(written)")
        let snapshot = try HandoverBinary.run(["snapshot", "--only", "git,env"], in: dir.url)
        #expect(snapshot.status == 0, "init wrote what snapshot rejects: \(snapshot.stderr)\n\(written)")
    }

    /// A monorepo with a platform file, a health route, a status page in the README and its reference file beside
    /// the app: `init` writes each guess with its source, and `snapshot` accepts the result.
    @Test func initGuessesFromAMonorepoAndSnapshotAcceptsIt() throws {
        let dir = TempDirectory("handover-init-guess")
        try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("README.md", "# Acme\nStatus: https://status.acme.io\n")
        dir.write("fly.toml", "app = \"acme-web\"\n")
        dir.write("package.json", #"{"homepage": "https://app.acme.io"}"#)
        dir.write("apps/web/.env.example", "DATABASE_URL=\nSTRIPE_SECRET_KEY=\n")
        dir.write("apps/web/app/api/health/route.ts", "export function GET() { return Response.json({ ok: true }) }\n")
        dir.write("apps/web/app/api/health/route.test.ts", "app.get('/test-only/ping', h)\n")
        dir.write("node_modules/x/app/api/healthz/route.ts", "export function GET() {}\n")
        try ProcessRunner.commitAll(in: dir.url, "Initial", date: "2026-01-01T00:00:00Z")
        let initialised = try HandoverBinary.run(["init"], in: dir.url)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let written = dir.read("handover.yml") ?? ""
        #expect(written.contains("  reference: \"apps/web/.env.example\"   # guess: the reference file nearest the root"), "\(written)")
        #expect(written.contains("  command: \"fly deploy --image registry.fly.io/acme-web:{{tag}}\"   # guess: Fly.io (fly.toml)"))
        #expect(written.contains("  - {name: \"Status page\", url: \"https://status.acme.io\", kind: status}   # guess: linked from README.md:2"))
        #expect(written.contains("  - name: \"acme.io\"   # guess: package.json"))
        #expect(written.contains("    health: [\"https://app.acme.io/api/health\"]"))
        #expect(written.contains("# guess: /api/health is a health route (apps/web/app/api/health/route.ts)"))
        #expect(!written.contains("ping") && !written.contains("healthz"), "tests and node_modules are not the app: \(written)")
        let snapshot = try HandoverBinary.run(["snapshot", "--only", "git,env"], in: dir.url)
        #expect(snapshot.status == 0, "init wrote what snapshot rejects: \(snapshot.stderr)\n\(written)")
    }
}

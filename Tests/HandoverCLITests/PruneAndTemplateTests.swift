import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect

/// `handover prune` and `handover render --template` on the built binary, end to end.
@Suite(.serialized) struct PruneAndTemplateTests {
    static let complete = "DATABASE_URL=postgres://u:p@db/app\nSTRIPE_SECRET_KEY=sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv\n"
    static let incomplete = "DATABASE_URL=postgres://u:p@db/app\n"

    func names(_ dir: TempDirectory) throws -> [String] {
        guard FileManager.default.fileExists(atPath: dir.file("snapshots").path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// One snapshot per env file content, a second apart (snapshot names carry the second).
    func snapshots(_ dir: TempDirectory, _ envFiles: [String]) throws -> [String] {
        var made: [String] = []
        for (index, env) in envFiles.enumerated() {
            dir.write(".env.production", env)
            let before = Set(try names(dir))
            let result = try HandoverBinary.run(["snapshot", "--only", "git,env"], in: dir.url, environment: HandoverBinary.later(2 * index))
            #expect(result.status == 0, "\(result.stderr)")
            made += try names(dir).filter { !before.contains($0) }
        }
        return made
    }

    @Test func pruneNeverDeletesTheLatestTheLastKnownGoodOrAnUnreadableFile() throws {
        let dir = try makeProject()
        // A release behind HEAD, so a rollback target exists and the first snapshot can be good.
        dir.write("CHANGELOG.md", "1.1.0\n")
        try ProcessRunner.git(["add", "CHANGELOG.md"], in: dir.url)
        try ProcessRunner.git(["commit", "-q", "-m", "Release 1.1.0"], in: dir.url, date: "2026-01-02T00:00:00Z")
        try ProcessRunner.git(["tag", "v1.1.0"], in: dir.url)
        // good (production complete), then two bad ones (env.missing-in-production, high).
        let made = try snapshots(dir, [Self.complete, Self.incomplete, Self.incomplete])
        #expect(made.count == 3)
        let audit = try HandoverBinary.run(["audit", "--format", "json"], in: dir.url)
        #expect(audit.stdout.contains(made[0]), "the first snapshot must be the last known good: \(audit.stdout)")
        let unreadable = "20200101T000000Z-junk.json"
        dir.write("snapshots/" + unreadable, "{not json")

        let dry = try HandoverBinary.run(["prune", "--keep", "1", "--dry-run"], in: dir.url)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would delete \(made[1])") || dry.stdout.contains("would delete  \(made[1])"), "\(dry.stdout)")
        #expect(try names(dir).count == 4, "a dry run deletes nothing")

        let pruned = try HandoverBinary.run(["prune", "--keep", "1"], in: dir.url)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(try names(dir) == [unreadable, made[0], made[2]].sorted(), "\(pruned.stdout)")
        // It says why each survivor stayed.
        #expect(pruned.stdout.contains(made[0]) && pruned.stdout.lowercased().contains("last known good"), "\(pruned.stdout)")
        #expect(pruned.stdout.contains(unreadable) || pruned.stderr.contains(unreadable), "\(pruned.stdout)\(pruned.stderr)")

        // Age-based pruning keeps the same three.
        let within = try HandoverBinary.run(["prune", "--keep-within", "1s"], in: dir.url)
        #expect(within.status == 0)
        #expect(try names(dir) == [unreadable, made[0], made[2]].sorted(), "\(within.stdout)")
    }

    @Test func renderWithATemplateFolderOverridesOnlyWhatItHolds() throws {
        let dir = try makeProject()
        _ = try snapshots(dir, [Self.complete])
        dir.write("custom/guide.md.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\n# CUSTOM GUIDE for {{meta.project}}\n")
        let result = try HandoverBinary.run(["render", "--template", "custom", "--out", "docs"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(dir.read("docs/guide.md") == "# CUSTOM GUIDE for Acme\n", "\(dir.read("docs/guide.md") ?? "nothing written")")
        // The other documents come from the built-in templates.
        #expect(dir.read("docs/checklist.md")?.hasPrefix("# ") == true)
        #expect(dir.read("docs/checklist.md")?.contains("CUSTOM") == false)

        // A name renders that one document only.
        let named = try HandoverBinary.run(["render", "--template", "checklist", "--out", "only"], in: dir.url)
        #expect(named.status == 0, "\(named.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.file("only").path).sorted()
        #expect(written == ["checklist.html", "checklist.md"], "\(written)")

        // A template with a syntax error: exit 2, the file and line named, nothing half-written.
        dir.write("broken/guide.md.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\nline two\n{{#unclosed}}\n")
        let broken = try HandoverBinary.run(["render", "--template", "broken", "--out", "broken-out"], in: dir.url)
        #expect(broken.status == 2, "exit \(broken.status): \(broken.stderr)")
        #expect(broken.stderr.contains("guide.md.mustache") && broken.stderr.contains(":3"), "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("broken-out/guide.md").path))
    }
}

import Foundation
import HandoverTestSupport
import Testing
import Yams

/// The GitHub Action and the Dockerfile, tested by proxy: no Actions runner and no Docker engine can be reached
/// from here, so the action's steps call one script (scripts/action-run) that these tests run on a fixture
/// project, and the Dockerfile is held to the steps the test command runs and to the libraries the binary links.
@Suite(.serialized) struct ActionScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs scripts/action-run in `dir` with the built binary, no push, and GitHub's output files in the folder.
    func runAction(in dir: TempDirectory, _ settings: [String: String]) throws -> (ProcessOutput, outputs: String, summary: String) {
        let outputs = dir.file("github-output"), summary = dir.file("github-summary")
        let environment = ["HANDOVER": HandoverBinary.path, "INPUT_PUSH": "false", "INPUT_ONLY": "git,env,secrets",
                           "GITHUB_OUTPUT": outputs.path, "GITHUB_STEP_SUMMARY": summary.path, "NO_COLOR": "1",
                           "GIT_CONFIG_NOSYSTEM": "1", "HOME": dir.path].merging(settings) { _, new in new }
        let result = try ProcessRunner.run("bash", [Self.root.appendingPathComponent("scripts/action-run").path], in: dir.url,
                                           environment: environment)
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return (result, read(outputs), read(summary))
    }

    /// The run a daily job makes: snapshot, a commit of snapshots/ only, the site, the gate (here passing at
    /// blocker); then the same project gated at high trips, and a run with commit off commits nothing.
    @Test func snapshotCommitRenderAndGate() throws {
        let dir = try makeProject()
        try ProcessRunner.git(["add", "handover.yml"], in: dir.url)
        try ProcessRunner.git(["commit", "-q", "-m", "manifest"], in: dir.url, date: "2026-01-02T00:00:00Z")
        dir.write("README.md", "app, edited and not committed\n")
        dir.write("notes.txt", "untracked\n")
        let before = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url)

        let (passed, outputs, summary) = try runAction(in: dir, ["INPUT_FAIL_ON": "blocker"])
        #expect(passed.status == 0, "\(passed.stderr)")
        let name = try #require(outputs.split(separator: "\n").first { $0.hasPrefix("snapshot=") }?.dropFirst("snapshot=".count))
        #expect(outputs.contains("site=handover-site\n") && outputs.contains("gate=passed\n"), "\(outputs)")
        // One commit on top, holding the new snapshot (and its lookup index) and nothing else of the working tree.
        #expect(try ProcessRunner.git(["rev-parse", "HEAD~1"], in: dir.url) == before)
        let files = try ProcessRunner.git(["show", "--name-only", "--format=%s", "HEAD"], in: dir.url)
            .split(separator: "\n").map(String.init)
        #expect(files.first == "handover snapshot \(name)")
        #expect(Set(files.dropFirst()) == ["snapshots/\(name)", "snapshots/.lookup/\(name)"], "\(files)")
        #expect(try ProcessRunner.git(["status", "--porcelain", "--", "README.md"], in: dir.url) == "M README.md", "the edit stays uncommitted")
        #expect(FileManager.default.fileExists(atPath: dir.file("handover-site/guide.html").path))
        #expect(FileManager.default.fileExists(atPath: dir.file("handover-site/guide.md").path))
        #expect(summary.contains("blocker") && summary.contains("high"), "the audit in Markdown goes to the job summary: \(summary)")

        // The fixture has a high finding (no rollback target behind HEAD): gated at high, the run fails after rendering.
        try FileManager.default.removeItem(at: dir.file("handover-site"))
        let (tripped, outputs2, _) = try runAction(in: dir, ["INPUT_FAIL_ON": "high", "INPUT_COMMIT": "false"])
        #expect(tripped.status == 1, "\(tripped.stdout)\n\(tripped.stderr)")
        #expect(outputs2.hasSuffix("gate=tripped\n"), "\(outputs2)")
        #expect(FileManager.default.fileExists(atPath: dir.file("handover-site/risks.html").path), "rendered before the gate")
        #expect(try ProcessRunner.git(["show", "--format=%s", "--no-patch", "HEAD"], in: dir.url) == "handover snapshot \(name)",
                "INPUT_COMMIT=false commits nothing")
    }

    /// Bad settings stop the run before anything is written: exit 2, no snapshot.
    @Test(arguments: [["INPUT_FAIL_ON": "severe"], ["INPUT_COMMIT": "yes"]])
    func badSettingsExitTwo(settings: [String: String]) throws {
        let dir = try makeProject()
        let (result, _, _) = try runAction(in: dir, settings)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("snapshots").path))
    }

    /// Every step of the composite action but the install calls scripts/action-run, with every input passed on.
    @Test func theActionOnlyCallsTheScript() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("action.yml"), encoding: .utf8)
        let action = try #require(try Yams.load(yaml: text) as? [String: Any])
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        let install = ["bash \"$GITHUB_ACTION_PATH/scripts/setup\" && make -C \"$GITHUB_ACTION_PATH\" install PREFIX=/opt/handover",
                       "bash \"$GITHUB_ACTION_PATH/scripts/setup\" --runtime"]
        let scripted = commands.filter { !install.contains($0) }
        #expect(scripted.count == 1 && scripted[0].contains("bash \"$GITHUB_ACTION_PATH/scripts/action-run\""), "\(commands)")
        let inputs = try #require(action["inputs"] as? [String: Any])
        let env = try #require(steps.first { ($0["run"] as? String)?.contains("action-run") == true }?["env"] as? [String: String])
        for input in inputs.keys {
            let variable = "INPUT_" + input.uppercased().replacingOccurrences(of: "-", with: "_")
            #expect(env[variable] == "${{ inputs.\(input) }}", "input \(input) reaches the script as \(variable)")
        }
    }

    /// The Dockerfile builds with the test command's own steps (scripts/setup, make install) and its runtime stage
    /// installs the Debian package of every system library the binary links (found with ldd and dpkg here).
    @Test func theDockerfileUsesTheTestedStepsAndTheLinkedLibraries() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let stages = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let fromIndexes = stages.indices.filter { stages[$0].hasPrefix("FROM ") }
        try #require(fromIndexes.count == 2, "a build stage and a runtime stage")
        let build = stages[fromIndexes[0]..<fromIndexes[1]], runtime = stages[fromIndexes[1]...]
        #expect(build.filter { $0.hasPrefix("RUN ") } == ["RUN bash scripts/setup", "RUN make install PREFIX=/usr/local DESTDIR=/out"])
        let runtimeRuns = runtime.filter { $0.hasPrefix("RUN ") }
        #expect(runtimeRuns.count == 1)
        let installed = Set((runtimeRuns.first ?? "").split(separator: " ").map(String.init))
        // The libraries the binary names itself (ELF NEEDED; apt brings theirs), where ldd finds them, and their
        // Debian packages — but for the Swift runtime (linked statically by `make install`) and what every Debian has.
        let elf = try ProcessRunner.run("readelf", ["-d", HandoverBinary.path])
        let ldd = try ProcessRunner.run("ldd", [HandoverBinary.path])
        try #require(elf.status == 0 && ldd.status == 0, "readelf/ldd: \(elf.stderr)\(ldd.stderr)")
        let names = elf.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        var paths: [String: String] = [:]
        for line in ldd.stdout.split(separator: "\n") {
            let parts = line.split(whereSeparator: \.isWhitespace)
            if let arrow = parts.firstIndex(of: "=>"), arrow + 1 < parts.count { paths[String(parts[0])] = String(parts[arrow + 1]) }
        }
        let base: Set<String> = ["libc6", "libgcc-s1", "libstdc++6", "zlib1g"]
        var needed: Set<String> = []
        for name in names {
            guard let path = paths[name], path.hasPrefix("/"), !path.contains("/swift") else { continue }
            // Debian's merged /usr: dpkg knows a library under /lib or /usr/lib, whichever its package ships.
            let other = path.hasPrefix("/usr/") ? String(path.dropFirst(4)) : "/usr" + path
            var owner = try ProcessRunner.run("dpkg", ["-S", path])
            if owner.status != 0 { owner = try ProcessRunner.run("dpkg", ["-S", other]) }
            guard owner.status == 0, let package = owner.stdout.split(separator: ":").first.map(String.init), !base.contains(package) else { continue }
            needed.insert(package)
        }
        try #require(needed.count >= 2, "libgit2 and ldns at least: \(names) \(ldd.stdout)")
        #expect(needed.isSubset(of: installed), "runtime stage lacks \(needed.subtracting(installed).sorted())")
        #expect(runtime.contains { $0.hasPrefix("COPY --from=build /out/usr/local ") })
    }
}

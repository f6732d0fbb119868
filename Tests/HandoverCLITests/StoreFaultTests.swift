import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

/// The store under faults: killed at every write-path syscall, a full disk, two runs at once, and files that are
/// not snapshots. No partial snapshot is ever visible, nothing stored is lost, and the next run works.
@Suite(.serialized) struct StoreFaultTests {
    /// Fast, network-free sections: the point is the write path.
    static let args = ["snapshot", "--only", "git,env,owners,secrets"]

    /// Every non-hidden `.json` in `snapshots/` must decode completely.
    func assertEveryVisibleSnapshotIsWhole(_ dir: TempDirectory, _ context: String) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path)) ?? []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let shown = try HandoverBinary.run(["show", "snapshots/" + name, "--format", "json"], in: dir.url)
            #expect(shown.status == 0, "\(context): \(name) is not a whole snapshot: \(shown.stderr)")
        }
    }

    @Test(.enabled(if: TestServers.runStraceTests))
    func killedAtEveryWritePathSyscallLeavesNoPartialSnapshot() throws {
        let dir = try makeProject()
        #expect(try HandoverBinary.run(Self.args, in: dir.url).status == 0)
        var kills = 0
        for syscalls in ["write", "fsync", "link,linkat", "rename,renameat,renameat2", "unlink,unlinkat"] {
            var n = 1
            while n < 400 {
                let result = try ProcessRunner.run("/usr/bin/strace", ["-f", "-o", "/dev/null", "-e", "inject=\(syscalls):signal=KILL:when=\(n)",
                                                                       HandoverBinary.path] + Self.args, in: dir.url)
                try assertEveryVisibleSnapshotIsWhole(dir, "killed at \(syscalls) #\(n)")
                if result.status == 0 { break }  // the run made fewer than n such calls: every point was hit
                // strace ends itself with the signal that killed the traced run: SIGKILL, not an exit code of handover's.
                #expect(result.status == SIGKILL, "\(syscalls) #\(n): exit \(result.status), not the injected SIGKILL: \(result.stderr)")
                kills += 1
                n += 1
            }
            #expect(n < 400, "\(syscalls): never ran to the end")
        }
        #expect(kills >= 8, "the injection never fired (\(kills) kills)")
        // The next run works, lists everything, and temp files of killed runs were cleaned up.
        let next = try HandoverBinary.run(Self.args, in: dir.url)
        #expect(next.status == 0, "\(next.stderr)")
        let listed = try HandoverBinary.run(["snapshots"], in: dir.url)
        #expect(listed.status == 0 && !listed.stdout.contains("unreadable"), "\(listed.stdout)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test(.enabled(if: TestServers.runMountTests))
    func aFullDiskIsAClearErrorAndLosesNothing() throws {
        let dir = try makeProject()
        #expect(try HandoverBinary.run(Self.args, in: dir.url).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { !$0.hasPrefix(".") }.sorted()
        let script = """
            set -e
            mkdir -p "$1/full" && mount -t tmpfs -o size=2m tmpfs "$1/full"
            cp -a "$1/snapshots/." "$1/full/"
            dd if=/dev/zero of="$1/full/filler" bs=4k 2>/dev/null || true
            set +e
            "$2" snapshot --only git,env,owners,secrets --snapshots-dir "$1/full"
            echo "exit=$?" >&2
            rm "$1/full/filler"
            for f in "$1"/snapshots/*.json; do cmp "$f" "$1/full/$(basename "$f")" || echo "changed: $f" >&2; done
            ls -A "$1/full" >&2
            """
        let result = try ProcessRunner.run("/usr/bin/unshare", ["-m", "--propagation", "private", "sh", "-c", script, "sh", dir.path, HandoverBinary.path],
                                           in: dir.url)
        #expect(result.stderr.contains("exit=3"), "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device") && result.stderr.contains("/full"), "\(result.stderr)")
        #expect(!result.stderr.contains("changed:"), "\(result.stderr)")
        #expect(!result.stderr.contains(".tmp-"), "a temp file was left behind: \(result.stderr)")
        let after = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(after == before)
    }

    @Test func twoRunsAtOnceBothLand() throws {
        let dir = try makeProject()
        let results = LockedResults()
        let threads = (0..<2).map { _ in
            Thread { results.append((try? HandoverBinary.run(Self.args, in: dir.url))?.status ?? -1) }
        }
        threads.forEach { $0.start() }
        while results.count < 2 { usleep(10_000) }
        #expect(results.values == [0, 0])
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        #expect(names.count == 2, "\(names)")
        try assertEveryVisibleSnapshotIsWhole(dir, "concurrent")
    }

    @Test func filesThatAreNotSnapshotsNeverStopTheOtherCommands() throws {
        let dir = try makeProject()
        #expect(try HandoverBinary.run(Self.args, in: dir.url).status == 0)
        let good = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).first { $0.hasSuffix(".json") && !$0.hasPrefix(".") }!
        let text = try #require(dir.read("snapshots/" + good))
        let bad: [(String, String, String)] = [
            ("20990101T000001Z-trun.json", String(text.prefix(text.count / 2)), "invalid or truncated JSON"),
            ("20990101T000002Z-empt.json", "", "the file is empty"),
            ("20990101T000003Z-garb.json", "\u{1}\u{2}not json at all", "invalid or truncated JSON"),
            ("20990101T000004Z-newr.json", text.replacingOccurrences(of: "\"schemaVersion\" : \(Snapshot.currentSchemaVersion)", with: "\"schemaVersion\" : 99"), "schema 99"),
            ("20990101T000005Z-type.json", text.replacingOccurrences(of: "\"createdAt\" : \"", with: "\"createdAt\" : 5, \"x\" : \""), "createdAt"),
        ]
        for (name, content, _) in bad { dir.write("snapshots/" + name, content) }
        // A huge file is refused by its size, not read into memory.
        let huge = dir.file("snapshots/20990101T000006Z-huge.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()

        for (name, _, detail) in bad + [("20990101T000006Z-huge.json", "", "too large")] {
            let shown = try HandoverBinary.run(["show", name], in: dir.url)
            #expect(shown.status == 2 && shown.stderr.contains(name) && shown.stderr.contains(detail), "\(name): \(shown.status) \(shown.stderr)")
        }
        let listed = try HandoverBinary.run(["snapshots"], in: dir.url)
        #expect(listed.status == 0 && listed.stdout.contains(good), "\(listed)")
        // A new snapshot is taken and audited against the readable history; then every reader works on it.
        let taken = try HandoverBinary.run(Self.args, in: dir.url)
        #expect(taken.status == 0, "\(taken.stderr)")
        for args in [["show"], ["diff", good, "latest"], ["audit"], ["log"], ["render", "--out", "docs"], ["lookup", "production"],
                     ["show", "latest", "--format", "json"]] {
            let result = try HandoverBinary.run(args, in: dir.url)
            #expect(result.status == 0, "\(args): \(result.stderr)")
        }
        #expect(dir.read("snapshots/20990101T000001Z-trun.json") == String(text.prefix(text.count / 2)), "a bad file was changed")
    }
}

/// Exit statuses collected from threads.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int32] = []
    func append(_ value: Int32) { lock.lock(); items.append(value); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
    var values: [Int32] { lock.lock(); defer { lock.unlock() }; return items }
}

import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverStore

/// A small complete snapshot with a fixed clock.
func sampleSnapshot(at date: Date = Date(timeIntervalSince1970: 1_796_000_000), project: String = "Acme") -> Snapshot {
    let commit = CommitInfo(sha: String(repeating: "a", count: 40), author: "Jo Doe", date: date, subject: "Ship it")
    let git = GitState(
        repository: RepositoryFacts(bare: false, shallow: false, worktree: false, empty: false),
        head: HeadState(kind: .branch, branch: "main", commit: commit),
        dirty: DirtyState(staged: 0, modified: 1, untracked: 0, conflicted: 0), upstream: nil,
        describe: DescribeState(tag: "v1.0.0", distance: 2), releaseTagPattern: "v*",
        releaseTags: [TagInfo(name: "v1.0.0", commit: commit.sha, date: date, annotated: true, subject: "Ship it")],
        releaseTagCount: 1, remotes: [RemoteInfo(name: "origin", url: "https://github.com/acme/app.git")],
        recentCommits: [commit])
    let env = EnvInventory(reference: nil, referenceNames: [], environments: [], ciReferences: [])
    return Snapshot(toolVersion: "0.1.0", project: project, createdAt: date, durationMs: 12, manifestDigest: "sha256:00",
                    requestedSections: SectionName.implemented, partial: false, git: .collected(git), env: .collected(env),
                    monitoring: .collected([]), critical: .skipped("not requested"), owners: .failed("boom"))
}

@Suite struct SnapshotStoreTests {
    @Test func writeThenLoadRoundTrips() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url.appendingPathComponent("snapshots"))
        let snapshot = sampleSnapshot()
        let stored = try store.write(snapshot)
        #expect(SnapshotStore.isSnapshotName(stored.name))
        #expect(stored.name.hasPrefix("20261130T005320Z-"))
        #expect(try store.load(stored) == snapshot)
        #expect(try store.list() == [stored])
    }

    @Test func encodingIsCanonical() throws {
        let a = try CanonicalJSON.encode(sampleSnapshot())
        let b = try CanonicalJSON.encode(sampleSnapshot())
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.contains("\"createdAt\" : \"2026-11-30T"))
        #expect(text.contains("\"status\" : \"skipped\""))
        #expect(text.contains("\"reason\" : \"boom\""))
        // Keys are sorted at every level.
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(keys.first == "audit" && keys.contains("createdAt"))
    }

    /// A snapshot is read with `cat` and `git diff`: characters a terminal acts on are escaped, and decode back.
    @Test func invisibleAndBidiCharactersAreEscapedAndRoundTrip() throws {
        let hostile = "a\u{1B}[31m b\u{7F} c\u{85}\u{9B}2J d\u{061C}\u{200E}\u{200F} e\u{202A}\u{202E}txet f\u{2066}\u{2069} é ✓ \u{2028}"
        let data = try CanonicalJSON.encode(["value": hostile])
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "\(text.debugDescription)")
        #expect(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("é ✓"), "\(text)")
        #expect(try JSONDecoder().decode([String: String].self, from: data)["value"] == hostile)
        #expect(CanonicalJSON.escapingInvisibles(Data("plain ✓".utf8)) == Data("plain ✓".utf8))
        // The same lead bytes as the bidirectional controls, and visible: kept as they are.
        #expect(CanonicalJSON.escapingInvisibles(Data("a — b … c \u{2028} \u{00A0}".utf8)) == Data("a — b … c \u{2028} \u{00A0}".utf8))
        // What comes before the first invisible is kept, and every one after it is escaped.
        #expect(CanonicalJSON.escapingInvisibles(Data("— x\u{200E}y\u{7F}".utf8)) == Data("— x\\u200ey\\u007f".utf8))
    }

    @Test func neverReplacesAnExistingFile() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url)
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        var names = Set<String>()
        for i in 0..<30 {
            let stored = try store.write(sampleSnapshot(at: date, project: "P\(i)"))
            names.insert(stored.name)
        }
        #expect(names.count == 30)
        let projects = try store.list().map { try store.load($0).project }
        #expect(Set(projects).count == 30)
    }

    /// `snapshot` builds the lookup index under a proposed name while the file is written: the write takes that name
    /// when it is free and of the snapshot's time, and another one otherwise, never replacing a file.
    @Test func aProposedNameIsTakenWhenFreeAndOfTheSnapshotsTime() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url)
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        let proposed = store.proposedName(createdAt: date)
        #expect(SnapshotStore.isSnapshotName(proposed) && proposed.hasPrefix(Timestamp.compact(date) + "-"))
        let first = try store.write(sampleSnapshot(at: date, project: "first"), preferring: proposed)
        #expect(first.name == proposed)
        let second = try store.write(sampleSnapshot(at: date, project: "second"), preferring: proposed)
        #expect(second.name != proposed, "taken: another name")
        #expect(try store.load(first).project == "first" && store.load(second).project == "second")
        let otherTime = store.proposedName(createdAt: date.addingTimeInterval(3600))
        let third = try store.write(sampleSnapshot(at: date, project: "third"), preferring: otherTime)
        #expect(third.name != otherTime && third.name.hasPrefix(Timestamp.compact(date) + "-"), "a name of another time is not taken")
        let odd = try store.write(sampleSnapshot(at: date, project: "odd"), preferring: Timestamp.compact(date) + "-../x.json")
        #expect(SnapshotStore.isSnapshotName(odd.name))
    }

    @Test func linkRefusesToReplaceEvenWhenTheNameIsTaken() throws {
        // The same second and a pre-existing file under every name the store could pick is impossible to force,
        // so check the primitive: link(2) fails with EEXIST where rename(2) would replace.
        let dir = TempDirectory()
        let a = dir.write("a", "old"), b = dir.write("b", "new")
        #expect(link(b.path, a.path) == -1 && errno == EEXIST)
        #expect(dir.read("a") == "old")
    }

    @Test func tempFilesAndStrangersAreIgnored() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url)
        // A temp file of a running process (this one) stays; one of a process that no longer exists is removed.
        let live = ".tmp-\(getpid())-abcdefgh.json"
        dir.write(live, "{\"partial")
        dir.write(".tmp-99999999-deadbeef.json", "{\"partial")
        dir.write("notes.json", "{}")
        dir.write("20261129T071119Z-ab.json", "{}")
        #expect(try store.list().isEmpty)
        let stored = try store.write(sampleSnapshot())
        #expect(try store.list().map(\.name) == [stored.name])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers == [live])
    }

    @Test func corruptFilesAreNamedAndOthersStayUsable() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url)
        let good = try store.write(sampleSnapshot())
        dir.write("20990101T000000Z-zzzz.json", "{\"schemaVersion\": 1, \"toolVersion\": ")
        let bad = try store.resolve("latest")
        #expect(bad.name == "20990101T000000Z-zzzz.json")
        #expect(throws: SnapshotStoreError.corrupt(path: bad.url.path, detail: "invalid or truncated JSON")) { try store.load(bad) }
        #expect(try store.load(try store.resolve("previous")) == sampleSnapshot())
        #expect(try store.resolve("previous") == good)
        dir.write("20990101T000001Z-empt.json", "")
        #expect(throws: SnapshotStoreError.corrupt(path: dir.file("20990101T000001Z-empt.json").path, detail: "the file is empty")) {
            try store.load(try store.resolve("latest"))
        }
    }

    @Test func newerSchemaFailsClearly() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url)
        dir.write("20990101T000000Z-new1.json", "{\"schemaVersion\": \(Snapshot.currentSchemaVersion + 1), \"whatever\": true}")
        let error = #expect(throws: SnapshotStoreError.self) { try store.load(try store.resolve("latest")) }
        #expect(error?.errorDescription?.contains("written by a newer handover (schema \(Snapshot.currentSchemaVersion + 1), this build reads up to \(Snapshot.currentSchemaVersion))") == true)
        #expect(error?.category == .input)
    }

    @Test func unknownKeysAndEnumValuesStillLoad() throws {
        var json = String(decoding: try CanonicalJSON.encode(sampleSnapshot()), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"kind\" : \"branch\"", with: "\"kind\" : \"quantum\"")
        json = json.replacingOccurrences(of: "\"status\" : \"failed\"", with: "\"status\" : \"deferred\"")
        json = json.replacingOccurrences(of: "{\n  \"createdAt\"", with: "{\n  \"futureSection\" : {\"x\": 1},\n  \"createdAt\"")
        let loaded = try SnapshotStore.decode(Data(json.utf8), path: "x.json")
        #expect(loaded.git.data?.head.kind == .unknown)
        #expect(loaded.owners.status == .unknown)
    }

    @Test func missingSectionsDecodeAsSkippedNotEmpty() throws {
        let json = "{\"schemaVersion\":1,\"toolVersion\":\"0.0.1\",\"createdAt\":\"2026-11-29T07:11:19Z\"}"
        let loaded = try SnapshotStore.decode(Data(json.utf8), path: "x.json")
        #expect(loaded.git.status == .skipped && loaded.git.data == nil)
        #expect(loaded.env.status == .skipped)
    }

    @Test func referencesResolve() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.url)
        #expect(throws: SnapshotStoreError.empty(directory: dir.url.path)) { try store.resolve("latest") }
        let names = ["20261101T090000Z-aaaa.json", "20261128T120000Z-bbbb.json", "20261129T070000Z-cccc.json",
                     "20261129T080000Z-dddd.json"]
        for name in names { dir.write(name, "{}") }
        #expect(try store.resolve("latest").name == names[3])
        #expect(try store.resolve("previous").name == names[2])
        #expect(try store.resolve("latest~3").name == names[0])
        #expect(throws: SnapshotStoreError.outOfRange(reference: "latest~4", available: 4)) { try store.resolve("latest~4") }
        #expect(try store.resolve("2026-11-29").name == names[3])
        #expect(try store.resolve("2026-11-29T07").name == names[2])
        #expect(try store.resolve("2026-11-28").name == names[1])
        #expect(try store.resolve("20261101").name == names[0])
        #expect(try store.resolve(names[1]).name == names[1])
        #expect(try store.resolve(dir.file(names[0]).path).url.path == dir.file(names[0]).path)
        #expect(throws: SnapshotStoreError.notFound(reference: "2025-01-01", directory: dir.url.path, available: 4)) {
            try store.resolve("2025-01-01")
        }
        #expect(throws: SnapshotStoreError.self) { try store.resolve("yesterday") }
    }

    @Test func writeFailureIsARuntimeError() throws {
        let dir = TempDirectory()
        let blocker = dir.write("file", "x")
        let store = SnapshotStore(directory: blocker.appendingPathComponent("snapshots"))
        let error = #expect(throws: SnapshotStoreError.self) { try store.write(sampleSnapshot()) }
        #expect(error?.category == .runtime)
    }
}

@Suite struct TimestampTests {
    @Test func arithmeticMatchesFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for seconds in stride(from: -2_000_000_000, to: 4_000_000_000, by: 7_777_777) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let text = formatter.string(from: date)
            #expect(Timestamp.iso8601(date) == text)
            #expect(Timestamp.parse(text) == date)
        }
        #expect(Timestamp.parse("2026-11-29T07:11:19.123Z") == Timestamp.parse("2026-11-29T07:11:19Z"))
        #expect(Timestamp.day(Date(timeIntervalSince1970: 1_796_083_199)) == "2026-11-30")
        for bad in ["2026-13-01T00:00:00Z", "2026-11-29 07:11:19Z", "2026-11-29T07:11:19", "2026-11-29T07:11:19+01:00", "", "2026-11-29T07:11:19.Z"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }
}

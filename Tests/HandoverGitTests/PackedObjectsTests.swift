import CLibgit2
import Foundation
@testable import HandoverGit
import HandoverTestSupport
import Testing

/// Issue 17 (speed): the history scan reads blobs from the pack files itself. Every blob must come out exactly as git
/// reads it, through chains of deltas of either kind; what the reader cannot read (loose objects, a damaged pack) is
/// left to libgit2, never answered wrong.
@Suite struct PackedObjectsTests {
    /// 120 versions of a 3,000-line file and a few small files, written by `git fast-import` and repacked by git
    /// with long delta chains (offset deltas, or deltas naming their base with `useDeltaBaseOffset=false`).
    static func repository(offsetDeltas: Bool) throws -> TempDirectory {
        let dir = TempDirectory("handover-packs")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        var lines = (0..<3000).map { "line \($0) of a long generated catalogue entry" }
        var stream = ""
        for i in 1...120 {
            lines[(i * 37) % lines.count] = "line edited in commit \(i)"
            let files = [("catalogue.txt", lines.joined(separator: "\n") + "\n"), ("notes/n\(i % 5).txt", "note \(i)\n"), ("empty", "")]
            stream += "commit refs/heads/main\nmark :\(i)\ncommitter Jo Doe <jo@acme.example> \(1_767_225_600 + i * 60) +0000\ndata \("c\(i)".utf8.count)\nc\(i)\n"
            for (path, content) in files { stream += "M 100644 inline \(path)\ndata \(content.utf8.count)\n\(content)\n" }
            stream += "\n"
        }
        let imported = try ProcessRunner.run("git", ["fast-import", "--quiet"], in: dir.url, stdin: stream)
        #expect(imported.status == 0, "\(imported.stderr)")
        // One thread: git's choice of delta bases is then the same on every run, so the counts below are too.
        _ = try ProcessRunner.git(["-c", "repack.useDeltaBaseOffset=\(offsetDeltas)", "-c", "pack.threads=1", "repack", "-adfq", "--depth=50", "--window=50"], in: dir.url)
        return dir
    }

    /// Every blob of the repository with its bytes, as `git cat-file --batch` prints them, newest first (the order
    /// of a history walk).
    static func blobsAsGitReadsThem(in dir: TempDirectory) throws -> [(id: String, bytes: [UInt8])] {
        let out = dir.file("cat-file.out")
        let listed = try ProcessRunner.run("sh", ["-c", "git rev-list --objects --all | cut -c1-40 | git cat-file --batch > \"$0\"", out.path], in: dir.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let data = try [UInt8](Data(contentsOf: out))
        var blobs: [(id: String, bytes: [UInt8])] = []
        var position = 0
        while position < data.count, let newline = data[position...].firstIndex(of: 10) {
            let header = String(decoding: data[position..<newline], as: UTF8.self).split(separator: " ")
            let size = Int(header[2])!
            if header[1] == "blob" { blobs.append((String(header[0]), Array(data[newline + 1..<newline + 1 + size]))) }
            position = newline + 1 + size + 1
        }
        return blobs
    }

    static func oid(_ hex: String) -> git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }

    @Test(arguments: [true, false])
    func everyBlobIsReadAsGitReadsIt(offsetDeltas: Bool) throws {
        let dir = try Self.repository(offsetDeltas: offsetDeltas)
        let packs = try FileManager.default.contentsOfDirectory(atPath: dir.file(".git/objects/pack").path).filter { $0.hasSuffix(".idx") }
        #expect(packs.count == 1)
        // The fixture means something: git chained the catalogue's versions.
        let verified = try ProcessRunner.git(["verify-pack", "-v", ".git/objects/pack/" + packs[0]], in: dir.url)
        let longest = verified.matches(of: /chain length = (\d+):/).compactMap { Int($0.1) }.max() ?? 0
        #expect(longest >= 20, "longest delta chain \(longest)")

        let expected = try Self.blobsAsGitReadsThem(in: dir)
        #expect(expected.count > 240)
        let objects = PackedObjects(objectsDirectory: dir.file(".git/objects").path, cacheBytes: 1 << 20, limit: 64 << 20)
        #expect(objects.packCount == 1)
        for (hex, bytes) in expected {
            var id = Self.oid(hex)
            guard case .found(let read) = objects.read(&id, as: .blob) else {
                Issue.record("blob \(hex) not read from the pack")
                continue
            }
            // Compared first: a failed `#expect(a == b)` on arrays this long would diff them for its message.
            let same = read == bytes
            #expect(same, "blob \(hex): \(read.count) bytes read, git has \(bytes.count)")
        }
        #expect(objects.blobsRead == expected.count)
        // Both kinds of delta are followed.
        #expect(offsetDeltas ? objects.offsetDeltas > 100 && objects.nameDeltas == 0 : objects.nameDeltas > 100 && objects.offsetDeltas == 0,
                "offset deltas \(objects.offsetDeltas), name deltas \(objects.nameDeltas)")
        // What the cache saves, measured against the pack's own shape (`verify-pack -v`: a deltified object's line
        // has 7 fields, the 6th its depth). With room for everything each delta is applied exactly once. With 1 MB,
        // about six versions of the catalogue, read in history order, a version costs a few deltas, not its chain:
        // at most a quarter of what rebuilding every chain from its whole object would cost.
        var deltified = 0, chains = 0
        for line in verified.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 7, fields[1] == "blob", let depth = Int(fields[5]) else { continue }
            deltified += 1
            chains += depth
        }
        let roomy = PackedObjects(objectsDirectory: dir.file(".git/objects").path, cacheBytes: 256 << 20, limit: 64 << 20)
        for (hex, _) in expected {
            var id = Self.oid(hex)
            _ = roomy.read(&id, as: .blob)
        }
        let applied = objects.offsetDeltas + objects.nameDeltas
        #expect(deltified > 100 && roomy.offsetDeltas + roomy.nameDeltas == deltified,
                "\(roomy.offsetDeltas + roomy.nameDeltas) deltas applied for \(deltified) deltified blobs")
        #expect(applied >= deltified && applied * 4 <= chains, "1 MB cache: \(applied) deltas applied; \(deltified) deltified blobs, chains of \(chains) in all")
        // A commit is not a blob: left to libgit2.
        var head = Self.oid(try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url))
        guard case .elsewhere = objects.read(&head, as: .blob) else { Issue.record("a commit answered as a blob"); return }
    }

    @Test func looseObjectsAndDamagedPacksAreLeftToLibgit2() throws {
        let dir = try Self.repository(offsetDeltas: true)
        let expected = try Self.blobsAsGitReadsThem(in: dir)
        // A blob written after the repack is a loose object.
        dir.write("later.txt", "written after the repack\n")
        let loose = try ProcessRunner.git(["hash-object", "-w", "later.txt"], in: dir.url)
        var looseID = Self.oid(loose)
        guard case .elsewhere = PackedObjects(objectsDirectory: dir.file(".git/objects").path, cacheBytes: 1 << 20, limit: 64 << 20).read(&looseID, as: .blob) else {
            Issue.record("a loose object answered from the packs")
            return
        }

        // Damage the middle of the pack: what can still be read comes out exactly right, the rest goes to libgit2.
        let packDirectory = dir.file(".git/objects/pack")
        let pack = try #require(try FileManager.default.contentsOfDirectory(atPath: packDirectory.path).first { $0.hasSuffix(".pack") })
        let packURL = packDirectory.appendingPathComponent(pack)
        var bytes = try [UInt8](Data(contentsOf: packURL))
        for index in (bytes.count / 2)..<(bytes.count / 2 + 256) { bytes[index] ^= 0x5A }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: packURL.path)
        try Data(bytes).write(to: packURL)
        let damaged = PackedObjects(objectsDirectory: dir.file(".git/objects").path, cacheBytes: 1 << 20, limit: 64 << 20)
        var left = 0
        for (hex, original) in expected {
            var id = Self.oid(hex)
            switch damaged.read(&id, as: .blob) {
            case .found(let read):
                let same = read == original
                #expect(same, "blob \(hex) read wrong from a damaged pack")
            case .elsewhere: left += 1
            case .tooLarge: Issue.record("blob \(hex) called too large")
            }
        }
        #expect(left > 0 && left < expected.count, "\(left) of \(expected.count) left to libgit2")

        // A truncated index: the pack is not used at all.
        let index = packURL.deletingPathExtension().appendingPathExtension("idx")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: index.path)
        try Data(try Data(contentsOf: index).prefix(600)).write(to: index)
        let truncated = PackedObjects(objectsDirectory: dir.file(".git/objects").path, cacheBytes: 1 << 20, limit: 64 << 20)
        #expect(truncated.packCount == 0)
    }

    /// A large pack's index: 40,000 objects, about 156 per fan-out bucket, so a lookup guesses before it bisects.
    /// Every name gives the offset `git show-index` gives, and names next to them (last byte changed, the first
    /// eight bytes equal) are not found.
    @Test func everyNameOfALargeIndexIsFoundWhereGitSaysAndNoOther() throws {
        let dir = TempDirectory("handover-large-index")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        let stream = (0..<40_000).map { "blob\ndata \("b\($0)\n".utf8.count)\nb\($0)\n\n" }.joined()
        let imported = try ProcessRunner.run("git", ["fast-import", "--quiet"], in: dir.url, stdin: stream)
        #expect(imported.status == 0, "\(imported.stderr)")
        let packDirectory = dir.file(".git/objects/pack")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: packDirectory.path).first { $0.hasSuffix(".idx") })
        let shown = try ProcessRunner.run("sh", ["-c", "git show-index < \"$0\"", packDirectory.appendingPathComponent(name).path], in: dir.url)
        let entries = shown.stdout.split(separator: "\n").map { line -> (offset: UInt64, hex: String) in
            let fields = line.split(separator: " ")
            return (UInt64(fields[0])!, String(fields[1]))
        }
        #expect(entries.count == 40_000)
        let pack = try PackFile(indexPath: packDirectory.appendingPathComponent(name).path)
        var wrong = 0, foundNeighbours = 0
        for (offset, hex) in entries {
            var id = Self.oid(hex)
            let found = withUnsafeBytes(of: &id) { pack.index.offset(of: UnsafeRawBufferPointer(rebasing: $0.prefix(PackIndex.nameBytes))) }
            if found != offset { wrong += 1 }
            withUnsafeMutableBytes(of: &id) { $0[PackIndex.nameBytes - 1] ^= 0x01 }
            let neighbour = withUnsafeBytes(of: &id) { pack.index.offset(of: UnsafeRawBufferPointer(rebasing: $0.prefix(PackIndex.nameBytes))) }
            if neighbour != nil && !entries.contains(where: { $0.hex == GitRepository.string(&id) }) { foundNeighbours += 1 }
        }
        #expect(wrong == 0 && foundNeighbours == 0, "\(wrong) names found elsewhere than git says, \(foundNeighbours) absent names found")
    }

    /// The reader builds at most `limit` bytes: a larger blob is `tooLarge` (the scan skips it, as it skips any file
    /// over 4 MB), never built.
    @Test func aBlobOverTheLimitIsNotBuilt() throws {
        let dir = try Self.repository(offsetDeltas: true)
        let catalogue = try ProcessRunner.git(["rev-parse", "HEAD:catalogue.txt"], in: dir.url)
        var id = Self.oid(catalogue)
        let small = PackedObjects(objectsDirectory: dir.file(".git/objects").path, cacheBytes: 1 << 20, limit: 64 << 10)
        guard case .tooLarge = small.read(&id, as: .blob) else {
            Issue.record("a 150 KB blob built under a 64 KB limit")
            return
        }
        var note = Self.oid(try ProcessRunner.git(["rev-parse", "HEAD:notes/n0.txt"], in: dir.url))
        guard case .found(let bytes) = small.read(&note, as: .blob) else {
            Issue.record("a small blob not read")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("note "))
    }

    /// The history scan finds exactly the same whether it reads the blobs from the pack (its own reader) or as loose
    /// objects (libgit2): the fixture of the parallel readers, then the same objects unpacked.
    @Test func theHistoryScanFindsTheSameInPacksAndInLooseObjects() async throws {
        let dir = try SecretParallelReadingTests.history()
        let packed = try #require(await SecretScanner(repository: dir.url).collect(previous: nil).collectedValue)
        #expect(packed.findings.count >= 5 && packed.unreadable == nil, "\(packed.findings.map(\.rule))")

        let packDirectory = dir.file(".git/objects/pack")
        let packs = try FileManager.default.contentsOfDirectory(atPath: packDirectory.path)
        let aside = TempDirectory("handover-packs-aside")
        for name in packs { try FileManager.default.moveItem(at: packDirectory.appendingPathComponent(name), to: aside.file(name)) }
        for name in packs where name.hasSuffix(".pack") {
            let unpacked = try ProcessRunner.run("sh", ["-c", "git unpack-objects -q < \"$0\"", aside.file(name).path], in: dir.url)
            #expect(unpacked.status == 0, "\(unpacked.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: packDirectory.path).isEmpty)
        let loose = try #require(await SecretScanner(repository: dir.url).collect(previous: nil).collectedValue)
        let same = loose == packed
        #expect(same, "loose: \(loose.findings.map(\.rule)), packed: \(packed.findings.map(\.rule))")
    }

    /// The pack reader's text-or-binary rule is libgit2's `git_blob_is_binary`, byte for byte, on the edge cases.
    @Test func binaryTextFollowsLibgit2() throws {
        let dir = TempDirectory("handover-binary")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        let printable = [UInt8](repeating: 0x61, count: 256)
        let samples: [[UInt8]] = [
            Array("plain text\n".utf8), [], Array("café ünïcode ✓\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("UTF-8 with a BOM\n".utf8),
            [0xFF, 0xFE, 0x61, 0x00], [0xFE, 0xFF, 0x00, 0x61], [0xFF, 0xFE, 0x00, 0x00], [0x00, 0x00, 0xFE, 0xFF],
            Array("nul\u{0}inside".utf8),
            [UInt8](repeating: 0x61, count: 7999) + [0], [UInt8](repeating: 0x61, count: 8000) + [0],
            Array(printable.prefix(127)) + [0x01], Array(printable.prefix(128)) + [0x01], Array(printable) + [0x01, 0x02],
            Array(printable) + [0x01], Array(printable) + [0x7F, 0x7F, 0x7F],
            Array("tabs\tand\r\nvertical\u{0B}feeds\u{0C} bell\u{07} escape\u{1B} backspace\u{08}".utf8),
            // Control characters and DEL scattered across the eight-byte words, over and under the rule's ratio.
            (0..<3000).map { $0 % 97 == 5 ? 0x01 : $0 % 89 == 3 ? 0x7F : 0x61 },
            (0..<3000).map { $0 % 500 == 7 ? 0x01 : $0 % 701 == 1 ? 0x7F : 0x61 },
            (0..<9000).map { $0 == 8500 ? 0 : 0x61 },
            // Short lines: line feeds, tabs and carriage returns are neither printable nor control, so the ratio
            // turns on how they are counted (3,000 printable: binary from 24 control characters; 4,000: from 32).
            (0..<4000).map { $0 % 4 == 3 ? 0x0A : $0 % 4 == 1 && $0 % 152 == 1 ? 0x01 : 0x61 },
            (0..<4000).map { $0 % 4 == 3 ? 0x0A : $0 % 4 == 1 && $0 % 200 == 1 ? 0x01 : 0x61 },
            (0..<4000).map { $0 % 8 == 7 ? 0x0A : $0 % 8 == 6 ? 0x0D : $0 % 8 == 0 ? 0x09 : $0 % 184 == 1 ? 0x01 : 0x61 },
        ]
        let repo = try GitRepository(path: dir.url.path)
        for (number, sample) in samples.enumerated() {
            let file = dir.file("sample\(number)")
            try Data(sample).write(to: file)
            var id = Self.oid(try ProcessRunner.git(["hash-object", "-w", file.lastPathComponent], in: dir.url))
            var blob: OpaquePointer?
            try #require(git_blob_lookup(&blob, repo.handle, &id) == 0)
            defer { git_blob_free(blob) }
            let libgit2 = git_blob_is_binary(blob) == 1
            #expect(sample.withUnsafeBytes(BinaryText.looksBinary) == libgit2, "sample \(number): libgit2 says binary \(libgit2)")
        }
    }
}

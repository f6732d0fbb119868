import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverStore

/// Nothing read is trusted: a snapshot file named or dated in the future (a wrong clock, a crafted commit to a shared
/// repository) is never `latest`, never the previous of a new snapshot, and never makes prune delete the real newest.
@Suite(.serialized) struct FutureSnapshotTests {
    func names(_ dir: TempDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func aFutureSnapshotIsNeverLatestNorPruned() throws {
        let dir = try makeProject()
        #expect(try HandoverBinary.run(["snapshot", "--only", "git,env"], in: dir.url).status == 0)
        let real = try #require(try names(dir).first)
        // Same content, renamed into 2099; and one with a present-day name whose content is dated 2099.
        var snapshot = try SnapshotStore.decode(try Data(contentsOf: dir.file("snapshots/" + real)), path: real)
        snapshot.project = "Crafted"
        try CanonicalJSON.encode(snapshot).write(to: dir.file("snapshots/20991231T000000Z-zzzz.json"))
        snapshot.createdAt = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        try CanonicalJSON.encode(snapshot).write(to: dir.file("snapshots/" + String(real.prefix(16)) + "-zzzz.json"))

        let show = try HandoverBinary.run(["show", "latest", "--format", "json"], in: dir.url)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(try SnapshotStore.decode(Data(show.stdout.utf8), path: "stdout").project == "Acme")
        #expect(show.stderr.contains("20991231T000000Z-zzzz.json: dated 2099-12-31T00:00:00Z, in the future"), "\(show.stderr)")
        #expect(show.stderr.contains("dated 2100-01-01T00:00:00Z, in the future"), "\(show.stderr)")

        let prune = try HandoverBinary.run(["prune", "--keep", "1"], in: dir.url)
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(try names(dir).count == 3, "nothing deleted: \(prune.stdout)")
        #expect(prune.stdout.contains("keep    20991231T000000Z-zzzz.json  (dated in the future: left for you to inspect)"), "\(prune.stdout)")
        #expect(prune.stdout.contains("keep    \(real)  (latest)"), "\(prune.stdout)")

        // A new snapshot's audit compares with the real newest, not the crafted ones.
        let next = try HandoverBinary.run(["snapshot", "--only", "git,env", "--format", "json"], in: dir.url, environment: HandoverBinary.later())
        #expect(next.status == 0, "\(next.stderr)")
        let audit = try #require(try SnapshotStore.decode(Data(next.stdout.utf8), path: "stdout").audit.collectedValue)
        #expect(!audit.findings.isEmpty && audit.findings.allSatisfy { $0.status == .open }, "\(audit.findings.map { "\($0.fingerprint) \($0.status)" })")
    }

    @Test func aLookupIndexIsUsedOnlyWithTheSnapshotItWasMadeFrom() throws {
        let dir = try makeProject()
        #expect(try HandoverBinary.run(["snapshot", "--only", "git,env"], in: dir.url).status == 0)
        let name = try #require(try names(dir).first)
        let indexPath = "snapshots/.lookup/" + name
        let index = try #require(dir.read(indexPath))
        #expect(index.contains("\"digest\" : \"sha256:"), "the index is sealed with the snapshot's digest")
        #expect(index.contains("\"snapshot\" : \"\(name)\""), "built (beside the write) under the name the file got")
        let honest = try HandoverBinary.run(["lookup", "production"], in: dir.url)
        #expect(honest.status == 0 && honest.stdout.contains("production"), "\(honest.stderr)")

        // A crafted answer beside the real snapshot: the digest still matches the snapshot, so the text is what lookup
        // prints — but made inert at the output boundary.
        dir.write(indexPath, index.replacingOccurrences(of: "\"production\" : \"", with: "\"production\" : \"FORGED\\u001b]8;;x\\u0007 "))
        let forged = try HandoverBinary.run(["lookup", "production"], in: dir.url)
        #expect(!forged.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(forged.stdout)")

        // The snapshot file changed under its index (edited, replaced): the index is not used; lookup answers from the
        // snapshot and seals a new index.
        var snapshot = try SnapshotStore.decode(try Data(contentsOf: dir.file("snapshots/" + name)), path: name)
        snapshot.project = "Edited"
        try CanonicalJSON.encode(snapshot).write(to: dir.file("snapshots/" + name))
        let rebuilt = try HandoverBinary.run(["lookup", "production"], in: dir.url)
        #expect(rebuilt.status == 0 && !rebuilt.stdout.contains("FORGED"), "\(rebuilt.stdout)")
        #expect(dir.read(indexPath)?.contains("FORGED") == false)
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverStore

/// A secrets scan continues only from the snapshot this machine sealed: a snapshot file committed by someone else
/// (dated now, naming HEAD as scanned, with no findings) cannot make the next scan skip the history holding a key.
@Suite(.serialized) struct SecretsBaseTests {
    static let key = "s" + "k_live_" + "51Hq8ZPx2LkT9vW3mZr7Yp4Nc6"
    static let second = "s" + "k_live_" + "73Jb2QwE9rTy5Ui1Op0Aa8Sd4F"

    func secretsText(_ dir: TempDirectory, _ arguments: [String] = ["snapshot", "--only", "git,secrets", "--format", "json"],
                     environment: [String: String] = [:]) throws -> String {
        let run = try HandoverBinary.run(arguments, in: dir.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let secrets = try #require(object?["secrets"])
        return String(decoding: try JSONSerialization.data(withJSONObject: secrets), as: UTF8.self)
    }

    /// A copy of the newest snapshot, dated two seconds from now, that claims every commit up to HEAD was scanned clean.
    /// The next snapshot is then taken with `HandoverBinary.later(4)`, after it.
    func forge(_ dir: TempDirectory, head: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted()
        let real = try #require(names.last)
        var snapshot = try SnapshotStore.decode(try Data(contentsOf: dir.file("snapshots/" + real)), path: real)
        var secrets = try #require(snapshot.secrets.collectedValue)
        secrets.scannedTips = [head]
        secrets.findings = []
        snapshot.secrets = .collected(secrets)
        snapshot.createdAt = Date().addingTimeInterval(2)
        let name = Timestamp.compact(snapshot.createdAt) + "-zzzz.json"
        try CanonicalJSON.encode(snapshot).write(to: dir.file("snapshots/" + name))
    }

    func project() throws -> TempDirectory {
        let dir = TempDirectory("handover-secrets-base")
        try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("handover.yml", "project: Base\n")
        dir.write("src/pay.ts", "export const stripe = \"\(Self.key)\";\n")
        try ProcessRunner.commitAll(in: dir.url, "payments", date: "2026-01-02T00:00:00Z")
        return dir
    }

    @Test func aForgedSnapshotDoesNotHideHistoryFromTheNextScan() throws {
        let dir = try project()
        #expect(try secretsText(dir).contains("pay.ts"), "the first scan finds the key")
        #expect(FileManager.default.fileExists(atPath: dir.file(".git/handover/secrets-base.json").path), "the base is sealed in .git")
        dir.write("src/billing.ts", "export const other = \"\(Self.second)\";\n")
        let head = try ProcessRunner.commitAll(in: dir.url, "billing", date: "2026-01-03T00:00:00Z")
        try forge(dir, head: head)
        let next = try secretsText(dir, environment: HandoverBinary.later(4))
        #expect(next.contains("pay.ts"), "the key found before is kept: \(next.prefix(400))")
        #expect(next.contains("billing.ts"), "the new commit is scanned: \(next.prefix(400))")
        #expect(next.contains("\"incremental\""), "continued from the sealed base: \(next.prefix(400))")
    }

    @Test func withoutASealTheScanIsFull() throws {
        let dir = try project()
        _ = try secretsText(dir)
        let head = try ProcessRunner.git(["rev-parse", "HEAD"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)
        try forge(dir, head: head)
        // A clone (or a CI runner) has the snapshots but not this machine's seal.
        try FileManager.default.removeItem(at: dir.file(".git/handover"))
        let next = try secretsText(dir, environment: HandoverBinary.later(4))
        #expect(next.contains("\"full\"") && next.contains("pay.ts"), "\(next.prefix(400))")
    }

    @Test func anEditedSealedSnapshotIsNotContinued() throws {
        let dir = try project()
        _ = try secretsText(dir)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }
        let real = try #require(names.first)
        // The sealed file itself rewritten (a pull bringing an edited copy): its digest no longer matches.
        var snapshot = try SnapshotStore.decode(try Data(contentsOf: dir.file("snapshots/" + real)), path: real)
        var secrets = try #require(snapshot.secrets.collectedValue)
        secrets.findings = []
        snapshot.secrets = .collected(secrets)
        try CanonicalJSON.encode(snapshot).write(to: dir.file("snapshots/" + real))
        let next = try secretsText(dir, environment: HandoverBinary.later())
        #expect(next.contains("\"full\"") && next.contains("pay.ts"), "\(next.prefix(400))")
    }
}

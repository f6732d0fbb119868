import Foundation
import HandoverGit
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverAudit
import HandoverFixtures

/// Issue 17: one credential, one finding with its occurrences; repositories with missing objects are scanned as
/// far as they can be, say what they could not read, and never claim it as scanned.
@Suite struct SecretHistoryTests {
    static let token = "xoxb-" + "583920174652-" + "Kd8Qm2Lx7Pz4Rt9V"
    static let key = "s" + "k_live_" + "51H8xQ2LkT9vW3mZr7Yp4Nc6Bd"

    func commit(_ dir: TempDirectory, _ message: String, _ date: String) throws -> String {
        try ProcessRunner.commitAll(in: dir.url, message, date: date)
    }

    @Test func oneCredentialIsOneFindingWithItsOccurrences() async throws {
        let dir = TempDirectory("handover-secrets-dedupe")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("bot.js", "const token = '\(Self.token)';\n")
        let first = try commit(dir, "bot", "2026-01-01T00:00:00Z")
        dir.write("scripts/notify.sh", "# notify\nSLACK=\(Self.token)\n")
        let second = try commit(dir, "copy", "2026-01-02T00:00:00Z")
        dir.write("bot.js", "const token = process.env.SLACK;\n")
        _ = try commit(dir, "drop from bot", "2026-01-03T00:00:00Z")
        dir.write("bot.js", "const token = '\(Self.token)';\n")
        let third = try commit(dir, "back again", "2026-01-04T00:00:00Z")
        let found = try SecretScanner(repository: dir.url).scan(history: true)
        #expect(found.count == 1, "\(found)")
        let f = try #require(found.first)
        #expect(f.commit == first && f.path == "bot.js" && f.line == 1)
        #expect(f.occurrences?.map { "\($0.path):\($0.line ?? 0)@\($0.commit)" } == ["bot.js:1@\(first)", "scripts/notify.sh:2@\(second)", "bot.js:1@\(third)"])
        // The fingerprint is a keyed hash: stable across runs, different for another value, never the value.
        let again = try #require(await SecretScanner(repository: dir.url).collect(previous: nil).collectedValue)
        #expect(again.findings.map(\.fingerprint) == [f.fingerprint])
        #expect(!f.fingerprint.contains("Kd8Qm2") && !f.fingerprint.contains("583920174652"))
        let json = try String(decoding: CanonicalJSON.encode(again), as: UTF8.self)
        #expect(LeakProbe.leaks(of: [Self.token, "Kd8Qm2Lx7Pz4Rt9V"], in: json).isEmpty)
        // Another repository (another root commit): another key, another fingerprint for the same value.
        let other = TempDirectory("handover-secrets-dedupe-other")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: other.url)
        other.write("bot.js", "const token = '\(Self.token)';\n")
        _ = try commit(other, "bot", "2026-02-01T00:00:00Z")
        let elsewhere = try SecretScanner(repository: other.url).scan(history: true)
        #expect(elsewhere.count == 1 && elsewhere.first?.fingerprint != f.fingerprint)
    }

    /// A history holding a secret, cloned in three partial ways from a `file://` remote: each scan reads what it can.
    func origin() throws -> TempDirectory {
        let dir = TempDirectory("handover-secrets-origin")
        _ = try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        _ = try ProcessRunner.git(["config", "uploadpack.allowFilter", "true"], in: dir.url)
        _ = try ProcessRunner.git(["config", "uploadpack.allowAnySHA1InWant", "true"], in: dir.url)
        dir.write("src/pay.ts", "export const stripe = '\(Self.key)';\n")
        dir.write("README.md", "hello\n")
        _ = try commit(dir, "pay", "2026-01-01T00:00:00Z")
        dir.write("src/pay.ts", "export const stripe = process.env.STRIPE_SECRET_KEY;\n")
        _ = try commit(dir, "env", "2026-01-02T00:00:00Z")
        dir.write("bot.js", "const token = '\(Self.token)';\n")
        _ = try commit(dir, "bot", "2026-01-03T00:00:00Z")
        return dir
    }

    func expectIncomplete(_ state: SecretsState, _ what: String) {
        #expect((state.unreadable?.count ?? 0) > 0 && state.unreadable?.examples.isEmpty == false, "\(what): \(state)")
        #expect(state.scannedTips.isEmpty, "\(what): nothing claimed as scanned")
        var snapshot = HealthyExample.snapshot()
        snapshot.secrets = .collected(state)
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        #expect(report.findings.contains { $0.id == SecretCommittedCheck.id && $0.subject == "history:unreadable" && $0.severity == .info },
                "\(what): the audit says so")
    }

    @Test func aPartialCloneIsScannedAsFarAsItCanBe() async throws {
        let origin = try origin()
        let clone = TempDirectory("handover-secrets-blobless")
        _ = try ProcessRunner.git(["clone", "-q", "--no-checkout", "--filter=blob:none", "file://" + origin.url.path, clone.url.path], in: origin.url)
        let state = try #require(await SecretScanner(repository: clone.url).collect(previous: nil).collectedValue)
        expectIncomplete(state, "blobless clone")
        #expect(state.unreadable?.examples.contains { $0.hasPrefix("blob ") && $0.hasSuffix("src/pay.ts") } == true, "\(String(describing: state.unreadable))")
    }

    @Test func aShallowCloneIsScannedAsFarAsItCanBe() async throws {
        let origin = try origin()
        let clone = TempDirectory("handover-secrets-shallow")
        _ = try ProcessRunner.git(["clone", "-q", "--depth", "1", "file://" + origin.url.path, clone.url.path], in: origin.url)
        let state = try #require(await SecretScanner(repository: clone.url).collect(previous: nil).collectedValue)
        expectIncomplete(state, "shallow clone")
        // The commit it has is read: the token in the newest commit is found.
        #expect(state.findings.contains { $0.rule == "slack-token" }, "\(state.findings)")
        #expect(state.unreadable?.examples.contains { $0.hasPrefix("commit ") } == true)
    }

    @Test func aLostObjectIsReadAgainOnceItIsBack() async throws {
        let dir = try origin()
        let blob = try ProcessRunner.git(["rev-parse", "HEAD~2:src/pay.ts"], in: dir.url).trimmingCharacters(in: .whitespacesAndNewlines)
        let object = dir.url.appendingPathComponent(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        let saved = dir.url.appendingPathComponent("saved-object")
        try FileManager.default.moveItem(at: object, to: saved)
        let scanner = SecretScanner(repository: dir.url)
        let without = try #require(await scanner.collect(previous: nil).collectedValue)
        expectIncomplete(without, "a lost loose object")
        #expect(!without.findings.contains { $0.rule == "stripe-secret-key" })
        #expect(without.unreadable?.examples == ["blob \(blob.prefix(12)) src/pay.ts"])
        // Back again: the next (incremental) scan reads it, because the first did not claim it.
        try FileManager.default.moveItem(at: saved, to: object)
        let with = try #require(await scanner.collect(previous: without).collectedValue)
        #expect(with.unreadable == nil && !with.scannedTips.isEmpty)
        #expect(with.findings.contains { $0.rule == "stripe-secret-key" } && with.findings.filter { $0.rule == "slack-token" }.count == 1, "\(with.findings)")
    }

    /// Issue 17: libgit2's object cache and mapped pack windows are bounded (its defaults, 256 MB and 8 GB, took a
    /// history scan of formbricks to 640 MB).
    @Test func libgit2MemoryIsBounded() {
        let now = GitMemoryBudget.current()
        #expect(now.objectCache == GitMemoryBudget.objectCache && now.objectCache <= 64 << 20)
        #expect(now.mappedPacks == GitMemoryBudget.mappedPacks && now.mappedPacks <= 128 << 20)
        #expect(GitMemoryBudget.packWindow <= GitMemoryBudget.mappedPacks)
    }
}

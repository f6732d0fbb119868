import Foundation
@testable import HandoverCore
import Testing

/// Pairs of snapshot fixtures (made by Fixtures/diff/make-fixtures.py) against their expected text, Markdown and
/// JSON. Re-record after an intended change with HANDOVER_UPDATE_GOLDEN=1 and read the diff of the golden files.
@Suite struct DiffGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/diff")

    func diff(_ name: String) throws -> SnapshotDiff {
        let dir = Self.root.appendingPathComponent(name)
        let old = try SnapshotStore.decode(Data(contentsOf: dir.appendingPathComponent("old.json")), path: "old.json")
        let new = try SnapshotStore.decode(Data(contentsOf: dir.appendingPathComponent("new.json")), path: "new.json")
        return SnapshotDiffer(p95BudgetMs: 500).diff(old: old, oldName: "\(name)/old.json", new: new, newName: "\(name)/new.json")
    }

    func outputs(_ d: SnapshotDiff) throws -> [(String, String)] {
        [("expected.txt", DiffText(format: .text).render(d)),
         ("expected.md", DiffText(format: .markdown).render(d)),
         ("expected.json", String(decoding: try CanonicalJSON.encode(d), as: UTF8.self))]
    }

    @Test(arguments: ["story", "failed-section", "certificates"])
    func matchesTheGoldenFiles(name: String) throws {
        let d = try diff(name)
        for (file, actual) in try outputs(d) {
            let url = Self.root.appendingPathComponent(name).appendingPathComponent(file)
            if ProcessInfo.processInfo.environment["HANDOVER_UPDATE_GOLDEN"] == "1" {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("re-recorded \(name)/\(file): read its diff, then run again without HANDOVER_UPDATE_GOLDEN")
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(actual == expected, "\(name)/\(file) differs; re-record with HANDOVER_UPDATE_GOLDEN=1 if intended")
        }
        // Byte-identical across runs on the same pair.
        #expect(try outputs(diff(name)).map(\.1) == outputs(d).map(\.1))
    }

    @Test func relatedChangesOfOneHostAreOneStory() throws {
        let d = try diff("story")
        #expect(d.stories.count == 1)
        let story = try #require(d.stories.first)
        #expect(story.subject == "host:api.acme.example")
        #expect(story.changes.map(\.layer) == [.dns, .tls, .http])
        #expect(story.changes.map(\.attribute) == ["address", "trust", "status"])
        #expect(story.summary == "api.acme.example: moved to A 203.0.113.50 → certificate hostname mismatch → https://api.acme.example/healthz answers 503 (health check fails)")
        let dmarc = try #require(d.changes.first { $0.attribute == "dmarc.policy" })
        #expect(dmarc.before == "p=none" && dmarc.after == "p=reject" && dmarc.impact == .strengthens)
        #expect(d.changes.contains { $0.layer == .env && $0.kind == .added && $0.element == "REDIS_URL" && $0.subject == "env:production" })
        let waiver = try #require(d.changes.first { $0.layer == .audit })
        #expect(waiver.subject == "waiver:email.dmarc-policy-none|domain:acme.example" && waiver.after?.hasPrefix("until 2027-02-28") == true)
        // Timestamps, durations, days-left counters and array order are not changes.
        #expect(!d.changes.contains { $0.attribute.contains("days") || $0.layer == .dns && $0.subject != "host:api.acme.example" })
    }

    @Test func aFailedSectionIsNotComparedAndRemovesNothing() throws {
        let d = try diff("failed-section")
        #expect(d.notCompared.map(\.layer) == [.dns, .http])
        #expect(!d.changes.contains { $0.layer == .dns || $0.layer == .http })
        #expect(d.changes.filter { $0.kind == .removed }.allSatisfy { $0.layer == .owners && $0.subject == "owner:hosting" })
    }

    @Test func certificatesAreRenewedOrReplaced() throws {
        let d = try diff("certificates")
        let renewed = try #require(d.changes.first { $0.subject == "host:acme.example" && $0.attribute == "certificate" })
        #expect(renewed.note?.hasPrefix("renewed at ") == true && renewed.note?.hasSuffix("(late: past two thirds)") == true, "\(renewed)")
        let replaced = try #require(d.changes.first { $0.subject == "host:www.acme.example" && $0.attribute == "certificate" })
        #expect(replaced.note == "replaced: issuer Acme Demo CA → Let's Encrypt")
        let ttl = try #require(d.changes.first { $0.attribute == "address.ttl" })
        #expect(ttl.note == "TTL only" && ttl.before == "TTL 300" && ttl.after == "TTL 60" && ttl.subject == "host:acme.example")
        #expect(d.changes.contains { $0.attribute == "header Strict-Transport-Security" && $0.after == "absent" && $0.impact == .weakens })
    }

    @Test func identicalSnapshotsHaveNoChanges() throws {
        let dir = Self.root.appendingPathComponent("story")
        let old = try SnapshotStore.decode(Data(contentsOf: dir.appendingPathComponent("old.json")), path: "old.json")
        let d = SnapshotDiffer().diff(old: old, oldName: "a", new: old, newName: "b")
        #expect(d.changes.isEmpty && d.stories.isEmpty && d.notCompared.isEmpty)
        #expect(DiffText(format: .text).render(d).contains("No changes."))
    }

    @Test func markdownEscapesHostileText() {
        #expect(MarkdownText.escape("<script>*x*</script>|[a](b)") == "&lt;script&gt;\\*x\\*&lt;/script&gt;\\|\\[a\\]\\(b\\)")
        #expect(MarkdownText.escape("line\nbreak\u{1B}") == "line break\\\\u\\{1B\\}")
    }
}

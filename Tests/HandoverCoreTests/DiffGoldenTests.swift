import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverStore
@testable import HandoverAudit
@testable import HandoverDiff
@testable import HandoverDocuments
@testable import HandoverFixtures

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
        #expect(story.changes.map(\.layer) == [.dns, .tls, .tls, .http])
        #expect(story.changes.map(\.attribute) == ["address", "certificate", "trust", "status"])
        #expect(story.summary == "api.acme.example: moved to A 203.0.113.50 → certificate reissued with other names → certificate hostname mismatch → https://api.acme.example/healthz answers 503 (health check fails)")
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
        let removed = d.changes.filter { $0.kind == .removed }
        #expect(!removed.isEmpty && removed.allSatisfy { $0.layer == .owners && $0.subject == "owner:hosting" }, "\(removed)")
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
        #expect(MarkdownText.escape("<script>*x*</script>|[a](b)") == "&lt;script>\\*x\\*&lt;/script>\\|\\[a\\](b)")
        #expect(MarkdownText.escape("line\nbreak\u{1B}") == "line break\\\\u{1B}")
        // Only what CommonMark or GFM would read: times, hosts, versions and env names stay as written.
        #expect(MarkdownText.escape("2026-12-01T19:50:26Z api.acme.example v1.2.0 STRIPE_SECRET_KEY 3 items; 50%") ==
                "2026-12-01T19:50:26Z api.acme.example v1.2.0 STRIPE_SECRET_KEY 3 items; 50%")
        #expect(MarkdownText.escape("jo@acme.example owns DNS") == "`jo@acme.example` owns DNS")
        #expect(MarkdownText.escape("see https://evil.example and www.evil.example") == "see https\\://evil.example and www\\.evil.example")
        #expect(MarkdownText.escape("_x_ a_b *y* ~z~ &amp; & b") == "\\_x\\_ a_b \\*y\\* \\~z\\~ &amp;amp; & b")
        #expect(MarkdownText.escape("# not a heading") == "\\# not a heading")
        #expect(MarkdownText.escape("1. not a list") == "1\\. not a list")
        #expect(MarkdownText.escape("- not a list - either") == "\\- not a list - either")
        #expect(MarkdownText.escape("---") == "\\---")
        #expect(MarkdownText.escape("> quoted") == "\\> quoted")
        // Not a block at the start: a channel, a version, a negative number.
        #expect(MarkdownText.escape("#ops") == "#ops")
        #expect(MarkdownText.escape("0.1.0") == "0.1.0")
        #expect(MarkdownText.escape("-1 day") == "-1 day")
    }
}

/// "What changed?" compares effective state: how a value was reached is a note, not a change of the value.
@Suite struct EffectiveStateDiffTests {
    func diff(_ old: Snapshot, _ new: Snapshot) -> SnapshotDiff {
        SnapshotDiffer(p95BudgetMs: 500).diff(old: old, oldName: "old.json", new: new, newName: "new.json")
    }

    /// www is a CNAME to the apex (its CAA answer comes through the CNAME), then gets its own A (CAA found by climbing).
    @Test func aHostThatStopsBeingACNAMEKeepsTheApexCAA() throws {
        var old = HealthyExample.snapshot(), new = HealthyExample.snapshot()
        let apexCAA = try #require(old.dns.data?.domains[0].hosts.first { $0.label == "@" }?.caa.records)
        #expect(!apexCAA.isEmpty)
        Edit.dns(&old) { d in
            guard let i = d.hosts.firstIndex(where: { $0.label == "www" }) else { return }
            d.hosts[i].a = DNSResponse(outcome: .answer, records: [DNSRecord(name: d.name, type: .a, ttl: 300, value: "192.0.2.10")],
                                       chain: [DNSRecord(name: d.hosts[i].name, type: .cname, ttl: 300, value: d.name)])
            d.hosts[i].caa = CAAResult(foundAt: d.hosts[i].name, records: apexCAA, climb: [CAAStep(name: d.hosts[i].name, outcome: .answer)])
        }
        Edit.dns(&new) { d in
            guard let i = d.hosts.firstIndex(where: { $0.label == "www" }) else { return }
            d.hosts[i].a = DNSResponse(outcome: .answer, records: [DNSRecord(name: d.hosts[i].name, type: .a, ttl: 300, value: "192.0.2.10")])
            d.hosts[i].caa = CAAResult(foundAt: d.name, records: apexCAA,
                                       climb: [CAAStep(name: d.hosts[i].name, outcome: .nodata), CAAStep(name: d.name, outcome: .answer)])
        }
        let d = diff(old, new)
        let www = d.changes.filter { $0.subject == "host:www.acme.example" }
        #expect(!www.contains { $0.attribute == "CAA" }, "the effective CAA set is the same: \(www)")
        let source = www.filter { $0.attribute == "CAA.source" }
        #expect(source.count == apexCAA.count && source.allSatisfy { $0.incidental == true && $0.note == "reached another way, same records" },
                "\(www)")
        #expect(source.first?.before == "found at www.acme.example" && source.first?.after == "found at acme.example")
        let address = try #require(www.first { $0.attribute == "address" })
        #expect(address.before == "CNAME acme.example → A 192.0.2.10" && address.after == "A 192.0.2.10", "\(address)")
        // A real change of the policy still shows as one.
        var changed = new
        Edit.dns(&changed) { d in
            guard let i = d.hosts.firstIndex(where: { $0.label == "www" }) else { return }
            d.hosts[i].caa.records = [DNSRecord(name: d.name, type: .caa, ttl: 300, value: "0 issue \"pki.goog\"")]
        }
        let real = diff(new, changed).changes.filter { $0.subject == "host:www.acme.example" && $0.attribute == "CAA" }
        #expect(real.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.added] + Array(repeating: .removed, count: apexCAA.count), "\(real)")
    }

    @Test func serialsPrintEveryByteAsTwoDigitsAndOldSnapshotsCompareEqual() throws {
        #expect(CertificateInfo.paddedSerial("48:c:34:6:A0") == "48:0c:34:06:a0")
        var old = HealthyExample.snapshot(), new = HealthyExample.snapshot()
        Edit.leaf(&old) { $0.serial = "14:69:6:40" }
        Edit.leaf(&new) { $0.serial = "14:69:06:40" }
        #expect(diff(old, new).changes.filter { $0.layer == .tls }.isEmpty)
        Edit.leaf(&new) { $0.serial = "14:69:06:41" }
        let change = try #require(diff(old, new).changes.first { $0.layer == .tls && $0.attribute == "certificate" })
        #expect(change.before?.hasPrefix("serial 14:69:06:40,") == true && change.after?.hasPrefix("serial 14:69:06:41,") == true, "\(change)")
    }
}

/// Through a caching resolver every TTL counts down between two snapshots: that alone is not "something changed".
@Suite struct IncidentalChangeTests {
    @Test func onlyTTLsMovedIsNoChange() throws {
        let old = HealthyExample.snapshot()
        var new = HealthyExample.snapshot()
        Edit.dns(&new) { d in
            for i in d.hosts.indices {
                for r in d.hosts[i].a.records.indices { d.hosts[i].a.records[r].ttl -= 120 }
            }
        }
        let d = SnapshotDiffer(p95BudgetMs: 500).diff(old: old, oldName: "old.json", new: new, newName: "new.json")
        #expect(!d.changes.isEmpty && d.changes.allSatisfy { $0.incidental == true && $0.note == "TTL only" }, "\(d.changes)")
        #expect(d.isEmpty && d.substantive.isEmpty)
        let text = DiffText(format: .text).render(d)
        #expect(text.contains("No changes in the layers compared (4 incidental changes below: TTLs, values reached another way)."), "\(text)")
        // A value change next to them still counts.
        Edit.dns(&new) { d in d.hosts[0].a.records[0].value = "192.0.2.250" }
        let real = SnapshotDiffer(p95BudgetMs: 500).diff(old: old, oldName: "old.json", new: new, newName: "new.json")
        #expect(!real.isEmpty && real.substantive.count == 1, "\(real.substantive)")
    }
}

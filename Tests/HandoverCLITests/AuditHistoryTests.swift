import Foundation
import HandoverApp
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverStore
import HandoverAudit
import HandoverFixtures

/// The last known good of a new snapshot's audit: the newest stored good audit, found by reading back only as far
/// as a stored audit that already answers it.
@Suite struct AuditHistoryTests {
    @Test func theLastKnownGoodIsCarriedFromTheNewestStoredAudit() throws {
        let dir = TempDirectory("handover-known-good")
        let store = SnapshotStore(directory: dir.file("snapshots"))
        let service = AuditService(manifest: nil, store: store)
        func snapshot(_ minutes: Int, broken: Bool) -> Snapshot {
            var s = HealthyExample.snapshot()
            s.createdAt = HealthyExample.now.addingTimeInterval(TimeInterval(minutes * 60))
            if broken { Edit.dns(&s) { $0.hosts[0].a = DNSResponse(outcome: .nxdomain) } }  // dns.host-missing, high
            return s
        }
        func take(_ minutes: Int, broken: Bool) throws -> StoredSnapshot {
            var s = snapshot(minutes, broken: broken)
            s.audit = .collected(service.audit(s, before: try store.list()))
            return try store.write(s)
        }
        let good = try take(0, broken: false)
        let bad1 = try take(1, broken: true)
        let bad2 = try take(2, broken: true)
        #expect(try store.load(good).audit.collectedValue?.isGood == true)
        #expect(try store.load(bad2).audit.collectedValue?.lastKnownGood?.snapshot == good.name)

        // The middle file edited by hand to claim a good audit: reading back through history would now answer bad1;
        // the newest stored audit already answers, so bad1 is not read.
        var tampered = try store.load(bad1)
        tampered.audit = try store.load(good).audit
        try CanonicalJSON.encode(tampered).write(to: bad1.url)
        let next = snapshot(3, broken: true)
        #expect(service.audit(next, before: try store.list()).lastKnownGood?.snapshot == good.name)

        // When the known good it names is no longer stored (pruned), history is read again.
        try FileManager.default.removeItem(at: good.url)
        #expect(service.audit(next, before: try store.list()).lastKnownGood?.snapshot == bad1.name)
    }

    @Test func aProjectThatWasNeverGoodDoesNotReadItsHistory() throws {
        let dir = TempDirectory("handover-never-good")
        let store = SnapshotStore(directory: dir.file("snapshots"))
        let service = AuditService(manifest: nil, store: store)
        var stored: [StoredSnapshot] = []
        for minute in 0..<3 {
            var s = HealthyExample.snapshot()
            s.createdAt = HealthyExample.now.addingTimeInterval(TimeInterval(minute * 60))
            Edit.dns(&s) { $0.hosts[0].a = DNSResponse(outcome: .nxdomain) }
            s.audit = .collected(service.audit(s, before: try store.list()))
            #expect(s.audit.collectedValue?.lastKnownGood == nil)
            stored.append(try store.write(s))
        }
        // The oldest file claims a good audit now; the newest stored audit says none was ever good, and is believed.
        var tampered = try store.load(stored[0])
        tampered.audit = .collected(Auditor().audit(AuditContext(snapshot: HealthyExample.snapshot(), now: HealthyExample.now)))
        try CanonicalJSON.encode(tampered).write(to: stored[0].url)
        var next = HealthyExample.snapshot()
        Edit.dns(&next) { $0.hosts[0].a = DNSResponse(outcome: .nxdomain) }
        next.createdAt = HealthyExample.now.addingTimeInterval(600)
        #expect(service.audit(next, before: try store.list()).lastKnownGood == nil)
    }
}

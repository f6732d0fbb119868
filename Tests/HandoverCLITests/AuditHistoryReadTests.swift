import Foundation
import HandoverTestSupport
import Testing
import HandoverApp
import HandoverAudit
import HandoverFixtures
import HandoverModel
import HandoverStore

/// The audit of a new snapshot reads the snapshots before it without their DNS, TLS, HTTP and RDAP sections
/// (`AuditService.unreadOfHistory`); what it compares must still be read.
@Suite struct AuditHistoryReadTests {
    @Test func unreadSectionsAreSkippedAndTheRestIsAsDecodedWhole() throws {
        let snapshot = HealthyExample.snapshot()
        let data = try CanonicalJSON.encode(snapshot)
        let whole = try SnapshotStore.decode(data, path: "whole.json")
        let light = try SnapshotStore.decode(data, path: "light.json", unread: AuditService.unreadOfHistory)
        #expect(whole == snapshot)
        for name in [SectionName.dns, .tls, .http, .registration] {
            #expect(whole.section(name)?.status == .collected, "\(name) is in the example")
            #expect(light.section(name)?.status == .skipped && light.section(name)?.reason == Snapshot.unreadReason, "\(name)")
        }
        #expect(light.email == whole.email && light.audit == whole.audit && light.git == whole.git && light.env == whole.env)
        #expect(light.secrets == whole.secrets && light.createdAt == whole.createdAt)
    }

    /// A DMARC policy weakened since the previous snapshot is found although that snapshot is read without its
    /// unread sections.
    @Test func theAuditStillComparesThePreviousEmail() throws {
        let dir = TempDirectory()
        let store = SnapshotStore(directory: dir.file("snapshots"))
        var before = HealthyExample.snapshot()
        before.createdAt = before.createdAt.addingTimeInterval(-86_400)
        #expect(before.email.collectedValue?.domains.first?.dmarc.record?.policy == .reject, "the example's DMARC policy")
        _ = try store.write(before)
        var after = HealthyExample.snapshot()
        Edit.email(&after) { $0.dmarc.record?.policy = .quarantine }
        let report = AuditService(manifest: nil, store: store).audit(after, before: try store.list())
        #expect(report.findings.contains { $0.id == "email.dmarc-weakened" }, "\(report.findings.map(\.id))")
    }
}

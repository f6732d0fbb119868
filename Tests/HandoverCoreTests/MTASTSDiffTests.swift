import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverAudit
@testable import HandoverDiff
@testable import HandoverFixtures

/// `diff` on MTA-STS: the mode senders apply is ranked (a move down weakens), and a changed MX list is a change.
@Suite struct MTASTSDiffTests {
    func change(_ attribute: String, from old: (inout Snapshot) -> Void, to new: (inout Snapshot) -> Void) -> Change? {
        var (a, b) = (HealthyExample.snapshot(), HealthyExample.snapshot())
        old(&a)
        new(&b)
        return SnapshotDiffer(p95BudgetMs: 500).diff(old: a, oldName: "old.json", new: b, newName: "new.json")
            .changes.first { $0.attribute == attribute }
    }

    static let testing = Edit.mtaSTSPolicy.replacingOccurrences(of: "mode: enforce", with: "mode: testing")

    @Test func theModeIsRanked() {
        let down = change("mta-sts.mode", from: { Edit.mtaSTS(&$0) }, to: { Edit.mtaSTS(&$0, body: Self.testing) })
        #expect(down?.impact == .weakens && down?.before == "mode: enforce" && down?.after == "mode: testing", "\(String(describing: down))")
        #expect(change("mta-sts.mode", from: { Edit.mtaSTS(&$0, body: Self.testing) }, to: { Edit.mtaSTS(&$0) })?.impact == .strengthens)
        // A policy that stops verifying is no policy: weaker than testing.
        let broken = change("mta-sts.mode", from: { Edit.mtaSTS(&$0, body: Self.testing) },
                            to: { Edit.mtaSTS(&$0) { r in r.fetch?.outcome = .tlsFailed; r.fetch?.certificateVerified = false } })
        #expect(broken?.impact == .weakens && broken?.after == "no usable policy")
    }

    @Test func aChangedMXListIsAChangeAndOldSnapshotsHaveNoMTASTSFacts() {
        let mx = change("mta-sts.policy", from: { Edit.mtaSTS(&$0) },
                        to: { Edit.mtaSTS(&$0, body: "version: STSv1\nmode: enforce\nmx: aspmx.l.google.com\nmax_age: 604800\n") })
        #expect(mx?.after == "mx aspmx.l.google.com; max_age 604800", "\(String(describing: mx))")
        #expect(change("mta-sts.mode", from: { _ in }, to: { _ in }) == nil)
    }
}

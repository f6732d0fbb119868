import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverAudit
@testable import HandoverDiff
@testable import HandoverFixtures

/// Whether a change weakens or strengthens comes from the facts' typed standing, never from their display text:
/// each scale below is edited in the snapshot, and the change must say which way it went.
@Suite struct DiffImpactTests {
    func change(_ attribute: String, from old: (inout Snapshot) -> Void = { _ in }, to new: (inout Snapshot) -> Void) -> Change? {
        var (a, b) = (HealthyExample.snapshot(), HealthyExample.snapshot())
        old(&a)
        new(&b)
        let diff = SnapshotDiffer(p95BudgetMs: 500).diff(old: a, oldName: "old.json", new: b, newName: "new.json")
        return diff.changes.first { $0.attribute == attribute }
    }

    @Test func dmarcPolicyRanksNoneQuarantineReject() {
        let down = change("dmarc.policy", from: { s in Edit.email(&s) { $0.dmarc.record?.policy = .reject } },
                          to: { s in Edit.email(&s) { $0.dmarc.record?.policy = .none } })
        #expect(down?.impact == .weakens)
        let up = change("dmarc.policy", from: { s in Edit.email(&s) { $0.dmarc.record?.policy = .none } },
                        to: { s in Edit.email(&s) { $0.dmarc.record?.policy = .quarantine } })
        #expect(up?.impact == .strengthens)
    }

    @Test func spfRanksItsAllQualifier() {
        func record(_ all: String) -> (inout Snapshot) -> Void {
            { s in Edit.email(&s) { $0.spf.tree.records = ["v=spf1 include:_spf.google.com \(all)"] } }
        }
        #expect(change("spf", from: record("-all"), to: record("~all"))?.impact == .weakens)
        #expect(change("spf", from: record("?all"), to: record("-all"))?.impact == .strengthens)
        #expect(change("spf", from: record("~all"), to: record("+all"))?.impact == .weakens)
        // No `all` at all ends in neutral, like `?all`: the same strength.
        #expect(change("spf", from: record("?all"), to: { s in Edit.email(&s) { $0.spf.tree.records = ["v=spf1 mx"] } })?.impact == .neutral)
    }

    @Test func aSmallerOrRevokedDKIMKeyWeakens() {
        #expect(change("dkim", to: { s in Edit.email(&s) { $0.dkim[0].record?.keyBits = 1024 } })?.impact == .weakens)
        #expect(change("dkim", to: { s in Edit.email(&s) { $0.dkim[0].record?.revoked = true } })?.impact == .weakens)
    }

    @Test func anOlderTLSVersionWeakens() {
        #expect(change("version", to: { s in Edit.tls(&s) { $0.tlsVersion = "TLSv1.2" } })?.impact == .weakens)
        #expect(change("version", from: { s in Edit.tls(&s) { $0.tlsVersion = "TLSv1.2" } }, to: { _ in })?.impact == .strengthens)
    }

    @Test func hstsSwitchedOffOrShortenedWeakens() {
        let header = "header Strict-Transport-Security"
        func hsts(_ maxAge: Int?, subdomains: Bool = false) -> (inout Snapshot) -> Void {
            { s in Edit.http(&s) { $0.securityHeaders[0].hsts = .init(maxAge: maxAge, includeSubDomains: subdomains, preload: false) } }
        }
        #expect(change(header, from: hsts(31_536_000), to: hsts(0))?.impact == .weakens)
        #expect(change(header, from: hsts(31_536_000), to: hsts(86_400))?.impact == .weakens)
        #expect(change(header, from: hsts(31_536_000), to: hsts(31_536_000, subdomains: true))?.impact == .strengthens)
        #expect(change(header, from: hsts(31_536_000), to: { s in Edit.http(&s) { $0.securityHeaders[0].hsts = nil } })?.impact == .weakens)
    }

    @Test func aChainThatNoLongerEndsInASuccessWeakens() {
        let broken = change("https://", to: { s in Edit.http(&s) { h in
            let last = h.hosts[0].https.hops.count - 1
            h.hosts[0].https.hops[last].status = 503
        } })
        #expect(broken?.impact == .weakens)
    }

    @Test func brokenTrustWeakensAndSaysSo() {
        let broken = change("trust", to: { s in Edit.leaf(&s) { $0.subjectAlternativeNames = ["other.example"] } })
        #expect(broken?.impact == .weakens)
        #expect(broken?.note == "broken")
    }
}

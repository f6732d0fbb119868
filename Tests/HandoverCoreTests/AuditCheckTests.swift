import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect
@testable import HandoverAudit
@testable import HandoverFixtures

/// The check registry: ids unique and documented, and every check's examples behave. The examples are the tests.
@Suite struct AuditCheckTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The healthy example changed as the example says (and its previous snapshot, when it has one).
    func context(_ example: CheckExample) -> AuditContext {
        var snapshot = HealthyExample.snapshot()
        example.change(&snapshot)
        var previous: Snapshot?
        if let change = example.previous {
            var base = HealthyExample.snapshot()
            change(&base)
            previous = base
        }
        return AuditContext(snapshot: snapshot, previous: previous, now: HealthyExample.now)
    }

    func run(_ check: any AuditCheck.Type, _ example: CheckExample) -> [Observation] { check.observe(context(example)) }

    @Test func theHealthyExampleDecodesAndTriggersNothing() {
        let snapshot = HealthyExample.snapshot()
        #expect(snapshot.project == "Acme")
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.fingerprint))")
        #expect(report.notChecked.isEmpty, "\(report.notChecked)")
    }

    /// The examples live with the checks, which do not link the healthy example: its moment and its DKIM key are
    /// restated there, and must stay the example's own.
    @Test func theExamplesMomentAndKeyAreTheHealthyExamples() {
        let snapshot = HealthyExample.snapshot()
        #expect(snapshot.createdAt == CheckExample.now)
        let key = snapshot.email.data?.domains.first?.dkim.first?.record?.tags.first { $0.name == "p" }?.value
        #expect(key == Edit.rsa2048)
        #expect(DKIMRecord(parsing: "v=DKIM1; k=rsa; p=\(Edit.rsa2048)").keyBits == 2048)
    }

    @Test func idsAreUniqueSortedAndDocumented() throws {
        let ids = Auditor.checks.map { $0.id }
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        let readme = try String(contentsOf: Self.readme, encoding: .utf8)
        for check in Auditor.checks {
            #expect(readme.contains("| `\(check.id)` | \(check.severity.rawValue) |"), "README check table lacks \(check.id)")
            #expect(!check.title.isEmpty && !check.impact.isEmpty && !check.remediation.isEmpty && !check.reference.isEmpty)
            #expect(check.examples.contains { $0.triggers } && check.examples.contains { !$0.triggers }, "\(check.id) needs both kinds of example")
        }
    }

    @Test(arguments: Auditor.checks.map { $0.id })
    func examplesBehave(id: String) throws {
        let check = try #require(Auditor.checks.first { $0.id == id })
        let known = Set(Auditor.checks.map { $0.id })
        for example in check.examples {
            let observations = run(check, example)
            #expect(observations.isEmpty != example.triggers, "\(id): “\(example.name)” \(example.triggers ? "must" : "must not") trigger; got \(observations)")
            // The whole audit of the example: exactly this check (when it triggers) and the ones the example names.
            let report = audit(example)
            let expected = Set(example.alsoFires + (example.triggers ? [id] : []))
            #expect(example.alsoFires.allSatisfy(known.contains), "\(id): “\(example.name)” names an unknown check in alsoFires")
            #expect(!example.alsoFires.contains(id), "\(id): “\(example.name)” lists the check itself in alsoFires")
            #expect(Set(report.findings.map(\.id)) == expected,
                    "\(id): “\(example.name)” fires \(report.findings.map(\.fingerprint)), expected exactly \(expected.sorted())")
            guard example.triggers else { continue }
            let severity = example.severity ?? check.severity
            let own = report.findings.filter { $0.id == id }
            #expect(!own.isEmpty && own.allSatisfy { $0.severity == severity },
                    "\(id): “\(example.name)” must be \(severity.rawValue); got \(own.map { "\($0.subject): \($0.severity.rawValue)" })")
            // A severity named in the example's name is a promise the example keeps.
            for level in Severity.ranked where example.name.contains("(\(level.rawValue)") {
                #expect(level == severity, "\(id): “\(example.name)” names \(level.rawValue) but expects \(severity.rawValue)")
            }
        }
    }

    func audit(_ example: CheckExample) -> AuditReport { Auditor().audit(context(example)) }

    @Test func aCheckWhoseSectionWasNotCollectedReportsNothing() {
        var snapshot = HealthyExample.snapshot()
        snapshot.tls = .failed("deadline")
        Edit.leaf(&snapshot) { $0.notAfter = HealthyExample.now - Edit.day }
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        #expect(!report.findings.contains { $0.id.hasPrefix("tls.") })
        #expect(report.notChecked.contains { $0.check == "tls.certificate-expired" && $0.reason == "section `tls` was failed" })
    }

    @Test func statusesAgainstThePreviousAuditAndWaivers() {
        var broken = HealthyExample.snapshot()
        Edit.email(&broken) { $0.dmarc.record?.policy = DMARCRecord.Policy.none }
        Edit.git(&broken) { $0.dirty?.modified = 1 }
        let first = Auditor().audit(AuditContext(snapshot: broken, now: HealthyExample.now))
        #expect(first.findings.map(\.status) == [.new, .new])
        let second = Auditor().audit(AuditContext(snapshot: broken, now: HealthyExample.now), previousReport: first)
        #expect(second.findings.map(\.status) == [.open, .open])
        var fixed = broken
        Edit.git(&fixed) { $0.dirty?.modified = 0 }
        let third = Auditor().audit(AuditContext(snapshot: fixed, now: HealthyExample.now), previousReport: second)
        #expect(third.resolved.map(\.fingerprint) == ["deploy.dirty-tree|repo"])
        #expect(third.everResolved == ["deploy.dirty-tree|repo"])
        let fourth = Auditor().audit(AuditContext(snapshot: broken, now: HealthyExample.now), previousReport: third)
        #expect(fourth.findings.first { $0.id == "deploy.dirty-tree" }?.status == .regressed)

        let live = Waiver(id: "email.dmarc-policy-none", subject: "domain:acme.example", fingerprint: nil, reason: "ramping up",
                          owner: "Jo", until: "2026-12-31", line: 1)
        let accepted = Auditor(waivers: [live]).audit(AuditContext(snapshot: broken, now: HealthyExample.now))
        let dmarc = accepted.findings.first { $0.id == "email.dmarc-policy-none" }
        #expect(dmarc?.status == .accepted && dmarc?.acceptance?.expired == false && dmarc?.counts == false)
        var expired = live
        expired.until = "2026-11-30"
        let again = Auditor(waivers: [expired]).audit(AuditContext(snapshot: broken, now: HealthyExample.now))
        let counted = again.findings.first { $0.id == "email.dmarc-policy-none" }
        #expect(counted?.status == .new && counted?.acceptance?.expired == true && counted?.counts == true)
    }

    @Test func lastKnownGoodAndRollbackTarget() {
        var good = HealthyExample.snapshot()
        good.audit = .collected(Auditor().audit(AuditContext(snapshot: good, now: HealthyExample.now)))
        var bad = HealthyExample.snapshot()
        Edit.leaf(&bad) { $0.notAfter = HealthyExample.now - Edit.day }
        Edit.git(&bad) { g in g.head.commit?.sha = String(repeating: "b", count: 40) }
        let report = Auditor().audit(AuditContext(snapshot: bad, now: HealthyExample.now), history: [("good.json", good)])
        #expect(report.lastKnownGood?.snapshot == "good.json")
        #expect(report.rollbackTarget?.source == "last-known-good" && report.rollbackTarget?.tag == "v1.2.0")
        let alone = Auditor().audit(AuditContext(snapshot: bad, now: HealthyExample.now))
        #expect(alone.lastKnownGood == nil && alone.rollbackTarget?.source == "release-tag")
    }
}

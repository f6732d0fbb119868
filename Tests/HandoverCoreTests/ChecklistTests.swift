import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect
@testable import HandoverAudit
@testable import HandoverDocuments
@testable import HandoverFixtures

/// The checklist's marks: ✅ only on positive evidence, ❌ for a counted finding, ⚠️ for a waived one, ❔ for nothing to judge.
@Suite struct ChecklistTests {
    func item(_ title: String, _ s: Snapshot, waivers: [Waiver] = []) throws -> DocumentContext.CheckItem {
        let report = Auditor(waivers: waivers).audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let items = ChecklistBuilder.areas(s, audit: report, manifest: nil).flatMap(\.items)
        return try #require(items.first { $0.title.hasPrefix(title) }, "no item \(title)")
    }

    @Test func theHealthyExampleTicksEveryItemWithItsEvidence() throws {
        let s = HealthyExample.snapshot()
        let report = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let items = ChecklistBuilder.areas(s, audit: report, manifest: nil).flatMap(\.items)
        #expect(items.count == 23)
        let notTicked = items.filter { $0.mark != "✅" }.map { "\($0.title): \($0.mark) \($0.evidence)" }
        // The healthy example's code reads were not scanned: that item has nothing to stand on.
        #expect(notTicked == ["production defines every variable the code reads, with real values: ❔ the code's env reads were not scanned",
                              "the rollback command is written down: ❌ no `rollback.command` in the manifest"], "\(notTicked)")
    }

    @Test func aWaivedFindingIsAcceptedNotPassed() throws {
        var s = HealthyExample.snapshot()
        Edit.email(&s) { $0.dmarc.record?.policy = DMARCRecord.Policy.none }
        let waiver = Waiver(id: "email.dmarc-policy-none", subject: nil, fingerprint: nil, reason: "ramping up", owner: "Jo Doe",
                            until: "2026-12-31", line: 3)
        let dmarc = try item("DMARC enforces", s, waivers: [waiver])
        #expect(dmarc.mark == "⚠️" && !dmarc.ok)
        #expect(dmarc.evidence == "domain:acme.example: p=none (accepted until 2026-12-31 by Jo Doe: ramping up)", "\(dmarc.evidence)")
        let expired = Waiver(id: "email.dmarc-policy-none", subject: nil, fingerprint: nil, reason: "ramping up", owner: nil, until: "2026-11-30", line: 3)
        #expect(try item("DMARC enforces", s, waivers: [expired]).mark == "❌")
    }

    @Test func anOptionalVariableLeftOutIsANoteNotAFailure() throws {
        var s = HealthyExample.snapshot()
        s.env.data?.environments[0].missingFromReference = ["POSTHOG_HOST"]
        s.env.data?.referenceOptional = [EnvOptionalName(name: "POSTHOG_HOST", marker: .comment, location: ".env.example:7")]
        let reference = try item("production defines every variable of the reference file", s)
        #expect(reference.mark == "✅", "\(reference.evidence)")
        #expect(reference.evidence.contains("1 optional name left out: POSTHOG_HOST"), "\(reference.evidence)")
        // The same name, not marked optional: a counted high.
        s.env.data?.referenceOptional = []
        #expect(try item("production defines every variable of the reference file", s).mark == "❌")
    }

    /// A name both listed and read is one finding (`env.missing-in-production`), and it fails both env items; a listed
    /// name only tests read fails only the reference item.
    @Test func oneMissingNameTheCodeReadsFailsBothEnvItems() throws {
        var s = HealthyExample.snapshot()
        Edit.codeReads(&s, ["STRIPE_WEBHOOK_SECRET": [CodeRead(location: "src/billing.ts:4", place: .production)],
                            "E2E_PASSWORD": [CodeRead(location: "e2e/login.spec.ts:3", place: .test)]])
        s.env.data?.environments[0].missingFromReference = ["STRIPE_WEBHOOK_SECRET"]
        let report = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let env = report.findings.filter { $0.id.hasPrefix("env.") }.map { "\($0.id) \($0.subject)" }
        #expect(env == ["env.missing-in-production env:production/STRIPE_WEBHOOK_SECRET"], "\(env)")
        let reads = try item("production defines every variable the code reads", s)
        #expect(reads.mark == "❌" && reads.evidence.hasPrefix("env:production/STRIPE_WEBHOOK_SECRET: in the reference file"), "\(reads.evidence)")
        #expect(try item("production defines every variable of the reference file", s).mark == "❌")

        s.env.data?.environments[0].missingFromReference = ["E2E_PASSWORD"]
        Edit.codeReads(&s, ["E2E_PASSWORD": [CodeRead(location: "e2e/login.spec.ts:3", place: .test)]])
        let testOnly = try item("production defines every variable the code reads", s)
        #expect(testOnly.mark == "✅" && !testOnly.evidence.contains("E2E_PASSWORD"), "\(testOnly.evidence)")
    }

    /// Names the platform sets and names only a library reads by convention are not "variables the code reads": a
    /// listed one left out fails the reference item only (a review of rules .49 found the code-reads item failing).
    @Test func platformAndLibraryNamesDoNotFailTheCodeReadsItem() throws {
        var s = HealthyExample.snapshot()
        Edit.codeReads(&s, ["PORT": [CodeRead(location: "src/server.ts:1", place: .production)],
                            "BLOB_READ_WRITE_TOKEN": [CodeRead(location: "src/upload.ts:1", place: .production, library: "@vercel/blob")]])
        s.env.data?.environments[0].missingFromReference = ["BLOB_READ_WRITE_TOKEN", "PORT"]
        let reads = try item("production defines every variable the code reads", s)
        #expect(reads.mark == "✅", "\(reads.evidence)")
        #expect(try item("production defines every variable of the reference file", s).mark == "❌")
    }

    /// A waiver written for `env.referenced-missing` before .49 still covers the name, now `env.missing-in-production`'s.
    @Test func aReferencedMissingWaiverCoversTheMergedFinding() throws {
        var s = HealthyExample.snapshot()
        Edit.codeReads(&s, ["REDIS_URL": [CodeRead(location: "src/queue.ts:3", place: .production)]])
        s.env.data?.environments[0].missingFromReference = ["REDIS_URL"]
        let waiver = Waiver(id: "env.referenced-missing", subject: "env:production/REDIS_URL", fingerprint: nil, reason: "queue not live yet",
                            owner: "Jo Doe", until: "2026-12-31", line: 3)
        #expect(try item("production defines every variable the code reads", s, waivers: [waiver]).mark == "⚠️")
        // by subject only: a waiver of every env.referenced-missing finding does not reach the other check
        let broad = Waiver(id: "env.referenced-missing", subject: nil, fingerprint: nil, reason: "all", owner: nil, until: "2026-12-31", line: 3)
        #expect(try item("production defines every variable the code reads", s, waivers: [broad]).mark == "❌")
    }

    @Test func withoutAProductionInventoryNothingIsCalledMissing() throws {
        var s = HealthyExample.snapshot()
        s.env.data?.environments[0].files = []
        s.env.data?.environments[0].variables = []
        let names = s.env.data?.referenceNames ?? []
        s.env.data?.environments[0].missingFromReference = names
        let report = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let env = report.findings.filter { $0.id.hasPrefix("env.") }.map { "\($0.id) \($0.subject)" }
        #expect(env == ["env.production-inventory-missing env:production"], "\(env)")
        #expect(try item("production defines every variable of the reference file", s).mark == "❌")
    }

    @Test func emptyDeclarationsAreNotCovered() throws {
        var s = HealthyExample.snapshot()
        s.monitoring.data = []
        s.critical.data = []
        let covered = try item("every critical endpoint is monitored", s)
        #expect(covered.mark == "❌" && covered.evidence.contains("monitoring: `monitoring:` in the manifest lists no monitor"), "\(covered.evidence)")
        #expect(covered.evidence.contains("critical: `critical:` in the manifest lists no endpoint"), "\(covered.evidence)")
        let alerts = try item("monitors alert within 2 minutes", s)
        #expect(alerts.mark == "❌", "\(alerts.evidence)")
    }

    @Test func nothingObservedIsUnknown() throws {
        var s = HealthyExample.snapshot()
        Edit.http(&s) { $0.hosts = []; $0.endpoints = []; $0.deployments = [] }
        s.tls.data?.hosts = []
        for title in ["http redirects to https", "health and critical endpoints", "the live version is known", "every certificate is trusted",
                      "no certificate expires"] {
            let entry = try item(title, s)
            #expect(entry.mark == "❔", "\(title): \(entry.mark) \(entry.evidence)")
        }
    }
}

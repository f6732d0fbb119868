import Foundation
import HandoverModel
import HandoverManifest

/// Runs every check on a snapshot and turns observations into findings with a status against the previous
/// audit, waivers from the manifest, the last known good snapshot and the rollback target.
package struct Auditor: Sendable {
    /// Bumped whenever a check is added, removed or changes what it reports.
    package static let rulesVersion = "2026.12.107"

    /// Every check, sorted by id.
    package static let checks: [any AuditCheck.Type] = [
        CAAForbidsIssuerCheck.self, CAAIssuerUnknownCheck.self, CAAMissingCheck.self, DNSDanglingCNAMECheck.self, DNSExpectationCheck.self,
        DNSHostMissingCheck.self, DNSUnansweredCheck.self, MXTargetCheck.self, RegistrationExpiringCheck.self,
        DeployDirtyTreeCheck.self, DeployHeadNotReleasedCheck.self, DeployNoRollbackTargetCheck.self,
        DeployVersionNotOnBranchCheck.self, DeployVersionUnknownCheck.self,
        DKIMInvalidCheck.self, DKIMMissingCheck.self, DKIMRevokedCheck.self, DKIMTestingCheck.self, DKIMWeakKeyCheck.self, DMARCExternalUnauthorizedCheck.self,
        DMARCInvalidCheck.self, DMARCMissingCheck.self, DMARCNoRUACheck.self, DMARCPartialCheck.self, DMARCPolicyNoneCheck.self,
        DMARCSubdomainWeakerCheck.self, DMARCWeakenedCheck.self,
        MTASTSMXNotCoveredCheck.self, MTASTSNoneCheck.self, MTASTSPolicyUnusableCheck.self, MTASTSTestingCheck.self,
        SPFLookupLimitCheck.self, SPFMissingCheck.self, SPFMultipleCheck.self, SPFNeutralAllCheck.self, SPFPermerrorCheck.self, SPFPlusAllCheck.self,
        SPFVoidLimitCheck.self,
        EnvClientExposedSecretCheck.self, EnvMissingInProductionCheck.self, EnvProductionInventoryMissingCheck.self, EnvReferencedMissingCheck.self, EnvUnreferencedCheck.self,
        EnvValueShapeCheck.self,
        CORSReflectsOriginCheck.self, EndpointFailingCheck.self, EndpointSlowCheck.self, HSTSMissingCheck.self,
        HTTPSDowngradeCheck.self, NoHTTPSRedirectCheck.self, NotCanonicalCheck.self, RedirectLoopCheck.self,
        RedirectMismatchCheck.self,
        CriticalNoneDeclaredCheck.self, MonitorDeadLinkCheck.self, MonitorIntervalCheck.self, MonitorNoneDeclaredCheck.self, UnmonitoredCriticalCheck.self,
        OwnerMissingCheck.self, OwnerReviewStaleCheck.self, OwnersBusFactorOneCheck.self, OwnersCriticalPathUnownedCheck.self,
        CertificateExpiredCheck.self, CertificateExpiringCheck.self, CertificateNotYetValidCheck.self,
        CertificateSelfSignedCheck.self, CertificateUntrustedCheck.self, HostnameMismatchCheck.self,
        NoRenewalEvidenceCheck.self, TLSUnreachableCheck.self,
        SecretCommittedCheck.self, SecretEnvFileCommittedCheck.self,
    ].sorted { $0.id < $1.id }

    package var waivers: [Waiver]

    package init(waivers: [Waiver] = []) { self.waivers = waivers }

    /// - Parameters:
    ///   - previousReport: the audit stored in (or recomputed for) the previous snapshot.
    ///   - history: earlier stored snapshots, oldest first, for the last known good.
    ///   - carriedKnownGood: the last known good an earlier stored audit found, used when `history` holds no good one.
    package func audit(_ context: AuditContext, previousReport: AuditReport? = nil,
                      history: [(name: String, snapshot: Snapshot)] = [], carriedKnownGood: AuditReport.KnownGood? = nil) -> AuditReport {
        var byFingerprint: [String: Finding] = [:]
        var notChecked: [AuditReport.NotChecked] = []
        var ran: Set<String> = []
        for check in Self.checks {
            if let missing = check.sections.first(where: { context.snapshot.section($0)?.status != .collected }) {
                let status = context.snapshot.section(missing)?.status.rawValue ?? "absent"
                notChecked.append(.init(check: check.id, reason: "section `\(missing.rawValue)` was \(status)"))
                continue
            }
            ran.insert(check.id)
            for observation in check.observe(context) {
                // Evidence sorted: the same snapshot with its arrays in another order gives the same finding.
                let finding = Finding(id: check.id, severity: observation.severity ?? check.severity, subject: observation.subject,
                                      title: check.title, impact: check.impact, evidence: observation.evidence.sorted(),
                                      remediation: check.remediation, reference: check.reference)
                if let existing = byFingerprint[finding.fingerprint], !(finding.severity < existing.severity) {
                    byFingerprint[finding.fingerprint]?.evidence = Array(Set(existing.evidence + finding.evidence)).sorted()
                    continue
                }
                byFingerprint[finding.fingerprint] = finding
            }
        }
        let previousOpen = Set(previousReport?.findings.map(\.fingerprint) ?? [])
        let everResolved = Set(previousReport?.everResolved ?? [])
        let today = Timestamp.day(context.now)
        var findings: [Finding] = []
        for var finding in byFingerprint.values {
            finding.status = previousOpen.contains(finding.fingerprint) ? .open : everResolved.contains(finding.fingerprint) ? .regressed : .new
            if let waiver = waivers.first(where: { Self.covers($0, finding) }) {
                let expired = waiver.until < today
                finding.acceptance = .init(reason: waiver.reason, owner: waiver.owner, until: waiver.until, expired: expired)
                if !expired { finding.status = .accepted }
            }
            findings.append(finding)
        }
        findings.sort(by: Finding.ordered)
        let current = Set(findings.map(\.fingerprint))
        let resolved = (previousReport?.findings ?? [])
            .filter { !current.contains($0.fingerprint) && ran.contains($0.id) }
            .map { finding -> Finding in
                var finding = finding
                finding.status = .resolved
                return finding
            }
            .sorted(by: Finding.ordered)
        let nowResolved = everResolved.union(resolved.map(\.fingerprint)).subtracting(current)
        let lastKnownGood = history.reversed().first { $0.snapshot.audit.collectedValue?.isGood == true }.map { entry in
            AuditReport.KnownGood(snapshot: entry.name, createdAt: entry.snapshot.createdAt,
                                  commit: entry.snapshot.git.data?.head.commit?.sha, tag: Self.tagAtHead(entry.snapshot))
        } ?? carriedKnownGood
        return AuditReport(rulesVersion: Self.rulesVersion, findings: findings, resolved: resolved, everResolved: nowResolved.sorted(),
                           notChecked: notChecked, lastKnownGood: lastKnownGood,
                           rollbackTarget: Self.rollbackTarget(context.snapshot, lastKnownGood: lastKnownGood))
    }

    /// A waiver covers a finding with its id and its subject or fingerprint; one with neither covers every subject. Since
    /// rules 2026.12.49 a name the reference file lists is `env.missing-in-production`'s alone: a waiver written for its
    /// `env.referenced-missing` finding, by subject, still covers it.
    static func covers(_ waiver: Waiver, _ finding: Finding) -> Bool {
        if waiver.id == EnvReferencedMissingCheck.id, finding.id == EnvMissingInProductionCheck.id, let subject = waiver.subject {
            return subject == finding.subject
        }
        guard waiver.id == finding.id else { return false }
        if let fingerprint = waiver.fingerprint { return fingerprint == finding.fingerprint }
        if let subject = waiver.subject { return subject == finding.subject }
        return true
    }

    static func tagAtHead(_ s: Snapshot) -> String? {
        guard let git = s.git.data, let head = git.head.commit?.sha else { return nil }
        return git.releaseTags.first { $0.commit == head }?.name
    }

    /// The last known good deploy when it differs from what runs now; else the newest release tag not at HEAD.
    static func rollbackTarget(_ s: Snapshot, lastKnownGood: AuditReport.KnownGood?) -> AuditReport.RollbackTarget? {
        let head = s.git.data?.head.commit?.sha
        if let good = lastKnownGood, let commit = good.commit, commit != head {
            return .init(commit: commit, tag: good.tag, source: "last-known-good")
        }
        guard let git = s.git.data, let headDate = git.head.commit?.date,
              let tag = git.releaseTags.first(where: { $0.commit != head && $0.date <= headDate }) else { return nil }
        return .init(commit: tag.commit, tag: tag.name, source: "release-tag")
    }
}

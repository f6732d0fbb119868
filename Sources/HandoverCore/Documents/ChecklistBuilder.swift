import Foundation

/// The handover checklist: each item ticked from observed facts (an item holds when none of its checks has a
/// counted finding), with the evidence beside it; manual items come from the manifest's `checklist`.
enum ChecklistBuilder {
    struct Item {
        var title: String
        /// The audit checks whose findings make the item fail.
        var checks: [String]
        /// Sections the item needs; without them it is "not checked".
        var sections: [SectionName]
        var okEvidence: String
    }

    static let areas: [(String, [Item])] = [
        ("Domains", [
            Item(title: "apex, www, app and api resolve", checks: ["dns.host-missing", "dns.unanswered"], sections: [.dns], okEvidence: "every host has an address"),
            Item(title: "records point where the manifest expects", checks: ["dns.expectation-mismatch"], sections: [.dns], okEvidence: "all expectations match"),
            Item(title: "registration more than 30 days from expiry", checks: ["dns.registration-expiring"], sections: [.registration], okEvidence: "no registration expires within 30 days"),
            Item(title: "CAA allows the CA that serves the certificates", checks: ["dns.caa-missing", "dns.caa-forbids-issuer"], sections: [.dns, .tls], okEvidence: "CAA present and allowing the issuer"),
        ]),
        ("Certificates", [
            Item(title: "every certificate is trusted", checks: ["tls.certificate-expired", "tls.certificate-not-yet-valid", "tls.certificate-self-signed", "tls.certificate-untrusted", "tls.hostname-mismatch", "tls.unreachable"], sections: [.tls], okEvidence: "all handshakes trusted"),
            Item(title: "no certificate expires within the thresholds, renewal is automatic", checks: ["tls.certificate-expiring", "tls.no-renewal-evidence"], sections: [.tls], okEvidence: "renewals on schedule"),
        ]),
        ("Deployments", [
            Item(title: "the live version is known and on its branch", checks: ["deploy.version-unknown", "deploy.version-not-on-branch"], sections: [.http], okEvidence: "live version matches git"),
            Item(title: "deploys come from a clean, tagged tree", checks: ["deploy.dirty-tree", "deploy.head-not-released"], sections: [.git], okEvidence: "clean tree at a release tag"),
            Item(title: "http redirects to https without loops or downgrades", checks: ["http.no-https-redirect", "http.redirect-loop", "http.https-downgrade"], sections: [.http], okEvidence: "every chain ends on https"),
            Item(title: "health and critical endpoints answer within budget", checks: ["http.endpoint-failing", "http.endpoint-slow"], sections: [.http], okEvidence: "all endpoints 2xx within the p95 budget"),
        ]),
        ("Secrets", [
            Item(title: "production defines every variable of the reference file", checks: ["env.missing-in-production"], sections: [.env], okEvidence: "production is complete"),
            Item(title: "production defines every variable the code reads, with real values", checks: ["env.referenced-missing", "env.value-shape"], sections: [.env], okEvidence: "every referenced name defined, no placeholder or test value"),
            Item(title: "no secret is bundled into client code", checks: ["env.client-exposed-secret"], sections: [.env], okEvidence: "no public-prefixed secret names"),
            Item(title: "zero secrets in the repository history", checks: ["secrets.credential-committed", "secrets.env-file-committed"], sections: [.secrets], okEvidence: "no credential shape or env file in any commit"),
        ]),
        ("Monitoring", [
            Item(title: "every critical endpoint is monitored", checks: ["monitoring.critical-unmonitored"], sections: [.critical, .monitoring], okEvidence: "all covered"),
            Item(title: "monitors alert within 2 minutes and their links work", checks: ["monitoring.interval-too-long", "monitoring.dead-link"], sections: [.monitoring, .http], okEvidence: "intervals ≤ 2 min, links answer"),
        ]),
        ("Email authentication", [
            Item(title: "SPF: one record, under the lookup limits, ending in -all or ~all", checks: ["email.spf-missing", "email.spf-multiple", "email.spf-lookup-limit", "email.spf-void-limit", "email.spf-plus-all", "email.spf-neutral-all"], sections: [.email], okEvidence: "SPF valid"),
            Item(title: "DMARC enforces (quarantine or reject) with reports", checks: ["email.dmarc-missing", "email.dmarc-policy-none", "email.dmarc-no-rua", "email.dmarc-weakened"], sections: [.email], okEvidence: "DMARC enforcing"),
            Item(title: "DKIM selectors published with strong keys", checks: ["email.dkim-missing", "email.dkim-revoked", "email.dkim-weak-key"], sections: [.email], okEvidence: "all selectors found, 2048-bit or better"),
        ]),
        ("Rollback", [
            Item(title: "a rollback target exists", checks: ["deploy.no-rollback-target"], sections: [.git], okEvidence: "release tags behind HEAD"),
        ]),
        ("Ownership", [
            Item(title: "registrar, DNS, hosting, email and monitoring each have an owner", checks: ["owners.asset-unowned"], sections: [.owners], okEvidence: "all assets owned"),
            Item(title: "access reviewed within 90 days", checks: ["owners.review-stale"], sections: [.owners], okEvidence: "all reviews recent"),
        ]),
    ]

    static func areas(_ s: Snapshot, audit: AuditReport, manifest: Manifest?) -> [DocumentContext.ChecklistArea] {
        let statuses = Dictionary(s.sectionStatuses.map { ($0.name, $0.status) }, uniquingKeysWith: { a, _ in a })
        var out = areas.map { area, items in
            DocumentContext.ChecklistArea(area: area, anchor: "check-" + DocumentContextBuilder.anchor(area), items: items.map { item in
                if let missing = item.sections.first(where: { statuses[$0] != .collected }) {
                    return .init(title: item.title, ok: false, mark: "❔", evidence: "not checked: section \(missing.rawValue) was not collected")
                }
                let failing = audit.findings.filter { $0.counts && item.checks.contains($0.id) }
                // A history scan that ran out of time has not read everything: what it found counts, its silence does not.
                if failing.isEmpty, item.sections.contains(.secrets), let remaining = s.secrets.data?.commitsRemaining {
                    return .init(title: item.title, ok: false, mark: "❔",
                                 evidence: "not finished: \(Plural.count(remaining, "commit")) of the history still to read (the next snapshot goes on)")
                }
                guard !failing.isEmpty else { return .init(title: item.title, ok: true, mark: "✅", evidence: item.okEvidence) }
                let evidence = failing.map { "\($0.subject): \($0.evidence.first ?? $0.title)" }
                return .init(title: item.title, ok: false, mark: "❌", evidence: evidence.joined(separator: "; "))
            })
        }
        // The rollback command and the manual items.
        if let index = out.firstIndex(where: { $0.area == "Rollback" }) {
            let command = manifest?.rollback?.command
            out[index].items.append(.init(title: "the rollback command is written down", ok: command != nil, mark: command != nil ? "✅" : "❌",
                                          evidence: command ?? "no `rollback.command` in the manifest"))
        }
        let manual = (manifest?.checklist ?? []).map { entry in
            let details = [entry.by.map { "by \($0)" }, entry.on.map { "on \($0)" }, entry.note].compactMap { $0 }.joined(separator: ", ")
            return DocumentContext.CheckItem(title: entry.id.replacingOccurrences(of: "-", with: " "), ok: entry.done, mark: entry.done ? "✅" : "❌",
                                             evidence: details.isEmpty ? (entry.done ? "done" : "not done") : details)
        }
        if !manual.isEmpty { out.append(.init(area: "Manual", anchor: "check-manual", items: manual)) }
        return out
    }
}

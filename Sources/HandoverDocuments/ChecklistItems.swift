import Foundation
import HandoverModel
import HandoverAudit

/// The checklist's items by area: the checks that fail each one and the facts that let it pass.
enum ChecklistItems {
    typealias Item = ChecklistBuilder.Item
    typealias Basis = ChecklistBuilder.Basis

    static let areas: [(String, [Item])] = [
        ("Domains", [
            Item(title: "every host of the manifest resolves", checks: ["dns.host-missing", "dns.unanswered"], sections: [.dns], basis: hostsResolve),
            Item(title: "records point where the manifest expects", checks: ["dns.expectation-mismatch"], sections: [.dns], basis: expectationsMatch),
            Item(title: "registration more than 30 days from expiry", checks: ["dns.registration-expiring"], sections: [.registration], basis: registration),
            Item(title: "CAA allows the CA that serves the certificates", checks: ["dns.caa-missing", "dns.caa-forbids-issuer"], sections: [.dns, .tls], basis: caa),
        ]),
        ("Certificates", [
            Item(title: "every certificate is trusted", checks: ["tls.certificate-expired", "tls.certificate-not-yet-valid", "tls.certificate-self-signed",
                                                              "tls.certificate-untrusted", "tls.hostname-mismatch", "tls.unreachable"],
                 sections: [.tls], basis: trusted),
            Item(title: "no certificate expires within the thresholds, renewal is automatic", checks: ["tls.certificate-expiring", "tls.no-renewal-evidence"],
                 sections: [.tls], basis: expiry),
        ]),
        ("Deployments", [
            Item(title: "the live version is known and on its branch", checks: ["deploy.version-unknown", "deploy.version-not-on-branch"], sections: [.http],
                 basis: liveVersion),
            Item(title: "deploys come from a clean, tagged tree", checks: ["deploy.dirty-tree", "deploy.head-not-released"], sections: [.git], basis: cleanTree),
            Item(title: "http redirects to https without loops or downgrades", checks: ["http.no-https-redirect", "http.redirect-loop", "http.https-downgrade"],
                 sections: [.http], basis: redirects),
            Item(title: "health and critical endpoints answer within budget", checks: ["http.endpoint-failing", "http.endpoint-slow"], sections: [.http],
                 basis: endpoints),
        ]),
        ("Secrets", [
            Item(title: "production defines every variable of the reference file", checks: ["env.missing-in-production", "env.production-inventory-missing"], sections: [.env], basis: referenceComplete),
            Item(title: "production defines every variable the code reads, with real values", checks: ["env.referenced-missing", "env.value-shape"],
                 sections: [.env], basis: referencedDefined, also: missingAndRead),
            Item(title: "no secret is bundled into client code", checks: ["env.client-exposed-secret"], sections: [.env], basis: clientNames),
            Item(title: "zero secrets in the repository history", checks: ["secrets.credential-committed", "secrets.env-file-committed"], sections: [.secrets],
                 basis: history),
        ]),
        ("Monitoring", [
            Item(title: "every critical endpoint is monitored", checks: ["monitoring.critical-unmonitored", "monitoring.no-critical-endpoints", "monitoring.no-monitors"],
                 sections: [.critical, .monitoring], basis: criticalCovered),
            Item(title: "monitors alert within 2 minutes and their links work", checks: ["monitoring.interval-too-long", "monitoring.dead-link", "monitoring.no-monitors"],
                 sections: [.monitoring, .http], basis: monitors),
        ]),
        ("Email authentication", [
            Item(title: "SPF: one valid record, under the lookup limits, ending in -all or ~all",
                 checks: ["email.spf-missing", "email.spf-multiple", "email.spf-permerror", "email.spf-lookup-limit", "email.spf-void-limit", "email.spf-plus-all",
                          "email.spf-neutral-all"], sections: [.email], basis: spf),
            Item(title: "DMARC enforces (quarantine or reject) with reports",
                 checks: ["email.dmarc-missing", "email.dmarc-invalid", "email.dmarc-policy-none", "email.dmarc-sp-weaker", "email.dmarc-pct-below-100",
                          "email.dmarc-no-rua", "email.dmarc-weakened"], sections: [.email], basis: dmarc),
            Item(title: "DKIM selectors published with strong keys",
                 checks: ["email.dkim-missing", "email.dkim-invalid", "email.dkim-revoked", "email.dkim-testing", "email.dkim-weak-key"], sections: [.email],
                 basis: dkim),
        ]),
        ("Rollback", [
            Item(title: "a rollback target exists", checks: ["deploy.no-rollback-target"], sections: [.git], basis: rollbackTarget),
        ]),
        ("Ownership", [
            Item(title: "registrar, DNS, hosting, email and monitoring each have an owner", checks: ["owners.asset-unowned"], sections: [.owners], basis: owned),
            Item(title: "access reviewed within 90 days", checks: ["owners.review-stale"], sections: [.owners], basis: reviewed),
        ]),
    ]

    // MARK: Domains

    static func hostsResolve(_ s: Snapshot, _: AuditReport) -> Basis {
        let hosts = (s.dns.data?.domains ?? []).flatMap(\.hosts)
        guard !hosts.isEmpty else { return .unknown("no host in the snapshot") }
        let silent = hosts.filter { $0.a.records.isEmpty && $0.aaaa.records.isEmpty }
        guard silent.isEmpty else {
            return .unknown("no address known for " + silent.map { "\($0.name) (A: \($0.a.outcome.rawValue))" }.joined(separator: ", "))
        }
        return .evidence("\(Plural.count(hosts.count, "host")) with an address: " + hosts.map(\.name).joined(separator: ", "))
    }

    static func expectationsMatch(_ s: Snapshot, _: AuditReport) -> Basis {
        let expectations = (s.dns.data?.domains ?? []).flatMap(\.expectations)
        guard !expectations.isEmpty else { return .unknown("nothing to compare: no `expect` in the manifest") }
        let unmatched = expectations.filter { $0.verdict != .match }
        guard unmatched.isEmpty else {
            return .unknown("not confirmed: " + unmatched.map { "\($0.host) \($0.type.rawValue) (\($0.verdict.rawValue))" }.joined(separator: ", "))
        }
        return .evidence("\(Plural.count(expectations.count, "expectation")) matched")
    }

    static func registration(_ s: Snapshot, _: AuditReport) -> Basis {
        let domains = s.registration.data?.domains ?? []
        guard !domains.isEmpty else { return .unknown("no domain registration in the snapshot") }
        let unknown = domains.filter { $0.daysLeft(at: s.createdAt) == nil }
        guard unknown.isEmpty else { return .unknown("expiry unknown for " + unknown.map { "\($0.domain) (\($0.outcome.rawValue))" }.joined(separator: ", ")) }
        return .evidence(domains.map { "\($0.domain) expires in \(Plural.count($0.daysLeft(at: s.createdAt) ?? 0, "day"))" }.joined(separator: ", "))
    }

    static func caa(_ s: Snapshot, _: AuditReport) -> Basis {
        let handshakes = (s.tls.data?.hosts ?? []).filter { $0.outcome == .handshake }
        guard !handshakes.isEmpty else { return .unknown("no certificate was served to compare CAA with") }
        let found = (s.dns.data?.domains ?? []).flatMap(\.hosts).filter { !$0.caa.records.isEmpty }
        guard !found.isEmpty else { return .unknown("no CAA record found") }
        let issuers = Set(handshakes.compactMap { $0.leaf?.issuerOrganization ?? $0.leaf?.issuer }).sorted()
        return .evidence("CAA on \(Plural.count(found.count, "host")) allows the issuer of \(Plural.count(handshakes.count, "certificate")) (\(issuers.joined(separator: ", ")))")
    }

    // MARK: Certificates

    static func trusted(_ s: Snapshot, _: AuditReport) -> Basis {
        let hosts = s.tls.data?.hosts ?? []
        guard !hosts.isEmpty else { return .unknown("no TLS host in the snapshot") }
        let unjudged = hosts.filter { $0.outcome != .handshake || $0.verdict(at: s.createdAt)?.trusted != true }
        guard unjudged.isEmpty else { return .unknown("not verified: " + unjudged.map { "\($0.host) (\($0.outcome.rawValue))" }.joined(separator: ", ")) }
        return .evidence("\(Plural.count(hosts.count, "handshake")) verified: " + hosts.map(\.host).joined(separator: ", "))
    }

    static func expiry(_ s: Snapshot, _: AuditReport) -> Basis {
        let judged = (s.tls.data?.hosts ?? []).compactMap { host in host.verdict(at: s.createdAt).map { (host.host, $0.daysLeft) } }
        guard let nearest = judged.min(by: { $0.1 < $1.1 }) else { return .unknown("no certificate in the snapshot") }
        return .evidence("nearest expiry in \(Plural.count(nearest.1, "day")) (\(nearest.0)), \(Plural.count(judged.count, "certificate")) checked")
    }

    // MARK: Deployments

    static func liveVersion(_ s: Snapshot, _: AuditReport) -> Basis {
        let deployments = s.http.data?.deployments ?? []
        guard !deployments.isEmpty else { return .unknown("no version endpoint declared (`environments.NAME.version`)") }
        let known = deployments.filter { $0.commit != nil && $0.relation == .same }
        guard known.count == deployments.count else {
            return .unknown("not confirmed for " + deployments.filter { $0.commit == nil || $0.relation != .same }.map(\.environment).joined(separator: ", "))
        }
        return .evidence(known.map { "\($0.environment) runs \(($0.commit ?? "").prefix(12)), the head of \($0.branch ?? "its branch")" }.joined(separator: ", "))
    }

    static func cleanTree(_ s: Snapshot, _: AuditReport) -> Basis {
        guard let git = s.git.data, let head = git.head.commit else { return .unknown("no commit at HEAD") }
        guard git.dirty != nil else { return .unknown("the working tree's state is unknown (a bare repository?)") }
        let tag = git.releaseTags.first { $0.commit == head.sha }?.name
        return .evidence("HEAD \(head.sha.prefix(12))" + (tag.map { " is \($0)" } ?? "") + ", working tree clean")
    }

    static func redirects(_ s: Snapshot, _: AuditReport) -> Basis {
        let hosts = s.http.data?.hosts ?? []
        guard !hosts.isEmpty else { return .unknown("no host probed over HTTP") }
        // The redirect is what is judged here; what the https:// page then answers is the endpoints' item.
        let ending = hosts.filter { $0.http.end == .final && $0.http.finalURL?.lowercased().hasPrefix("https://") == true }
        guard ending.count == hosts.count else {
            return .unknown("not confirmed for " + hosts.filter { !ending.map(\.host).contains($0.host) }.map(\.host).joined(separator: ", "))
        }
        return .evidence("\(Plural.count(hosts.count, "http:// chain")) end on https")
    }

    static func endpoints(_ s: Snapshot, _: AuditReport) -> Basis {
        let endpoints = s.http.data?.endpoints ?? []
        guard !endpoints.isEmpty else { return .unknown("no health or critical endpoint probed") }
        let answered = endpoints.filter { ($0.status ?? 0) >= 200 && ($0.status ?? 0) < 300 }
        guard answered.count == endpoints.count else {
            return .unknown("no 2xx from " + endpoints.filter { !(200..<300).contains($0.status ?? 0) }.map(\.url).joined(separator: ", "))
        }
        let worst = endpoints.compactMap(\.p95Ms).max().map { ", slowest p95 \($0) ms" } ?? ""
        return .evidence("\(Plural.count(endpoints.count, "endpoint")) answered 2xx\(worst)")
    }

    // MARK: Secrets

    static func production(_ s: Snapshot) -> EnvironmentInventory? { s.env.data?.environments.first { $0.production } }

    static func referenceComplete(_ s: Snapshot, _ audit: AuditReport) -> Basis {
        guard let env = s.env.data, let reference = env.reference else { return .unknown("no reference file (such as .env.example)") }
        guard let production = production(s) else { return .unknown("no production environment declared") }
        guard production.hasInventory else { return .unknown("no env file of \(production.name) was read (`env_files`)") }
        let optional = notes(audit, "env.missing-in-production")
        guard !optional.isEmpty else {
            return .evidence("\(production.name) defines all \(Plural.count(env.referenceNames.count, "name")) of \(reference.path)")
        }
        return .evidence("\(production.name) defines every required name of \(reference.path) (\(Plural.count(optional.count, "optional name")) left out: \(optional.joined(separator: ", ")))")
    }

    static func referencedDefined(_ s: Snapshot, _ audit: AuditReport) -> Basis {
        guard let references = s.env.data?.codeReferences else { return .unknown("the code's env reads were not scanned") }
        guard let production = production(s) else { return .unknown("no production environment declared") }
        guard production.hasInventory else { return .unknown("no env file of \(production.name) was read (`env_files`)") }
        let names = Set(references.map(\.name)), read = productionReads(s)
        let optional = notes(audit, "env.referenced-missing") + notes(audit, "env.missing-in-production").filter(read.contains)
        guard !optional.isEmpty else { return .evidence("\(production.name) defines all \(Plural.count(names.count, "name")) the code reads") }
        return .evidence("\(production.name) defines every name the code needs of the \(Plural.count(names.count, "name")) it reads (\(Plural.count(optional.count, "optional name")) left out: \(optional.joined(separator: ", ")))")
    }

    /// A name the reference file lists is reported once, by `env.missing-in-production`: when the code reads it, the
    /// finding also answers "production defines every variable the code reads".
    static func missingAndRead(_ s: Snapshot) -> (Finding) -> Bool {
        let read = productionReads(s)
        return { finding in finding.id == "env.missing-in-production" && names(finding).contains(where: read.contains) }
    }

    /// The names production code reads itself, not the platform's (``EnvInventory/namesTheCodeReads``).
    static func productionReads(_ s: Snapshot) -> Set<String> { s.env.data?.namesTheCodeReads ?? [] }

    /// The variable names of an env finding's subject (`env:production/A|B`).
    static func names(_ finding: Finding) -> [String] {
        (finding.subject.split(separator: "/").last.map(String.init) ?? finding.subject).split(separator: "|").map(String.init)
    }

    /// The variables a check noted below risk (optional, read with a default): named beside the evidence.
    static func notes(_ audit: AuditReport, _ id: String) -> [String] {
        audit.findings.filter { $0.id == id && $0.severity == .info }.flatMap(names)
    }

    static func clientNames(_ s: Snapshot, _: AuditReport) -> Basis {
        let names = Set((s.env.data?.environments ?? []).flatMap { $0.variables.map(\.name) } + (s.env.data?.referenceNames ?? []))
        guard !names.isEmpty else { return .unknown("no env var names in the snapshot") }
        return .evidence("none of \(Plural.count(names.count, "name")) is a secret with a client-exposed prefix")
    }

    static func history(_ s: Snapshot, _: AuditReport) -> Basis {
        guard let secrets = s.secrets.data else { return .unknown("no history scan") }
        // A history scan that ran out of time has not read everything: what it found counts, its silence does not.
        if let remaining = secrets.commitsRemaining {
            return .unknown("not finished: \(Plural.count(remaining, "commit")) of the history still to read (the next snapshot goes on)")
        }
        // A partial or shallow clone: what could not be read may hold anything.
        if let unreadable = secrets.unreadable {
            return .unknown("\(Plural.count(unreadable.count, "object")) of the history could not be read (partial or shallow clone?), e.g. "
                            + unreadable.examples.prefix(2).joined(separator: ", "))
        }
        return .evidence("no credential shape or env file in any commit (\(secrets.scan.rawValue) scan, \(Plural.count(secrets.commitsScanned, "commit")) read this time)")
    }

    // MARK: Monitoring

    static func criticalCovered(_ s: Snapshot, _: AuditReport) -> Basis {
        let critical = s.critical.data ?? [], monitors = s.monitoring.data ?? []
        guard !critical.isEmpty, !monitors.isEmpty else { return .unknown("nothing declared") }
        return .evidence("\(Plural.count(critical.count, "critical endpoint")) covered by \(Plural.count(monitors.count, "monitor"))")
    }

    static func monitors(_ s: Snapshot, _: AuditReport) -> Basis {
        let monitors = s.monitoring.data ?? []
        guard !monitors.isEmpty else { return .unknown("no monitor declared") }
        let unknown = monitors.filter { $0.intervalMs == nil }
        guard unknown.isEmpty else { return .unknown("interval not declared for " + unknown.map(\.name).joined(separator: ", ")) }
        return .evidence("\(Plural.count(monitors.count, "monitor")) every ≤ 2 min, links answer")
    }

    // MARK: Email

    static func mailDomains(_ s: Snapshot) -> [DomainEmail] { s.email.data?.domains ?? [] }

    static func spf(_ s: Snapshot, _: AuditReport) -> Basis {
        let domains = mailDomains(s)
        guard !domains.isEmpty else { return .unknown("no domain in the email section") }
        let unknown = domains.flatMap { SPFTreeFaults.unknown($0.spf.tree) }
        guard unknown.isEmpty else { return .unknown("unknown: " + unknown.joined(separator: ", ")) }
        return .evidence(domains.map { "\($0.name): \(Plural.count($0.spf.lookups, "lookup"))" }.joined(separator: ", "))
    }

    static func dmarc(_ s: Snapshot, _: AuditReport) -> Basis {
        let domains = mailDomains(s)
        guard !domains.isEmpty else { return .unknown("no domain in the email section") }
        let enforcing = domains.filter { $0.effectiveDMARCPolicy == .quarantine || $0.effectiveDMARCPolicy == .reject }
        guard enforcing.count == domains.count else {
            return .unknown("no enforcing policy seen for " + domains.filter { d in !enforcing.contains { $0.name == d.name } }
                .map { "\($0.name) (\($0.dmarc.outcome.rawValue))" }.joined(separator: ", "))
        }
        return .evidence(domains.map { "\($0.name): \($0.effectiveDMARCPolicyTag)" }.joined(separator: ", "))
    }

    static func dkim(_ s: Snapshot, _: AuditReport) -> Basis {
        let domains = mailDomains(s).filter(\.sendsMail)
        guard !domains.isEmpty else { return .unknown("no domain that sends mail") }
        let keyless = domains.filter { d in !d.dkim.contains { $0.record?.keyBits != nil } }
        guard keyless.isEmpty else { return .unknown("no DKIM key found for " + keyless.map(\.name).joined(separator: ", ") + " (configure `dkim_selectors`)") }
        return .evidence(domains.map { d in
            "\(d.name): " + d.dkim.compactMap { k in k.record?.keyBits.map { "\(k.selector) (\($0)-bit \(k.record?.keyType ?? ""))" } }.joined(separator: ", ")
        }.joined(separator: "; "))
    }

    // MARK: Rollback and ownership

    static func rollbackTarget(_ s: Snapshot, _ audit: AuditReport) -> Basis {
        guard let target = audit.rollbackTarget else { return .unknown("no rollback target known") }
        let what = target.tag ?? target.commit.map { String($0.prefix(12)) } ?? "?"
        return .evidence("roll back to \(what) (\(target.source))")
    }

    static func owned(_ s: Snapshot, _: AuditReport) -> Basis {
        let owners = s.owners.data ?? []
        guard !owners.isEmpty else { return .unknown("no owner declared") }
        return .evidence(owners.map { "\($0.asset): \($0.owner)" }.joined(separator: ", "))
    }

    static func reviewed(_ s: Snapshot, _: AuditReport) -> Basis {
        let owners = s.owners.data ?? []
        guard !owners.isEmpty else { return .unknown("no owner declared") }
        let dates = owners.compactMap(\.reviewed)
        guard dates.count == owners.count else { return .unknown("no review date for " + owners.filter { $0.reviewed == nil }.map(\.asset).joined(separator: ", ")) }
        return .evidence("\(Plural.count(owners.count, "asset")) reviewed, the oldest on \(dates.min() ?? "")")
    }
}

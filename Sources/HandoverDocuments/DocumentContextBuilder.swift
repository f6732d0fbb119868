import Foundation
import HandoverModel
import HandoverManifest
import HandoverDiff

/// Builds the documents' view model from a snapshot, its audit, its diff against the previous one and the manifest.
/// Values are text as observed; each template's content type escapes them for its format.
package struct DocumentContextBuilder: Sendable {
    package var manifest: Manifest?

    package init(manifest: Manifest?) { self.manifest = manifest }

    static let unknown = "unknown"

    /// - Parameter keysFirstSeen: when each DKIM key (`DKIMKeys.identity`) was first seen in the stored history; a key
    ///   missing here was first seen in `s`.
    package func build(_ s: Snapshot, name: String, audit: AuditReport, diff: SnapshotDiff?,
                       keysFirstSeen: [String: Date] = [:]) -> DocumentContext {
        let git = s.git.collectedValue
        let head = git?.head.commit
        let tagAtHead = git?.releaseTags.first { $0.commit == head?.sha }?.name
        let live = (s.http.collectedValue?.deployments ?? []).map {
            DocumentContext.LiveVersion(environment: $0.environment, commit: $0.commit.map { String($0.prefix(12)) } ?? $0.reported ?? Self.unknown,
                                        relation: Self.relation($0))
        }
        let deployed = DocumentContext.Deployed(
            known: head != nil, commit: head?.sha ?? Self.unknown, short: head.map { String($0.sha.prefix(12)) } ?? Self.unknown,
            branch: git?.head.branch ?? (git?.head.kind == .detached ? "detached HEAD" : Self.unknown), tag: tagAtHead ?? "",
            subject: head?.subject ?? "", author: head?.author ?? "", date: head.map { Timestamp.iso8601($0.date) } ?? "", live: live)

        return DocumentContext(
            meta: .init(project: s.project, snapshot: name, takenAt: Timestamp.iso8601(s.createdAt), toolVersion: ToolVersion.current,
                        rulesVersion: audit.rulesVersion),
            deployed: deployed, rollback: rollback(audit), owners: owners(s), monitors: monitors(s), coverage: coverage(s), thresholds: thresholds(),
            domains: domains(s), certificates: certificates(s), endpoints: endpoints(s), releases: releases(git),
            environments: environments(s), githubEnvironments: githubEnvironments(s), risks: risks(audit), changes: changes(diff), checklist: ChecklistBuilder.areas(s, audit: audit, manifest: manifest),
            calendar: calendar(s, audit: audit, keysFirstSeen: keysFirstSeen), codeOwnership: Self.codeOwnership(git))
    }

    static func relation(_ d: DeployedVersion) -> String {
        switch d.relation {
        case .same: return "same as \(d.branch ?? "HEAD")"
        case .behind: return "\(Plural.count(d.behindBy ?? 0, "commit")) behind \(d.branch ?? "HEAD")"
        case .ahead: return "\(Plural.count(d.aheadBy ?? 0, "commit")) ahead of the local \(d.branch ?? "HEAD")"
        case .notOnBranch: return "not on \(d.branch ?? "HEAD")"
        case .unknownCommit: return "unknown commit"
        default: return "unavailable"
        }
    }

    /// The rollback target and the manifest's command with `{{tag}}` filled, shell-quoted.
    func rollback(_ audit: AuditReport) -> DocumentContext.Rollback {
        let target = audit.rollbackTarget
        let value = target?.tag ?? target?.commit ?? ""
        let template = manifest?.rollback?.command ?? ""
        let command = template.isEmpty || value.isEmpty ? "" : template.replacingOccurrences(of: "{{tag}}", with: ShellQuote.quote(value))
        var fence = "```"
        while command.contains(fence) { fence += "`" }
        let good = audit.lastKnownGood.map { g in "\(g.snapshot)" + (g.tag.map { " (\($0))" } ?? "") + (g.commit.map { " at \($0.prefix(12))" } ?? "") }
        return .init(hasTarget: target != nil, target: value,
                     source: target?.source == "last-known-good" ? "last known good" : target == nil ? "" : "newest release tag behind the deployed commit",
                     command: command, hasCommand: !command.isEmpty, fence: fence, lastKnownGood: good ?? "none recorded")
    }

    /// The manifest's owners beside what the snapshot detected of each asset; a detected asset nobody owns gets a
    /// row of its own, so "who owns DNS" shows the provider even when the answer is nobody.
    func owners(_ s: Snapshot) -> [DocumentContext.Owner] {
        let detected = Self.detectedAssets(s)
        var rows: [DocumentContext.Owner] = (s.owners.collectedValue ?? []).map {
            .init(asset: $0.asset, detected: detected[$0.asset.lowercased()] ?? "", hasDetected: detected[$0.asset.lowercased()] != nil, owned: true, owner: $0.owner, contact: $0.contact ?? "",
                  access: $0.access ?? "", reviewed: $0.reviewed ?? "never")
        }
        let named = Set(rows.map { $0.asset.lowercased() })
        for (asset, seen) in detected where !named.contains(asset) {
            rows.append(.init(asset: asset, detected: seen, hasDetected: true, owned: false, owner: "no owner", contact: "", access: "", reviewed: ""))
        }
        return rows.sorted { ($0.asset, $0.owner) < ($1.asset, $1.owner) }
    }

    /// Asset → the providers the snapshot shows for it, each with the records it was seen in: DNS from NS, email from
    /// MX and SPF, hosting from CNAME and A, the registrar from RDAP, monitoring from the monitors the manifest declares. Name
    /// servers no rule recognises are named as they are.
    static func detectedAssets(_ s: Snapshot) -> [String: String] {
        var seen: [String: [(what: String, sources: [String])]] = [:]
        func add(_ asset: String, _ what: String, from source: String) {
            var list = seen[asset] ?? []
            if let i = list.firstIndex(where: { $0.what == what }) {
                if !list[i].sources.contains(source) { list[i].sources.append(source) }
            } else {
                list.append((what, [source]))
            }
            seen[asset] = list
        }
        for domain in s.dns.collectedValue?.domains ?? [] {
            for p in domain.providers.sorted(by: { ($0.role.rawValue, $0.source, $0.provider) < ($1.role.rawValue, $1.source, $1.provider) }) {
                switch p.role {
                case .dns: add("dns", p.provider, from: p.source)
                case .mailbox, .sending: add("email", p.provider, from: p.source)
                case .hosting: add("hosting", p.provider, from: p.source)
                case .unknown: break
                }
            }
            if !domain.providers.contains(where: { $0.role == .dns }) {
                for server in domain.ns.values.sorted() { add("dns", server, from: "NS, no known provider") }
            }
        }
        for domain in s.registration.collectedValue?.domains ?? [] {
            if let registrar = domain.registrar { add("registrar", registrar, from: "RDAP") }
        }
        let monitors = s.monitoring.collectedValue ?? []
        if !monitors.isEmpty { add("monitoring", Plural.count(monitors.count, "monitor"), from: "the manifest") }
        return seen.mapValues { list in list.map { "\($0.what) (from \($0.sources.joined(separator: ", ")))" }.joined(separator: ", ") }
    }

    /// A monitor covers an endpoint when the endpoint's URL is its own or among its `covers` (as the
    /// `monitoring.critical-unmonitored` check judges).
    func coverage(_ s: Snapshot) -> DocumentContext.Coverage {
        let monitors = (s.monitoring.collectedValue ?? []).sorted { $0.name < $1.name }
        let rows = (s.critical.collectedValue ?? []).sorted { $0.name < $1.name }.map { c -> DocumentContext.CoverageRow in
            let cells = monitors.map { m in m.url == c.url || m.covers.contains(c.url) }
            let covered = cells.contains(true)
            return .init(endpoint: c.name, url: c.url, cells: cells.map { $0 ? "✅" : "·" }, covered: covered,
                         mark: covered ? "✅" : "❌ no monitor")
        }
        return .init(monitors: monitors.map(\.name), rows: rows, hasRows: !rows.isEmpty, gaps: rows.filter { !$0.covered }.count)
    }

    func monitors(_ s: Snapshot) -> [DocumentContext.Monitor] {
        let links = s.http.collectedValue?.monitors ?? []
        return (s.monitoring.collectedValue ?? []).map { m in
            let link = links.first { $0.name == m.name }
            return .init(name: m.name, url: m.url, interval: m.intervalMs.map { DurationText.format(milliseconds: $0) } ?? "unknown",
                         alertsTo: m.alertsTo ?? "nobody", covers: m.covers.sorted(),
                         status: link.map { $0.dead ? "dead (\($0.status.map(String.init) ?? $0.outcome.rawValue))" : "answers" } ?? "not checked")
        }.sorted { $0.name < $1.name }
    }

    func thresholds() -> [DocumentContext.Threshold] {
        let audit = manifest?.audit ?? AuditSettings()
        return [
            .init(name: "p95 latency (finding)", value: "\(audit.p95Ms) ms"),
            .init(name: "p95 latency (alert)", value: "over \(audit.alertP95Ms) ms"),
            .init(name: "error rate (alert)", value: "over \(audit.alertErrorRate)"),
            .init(name: "uptime (alert)", value: "under \(audit.alertUptime)"),
            .init(name: "failed email (alert)", value: audit.alertFailedEmail),
            .init(name: "certificate expiry", value: "blocker at \(audit.certExpiryBlockerDays) days, high at \(audit.certExpiryHighDays)"),
        ]
    }

    func domains(_ s: Snapshot) -> [DocumentContext.Domain] {
        let tls = s.tls.collectedValue?.hosts ?? []
        let http = s.http.collectedValue
        let emails = s.email.collectedValue?.domains ?? []
        let registrations = s.registration.collectedValue?.domains ?? []
        return (s.dns.collectedValue?.domains ?? []).map { d in
            let hosts = d.hosts.map { h -> DocumentContext.Host in
                let cert = tls.first { $0.host == h.name }
                let chains = http?.hosts.first { $0.host == h.name }
                return .init(name: h.name, address: SnapshotFacts.address(h).0,
                             certificate: cert.map { Self.certificateText($0, at: s.createdAt) } ?? "not checked",
                             expires: cert?.leaf.map { Timestamp.day($0.notAfter) } ?? "",
                             http: chains.map { SnapshotFacts.chain($0.http) } ?? "not checked",
                             https: chains.map { SnapshotFacts.chain($0.https) } ?? "not checked")
            }.sorted { $0.name < $1.name }
            let email = emails.first { $0.name == d.name }.map { e in
                DocumentContext.Email(
                    spf: e.spf.tree.records.first ?? "none", spfStatus: e.spf.status.rawValue, dmarc: e.dmarc.text ?? "none",
                    dmarcPolicy: e.dmarc.record?.policy?.rawValue ?? "none",
                    dkim: e.dkim.map { "\($0.selector): \($0.status.rawValue)" + ($0.record.map { r in " (\(r.keyType) \(r.keyBits.map(String.init) ?? "?") bits)" } ?? "") },
                    mtaSTS: e.mtaSTSPolicy.map(\.summary) ?? (e.mtaSTS.present ? "present" : "absent"), tlsRPT: e.tlsRPT.present ? "present" : "absent")
            }
            let registration = registrations.first { $0.domain == d.name }.map { r in
                r.expires.map { "expires \(Timestamp.day($0)) at \(r.registrar ?? "an unknown registrar")" } ?? r.outcome.rawValue
            } ?? "not checked"
            let redirects = (http?.redirectChecks ?? []).filter { URL(string: $0.from)?.host.map { DNSName.isWithin($0, d.name) } ?? false }.map {
                DocumentContext.Redirect(from: $0.from, to: $0.expected, result: $0.matches ? "honoured" : "NOT honoured: \($0.actual ?? "no answer")")
            }
            let apex = d.hosts.first { $0.label == "@" }
            let security = http?.securityHeaders.first { DNSName.isWithin($0.host, d.name) }
            let headers: [String] = security.map { h in
                [("Strict-Transport-Security", h.hsts.map { "max-age=\($0.maxAge.map(String.init) ?? "?")" + ($0.includeSubDomains ? "; includeSubDomains" : "") + ($0.preload ? "; preload" : "") }),
                 ("Content-Security-Policy", h.contentSecurityPolicy), ("X-Content-Type-Options", h.xContentTypeOptions),
                 ("Referrer-Policy", h.referrerPolicy), ("X-Frame-Options", h.xFrameOptions), ("Server", h.server)]
                    .map { "\($0.0): \($0.1 ?? "absent")" }
            } ?? []
            return .init(name: d.name, anchor: "domain-" + Self.anchor(d.name), hosts: hosts, mx: d.mx.values.sorted(), ns: d.ns.values.sorted(),
                         caa: apex?.caa.records.map(\.value).sorted() ?? [], txt: apex?.txt.values.sorted() ?? [], headers: headers,
                         dnssec: d.dnssec.enabled ? "signed" : "unsigned",
                         providers: Array(Set(d.providers.map { "\($0.role.rawValue): \($0.provider)" })).sorted(),
                         redirects: redirects, email: email, registration: registration)
        }.sorted { $0.name < $1.name }
    }

    static func certificateText(_ h: HostTLS, at date: Date) -> String {
        guard h.outcome == .handshake, let leaf = h.leaf, let v = h.verdict(at: date) else { return h.outcome.rawValue }
        return "\(SnapshotFacts.trust(v)), \(leaf.issuerOrganization ?? leaf.issuer)"
    }

    func certificates(_ s: Snapshot) -> [DocumentContext.Certificate] {
        (s.tls.collectedValue?.hosts ?? []).compactMap { h in
            guard let leaf = h.leaf, let verdict = h.verdict(at: s.createdAt) else { return nil }
            return .init(host: h.host, issuer: leaf.issuerOrganization ?? leaf.issuer, subject: leaf.subject, expires: Timestamp.day(leaf.notAfter),
                         daysLeft: Int(floor(leaf.notAfter.timeIntervalSince(s.createdAt) / 86_400)), verdict: SnapshotFacts.trust(verdict),
                         lifetime: "\(leaf.lifetimeDays) days")
        }.sorted { ($0.expires, $0.host) < ($1.expires, $1.host) }
    }

    func endpoints(_ s: Snapshot) -> [DocumentContext.Endpoint] {
        (s.http.collectedValue?.endpoints ?? []).map {
            .init(url: $0.url, roles: $0.roles.joined(separator: ", "), status: $0.status.map(String.init) ?? $0.outcome.rawValue,
                  latency: $0.p95Ms == nil ? "" : "p50 \($0.p50Ms ?? 0) ms, p95 \($0.p95Ms ?? 0) ms")
        }.sorted { $0.url < $1.url }
    }

    func releases(_ git: GitState?) -> [DocumentContext.Release] {
        (git?.releaseTags ?? []).prefix(10).map { .init(name: $0.name, commit: String($0.commit.prefix(12)), date: Timestamp.day($0.date)) }
    }

    func environments(_ s: Snapshot) -> [DocumentContext.Environment] {
        (s.env.collectedValue?.environments ?? []).map {
            .init(name: $0.name, production: $0.production, variables: $0.variables.map(\.name).sorted(),
                  missing: $0.missingFromReference.sorted(), hasMissing: !$0.missingFromReference.isEmpty)
        }.sorted { $0.name < $1.name }
    }

    /// Each GitHub environment a workflow job names, with the `secrets.` and `vars.` names used inside those jobs.
    func githubEnvironments(_ s: Snapshot) -> [DocumentContext.GitHubEnvironment] {
        var needs: [String: Set<String>] = [:]
        for reference in s.env.collectedValue?.ciReferences ?? [] {
            let name = (reference.kind == .variable ? "vars." : "secrets.") + reference.name
            for environment in reference.environments ?? [] { needs[environment, default: []].insert(name) }
        }
        return needs.keys.sorted().map { .init(name: $0, needs: needs[$0]!.sorted()) }
    }

    static func view(_ f: Finding) -> DocumentContext.FindingView {
        let waiver = f.acceptance.map { a in "accepted until \(a.until)" + (a.owner.map { " by \($0)" } ?? "") + ": \(a.reason)" + (a.expired ? " (expired)" : "") } ?? ""
        return .init(id: f.id, severity: f.severity.rawValue, title: f.title, subject: f.subject, impact: f.impact, evidence: f.evidence,
                     remediation: f.remediation, reference: f.reference, status: f.status.rawValue, waiver: waiver)
    }

    /// Findings grouped by check, in the order their checks first appear.
    static func byCheck(_ findings: [DocumentContext.FindingView]) -> [DocumentContext.CheckGroup] {
        var order: [String] = []
        var groups: [String: DocumentContext.CheckGroup] = [:]
        for f in findings {
            let subject = DocumentContext.SubjectView(subject: f.subject, status: f.status, evidence: f.evidence)
            if groups[f.id] == nil {
                order.append(f.id)
                groups[f.id] = .init(id: f.id, title: f.title, impact: f.impact, remediation: f.remediation, reference: f.reference,
                                     count: 0, subjects: [])
            }
            groups[f.id]?.subjects.append(subject)
            groups[f.id]?.count += 1
        }
        return order.compactMap { groups[$0] }
    }

    func risks(_ audit: AuditReport) -> DocumentContext.Risks {
        let counted = audit.findings.filter(\.counts)
        let groups = Severity.ranked.map { level -> DocumentContext.SeverityGroup in
            let list = counted.filter { $0.severity == level }.map(Self.view)
            return .init(label: level.rawValue.capitalized, level: level.rawValue, isRisk: level.isRisk, count: list.count, findings: list,
                         checks: Self.byCheck(list))
        }.filter { $0.count > 0 }
        let accepted = audit.findings.filter { !$0.counts }.map(Self.view)
        return .init(summary: AuditText(format: .text).summary(audit), hasFindings: !counted.isEmpty, groups: groups, accepted: accepted,
                     hasAccepted: !accepted.isEmpty, resolved: audit.resolved.map(Self.view), hasResolved: !audit.resolved.isEmpty,
                     newOrRegressed: counted.filter { $0.status == .new || $0.status == .regressed }.map(Self.view))
    }

    func changes(_ diff: SnapshotDiff?) -> DocumentContext.Changes {
        guard let diff else { return .init(since: "", hasPrevious: false, hasChanges: false, stories: [], lines: [], commits: []) }
        let grouped = Set(diff.stories.flatMap(\.changes))
        let lines = diff.changes.filter { !grouped.contains($0) }.map { c -> String in
            let value: String
            switch c.kind {
            case .added: value = "added \(c.element ?? c.after ?? "")"
            case .removed: value = "removed \(c.element ?? c.before ?? "")"
            default: value = "\(c.before ?? "–") ⟶ \(c.after ?? "–")"
            }
            return "\(c.layer.rawValue) \(c.subject) \(c.attribute): \(value)" + (c.note.map { " (\($0))" } ?? "")
        }
        let commits = (diff.commits?.commits ?? []).map { "\($0.sha.prefix(12)) \($0.author): \($0.subject)" }
        return .init(since: diff.old.name, hasPrevious: true, hasChanges: !diff.isEmpty, stories: diff.stories.map(\.summary),
                     lines: lines, commits: commits)
    }

    /// What comes due, in date order: certificates, registrations, waivers, access reviews (90 days after the last).
    func calendar(_ s: Snapshot, audit: AuditReport, keysFirstSeen: [String: Date] = [:]) -> [DocumentContext.CalendarEntry] {
        var entries: [DocumentContext.CalendarEntry] = []
        func add(_ date: Date, _ what: String, _ subject: String) {
            entries.append(.init(date: Timestamp.day(date), daysLeft: Int(floor(date.timeIntervalSince(s.createdAt) / 86_400)),
                                 what: what, subject: subject, uid: Self.anchor("\(what)-\(subject)") + "@handover"))
        }
        for h in s.tls.collectedValue?.hosts ?? [] { if let leaf = h.leaf { add(leaf.notAfter, "certificate expires", h.host) } }
        for d in s.registration.collectedValue?.domains ?? [] { if let e = d.expires { add(e, "domain registration expires", d.domain) } }
        for w in manifest?.accept ?? [] {
            if let day = Timestamp.parse(w.until + "T00:00:00Z") { add(day, "waiver ends", "\(w.id) \(w.subject ?? w.fingerprint ?? "")") }
        }
        for o in s.owners.collectedValue ?? [] {
            if let reviewed = o.reviewed, let day = Timestamp.parse(reviewed + "T00:00:00Z") {
                add(day.addingTimeInterval(90 * 86_400), "access review due", "\(o.asset): \(o.owner)")
            }
        }
        // DKIM keys are rotated every six months (M3AAWG DKIM Key Rotation BCP); the age counts from the first stored
        // snapshot that saw the key.
        for (identity, name) in DKIMKeys.published(in: s) {
            let since = keysFirstSeen[identity] ?? s.createdAt
            add(since.addingTimeInterval(DKIMKeys.rotationDays * 86_400), "DKIM key rotation due",
                "\(name) (first seen \(Timestamp.day(since)))")
        }
        return entries.sorted { ($0.date, $0.what, $0.subject) < ($1.date, $1.what, $1.subject) }
    }

    /// Lower-case letters, digits and dashes: safe as an HTML id and a Markdown anchor.
    static func anchor(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        return out
    }
}

/// POSIX shell quoting: one word whatever the text holds (`;`, `$`, backticks, spaces, quotes).
package enum ShellQuote {
    package static func quote(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/:@+=".contains($0)) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

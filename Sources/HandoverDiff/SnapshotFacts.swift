import Foundation
import HandoverModel
import HandoverManifest
import HandoverAudit

/// One fact of a snapshot under a stable identity (layer, subject, attribute, element): what diff compares.
/// Scalar facts (`element == nil`) change; set facts (one per element) are added or removed.
struct Fact: Sendable, Equatable {
    var layer: SectionName
    var subject: String
    var attribute: String
    var element: String?
    /// The compared value (for set elements, usually the element itself).
    var value: String
    /// A companion that never makes a change by itself: shown only as an incidental change ("TTL only", "reached
    /// another way") when the value is unchanged.
    var incidental: String?
    var incidentalKind: IncidentalKind = .ttl
    /// Where the value stands on its own scale, for facts where weaker and stronger apply; the diff ranks a change
    /// from this, never from `value`, which is display text.
    var standing: Standing?

    /// What an incidental companion is: a record's TTL, or how an effective value was reached (found at the host, by
    /// climbing to a parent, through a CNAME).
    enum IncidentalKind: String, Sendable {
        case ttl, source

        var note: String { self == .ttl ? "TTL only" : "reached another way, same records" }
    }

    var key: String { [layer.rawValue, subject, attribute, element ?? ""].joined(separator: "\u{1F}") }
}

/// Flattens each section of a snapshot into facts. Timestamps, durations, latency numbers, days-left counters and
/// array order never become facts, so time passing is not a change.
package struct SnapshotFacts {
    /// The latency budget (`audit.p95_ms`) that splits endpoints into fast and slow.
    var p95BudgetMs: Int

    func facts(_ s: Snapshot, layer: SectionName) -> [Fact] {
        switch layer {
        case .git: return s.git.data.map(git) ?? []
        case .env: return s.env.data.map(env) ?? []
        case .dns: return s.dns.data.map(dns) ?? []
        case .email: return s.email.data.map(email) ?? []
        case .tls: return s.tls.data.map { tls($0, at: s.createdAt) } ?? []
        case .http: return s.http.data.map(http) ?? []
        case .registration: return s.registration.data.map(registration) ?? []
        case .monitoring: return s.monitoring.data.map(monitoring) ?? []
        case .critical: return s.critical.data.map(critical) ?? []
        case .owners: return s.owners.data.map(owners) ?? []
        case .secrets: return s.secrets.data.map(secrets) ?? []
        case .audit: return s.audit.data.map(waivers) ?? []
        default: return []
        }
    }

    // MARK: secrets

    /// One fact per finding under its fingerprint; its value says whether HEAD still holds it. The scan's own
    /// bookkeeping (tips, counts, full or incremental) is never a fact.
    func secrets(_ state: SecretsState) -> [Fact] {
        state.findings.map { f in
            Fact(layer: .secrets, subject: "file:\(f.path)", attribute: f.rule, element: f.commit,
                 value: "\(f.redacted) " + (f.atHead == true ? "at HEAD" : "in the history only"))
        }
    }

    // MARK: git

    func git(_ g: GitState) -> [Fact] {
        var out: [Fact] = []
        func add(_ attribute: String, _ value: String?, element: String? = nil, subject: String = "repo") {
            if let value { out.append(Fact(layer: .git, subject: subject, attribute: attribute, element: element, value: value)) }
        }
        add("head", g.head.commit?.sha)
        add("branch", g.head.kind == .detached ? "(detached)" : g.head.branch)
        for tag in g.releaseTags { add("release-tags", tag.commit, element: tag.name) }
        for remote in g.remotes { add("remotes", remote.url, element: remote.name) }
        return out
    }

    // MARK: env

    func env(_ inventory: EnvInventory) -> [Fact] {
        var out: [Fact] = []
        for name in inventory.referenceNames {
            out.append(Fact(layer: .env, subject: "env-reference", attribute: "names", element: name, value: name))
        }
        for environment in inventory.environments {
            for variable in environment.variables {
                out.append(Fact(layer: .env, subject: "env:\(environment.name)", attribute: "names", element: variable.name,
                                value: variable.name))
            }
        }
        for reference in inventory.ciReferences {
            out.append(Fact(layer: .env, subject: "ci", attribute: "references", element: "\(reference.kind.rawValue):\(reference.name)",
                            value: reference.name))
        }
        return out
    }

    // MARK: dns

    func dns(_ state: DNSState) -> [Fact] {
        var out: [Fact] = []
        for domain in state.domains {
            for host in domain.hosts {
                let subject = "host:\(host.name)"
                let (address, ttl) = Self.address(host)
                out.append(Fact(layer: .dns, subject: subject, attribute: "address", value: address, incidental: ttl))
                for record in host.txt.records {
                    out.append(Fact(layer: .dns, subject: subject, attribute: "TXT", element: record.value, value: record.value,
                                    incidental: "TTL \(record.ttl)"))
                }
                // The effective CAA set of the host, wherever it was found (at the host, through its CNAME, or by climbing
                // to a parent): a host that stops being a CNAME to the apex keeps the apex's policy, which is no change.
                for record in host.caa.records {
                    out.append(Fact(layer: .dns, subject: subject, attribute: "CAA", element: record.value, value: record.value,
                                    incidental: host.caa.foundAt.map { "found at \($0)" }, incidentalKind: .source))
                }
            }
            let subject = "domain:\(domain.name)"
            for (attribute, response) in [("MX", domain.mx), ("NS", domain.ns)] {
                if response.outcome != .answer && response.outcome != .nodata {
                    out.append(Fact(layer: .dns, subject: subject, attribute: "\(attribute).outcome", value: response.outcome.rawValue))
                }
                for record in response.records {
                    out.append(Fact(layer: .dns, subject: subject, attribute: attribute, element: record.value, value: record.value,
                                    incidental: "TTL \(record.ttl)"))
                }
            }
            out.append(Fact(layer: .dns, subject: subject, attribute: "dnssec", value: domain.dnssec.enabled ? "signed" : "unsigned",
                            standing: .ok(domain.dnssec.enabled)))
            for expectation in domain.expectations {
                out.append(Fact(layer: .dns, subject: subject, attribute: "expect",
                                element: "\(expectation.host) \(expectation.type.rawValue)", value: expectation.verdict.rawValue))
            }
        }
        return out
    }

    /// A host's address as one value with its type, so a CNAME replaced by an A is one change: `CNAME x → A 1.2.3.4`.
    package static func address(_ host: HostDNS) -> (String, String?) {
        var parts: [String] = []
        for link in host.a.chain { parts.append("CNAME \(link.value)") }
        if !host.a.records.isEmpty { parts.append("A " + host.a.values.sorted().joined(separator: ", ")) }
        if !host.aaaa.records.isEmpty { parts.append("AAAA " + host.aaaa.values.sorted().joined(separator: ", ")) }
        if parts.isEmpty { parts.append(host.a.outcome == .answer || host.a.outcome == .nodata ? "no address" : host.a.outcome.rawValue) }
        let ttls = (host.a.chain + host.a.records + host.aaaa.records).map { String($0.ttl) }
        return (parts.joined(separator: " → "), ttls.isEmpty ? nil : "TTL " + ttls.joined(separator: "/"))
    }

    // MARK: email

    func email(_ state: EmailState) -> [Fact] {
        var out: [Fact] = []
        for domain in state.domains {
            let subject = "domain:\(domain.name)"
            func add(_ attribute: String, _ value: String, _ standing: Standing? = nil) {
                out.append(Fact(layer: .email, subject: subject, attribute: attribute, value: value, standing: standing))
            }
            let spf = domain.spf.tree.records.first
            add("spf", spf ?? "none (\(domain.spf.tree.outcome.rawValue))", .rank(spf.map { Self.allStrength(SPFRecord(parsing: $0)) } ?? 0))
            add("dmarc.policy", domain.dmarc.record?.policy.map { "p=\($0.rawValue)" } ?? "none",
                .rank(max(0, domain.dmarc.record?.policy?.strength ?? 0)))
            add("dmarc", domain.dmarc.text ?? "none")
            for dkim in domain.dkim {
                let value: String
                var bits = 0
                if let record = dkim.record {
                    value = record.revoked ? "revoked" : "\(record.keyType) \(record.keyBits.map(String.init) ?? "?") bits"
                    bits = record.revoked ? 0 : record.keyBits ?? 0
                } else {
                    value = "missing (\(dkim.outcome.rawValue))"
                }
                out.append(Fact(layer: .email, subject: subject, attribute: "dkim", element: dkim.selector, value: value,
                                standing: .rank(bits)))
            }
            add("mta-sts", domain.mtaSTS.present ? "present" : "absent", .ok(domain.mtaSTS.present))
            add("tls-rpt", domain.tlsRPT.present ? "present" : "absent", .ok(domain.tlsRPT.present))
            if let sts = domain.mtaSTSPolicy { out += mtaSTS(sts, subject: subject) }
        }
        return out
    }

    /// The strength of a record's `all`: `-all` 4, `~all` 3, `?all` or none 2 (the default result is neutral),
    /// `+all` 1.
    static func allStrength(_ record: SPFRecord) -> Int {
        guard let all = record.directives.last(where: { $0.name == "all" }) else { return 2 }
        switch all.qualifier ?? .pass {
        case .fail: return 4
        case .softfail: return 3
        case .neutral: return 2
        case .pass: return 1
        }
    }

    // MARK: tls

    func tls(_ state: TLSState, at date: Date) -> [Fact] {
        var out: [Fact] = []
        for host in state.hosts {
            let subject = "host:\(host.host)" + (host.port == 443 ? "" : ":\(host.port)")
            out.append(Fact(layer: .tls, subject: subject, attribute: "handshake", value: host.outcome.rawValue,
                            standing: .ok(host.outcome == .handshake)))
            guard let leaf = host.leaf, let verdict = host.verdict(at: date) else { continue }
            out.append(Fact(layer: .tls, subject: subject, attribute: "certificate", value: Self.certificate(leaf)))
            out.append(Fact(layer: .tls, subject: subject, attribute: "trust", value: Self.trust(verdict), standing: .ok(verdict.trusted)))
            if let version = host.tlsVersion {
                out.append(Fact(layer: .tls, subject: subject, attribute: "version", value: version,
                                standing: .rank(Self.tlsVersions.firstIndex(of: version).map { $0 + 1 } ?? 0)))
            }
        }
        return out
    }

    /// Protocol versions, oldest first: a move down the list weakens.
    static let tlsVersions = ["SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]

    /// Serial, issuer organisation, names and validity: the parts renewal and replacement are told apart by.
    static func certificate(_ c: CertificateInfo) -> String {
        "serial \(CertificateInfo.paddedSerial(c.serial)), issuer \(c.issuerOrganization ?? c.issuer), subject \(c.subject), names \(c.subjectAlternativeNames.joined(separator: " ")), "
            + "valid \(Timestamp.day(c.notBefore)) to \(Timestamp.day(c.notAfter))"
    }

    package static func trust(_ v: TrustVerdict) -> String {
        var flags: [String] = []
        if v.expired { flags.append("expired") }
        if v.notYetValid { flags.append("not yet valid") }
        if v.selfSigned { flags.append("self-signed") }
        if v.unknownIssuer && !v.selfSigned { flags.append("unknown issuer") }
        if v.hostnameMismatch { flags.append("hostname mismatch") }
        return v.trusted ? "trusted" : flags.isEmpty ? "untrusted" : flags.joined(separator: ", ")
    }

    // MARK: http

    func http(_ state: HTTPState) -> [Fact] {
        var out: [Fact] = []
        func add(_ subject: String, _ attribute: String, _ value: String, element: String? = nil, _ standing: Standing? = nil) {
            out.append(Fact(layer: .http, subject: subject, attribute: attribute, element: element, value: value, standing: standing))
        }
        func chain(_ c: RedirectChain) -> Standing {
            .chain(endsOK: c.hops.last?.status.map { (200..<400).contains($0) } ?? false, loops: c.loop)
        }
        for host in state.hosts {
            add("host:\(host.host)", "http://", Self.chain(host.http), chain(host.http))
            add("host:\(host.host)", "https://", Self.chain(host.https), chain(host.https))
        }
        for check in state.redirectChecks {
            add("redirect:\(check.from)", "expected \(check.expected)", check.matches ? "matches" : "does not match (\(check.actual ?? "no answer"))",
                .ok(check.matches))
        }
        for endpoint in state.endpoints {
            let subject = "endpoint:\(endpoint.url)"
            add(subject, "status", endpoint.status.map(String.init) ?? endpoint.outcome.rawValue,
                .ok(endpoint.status.map { (200..<400).contains($0) } ?? false))
            if let p95 = endpoint.p95Ms {
                add(subject, "latency", p95 <= p95BudgetMs ? "within \(p95BudgetMs) ms" : "over \(p95BudgetMs) ms", .ok(p95 <= p95BudgetMs))
            }
        }
        for headers in state.securityHeaders {
            let subject = "host:\(headers.host)"
            let hsts = headers.hsts.map { h in
                "max-age=\(h.maxAge.map(String.init) ?? "?")" + (h.includeSubDomains ? "; includeSubDomains" : "") + (h.preload ? "; preload" : "")
            }
            for (name, value) in [("Strict-Transport-Security", hsts), ("Content-Security-Policy", headers.contentSecurityPolicy),
                                  ("X-Content-Type-Options", headers.xContentTypeOptions), ("Referrer-Policy", headers.referrerPolicy),
                                  ("X-Frame-Options", headers.xFrameOptions), ("Server", headers.server)] {
                let standing: Standing = name == "Strict-Transport-Security" ? .rank(Self.hstsStrength(headers.hsts)) : .ok(value != nil)
                add(subject, "header \(name)", value ?? "absent", standing)
            }
        }
        for cors in state.cors {
            let verdict = cors.reflectsOrigin ? "reflects any origin" : cors.wildcardWithCredentials ? "* with credentials"
                : cors.allowOrigin.map { "allows \($0)" } ?? "no CORS headers"
            add("host:\(cors.host)", "cors", verdict, .ok(!cors.reflectsOrigin && !cors.wildcardWithCredentials))
        }
        for deployment in state.deployments {
            let subject = "environment:\(deployment.environment)"
            add(subject, "deployed", deployment.commit ?? deployment.reported ?? "unavailable")
            add(subject, "deployed.relation", deployment.relation.rawValue)
        }
        for monitor in state.monitors {
            add("monitor:\(monitor.name)", "link", monitor.dead ? "dead (\(monitor.status.map(String.init) ?? monitor.outcome.rawValue))" : "answers",
                .ok(!monitor.dead))
        }
        return out
    }

    /// HSTS on its scale: 0 absent or `max-age=0` (which switches it off), then one each for being on, for a max-age of
    /// a year or more, and for covering subdomains.
    static func hstsStrength(_ hsts: SecurityHeaders.HSTS?) -> Int {
        guard let hsts, let maxAge = hsts.maxAge, maxAge > 0 else { return 0 }
        return 1 + (maxAge >= 31_536_000 ? 1 : 0) + (hsts.includeSubDomains ? 1 : 0)
    }

    /// A chain as its hops' URLs and statuses: `http://a/ 301 → https://a/ 200`; times are left out.
    package static func chain(_ c: RedirectChain) -> String {
        var text = c.hops.map { "\($0.url) \($0.status.map(String.init) ?? $0.outcome.rawValue)" }.joined(separator: " → ")
        if c.end == .leftManifest, let location = c.hops.last?.location { text += " → \(location) (not followed)" }
        if c.end == .internalAddress, let last = c.hops.last { text += " → \(last.url) (internal address, not dialled)" }
        if c.loop { text += " (loop)" }
        return text
    }

    // MARK: registration, declared sections

    func registration(_ state: RegistrationState) -> [Fact] {
        state.domains.flatMap { d -> [Fact] in
            let subject = "domain:\(d.domain)"
            guard d.outcome == .found else {
                return [Fact(layer: .registration, subject: subject, attribute: "rdap", value: d.outcome.rawValue)]
            }
            return [Fact(layer: .registration, subject: subject, attribute: "rdap", value: "found"),
                    Fact(layer: .registration, subject: subject, attribute: "expires", value: d.expires.map(Timestamp.day) ?? "unknown"),
                    Fact(layer: .registration, subject: subject, attribute: "registrar", value: d.registrar ?? "unknown")]
                + d.statuses.map { Fact(layer: .registration, subject: subject, attribute: "status", element: $0, value: $0) }
        }
    }

    func monitoring(_ monitors: [MonitorEntry]) -> [Fact] {
        monitors.flatMap { m -> [Fact] in
            let subject = "monitor:\(m.name)"
            return [Fact(layer: .monitoring, subject: subject, attribute: "url", value: m.url),
                    Fact(layer: .monitoring, subject: subject, attribute: "alerts_to", value: m.alertsTo ?? "nobody"),
                    Fact(layer: .monitoring, subject: subject, attribute: "interval",
                         value: m.intervalMs.map { DurationText.format(milliseconds: $0) } ?? "unknown")]
                + m.covers.map { Fact(layer: .monitoring, subject: subject, attribute: "covers", element: $0, value: $0) }
        }
    }

    func critical(_ list: [CriticalEndpointEntry]) -> [Fact] {
        list.flatMap { c -> [Fact] in
            [Fact(layer: .critical, subject: "critical:\(c.name)", attribute: "url", value: c.url),
             Fact(layer: .critical, subject: "critical:\(c.name)", attribute: "kind", value: c.kind ?? "-")]
        }
    }

    /// The waivers in force: one fact per accepted finding (from the audit stored with the snapshot).
    func waivers(_ report: AuditReport) -> [Fact] {
        report.findings.compactMap { f in
            guard let a = f.acceptance else { return nil }
            let value = "until \(a.until)" + (a.owner.map { " by \($0)" } ?? "") + ": \(a.reason)" + (a.expired ? " (expired)" : "")
            return Fact(layer: .audit, subject: "waiver:\(f.fingerprint)", attribute: "accepted", value: value, standing: .ok(!a.expired))
        }
    }

    func owners(_ list: [OwnerEntry]) -> [Fact] {
        list.flatMap { o -> [Fact] in
            let subject = "owner:\(o.asset)"
            return [Fact(layer: .owners, subject: subject, attribute: "owner", value: o.owner),
                    Fact(layer: .owners, subject: subject, attribute: "contact", value: o.contact ?? "none"),
                    Fact(layer: .owners, subject: subject, attribute: "access", value: o.access ?? "none"),
                    Fact(layer: .owners, subject: subject, attribute: "reviewed", value: o.reviewed ?? "never")]
        }
    }
}

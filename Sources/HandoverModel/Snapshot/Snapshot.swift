import Foundation

/// The production state of a project at one moment, as stored in `snapshots/`.
///
/// Everything in it is safe to commit: env vars appear by name only and remote URLs without credentials.
package struct Snapshot: Codable, Sendable, Equatable {
    /// The schema this build writes and the highest it reads. Bumped only by breaking changes.
    package static let currentSchemaVersion = 3

    package var schemaVersion: Int
    package var toolVersion: String
    package var project: String
    /// When collection started (UTC).
    package var createdAt: Date
    /// How long collection took, in milliseconds.
    package var durationMs: Int
    /// `sha256:` digest of the manifest bytes the snapshot was taken with.
    package var manifestDigest: String
    /// The sections that were asked for; all known sections unless `--only` was given.
    package var requestedSections: [SectionName]
    /// True when `--only` left sections out.
    package var partial: Bool

    package var git: Section<GitState>
    package var env: Section<EnvInventory>
    package var monitoring: Section<[MonitorEntry]>
    package var critical: Section<[CriticalEndpointEntry]>
    package var owners: Section<[OwnerEntry]>
    package var dns: Section<DNSState>
    package var email: Section<EmailState>
    package var tls: Section<TLSState>
    package var http: Section<HTTPState>
    package var registration: Section<RegistrationState>
    /// Credential shapes and env files in the repository's history, redacted.
    package var secrets: Section<SecretsState>
    /// The launch-risk audit of this snapshot, with the rules' version; computed after collection.
    package var audit: Section<AuditReport>

    package init(
        toolVersion: String, project: String, createdAt: Date, durationMs: Int, manifestDigest: String,
        requestedSections: [SectionName], partial: Bool,
        git: Section<GitState>, env: Section<EnvInventory>, monitoring: Section<[MonitorEntry]>,
        critical: Section<[CriticalEndpointEntry]>, owners: Section<[OwnerEntry]>,
        dns: Section<DNSState> = .skipped("not collected"), email: Section<EmailState> = .skipped("not collected"),
        tls: Section<TLSState> = .skipped("not collected"), http: Section<HTTPState> = .skipped("not collected"),
        registration: Section<RegistrationState> = .skipped("not collected"),
        secrets: Section<SecretsState> = .skipped("not collected"), audit: Section<AuditReport> = .skipped("not audited")
    ) {
        self.schemaVersion = Snapshot.currentSchemaVersion
        self.toolVersion = toolVersion
        self.project = project
        self.createdAt = createdAt
        self.durationMs = durationMs
        self.manifestDigest = manifestDigest
        self.requestedSections = requestedSections
        self.partial = partial
        self.git = git
        self.env = env
        self.monitoring = monitoring
        self.critical = critical
        self.owners = owners
        self.dns = dns
        self.email = email
        self.tls = tls
        self.http = http
        self.registration = registration
        self.secrets = secrets
        self.audit = audit
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, toolVersion, project, createdAt, durationMs, manifestDigest, requestedSections,
            partial, git, env, monitoring, critical, owners, dns, email, tls, http, registration, secrets, audit
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        toolVersion = try c.decode(String.self, forKey: .toolVersion)
        project = try c.decodeIfPresent(String.self, forKey: .project) ?? ""
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        durationMs = try c.decodeIfPresent(Int.self, forKey: .durationMs) ?? 0
        manifestDigest = try c.decodeIfPresent(String.self, forKey: .manifestDigest) ?? ""
        requestedSections = try c.decodeIfPresent([SectionName].self, forKey: .requestedSections) ?? []
        partial = try c.decodeIfPresent(Bool.self, forKey: .partial) ?? false
        // A section missing from the file is unknown, never empty.
        let absent = "not present in this snapshot file"
        // Sections the reader asked to leave unread (`Snapshot.unreadSections`) are skipped, whatever the file holds.
        let unread = decoder.userInfo[Self.unreadSections] as? Set<SectionName> ?? []
        func section<T: Codable & Sendable & Equatable>(_ name: SectionName, _ key: CodingKeys, _ type: T.Type) throws -> Section<T> {
            guard !unread.contains(name) else { return .skipped(Self.unreadReason) }
            return try c.decodeIfPresent(Section<T>.self, forKey: key) ?? .skipped(absent)
        }
        git = try section(.git, .git, GitState.self)
        env = try section(.env, .env, EnvInventory.self)
        monitoring = try section(.monitoring, .monitoring, [MonitorEntry].self)
        critical = try section(.critical, .critical, [CriticalEndpointEntry].self)
        owners = try section(.owners, .owners, [OwnerEntry].self)
        dns = try section(.dns, .dns, DNSState.self)
        email = try section(.email, .email, EmailState.self)
        tls = try section(.tls, .tls, TLSState.self)
        http = try section(.http, .http, HTTPState.self)
        registration = try section(.registration, .registration, RegistrationState.self)
        secrets = try section(.secrets, .secrets, SecretsState.self)
        audit = try section(.audit, .audit, AuditReport.self)
    }

    /// The `userInfo` key of a decoder whose `Set<SectionName>` names the sections to leave unread: a reader that
    /// compares only a few sections (the audit of a new snapshot reads the previous one's email and stored audit)
    /// decodes the 500-host snapshot's DNS, TLS and HTTP for nothing — most of its 14 MB.
    package static let unreadSections = CodingUserInfoKey(rawValue: "handover.unreadSections")!
    package static let unreadReason = "not read: the command needed other sections of this file"

    /// The status and reason of one section; nil for `unknown`.
    package func section(_ name: SectionName) -> (status: SectionStatus, reason: String?)? {
        switch name {
        case .git: return (git.status, git.reason)
        case .env: return (env.status, env.reason)
        case .monitoring: return (monitoring.status, monitoring.reason)
        case .critical: return (critical.status, critical.reason)
        case .owners: return (owners.status, owners.reason)
        case .dns: return (dns.status, dns.reason)
        case .email: return (email.status, email.reason)
        case .tls: return (tls.status, tls.reason)
        case .http: return (http.status, http.reason)
        case .registration: return (registration.status, registration.reason)
        case .secrets: return (secrets.status, secrets.reason)
        case .audit: return (audit.status, audit.reason)
        case .unknown: return nil
        }
    }

    /// Status and reason of every collected section, in section order.
    package var sectionStatuses: [(name: SectionName, status: SectionStatus, reason: String?)] {
        SectionName.implemented.compactMap { name in section(name).map { (name, $0.status, $0.reason) } }
    }
}

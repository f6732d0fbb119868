import Foundation

/// `handover.yml`: what the project is, where its state lives, and who owns it.
///
/// Keys are snake_case in the file; see `docs/manifest.md` for the full reference.
public struct Manifest: Sendable, Equatable {
    public var project: String
    /// The repository root, relative to the manifest's folder (`.` by default).
    public var repository: String
    /// `env.reference`: the file listing every name an environment should define.
    public var envReference: String?
    /// Environments in manifest order.
    public var environments: [EnvironmentSpec]
    public var rollback: RollbackSpec?
    public var owners: [OwnerSpec]
    public var monitoring: [MonitorSpec]
    public var critical: [CriticalSpec]
    public var domains: [DomainSpec]
    public var audit: AuditSettings
    public var accept: [Waiver]
    /// Manual checklist items by id (e.g. `rollback-rehearsed`), in manifest order.
    public var checklist: [ChecklistEntry]
    public var collect: CollectSettings

    public init(project: String) {
        self.project = project
        repository = "."
        envReference = nil
        environments = []
        rollback = nil
        owners = []
        monitoring = []
        critical = []
        domains = []
        audit = AuditSettings()
        accept = []
        checklist = []
        collect = CollectSettings()
    }

    /// The environment whose release tags and branch describe production: the first production one.
    public var productionEnvironment: EnvironmentSpec? { environments.first(where: \.isProduction) }
}

/// One deployment environment.
public struct EnvironmentSpec: Sendable, Equatable {
    public var name: String
    /// The explicit `production:` flag, when given.
    public var productionFlag: Bool?
    public var envFiles: [String]
    public var branch: String?
    /// Glob for release tags, e.g. `v*`.
    public var releaseTags: String?
    public var version: VersionProbe?
    public var line: Int

    public init(name: String, productionFlag: Bool? = nil, envFiles: [String] = [], branch: String? = nil,
                releaseTags: String? = nil, version: VersionProbe? = nil, line: Int = 0) {
        self.name = name
        self.productionFlag = productionFlag
        self.envFiles = envFiles
        self.branch = branch
        self.releaseTags = releaseTags
        self.version = version
        self.line = line
    }

    /// `production: true`, or named `production` / `prod` without `production: false`.
    public var isProduction: Bool {
        productionFlag ?? ["production", "prod"].contains(name.lowercased())
    }
}

/// Where the live deployed commit can be read.
public struct VersionProbe: Sendable, Equatable {
    public var url: String
    public var jsonKey: String?
    public var header: String?
    /// Name of the env var holding a credential to send; its value is read at run time and never stored.
    public var authHeaderEnv: String?
}

/// How to roll back; `{{tag}}` is replaced by the rollback target, shell-quoted.
public struct RollbackSpec: Sendable, Equatable {
    public var command: String
}

/// An owner of an asset (dns, hosting, email, secrets, monitoring, …).
public struct OwnerSpec: Sendable, Equatable {
    public var asset: String
    public var owner: String
    public var contact: String?
    public var access: String?
    public var reviewed: String?
    public var line: Int
}

/// A monitor: what it watches and where it alerts.
public struct MonitorSpec: Sendable, Equatable {
    public var name: String
    public var url: String
    public var kind: String?
    public var intervalMs: Int?
    public var alertsTo: String?
    public var covers: [String]
    public var line: Int
}

/// A business-critical endpoint.
public struct CriticalSpec: Sendable, Equatable {
    public var name: String
    public var kind: String?
    public var url: String
    public var line: Int
}

/// A domain and the hosts of it that matter.
public struct DomainSpec: Sendable, Equatable {
    public var name: String
    /// The manifest's `hosts`: the whole list of hosts to probe when given (the apex is always probed); nil when absent.
    public var hosts: [String]?
    public var canonical: String?
    public var dkimSelectors: [String]
    /// Expected records: host (`@` for the apex) → record type → values.
    public var expect: [RecordExpectation]
    public var redirects: [RedirectSpec]
    public var health: [String]
    /// RDAP base URL overriding the built-in table for this domain's TLD.
    public var rdap: String?
    public var line: Int

    public init(name: String, hosts: [String]?, canonical: String?, dkimSelectors: [String], expect: [RecordExpectation],
                redirects: [RedirectSpec], health: [String], rdap: String?, line: Int) {
        self.name = name
        self.hosts = hosts
        self.canonical = canonical
        self.dkimSelectors = dkimSelectors
        self.expect = expect
        self.redirects = redirects
        self.health = health
        self.rdap = rdap
        self.line = line
    }
}

/// What one host must point to.
public struct RecordExpectation: Sendable, Equatable {
    public var host: String
    public var type: String
    public var values: [String]
    public var line: Int

    public init(host: String, type: String, values: [String], line: Int) {
        self.host = host
        self.type = type
        self.values = values
        self.line = line
    }
}

/// A redirect the site must perform.
public struct RedirectSpec: Sendable, Equatable {
    public var from: String
    public var to: String
    public var line: Int
}

/// Thresholds for the audit.
public struct AuditSettings: Sendable, Equatable {
    public var certExpiryBlockerDays: Int = 14
    public var certExpiryHighDays: Int = 30
    public var p95Ms: Int = 500
    /// Alert thresholds the operating guide lists (`audit.alerts`): what the monitors should page on.
    public var alertP95Ms: Int = 800
    public var alertErrorRate: String = "2 %"
    public var alertUptime: String = "99.9 %"
    public var alertFailedEmail: String = "a spike in DMARC failure reports"

    public init() {}
}

/// An accepted risk: a finding the team decided to live with until a date.
public struct Waiver: Sendable, Equatable {
    public var id: String
    public var subject: String?
    public var fingerprint: String?
    public var reason: String
    public var owner: String?
    /// Last day the waiver holds (`YYYY-MM-DD`).
    public var until: String
    public var line: Int
}

/// A manual checklist item's state.
public struct ChecklistEntry: Sendable, Equatable {
    public var id: String
    public var done: Bool
    public var by: String?
    public var on: String?
    public var note: String?
    public var line: Int
}

/// How collectors reach the world.
public struct CollectSettings: Sendable, Equatable {
    /// DNS resolvers replacing the system's.
    public var resolvers: [HostPort] = []
    public var caFile: String?
    public var connectTo: [ConnectOverride] = []
    /// Bound on one network operation (one DNS attempt, one connect, one request).
    public var timeoutMs: Int = 5_000
    /// Attempts per DNS resolver before it counts as unreachable.
    public var retries: Int = 2
    /// Bound on the whole collection.
    public var deadlineMs: Int = 60_000
    /// Requests per latency measurement.
    public var samples: Int = 5
    /// How many recent commits the git section keeps.
    public var commits: Int = 20
    /// A file of provider rules extending the built-in table (relative to the manifest).
    public var providersFile: String?

    public init() {}
}

extension DomainSpec {
    /// The hosts probed when the manifest has no `hosts` for a domain.
    public static let defaultHosts = ["@", "www", "app", "api"]

    /// The labels probed, apex first: the manifest's `hosts` when given (it is the whole list), else `defaultHosts`.
    public var probedLabels: [String] {
        var labels = ["@"]
        for label in hosts ?? Self.defaultHosts where !labels.contains(label) { labels.append(label) }
        return labels
    }
}

extension Manifest {
    /// Every host the edge probes visit, per domain, in order: each domain's `probedLabels`.
    public var edgeHosts: [(domain: DomainSpec, label: String, host: String)] {
        var out: [(DomainSpec, String, String)] = []
        for domain in domains {
            for label in domain.probedLabels { out.append((domain, label, DNSName.fqdn(host: label, domain: DNSName.normalized(domain.name)))) }
        }
        return out
    }
}

import Foundation
import HandoverModel

/// `handover.yml`: what the project is, where its state lives, and who owns it.
///
/// Keys are snake_case in the file; see `docs/manifest.md` for the full reference.
package struct Manifest: Sendable, Equatable {
    package var project: String
    /// The repository root, relative to the manifest's folder (`.` by default).
    package var repository: String
    /// `env.reference`: the file listing every name an environment should define.
    package var envReference: String?
    /// Environments in manifest order.
    package var environments: [EnvironmentSpec]
    package var rollback: RollbackSpec?
    package var owners: [OwnerSpec]
    package var monitoring: [MonitorSpec]
    package var critical: [CriticalSpec]
    package var domains: [DomainSpec]
    package var audit: AuditSettings
    package var accept: [Waiver]
    /// Manual checklist items by id (e.g. `rollback-rehearsed`), in manifest order.
    package var checklist: [ChecklistEntry]
    package var collect: CollectSettings

    package init(project: String) {
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
    package var productionEnvironment: EnvironmentSpec? { environments.first(where: \.isProduction) }
}

/// One deployment environment.
package struct EnvironmentSpec: Sendable, Equatable {
    package var name: String
    /// The explicit `production:` flag, when given.
    package var productionFlag: Bool?
    package var envFiles: [String]
    package var branch: String?
    /// Glob for release tags, e.g. `v*`.
    package var releaseTags: String?
    package var version: VersionProbe?
    package var line: Int

    package init(name: String, productionFlag: Bool? = nil, envFiles: [String] = [], branch: String? = nil,
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
    package var isProduction: Bool {
        productionFlag ?? ["production", "prod"].contains(name.lowercased())
    }
}

/// Where the live deployed commit can be read.
package struct VersionProbe: Sendable, Equatable {
    package var url: String
    package var jsonKey: String?
    package var header: String?
    /// Name of the env var holding a credential to send; its value is read at run time and never stored.
    package var authHeaderEnv: String?
}

/// How to roll back; `{{tag}}` is replaced by the rollback target, shell-quoted.
package struct RollbackSpec: Sendable, Equatable {
    package var command: String
}

/// An owner of an asset (dns, hosting, email, secrets, monitoring, …).
package struct OwnerSpec: Sendable, Equatable {
    package var asset: String
    package var owner: String
    package var contact: String?
    package var access: String?
    package var reviewed: String?
    package var line: Int
}

/// A monitor: what it watches and where it alerts.
package struct MonitorSpec: Sendable, Equatable {
    package var name: String
    package var url: String
    package var kind: String?
    package var intervalMs: Int?
    package var alertsTo: String?
    package var covers: [String]
    package var line: Int
}

/// A business-critical endpoint.
package struct CriticalSpec: Sendable, Equatable {
    package var name: String
    package var kind: String?
    package var url: String
    package var line: Int
}

/// A domain and the hosts of it that matter.
package struct DomainSpec: Sendable, Equatable {
    package var name: String
    /// The manifest's `hosts`: the whole list of hosts to probe when given (the apex is always probed); nil when absent.
    package var hosts: [String]?
    package var canonical: String?
    package var dkimSelectors: [String]
    /// Expected records: host (`@` for the apex) → record type → values.
    package var expect: [RecordExpectation]
    package var redirects: [RedirectSpec]
    package var health: [String]
    /// RDAP base URL overriding the built-in table for this domain's TLD.
    package var rdap: String?
    package var line: Int

    package init(name: String, hosts: [String]?, canonical: String?, dkimSelectors: [String], expect: [RecordExpectation],
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
package struct RecordExpectation: Sendable, Equatable {
    package var host: String
    package var type: String
    package var values: [String]
    package var line: Int

    package init(host: String, type: String, values: [String], line: Int) {
        self.host = host
        self.type = type
        self.values = values
        self.line = line
    }
}

/// A redirect the site must perform.
package struct RedirectSpec: Sendable, Equatable {
    package var from: String
    package var to: String
    package var line: Int
}

/// Thresholds for the audit.
package struct AuditSettings: Sendable, Equatable {
    package var certExpiryBlockerDays: Int = 14
    package var certExpiryHighDays: Int = 30
    package var p95Ms: Int = 500
    /// Alert thresholds the operating guide lists (`audit.alerts`): what the monitors should page on.
    package var alertP95Ms: Int = 800
    package var alertErrorRate: String = "2 %"
    package var alertUptime: String = "99.9 %"
    package var alertFailedEmail: String = "a spike in DMARC failure reports"

    package init() {}
}

/// An accepted risk: a finding the team decided to live with until a date.
package struct Waiver: Sendable, Equatable {
    package var id: String
    package var subject: String?
    package var fingerprint: String?
    package var reason: String
    package var owner: String?
    /// Last day the waiver holds (`YYYY-MM-DD`).
    package var until: String
    package var line: Int
}

/// A manual checklist item's state.
package struct ChecklistEntry: Sendable, Equatable {
    package var id: String
    package var done: Bool
    package var by: String?
    package var on: String?
    package var note: String?
    package var line: Int
}

/// How collectors reach the world.
package struct CollectSettings: Sendable, Equatable {
    /// DNS resolvers replacing the system's.
    package var resolvers: [HostPort] = []
    package var caFile: String?
    package var connectTo: [ConnectOverride] = []
    /// Bound on one network operation (one DNS attempt, one connect, one request).
    package var timeoutMs: Int = 5_000
    /// Attempts per DNS resolver before it counts as unreachable.
    package var retries: Int = 2
    /// Bound on the whole collection.
    package var deadlineMs: Int = 60_000
    /// Requests per latency measurement.
    package var samples: Int = 5
    /// How many recent commits the git section keeps.
    package var commits: Int = 20
    /// A file of provider rules extending the built-in table (relative to the manifest).
    package var providersFile: String?

    package init() {}
}

extension DomainSpec {
    /// The hosts probed when the manifest has no `hosts` for a domain.
    package static let defaultHosts = ["@", "www", "app", "api"]

    /// The labels probed, apex first: the manifest's `hosts` when given (it is the whole list), else `defaultHosts`.
    package var probedLabels: [String] {
        var labels = ["@"]
        for label in hosts ?? Self.defaultHosts where !labels.contains(label) { labels.append(label) }
        return labels
    }
}

extension Manifest {
    /// Every host the edge probes visit, per domain, in order: each domain's `probedLabels`.
    package var edgeHosts: [(domain: DomainSpec, label: String, host: String)] {
        var out: [(DomainSpec, String, String)] = []
        for domain in domains {
            for label in domain.probedLabels { out.append((domain, label, DNSName.fqdn(host: label, domain: DNSName.normalized(domain.name)))) }
        }
        return out
    }
}

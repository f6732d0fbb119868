import HandoverModel
/// The sections copied from the manifest: monitors, critical endpoints, owners, sorted by identity.
package enum DeclaredSections {
    package static func monitors(_ manifest: Manifest) -> [MonitorEntry] {
        manifest.monitoring.map {
            MonitorEntry(name: $0.name, url: $0.url, kind: $0.kind, intervalMs: $0.intervalMs, alertsTo: $0.alertsTo,
                         covers: $0.covers.sorted(), manifestLine: $0.line)
        }.sorted { ($0.name, $0.url) < ($1.name, $1.url) }
    }

    package static func critical(_ manifest: Manifest) -> [CriticalEndpointEntry] {
        manifest.critical.map { CriticalEndpointEntry(name: $0.name, kind: $0.kind, url: $0.url, manifestLine: $0.line) }
            .sorted { ($0.name, $0.url) < ($1.name, $1.url) }
    }

    package static func owners(_ manifest: Manifest) -> [OwnerEntry] {
        manifest.owners.map {
            OwnerEntry(asset: $0.asset, owner: $0.owner, contact: $0.contact, access: $0.access, reviewed: $0.reviewed,
                       manifestLine: $0.line)
        }.sorted { ($0.asset, $0.owner) < ($1.asset, $1.owner) }
    }
}

/// A monitor declared in the manifest.
package struct MonitorEntry: Codable, Sendable, Equatable {
    package var name: String
    package var url: String
    package var kind: String?
    package var intervalMs: Int?
    package var alertsTo: String?
    package var covers: [String]
    /// The manifest line the entry starts on.
    package var manifestLine: Int

    package init(name: String, url: String, kind: String?, intervalMs: Int?, alertsTo: String?, covers: [String],
                manifestLine: Int) {
        self.name = name
        self.url = url
        self.kind = kind
        self.intervalMs = intervalMs
        self.alertsTo = alertsTo
        self.covers = covers
        self.manifestLine = manifestLine
    }
}

/// An endpoint the business cannot lose (home, login, checkout, webhooks), declared in the manifest.
package struct CriticalEndpointEntry: Codable, Sendable, Equatable {
    package var name: String
    package var kind: String?
    package var url: String
    package var manifestLine: Int

    package init(name: String, kind: String?, url: String, manifestLine: Int) {
        self.name = name
        self.kind = kind
        self.url = url
        self.manifestLine = manifestLine
    }
}

/// Who owns an asset and how to reach them, declared in the manifest.
package struct OwnerEntry: Codable, Sendable, Equatable {
    package var asset: String
    package var owner: String
    package var contact: String?
    package var access: String?
    /// The day access was last reviewed (`YYYY-MM-DD`).
    package var reviewed: String?
    package var manifestLine: Int

    package init(asset: String, owner: String, contact: String?, access: String?, reviewed: String?,
                manifestLine: Int) {
        self.asset = asset
        self.owner = owner
        self.contact = contact
        self.access = access
        self.reviewed = reviewed
        self.manifestLine = manifestLine
    }
}

/// A monitor declared in the manifest.
public struct MonitorEntry: Codable, Sendable, Equatable {
    public var name: String
    public var url: String
    public var kind: String?
    public var intervalMs: Int?
    public var alertsTo: String?
    public var covers: [String]
    /// The manifest line the entry starts on.
    public var manifestLine: Int

    public init(name: String, url: String, kind: String?, intervalMs: Int?, alertsTo: String?, covers: [String],
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
public struct CriticalEndpointEntry: Codable, Sendable, Equatable {
    public var name: String
    public var kind: String?
    public var url: String
    public var manifestLine: Int

    public init(name: String, kind: String?, url: String, manifestLine: Int) {
        self.name = name
        self.kind = kind
        self.url = url
        self.manifestLine = manifestLine
    }
}

/// Who owns an asset and how to reach them, declared in the manifest.
public struct OwnerEntry: Codable, Sendable, Equatable {
    public var asset: String
    public var owner: String
    public var contact: String?
    public var access: String?
    /// The day access was last reviewed (`YYYY-MM-DD`).
    public var reviewed: String?
    public var manifestLine: Int

    public init(asset: String, owner: String, contact: String?, access: String?, reviewed: String?,
                manifestLine: Int) {
        self.asset = asset
        self.owner = owner
        self.contact = contact
        self.access = access
        self.reviewed = reviewed
        self.manifestLine = manifestLine
    }
}

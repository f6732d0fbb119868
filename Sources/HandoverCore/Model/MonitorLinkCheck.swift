import Foundation

/// A monitoring link fetched once.
public struct MonitorLinkCheck: Codable, Sendable, Equatable {
    public var name: String
    public var url: String
    public var outcome: FetchOutcome
    /// Status of the last hop, and where the redirects ended.
    public var status: Int?
    public var finalURL: String?
    public var detail: String?

    public init(name: String, url: String, outcome: FetchOutcome, status: Int?, finalURL: String?, detail: String?) {
        self.name = name
        self.url = url
        self.outcome = outcome
        self.status = status
        self.finalURL = finalURL
        self.detail = detail
    }
}

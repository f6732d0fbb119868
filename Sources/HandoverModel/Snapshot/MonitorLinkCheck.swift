import Foundation

/// A monitoring link fetched once.
package struct MonitorLinkCheck: Codable, Sendable, Equatable {
    package var name: String
    package var url: String
    package var outcome: FetchOutcome
    /// Status of the last hop, and where the redirects ended.
    package var status: Int?
    package var finalURL: String?
    package var detail: String?

    package init(name: String, url: String, outcome: FetchOutcome, status: Int?, finalURL: String?, detail: String?) {
        self.name = name
        self.url = url
        self.outcome = outcome
        self.status = status
        self.finalURL = finalURL
        self.detail = detail
    }
}

import Foundation

/// One request of a redirect chain, in the order a visitor goes through them.
package struct HTTPHop: Codable, Sendable, Equatable {
    package var url: String
    /// The address connected to, and where it came from (`dns` or `connect_to`).
    package var address: String?
    package var addressSource: String?
    package var outcome: FetchOutcome
    package var status: Int?
    /// The `Location` header as sent (cleaned of control characters, cut to a bounded length).
    package var location: String?
    /// Time to the complete response head, in milliseconds.
    package var timeMs: Int?
    /// Allowlisted response headers only (lower-case names); never cookies, credentials or bodies.
    package var headers: [String: String]
    package var detail: String?

    package init(url: String, address: String? = nil, addressSource: String? = nil, outcome: FetchOutcome, status: Int? = nil,
                location: String? = nil, timeMs: Int? = nil, headers: [String: String] = [:], detail: String? = nil) {
        self.url = url
        self.address = address
        self.addressSource = addressSource
        self.outcome = outcome
        self.status = status
        self.location = location
        self.timeMs = timeMs
        self.headers = headers
        self.detail = detail
    }
}

/// A redirect chain followed by hand, hop by hop.
package struct RedirectChain: Codable, Sendable, Equatable {
    /// The statuses a chain follows (RFC 9110 §15.4).
    package static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    package enum End: String, Codable, Sendable, LenientRawEnum {
        /// The last hop answered with something other than a redirect.
        case final
        /// A URL came back: the chain never ends.
        case loop
        case tooManyRedirects = "too-many-redirects"
        /// A redirect to a host the manifest does not list: recorded, not followed.
        case leftManifest = "left-manifest"
        /// A redirect status without a usable `Location`.
        case badLocation = "bad-location"
        /// A monitor link redirected to a loopback or link-local address (from DNS or written in the `Location`):
        /// recorded, not dialled.
        case internalAddress = "internal-address"
        /// The last hop got no answer (see its outcome).
        case failed
        case unknown
    }

    package var start: String
    package var hops: [HTTPHop]
    package var end: End
    /// The URL of the last hop that answered with a non-redirect status.
    package var finalURL: String?
    package var finalStatus: Int?
    /// The canonical host of the chain's domain, as the manifest named it when the chain was walked; nil for chains
    /// that belong to no domain (monitoring links).
    package var canonical: String?
    /// What a snapshot written before chains recorded `canonical` said about it (schema 1); never written.
    package var recordedLeavesCanonical: Bool?
    package var recordedEndsOnCanonical: Bool?

    package init(start: String, hops: [HTTPHop], end: End, finalURL: String?, finalStatus: Int?, canonical: String?) {
        self.start = start
        self.hops = hops
        self.end = end
        self.finalURL = finalURL
        self.finalStatus = finalStatus
        self.canonical = canonical
    }

    enum CodingKeys: String, CodingKey {
        case start, hops, end, finalURL, finalStatus, canonical
        case recordedLeavesCanonical = "leavesCanonical", recordedEndsOnCanonical = "endsOnCanonical"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(String.self, forKey: .start)
        hops = try c.decode([HTTPHop].self, forKey: .hops)
        end = try c.decode(End.self, forKey: .end)
        finalURL = try c.decodeIfPresent(String.self, forKey: .finalURL)
        finalStatus = try c.decodeIfPresent(Int.self, forKey: .finalStatus)
        canonical = try c.decodeIfPresent(String.self, forKey: .canonical)
        if canonical == nil {
            recordedLeavesCanonical = try c.decodeIfPresent(Bool.self, forKey: .recordedLeavesCanonical)
            recordedEndsOnCanonical = try c.decodeIfPresent(Bool.self, forKey: .recordedEndsOnCanonical)
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(hops, forKey: .hops)
        try c.encode(end, forKey: .end)
        try c.encodeIfPresent(finalURL, forKey: .finalURL)
        try c.encodeIfPresent(finalStatus, forKey: .finalStatus)
        try c.encodeIfPresent(canonical, forKey: .canonical)
    }
}

/// Both schemes of one host.
package struct HostHTTP: Codable, Sendable, Equatable {
    package var host: String
    package var http: RedirectChain
    package var https: RedirectChain

    package init(host: String, http: RedirectChain, https: RedirectChain) {
        self.host = host
        self.http = http
        self.https = https
    }
}

/// A manifest `redirects` entry and what really happened.
package struct RedirectCheck: Codable, Sendable, Equatable {
    package var from: String
    package var expected: String
    /// Where the chain from `from` ended (nil when it never got an answer).
    package var actual: String?
    /// Statuses of the chain's hops, in order (e.g. `[301, 200]`).
    package var statuses: [Int]
    package var manifestLine: Int

    package init(from: String, expected: String, actual: String?, statuses: [Int], manifestLine: Int) {
        self.from = from
        self.expected = expected
        self.actual = actual
        self.statuses = statuses
        self.manifestLine = manifestLine
    }
}

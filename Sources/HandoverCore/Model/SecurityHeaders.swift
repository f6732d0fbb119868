import Foundation

/// Security headers of a canonical host's front page.
public struct SecurityHeaders: Codable, Sendable, Equatable {
    public struct HSTS: Codable, Sendable, Equatable {
        public var maxAge: Int?
        public var includeSubDomains: Bool
        public var preload: Bool

        public init(maxAge: Int?, includeSubDomains: Bool, preload: Bool) {
            self.maxAge = maxAge
            self.includeSubDomains = includeSubDomains
            self.preload = preload
        }

        /// Parses a `Strict-Transport-Security` value (RFC 6797 §6.1); directive names are case-insensitive.
        public init(parsing value: String) {
            var maxAge: Int?
            var sub = false, preload = false
            for part in value.split(separator: ";") {
                let directive = part.trimmingCharacters(in: .whitespaces)
                let pieces = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                switch pieces.first?.lowercased() {
                case "max-age": maxAge = pieces.count > 1 ? Int(pieces[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))) : nil
                case "includesubdomains": sub = true
                case "preload": preload = true
                default: break
                }
            }
            self.init(maxAge: maxAge, includeSubDomains: sub, preload: preload)
        }
    }

    public var host: String
    public var url: String
    public var outcome: FetchOutcome
    public var status: Int?
    public var hsts: HSTS?
    public var contentSecurityPolicy: String?
    public var xContentTypeOptions: String?
    public var referrerPolicy: String?
    public var xFrameOptions: String?
    public var server: String?

    public init(host: String, url: String, outcome: FetchOutcome, status: Int?, headers: [String: String]) {
        self.host = host
        self.url = url
        self.outcome = outcome
        self.status = status
        hsts = headers["strict-transport-security"].map(HSTS.init(parsing:))
        contentSecurityPolicy = headers["content-security-policy"]
        xContentTypeOptions = headers["x-content-type-options"]
        referrerPolicy = headers["referrer-policy"]
        xFrameOptions = headers["x-frame-options"]
        server = headers["server"]
    }
}

/// What an API host answers to a request from a foreign origin.
public struct CORSCheck: Codable, Sendable, Equatable {
    public static let probeOrigin = "https://evil.invalid"

    public var host: String
    public var url: String
    public var origin: String
    public var outcome: FetchOutcome
    public var status: Int?
    public var allowOrigin: String?
    public var allowCredentials: String?
    public var detail: String?

    public init(host: String, url: String, outcome: FetchOutcome, status: Int?, headers: [String: String], detail: String?) {
        self.host = host
        self.url = url
        origin = Self.probeOrigin
        self.outcome = outcome
        self.status = status
        allowOrigin = headers["access-control-allow-origin"]
        allowCredentials = headers["access-control-allow-credentials"]
        self.detail = detail
    }
}

import Foundation

/// Security headers of a canonical host's front page.
package struct SecurityHeaders: Codable, Sendable, Equatable {
    package struct HSTS: Codable, Sendable, Equatable {
        package var maxAge: Int?
        package var includeSubDomains: Bool
        package var preload: Bool

        package init(maxAge: Int?, includeSubDomains: Bool, preload: Bool) {
            self.maxAge = maxAge
            self.includeSubDomains = includeSubDomains
            self.preload = preload
        }

        /// Parses a `Strict-Transport-Security` value (RFC 6797 §6.1); directive names are case-insensitive.
        package init(parsing value: String) {
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

    package var host: String
    package var url: String
    package var outcome: FetchOutcome
    package var status: Int?
    package var hsts: HSTS?
    package var contentSecurityPolicy: String?
    package var xContentTypeOptions: String?
    package var referrerPolicy: String?
    package var xFrameOptions: String?
    package var server: String?

    package init(host: String, url: String, outcome: FetchOutcome, status: Int?, headers: [String: String]) {
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
package struct CORSCheck: Codable, Sendable, Equatable {
    package static let probeOrigin = "https://evil.invalid"

    package var host: String
    package var url: String
    package var origin: String
    package var outcome: FetchOutcome
    package var status: Int?
    package var allowOrigin: String?
    package var allowCredentials: String?
    package var detail: String?

    package init(host: String, url: String, outcome: FetchOutcome, status: Int?, headers: [String: String], detail: String?) {
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

import Foundation

/// When each domain's registration expires, from RDAP (RFC 9083).
package struct RegistrationState: Codable, Sendable, Equatable {
    /// Sorted by domain.
    package var domains: [DomainRegistration]

    package init(domains: [DomainRegistration]) { self.domains = domains }
}

/// One domain's registration record.
package struct DomainRegistration: Codable, Sendable, Equatable {
    package enum Outcome: String, Codable, Sendable, LenientRawEnum {
        case found
        /// The registry answered 404: not registered (or not in that registry).
        case notFound = "not-found"
        /// No RDAP server known for the TLD, and none in the manifest.
        case noServer = "no-server"
        /// No usable answer (refused, timeout, error status, not RDAP JSON): unknown, not an error of the snapshot.
        case unreachable
        case unknown
    }

    package var domain: String
    /// The RDAP query URL, and where its base came from (`built-in` or `manifest`).
    package var rdapURL: String?
    package var rdapSource: String?
    package var outcome: Outcome
    package var status: Int?
    package var registrar: String?
    package var registered: Date?
    package var expires: Date?
    package var lastChanged: Date?
    /// EPP status values (`client transfer prohibited`, …), sorted.
    package var statuses: [String]
    package var detail: String?

    package init(domain: String, rdapURL: String?, rdapSource: String?, outcome: Outcome, status: Int? = nil,
                registrar: String? = nil, registered: Date? = nil, expires: Date? = nil, lastChanged: Date? = nil,
                statuses: [String] = [], detail: String? = nil) {
        self.domain = domain
        self.rdapURL = rdapURL
        self.rdapSource = rdapSource
        self.outcome = outcome
        self.status = status
        self.registrar = registrar
        self.registered = registered
        self.expires = expires
        self.lastChanged = lastChanged
        self.statuses = statuses
        self.detail = detail
    }
}

/// RDAP base URLs of common TLDs (from IANA's bootstrap registry, `https://data.iana.org/rdap/dns.json`), compiled
/// in so no bootstrap fetch is needed; `domains[].rdap` overrides per domain.
package enum RDAPBootstrap {
    package static let bases: [String: String] = [
        "com": "https://rdap.verisign.com/com/v1/",
        "net": "https://rdap.verisign.com/net/v1/",
        "org": "https://rdap.publicinterestregistry.org/rdap/",
        "io": "https://rdap.identitydigital.services/rdap/",
        "ai": "https://rdap.identitydigital.services/rdap/",
        "co": "https://rdap.registry.co/co/",
        "me": "https://rdap.identitydigital.services/rdap/",
        "sh": "https://rdap.identitydigital.services/rdap/",
        "xyz": "https://rdap.centralnic.com/xyz/",
        "tech": "https://rdap.centralnic.com/tech/",
        "dev": "https://pubapi.registry.google/rdap/",
        "app": "https://pubapi.registry.google/rdap/",
        "page": "https://pubapi.registry.google/rdap/",
        "so": "https://rdap.nic.so/",
        "info": "https://rdap.identitydigital.services/rdap/",
        "biz": "https://rdap.nic.biz/",
        "us": "https://rdap.nic.us/",
        "fr": "https://rdap.nic.fr/",
        "nl": "https://rdap.sidn.nl/",
        "cz": "https://rdap.nic.cz/",
    ]

    /// The query URL for `domain` (`BASE/domain/NAME`) and the base's source, or nil when no server is known.
    package static func queryURL(domain: String, override: String?) -> (url: String, source: String)? {
        let name = DNSName.normalized(domain)
        let base: String, source: String
        if let override {
            (base, source) = (override, "manifest")
        } else if let tld = name.split(separator: ".").last, let known = bases[String(tld)] {
            (base, source) = (known, "built-in")
        } else {
            return nil
        }
        return ((base.hasSuffix("/") ? base : base + "/") + "domain/" + name, source)
    }
}

/// Reads the parts of an RDAP domain object (RFC 9083 §5.3) that matter for expiry.
package enum RDAPParser {
    package struct Parsed: Equatable {
        package var registrar: String?
        package var registered: Date?
        package var expires: Date?
        package var lastChanged: Date?
        package var statuses: [String]
    }

    /// Nil when the body is not an RDAP domain object.
    package static func parse(_ body: [UInt8]) -> Parsed? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              object["objectClassName"] as? String == "domain" || object["ldhName"] != nil
        else { return nil }
        var parsed = Parsed(statuses: [])
        for event in object["events"] as? [[String: Any]] ?? [] {
            guard let action = event["eventAction"] as? String, let text = event["eventDate"] as? String,
                  let date = date(text) else { continue }
            switch action.lowercased() {
            case "registration": parsed.registered = date
            case "expiration": parsed.expires = date
            case "last changed": parsed.lastChanged = date
            default: break
            }
        }
        parsed.statuses = ((object["status"] as? [String]) ?? []).map { RemoteText.clip($0, max: 80) }.sorted()
        for entity in object["entities"] as? [[String: Any]] ?? [] where (entity["roles"] as? [String])?.contains("registrar") == true {
            parsed.registrar = vcardName(entity["vcardArray"]) ?? (entity["handle"] as? String)
            break
        }
        parsed.registrar = parsed.registrar.map { RemoteText.clip($0, max: 120) }
        return parsed
    }

    /// The `fn` property of a jCard (RFC 7095): `["vcard", [["fn", {}, "text", "NAME"], …]]`.
    static func vcardName(_ value: Any?) -> String? {
        guard let array = value as? [Any], array.count > 1, let properties = array[1] as? [[Any]] else { return nil }
        for property in properties where property.count > 3 && property[0] as? String == "fn" {
            return property[3] as? String
        }
        return nil
    }

    static func date(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ISO8601DateFormatter().date(from: text) ?? withFraction.date(from: text)
    }
}

extension DomainRegistration {
    /// Whole days from `date` to expiry (negative once expired); nil without an expiry date.
    package func daysLeft(at date: Date) -> Int? { expires.map { Int(floor($0.timeIntervalSince(date) / 86_400)) } }
}

import Foundation

/// What visitors and monitors get over HTTP: redirect chains, endpoint latency, security headers, CORS, the live
/// deployed version and monitoring links. Certificates are not verified here (the `tls` section judges them), so a
/// host with a bad certificate still has its hops recorded.
public struct HTTPState: Codable, Sendable, Equatable {
    /// `http://HOST/` and `https://HOST/` of every manifest host, sorted by host.
    public var hosts: [HostHTTP]
    /// The manifest's `redirects`, checked against what the site did; sorted by `from`.
    public var redirectChecks: [RedirectCheck]
    /// Health and critical endpoints, sorted by URL.
    public var endpoints: [EndpointCheck]
    /// Security headers of each domain's canonical host, sorted by host.
    public var securityHeaders: [SecurityHeaders]
    /// A cross-origin probe of each API host, sorted by host.
    public var cors: [CORSCheck]
    /// The commit each environment with a `version` probe is really running, sorted by environment.
    public var deployments: [DeployedVersion]
    /// Each monitoring link fetched once, sorted by name.
    public var monitors: [MonitorLinkCheck]

    public init(hosts: [HostHTTP] = [], redirectChecks: [RedirectCheck] = [], endpoints: [EndpointCheck] = [],
                securityHeaders: [SecurityHeaders] = [], cors: [CORSCheck] = [], deployments: [DeployedVersion] = [],
                monitors: [MonitorLinkCheck] = []) {
        self.hosts = hosts
        self.redirectChecks = redirectChecks
        self.endpoints = endpoints
        self.securityHeaders = securityHeaders
        self.cors = cors
        self.deployments = deployments
        self.monitors = monitors
    }
}

/// How one request ended.
public enum FetchOutcome: String, Codable, Sendable, LenientRawEnum {
    /// The server answered with a status (which may still be an error status).
    case response
    case refused, timeout, reset
    /// The name had no address to connect to.
    case noAddress = "no-address"
    case tlsFailed = "tls-failed"
    /// The answer was not HTTP, or the request could not be made.
    case error, unknown
}

/// One request of a redirect chain, in the order a visitor goes through them.
public struct HTTPHop: Codable, Sendable, Equatable {
    public var url: String
    /// The address connected to, and where it came from (`dns` or `connect_to`).
    public var address: String?
    public var addressSource: String?
    public var outcome: FetchOutcome
    public var status: Int?
    /// The `Location` header as sent (cleaned of control characters, cut to a bounded length).
    public var location: String?
    /// Time to the complete response head, in milliseconds.
    public var timeMs: Int?
    /// Allowlisted response headers only (lower-case names); never cookies, credentials or bodies.
    public var headers: [String: String]
    public var detail: String?

    public init(url: String, address: String? = nil, addressSource: String? = nil, outcome: FetchOutcome, status: Int? = nil,
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
public struct RedirectChain: Codable, Sendable, Equatable {
    public enum End: String, Codable, Sendable, LenientRawEnum {
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

    public var start: String
    public var hops: [HTTPHop]
    public var end: End
    /// The URL of the last hop that answered with a non-redirect status.
    public var finalURL: String?
    public var finalStatus: Int?
    public var loop: Bool
    /// Some hop sends an https URL to an http one.
    public var downgrade: Bool
    /// Some hop moves from the canonical host to another host.
    public var leavesCanonical: Bool
    /// Whether the chain ends on the canonical host; nil when the domain names none.
    public var endsOnCanonical: Bool?

    public init(start: String, hops: [HTTPHop], end: End, finalURL: String?, finalStatus: Int?, loop: Bool, downgrade: Bool,
                leavesCanonical: Bool, endsOnCanonical: Bool?) {
        self.start = start
        self.hops = hops
        self.end = end
        self.finalURL = finalURL
        self.finalStatus = finalStatus
        self.loop = loop
        self.downgrade = downgrade
        self.leavesCanonical = leavesCanonical
        self.endsOnCanonical = endsOnCanonical
    }
}

/// Both schemes of one host.
public struct HostHTTP: Codable, Sendable, Equatable {
    public var host: String
    public var http: RedirectChain
    public var https: RedirectChain

    public init(host: String, http: RedirectChain, https: RedirectChain) {
        self.host = host
        self.http = http
        self.https = https
    }
}

/// A manifest `redirects` entry and what really happened.
public struct RedirectCheck: Codable, Sendable, Equatable {
    public var from: String
    public var expected: String
    /// Where the chain from `from` ended (nil when it never got an answer).
    public var actual: String?
    public var matches: Bool
    /// Statuses of the chain's hops, in order (e.g. `[301, 200]`).
    public var statuses: [Int]
    public var manifestLine: Int

    public init(from: String, expected: String, actual: String?, matches: Bool, statuses: [Int], manifestLine: Int) {
        self.from = from
        self.expected = expected
        self.actual = actual
        self.matches = matches
        self.statuses = statuses
        self.manifestLine = manifestLine
    }
}

/// A health or critical endpoint measured over `collect.samples` requests.
public struct EndpointCheck: Codable, Sendable, Equatable {
    public var url: String
    /// Why it is probed: `health`, or `critical:NAME`; sorted.
    public var roles: [String]
    public var address: String?
    public var addressSource: String?
    /// How the last request ended.
    public var outcome: FetchOutcome
    /// The last answer's status, and every distinct status seen, sorted.
    public var status: Int?
    public var statuses: [Int]
    public var contentType: String?
    /// Body size of the last answer, read up to `bodyCap` bytes (the body itself is never stored).
    public var bytes: Int?
    /// The body was longer than the cap; `bytes` is the cap.
    public var truncated: Bool
    /// Requests made, and how many got an answer.
    public var attempts: Int
    public var answered: Int
    /// Latency of the answered requests (complete response, body read up to the cap), in milliseconds.
    public var p50Ms: Int?
    public var p95Ms: Int?
    public var maxMs: Int?
    public var detail: String?

    public init(url: String, roles: [String], address: String?, addressSource: String?, outcome: FetchOutcome, status: Int?,
                statuses: [Int], contentType: String?, bytes: Int?, truncated: Bool, attempts: Int, answered: Int,
                p50Ms: Int?, p95Ms: Int?, maxMs: Int?, detail: String?) {
        self.url = url
        self.roles = roles
        self.address = address
        self.addressSource = addressSource
        self.outcome = outcome
        self.status = status
        self.statuses = statuses
        self.contentType = contentType
        self.bytes = bytes
        self.truncated = truncated
        self.attempts = attempts
        self.answered = answered
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.maxMs = maxMs
        self.detail = detail
    }

    /// Nearest-rank percentile of millisecond samples (`fraction` in 0…1); nil when there are none.
    public static func percentile(_ samples: [Int], _ fraction: Double) -> Int? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

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
    /// The CSP restricts framing (`frame-ancestors`), which supersedes X-Frame-Options.
    public var cspFrameAncestors: Bool
    public var xContentTypeOptions: String?
    public var referrerPolicy: String?
    public var xFrameOptions: String?
    public var server: String?
    /// The `Server` header names a version (e.g. `nginx/1.22.1`).
    public var serverLeaksVersion: Bool

    public init(host: String, url: String, outcome: FetchOutcome, status: Int?, headers: [String: String]) {
        self.host = host
        self.url = url
        self.outcome = outcome
        self.status = status
        hsts = headers["strict-transport-security"].map(HSTS.init(parsing:))
        contentSecurityPolicy = headers["content-security-policy"]
        cspFrameAncestors = contentSecurityPolicy?.lowercased().contains("frame-ancestors") ?? false
        xContentTypeOptions = headers["x-content-type-options"]
        referrerPolicy = headers["referrer-policy"]
        xFrameOptions = headers["x-frame-options"]
        server = headers["server"]
        serverLeaksVersion = server.map(Self.namesVersion) ?? false
    }

    /// True for `nginx/1.22.1`, `Apache/2.4.57 (Debian)`, `Microsoft-IIS/10.0`; false for `nginx`, `cloudflare`.
    static func namesVersion(_ server: String) -> Bool {
        let scalars = Array(server.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "/" {
            if index + 1 < scalars.count, CharacterSet.decimalDigits.contains(scalars[index + 1]) { return true }
        }
        return false
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
    /// `Access-Control-Allow-Origin` echoes the foreign origin.
    public var reflectsOrigin: Bool
    /// `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`.
    public var wildcardWithCredentials: Bool
    public var detail: String?

    public init(host: String, url: String, outcome: FetchOutcome, status: Int?, headers: [String: String], detail: String?) {
        self.host = host
        self.url = url
        origin = Self.probeOrigin
        self.outcome = outcome
        self.status = status
        allowOrigin = headers["access-control-allow-origin"]
        allowCredentials = headers["access-control-allow-credentials"]
        reflectsOrigin = allowOrigin?.trimmingCharacters(in: .whitespaces).lowercased() == Self.probeOrigin
        wildcardWithCredentials = allowOrigin?.trimmingCharacters(in: .whitespaces) == "*"
            && allowCredentials?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
        self.detail = detail
    }
}

/// The commit an environment is really running, compared with its branch in git.
public struct DeployedVersion: Codable, Sendable, Equatable {
    public enum Relation: String, Codable, Sendable, LenientRawEnum {
        /// The deployed commit is the branch head.
        case same
        /// The deployed commit is an ancestor of the branch head (`behindBy` commits).
        case behind
        /// The branch head is an ancestor of the deployed commit: the local clone is behind production.
        case ahead
        /// The commit exists but is not on the branch (a hotfix deployed from elsewhere).
        case notOnBranch = "not-on-branch"
        /// The repository does not have that commit.
        case unknownCommit = "unknown-commit"
        /// No version could be read (see the outcome and detail).
        case unavailable
        case unknown
    }

    public var environment: String
    public var url: String
    /// Where the version is read: `json:KEY` or `header:NAME`.
    public var source: String
    public var outcome: FetchOutcome
    public var status: Int?
    /// The version text as served (cleaned, cut to 100 characters).
    public var reported: String?
    /// The full commit id it names in the repository.
    public var commit: String?
    public var branch: String?
    public var branchHead: String?
    public var relation: Relation
    public var behindBy: Int?
    public var aheadBy: Int?
    /// The env var whose value was sent as a credential — its name only.
    public var authHeaderEnv: String?
    public var detail: String?

    public init(environment: String, url: String, source: String, outcome: FetchOutcome, status: Int? = nil,
                reported: String? = nil, commit: String? = nil, branch: String? = nil, branchHead: String? = nil,
                relation: Relation, behindBy: Int? = nil, aheadBy: Int? = nil, authHeaderEnv: String? = nil, detail: String? = nil) {
        self.environment = environment
        self.url = url
        self.source = source
        self.outcome = outcome
        self.status = status
        self.reported = reported
        self.commit = commit
        self.branch = branch
        self.branchHead = branchHead
        self.relation = relation
        self.behindBy = behindBy
        self.aheadBy = aheadBy
        self.authHeaderEnv = authHeaderEnv
        self.detail = detail
    }
}

/// A monitoring link fetched once.
public struct MonitorLinkCheck: Codable, Sendable, Equatable {
    public var name: String
    public var url: String
    public var outcome: FetchOutcome
    /// Status of the last hop, and where the redirects ended.
    public var status: Int?
    public var finalURL: String?
    /// No answer, or an error status (4xx/5xx) at the end.
    public var dead: Bool
    public var detail: String?

    public init(name: String, url: String, outcome: FetchOutcome, status: Int?, finalURL: String?, detail: String?) {
        self.name = name
        self.url = url
        self.outcome = outcome
        self.status = status
        self.finalURL = finalURL
        dead = outcome != .response || (status ?? 0) >= 400
        self.detail = detail
    }
}

/// Makes text from a remote server safe to store: control and bidi characters escaped, length bounded.
public enum RemoteText {
    public static func clip(_ text: String, max: Int = 512) -> String {
        let clean = TerminalText.clean(text)
        guard clean.count > max else { return clean }
        return String(clean.prefix(max)) + "…"
    }
}

/// How a deployed commit relates to a branch, as worked out from the repository.
public struct VersionComparison: Sendable, Equatable {
    public var commit: String?
    public var branch: String?
    public var branchHead: String?
    public var relation: DeployedVersion.Relation
    public var behindBy: Int?
    public var aheadBy: Int?
    public var detail: String?

    public init(commit: String? = nil, branch: String? = nil, branchHead: String? = nil, relation: DeployedVersion.Relation,
                behindBy: Int? = nil, aheadBy: Int? = nil, detail: String? = nil) {
        self.commit = commit
        self.branch = branch
        self.branchHead = branchHead
        self.relation = relation
        self.behindBy = behindBy
        self.aheadBy = aheadBy
        self.detail = detail
    }

    /// The commit-id part of a version text: a bare hex id (7–40 digits), or the `gHEX` suffix of `git describe`.
    public static func commitID(in reported: String) -> String? {
        let text = reported.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        func isHex(_ s: Substring) -> Bool { (7...40).contains(s.count) && s.allSatisfy { $0.isHexDigit && $0.isASCII } }
        if isHex(Substring(text)) { return text }
        if let dash = text.range(of: "-g", options: .backwards), isHex(text[dash.upperBound...]) {
            return String(text[dash.upperBound...])
        }
        return nil
    }
}

import Foundation

/// What visitors and monitors get over HTTP: redirect chains, endpoint latency, security headers, CORS, the live
/// deployed version and monitoring links. Certificates are not verified here (the `tls` section judges them), so a
/// host with a bad certificate still has its hops recorded.
package struct HTTPState: Codable, Sendable, Equatable {
    /// `http://HOST/` and `https://HOST/` of every manifest host, sorted by host.
    package var hosts: [HostHTTP]
    /// The manifest's `redirects`, checked against what the site did; sorted by `from`.
    package var redirectChecks: [RedirectCheck]
    /// Health and critical endpoints, sorted by URL.
    package var endpoints: [EndpointCheck]
    /// Security headers of each domain's canonical host, sorted by host.
    package var securityHeaders: [SecurityHeaders]
    /// A cross-origin probe of each API host, sorted by host.
    package var cors: [CORSCheck]
    /// The commit each environment with a `version` probe is really running, sorted by environment.
    package var deployments: [DeployedVersion]
    /// Each monitoring link fetched once, sorted by name.
    package var monitors: [MonitorLinkCheck]

    package init(hosts: [HostHTTP] = [], redirectChecks: [RedirectCheck] = [], endpoints: [EndpointCheck] = [],
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
package enum FetchOutcome: String, Codable, Sendable, LenientRawEnum {
    /// The server answered with a status (which may still be an error status).
    case response
    case refused, timeout, reset
    /// The name had no address to connect to.
    case noAddress = "no-address"
    case tlsFailed = "tls-failed"
    /// The answer was not HTTP, or the request could not be made.
    case error, unknown
}

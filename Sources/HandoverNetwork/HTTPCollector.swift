import Foundation
import NIOConcurrencyHelpers
import HandoverModel
import HandoverManifest

/// The HTTP half of the edge layer: redirect chains of every manifest host, health and critical endpoints over
/// `collect.samples` requests, security headers, a CORS probe, the live deployed version and monitoring links.
/// Everything runs concurrently; every request is bounded by the fetcher's timeout.
package struct HTTPCollector: Sendable {
    package static let maxHops = 10

    /// Observes: certificates are not verified (the `tls` section judges them), so it never carries a credential.
    package let fetcher: any HTTPFetching
    /// Verifies the chain and the host name (system roots plus `ca_file`): the only client a credential is sent with.
    /// Nil: no credential is sent at all.
    package let credentialFetcher: (any HTTPFetching)?
    package let router: ProbeRouter
    package let samples: Int
    /// Reads an env var by name at run time (the value is sent, never stored or printed).
    package let credential: @Sendable (String) -> String?
    /// Places a deployed commit on its branch (libgit2, supplied by the app, which runs it off the cooperative pool).
    package let compare: @Sendable (_ reported: String, _ branch: String?) async -> VersionComparison
    /// The redirect walks' requests by URL and route: `http://host/` usually redirects to `https://host/`, which the
    /// host's https walk asks as well; the two chains share one answer instead of two TLS handshakes with the server.
    private let hopFetches = HopFetches()

    package init(fetcher: any HTTPFetching, credentialFetcher: (any HTTPFetching)? = nil, router: ProbeRouter, samples: Int,
                credential: @escaping @Sendable (String) -> String? = { ProcessInfo.processInfo.environment[$0] },
                compare: @escaping @Sendable (String, String?) async -> VersionComparison) {
        self.fetcher = fetcher
        self.credentialFetcher = credentialFetcher
        self.router = router
        self.samples = max(1, samples)
        self.credential = credential
        self.compare = compare
    }

    package func collect(_ manifest: Manifest) async -> Section<HTTPState> {
        let hasWork = !manifest.domains.isEmpty || !manifest.critical.isEmpty || !manifest.monitoring.isEmpty
            || manifest.environments.contains { $0.version != nil }
        guard hasWork else { return .skipped("no `domains`, `critical`, `monitoring` or `version` in the manifest") }
        let allowed = Self.manifestHosts(manifest)
        let canonicalOf = Dictionary(manifest.edgeHosts.map { ($0.host, Self.canonical($0.domain)) }, uniquingKeysWith: { a, _ in a })

        async let hosts = withTaskGroup(of: HostHTTP.self) { group in
            for edge in manifest.edgeHosts {
                group.addTask {
                    let canonical = canonicalOf[edge.host] ?? nil
                    async let http = walk(URL(string: "http://\(edge.host)/")!, allowed: allowed, canonical: canonical)
                    async let https = walk(URL(string: "https://\(edge.host)/")!, allowed: allowed, canonical: canonical)
                    return await HostHTTP(host: edge.host, http: http, https: https)
                }
            }
            var all: [HostHTTP] = []
            for await host in group { all.append(host) }
            return all.sorted { $0.host < $1.host }
        }
        async let endpoints = measureEndpoints(manifest)
        async let deployments = deployedVersions(manifest)
        async let monitors = monitorLinks(manifest)
        let hostResults = await hosts

        // Redirect checks reuse a host's chain when they start at its front page, else walk their own.
        var checks: [RedirectCheck] = []
        for domain in manifest.domains {
            for spec in domain.redirects {
                let chain: RedirectChain
                if let known = hostResults.flatMap({ [$0.http, $0.https] }).first(where: { URLKey.of($0.start) == URLKey.of(spec.from) }) {
                    chain = known
                } else if let url = URL(string: spec.from), url.host != nil {
                    chain = await walk(url, allowed: allowed, canonical: Self.canonical(domain))
                } else {
                    checks.append(RedirectCheck(from: spec.from, expected: spec.to, actual: nil, statuses: [],
                                                manifestLine: spec.line))
                    continue
                }
                let actual = chain.finalURL ?? (chain.end == .leftManifest ? chain.hops.last?.location : nil)
                checks.append(RedirectCheck(
                    from: spec.from, expected: spec.to, actual: actual,
                    statuses: chain.hops.compactMap(\.status), manifestLine: spec.line))
            }
        }
        checks.sort { ($0.from, $0.expected) < ($1.from, $1.expected) }

        var security: [SecurityHeaders] = []
        for domain in manifest.domains {
            let canonical = Self.canonical(domain)
            guard let chain = hostResults.first(where: { $0.host == canonical })?.https else { continue }
            let hop = chain.hops.last { $0.outcome == .response && URL(string: $0.url)?.host?.lowercased() == canonical }
                ?? chain.hops.first!
            security.append(SecurityHeaders(host: canonical, url: hop.url, outcome: hop.outcome, status: hop.status, headers: hop.headers))
        }
        security.sort { $0.host < $1.host }

        let apiHosts = manifest.edgeHosts.filter { $0.label == "api" }.map(\.host)
        let cors = await withTaskGroup(of: CORSCheck?.self) { group in
            for host in apiHosts {
                // Only hosts that answer at all: a missing API host is the DNS section's news, not CORS's.
                guard hostResults.first(where: { $0.host == host })?.https.hops.first?.outcome == .response else { continue }
                group.addTask { await corsProbe(host: host) }
            }
            var all: [CORSCheck] = []
            for await check in group { if let check { all.append(check) } }
            return all.sorted { $0.host < $1.host }
        }
        return .collected(HTTPState(hosts: hostResults, redirectChecks: checks, endpoints: await endpoints,
                                    securityHeaders: security, cors: cors, deployments: await deployments, monitors: await monitors))
    }

    // MARK: - Redirects

    /// Follows redirects by hand from `start`, recording every hop; a redirect to a host outside `allowed` is
    /// recorded and not followed (`allowed == nil` follows anywhere, for monitoring links).
    package func walk(_ start: URL, allowed: Set<String>?, canonical: String?) async -> RedirectChain {
        var hops: [HTTPHop] = []
        var visited: Set<String> = []
        var current = start
        var end = RedirectChain.End.failed
        var finalURL: String?, finalStatus: Int?
        while true {
            guard hops.count < Self.maxHops else { end = .tooManyRedirects; break }
            visited.insert(URLKey.of(current.absoluteString))
            let host = current.host?.lowercased() ?? ""
            let port = current.port ?? (current.scheme?.lowercased() == "https" ? 443 : 80)
            let route = await router.route(host: host, port: port)
            // A link followed anywhere (monitoring) is not let into the machine or its link by a redirect: a Location
            // or a DNS answer pointing at 127.0.0.1 or 169.254.169.254 is recorded, not dialled. `connect_to` is the
            // operator's own routing and stays followed.
            if allowed == nil, !hops.isEmpty, route.source != "connect_to", let address = route.address,
               IPAddress(address)?.isInternal == true {
                hops.append(HTTPHop(url: StoredURL.redacted(current.absoluteString), address: address, addressSource: route.source, outcome: .error,
                                    status: nil, location: nil, timeMs: nil, headers: [:],
                                    detail: "not dialled: \(address) is a loopback or link-local address"))
                end = .internalAddress
                break
            }
            let response = await hopFetches.fetch(current, route: route, with: fetcher)
            var headers = response.storedHeaders
            headers["location"] = nil
            let location = response.header("location").map { RemoteText.clip(StoredURL.redacted($0), max: 2_048) }
            hops.append(HTTPHop(url: StoredURL.redacted(current.absoluteString), address: route.address, addressSource: route.source,
                                outcome: response.outcome, status: response.status, location: location,
                                timeMs: response.outcome == .response ? response.elapsedMs : nil, headers: headers,
                                detail: response.detail))
            guard response.outcome == .response, let status = response.status else { end = .failed; break }
            guard RedirectChain.redirectStatuses.contains(status) else {
                end = .final
                (finalURL, finalStatus) = (StoredURL.redacted(current.absoluteString), status)
                break
            }
            guard let raw = response.header("location")?.trimmingCharacters(in: .whitespaces),
                  let next = URL(string: raw, relativeTo: current)?.absoluteURL,
                  let scheme = next.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let nextHost = next.host?.lowercased(), !nextHost.isEmpty
            else { end = .badLocation; break }
            if visited.contains(URLKey.of(next.absoluteString)) {
                end = .loop
                break
            }
            if let allowed, !allowed.contains(nextHost) { end = .leftManifest; break }
            current = next
        }
        return RedirectChain(start: start.absoluteString, hops: hops, end: end, finalURL: finalURL, finalStatus: finalStatus,
                             canonical: canonical)
    }

    // MARK: - Endpoints

    func measureEndpoints(_ manifest: Manifest) async -> [EndpointCheck] {
        var roles: [String: [String]] = [:]
        var order: [String] = []
        func add(_ url: String, _ role: String) {
            if roles[url] == nil { order.append(url) }
            roles[url, default: []].append(role)
        }
        for domain in manifest.domains { for url in domain.health { add(url, "health") } }
        for entry in manifest.critical { add(entry.url, "critical:\(entry.name)") }
        return await withTaskGroup(of: EndpointCheck.self) { group in
            for url in order {
                let roles = Array(Set(roles[url] ?? [])).sorted()
                group.addTask { await measure(url, roles: roles) }
            }
            var all: [EndpointCheck] = []
            for await check in group { all.append(check) }
            return all.sorted { $0.url < $1.url }
        }
    }

    /// `samples` requests one after another; latency is over the answered ones.
    func measure(_ text: String, roles: [String]) async -> EndpointCheck {
        guard let url = URL(string: text), let host = url.host?.lowercased() else {
            return EndpointCheck(url: text, roles: roles, address: nil, addressSource: nil, outcome: .error, status: nil,
                                 statuses: [], contentType: nil, bytes: nil, truncated: false, attempts: 0, answered: 0,
                                 p50Ms: nil, p95Ms: nil, maxMs: nil, detail: "not a URL")
        }
        let route = await router.route(host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80))
        var times: [Int] = []
        var statuses: Set<Int> = []
        var last: HTTPFetcher.Response?
        for _ in 0..<samples {
            let response = await fetcher.fetch(url, route: route, bodyCap: 256 * 1024)
            last = response
            if response.outcome == .response, let status = response.status {
                times.append(response.elapsedMs)
                statuses.insert(status)
            } else if times.isEmpty {
                break  // never answered: more attempts would only cost more timeouts
            }
        }
        return EndpointCheck(
            url: text, roles: roles, address: route.address, addressSource: route.source, outcome: last?.outcome ?? .error,
            status: last?.status, statuses: statuses.sorted(),
            contentType: last?.header("content-type").map { RemoteText.clip($0, max: 200) }, bytes: last?.bytes,
            truncated: last?.truncated ?? false, attempts: times.count + (last?.outcome == .response ? 0 : 1),
            answered: times.count, p50Ms: EndpointCheck.percentile(times, 0.5), p95Ms: EndpointCheck.percentile(times, 0.95),
            maxMs: times.max(), detail: last?.detail)
    }

    // MARK: - CORS

    func corsProbe(host: String) async -> CORSCheck {
        let url = URL(string: "https://\(host)/")!
        let route = await router.route(host: host, port: 443)
        let response = await fetcher.fetch(url, route: route, headers: [("Origin", CORSCheck.probeOrigin)])
        return CORSCheck(host: host, url: url.absoluteString, outcome: response.outcome, status: response.status,
                         headers: response.storedHeaders, detail: response.detail)
    }

    // MARK: - Deployed version

    func deployedVersions(_ manifest: Manifest) async -> [DeployedVersion] {
        await withTaskGroup(of: DeployedVersion.self) { group in
            for environment in manifest.environments {
                guard let probe = environment.version else { continue }
                group.addTask { await deployedVersion(environment, probe) }
            }
            var all: [DeployedVersion] = []
            for await version in group { all.append(version) }
            return all.sorted { $0.environment < $1.environment }
        }
    }

    func deployedVersion(_ environment: EnvironmentSpec, _ probe: VersionProbe) async -> DeployedVersion {
        let source = probe.header.map { "header:\($0)" } ?? "json:\(probe.jsonKey ?? "version")"
        var result = DeployedVersion(environment: environment.name, url: probe.url, source: source, outcome: .error,
                                     branch: environment.branch, relation: .unavailable, authHeaderEnv: probe.authHeaderEnv)
        guard let url = URL(string: probe.url), let host = url.host?.lowercased() else {
            result.detail = "version.url is not a URL"
            return result
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        var notes: [String] = []
        var sent: String?
        // A credential goes only to a server whose certificate chain and name verify: never over http://, never
        // through the observing client that accepts any certificate (the answer would hand the token to whoever
        // holds the address, while the `tls` section flags the same certificate).
        var client = fetcher
        if let name = probe.authHeaderEnv {
            let value = credential(name)
            // Known to the redactor before anything can fail with it: every error text and output is cleaned of it.
            if let value { Redactor.shared.register(value) }
            switch value {
            case nil, "":
                notes.append("\(name) is not set: asked without a credential")
            case let value? where value.unicodeScalars.contains(where: Self.isControl):
                notes.append("\(name) holds a control character: not sent")
            case _? where url.scheme?.lowercased() != "https":
                notes.append("\(name) not sent: version.url is not https:// (a credential goes only over HTTPS with a verified certificate)")
            case _? where credentialFetcher == nil:
                notes.append("\(name) not sent: no certificate-verifying client")
            case let value?:
                sent = value
                client = credentialFetcher ?? fetcher
                headers.append(("Authorization", value.contains(" ") ? value : "Bearer \(value)"))
            }
        }
        // A server may echo the request (a debug endpoint, a redirect to a login page carrying it): no text of the
        // answer that holds the credential is recorded.
        func withoutCredential(_ text: String?) -> String? {
            guard let text, let sent, Self.holds(text, credential: sent) else { return text }
            notes.append("the answer repeats the credential of \(probe.authHeaderEnv ?? "Authorization"): not recorded")
            return nil
        }
        let route = await router.route(host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80))
        let response = await client.fetch(url, route: route, headers: headers, bodyCap: 256 * 1024, keepBody: probe.header == nil)
        if sent != nil, response.outcome == .tlsFailed, let name = probe.authHeaderEnv {
            notes.append("\(name) not sent: the certificate of \(host) did not verify (system roots and collect.ca_file)")
        }
        result.outcome = response.outcome
        result.status = response.status
        func done(_ detail: String?) -> DeployedVersion {
            result.detail = (notes + [detail].compactMap { $0 }).joined(separator: "; ").nilIfEmpty
            return result
        }
        guard response.outcome == .response, let status = response.status else { return done(withoutCredential(response.detail)) }
        guard (200..<300).contains(status) else {
            let location = withoutCredential(response.header("location")).map { " → \(RemoteText.clip($0, max: 200))" } ?? ""
            return done("answered \(status)\(location)" + (RedirectChain.redirectStatuses.contains(status) ? "; point version.url at the final URL" : ""))
        }
        let reported: String?
        if let header = probe.header {
            reported = response.header(header.lowercased())
            if reported == nil { return done("no \(header) header in the answer") }
        } else {
            reported = Self.jsonValue(response.body, path: probe.jsonKey ?? "version")
            if reported == nil { return done("the body is not JSON with a `\(probe.jsonKey ?? "version")` string") }
        }
        guard let reported = withoutCredential(reported) else { return done(nil) }
        let clipped = RemoteText.clip(reported.trimmingCharacters(in: .whitespacesAndNewlines), max: 100)
        result.reported = clipped
        let comparison = await compare(clipped, environment.branch)
        result.commit = comparison.commit
        result.branch = comparison.branch
        result.branchHead = comparison.branchHead
        result.relation = comparison.relation
        result.behindBy = comparison.behindBy
        result.aheadBy = comparison.aheadBy
        return done(comparison.detail)
    }

    /// C0, DEL and C1 controls: a credential holding one is never put in a header (AHC would reject it with an error
    /// that describes the value).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether `text` holds `credential` in any form the redactor knows: as sent, escaped, percent-encoded, base64,
    /// or one word of it (`Token abc` → an answer holding `abc`).
    static func holds(_ text: String, credential: String) -> Bool {
        Redactor.holds(text, secret: credential)
    }

    /// A string (or number) at a dotted path of a JSON object: `commit`, `build.sha`.
    static func jsonValue(_ body: [UInt8], path: String) -> String? {
        guard var value = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else { return nil }
        for key in path.split(separator: ".") {
            guard let object = value as? [String: Any], let next = object[String(key)] else { return nil }
            value = next
        }
        if let string = value as? String { return string }
        if let number = value as? NSNumber, !(value is Bool) { return number.stringValue }
        return nil
    }

    // MARK: - Monitoring links

    func monitorLinks(_ manifest: Manifest) async -> [MonitorLinkCheck] {
        await withTaskGroup(of: MonitorLinkCheck.self) { group in
            for monitor in manifest.monitoring {
                group.addTask {
                    guard let url = URL(string: monitor.url), url.host != nil else {
                        return MonitorLinkCheck(name: monitor.name, url: monitor.url, outcome: .error, status: nil, finalURL: nil,
                                                detail: "not a URL")
                    }
                    let chain = await walk(url, allowed: nil, canonical: nil)
                    let last = chain.hops.last
                    let detail: String? = switch chain.end {
                    case .final: nil
                    case .failed: last?.detail
                    default: "redirects ended: \(chain.end.rawValue)"
                    }
                    return MonitorLinkCheck(name: monitor.name, url: monitor.url, outcome: last?.outcome ?? .error,
                                            status: last?.status, finalURL: chain.finalURL, detail: detail)
                }
            }
            var all: [MonitorLinkCheck] = []
            for await check in group { all.append(check) }
            return all.sorted { ($0.name, $0.url) < ($1.name, $1.url) }
        }
    }

    // MARK: - Helpers

    /// Every host the manifest names: edge hosts and the hosts of its redirect, health, critical and version URLs.
    static func manifestHosts(_ manifest: Manifest) -> Set<String> {
        var hosts = Set(manifest.edgeHosts.map(\.host))
        var urls = manifest.critical.map(\.url) + manifest.environments.compactMap(\.version?.url)
        for domain in manifest.domains { urls += domain.health + domain.redirects.flatMap { [$0.from, $0.to] } }
        for url in urls { if let host = URL(string: url)?.host?.lowercased() { hosts.insert(host) } }
        return hosts
    }

    static func canonical(_ domain: DomainSpec) -> String {
        DNSName.normalized(domain.canonical ?? domain.name)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// One GET per URL and route for the redirect walks of one collection: the first walk to ask starts it, any other
/// waits for the same answer.
final class HopFetches: Sendable {
    private let started = NIOLockedValueBox<[String: Task<HTTPFetcher.Response, Never>]>([:])

    func fetch(_ url: URL, route: Route, with fetcher: any HTTPFetching) async -> HTTPFetcher.Response {
        let key = "\(URLKey.of(url.absoluteString))|\(route.address ?? "-")|\(route.port)"
        let task = started.withLockedValue { started in
            if let running = started[key] { return running }
            let task = Task { await fetcher.fetch(url, route: route) }
            started[key] = task
            return task
        }
        return await task.value
    }
}

import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import HandoverModel

/// Where a probe of `host:port` connects: an address (from DNS or `connect_to`) and a port.
package struct Route: Sendable, Equatable {
    package var address: String?
    package var port: Int
    /// `dns`, `connect_to` or `resolver`.
    package var source: String?

    package init(address: String?, port: Int, source: String?) {
        self.address = address
        self.port = port
        self.source = source
    }
}

/// One HTTP request made with AsyncHTTPClient, redirects never followed, certificates never verified (the `tls`
/// section judges them), bounded by the timeout for connect, first byte and the whole exchange.
///
/// The URL keeps the real host name, so SNI and `Host` are right, while the connection goes to the route's address
/// (AHC's `dnsOverride`) and port (the URL carries the port, `Host` is set to the logical one).
package final class HTTPFetcher: Sendable {
    package struct Response: Sendable {
        package var url: String
        package var route: Route
        package var outcome: FetchOutcome
        package var status: Int?
        /// Every response header as received; callers store only `HTTPFetcher.allowlisted`.
        package var headers: [(name: String, value: String)]
        /// The body up to the cap, when the caller asked to keep it.
        package var body: [UInt8]
        package var bytes: Int
        package var truncated: Bool
        package var elapsedMs: Int
        package var detail: String?

        /// A response as the fetcher starts it, or as a fake fetcher gives it.
        package init(url: String, route: Route, outcome: FetchOutcome, status: Int? = nil, headers: [(name: String, value: String)] = [],
                    body: [UInt8] = [], bytes: Int = 0, truncated: Bool = false, elapsedMs: Int = 0, detail: String? = nil) {
            self.url = url
            self.route = route
            self.outcome = outcome
            self.status = status
            self.headers = headers
            self.body = body
            self.bytes = bytes
            self.truncated = truncated
            self.elapsedMs = elapsedMs
            self.detail = detail
        }

        package func header(_ name: String) -> String? {
            let values = headers.filter { $0.name.lowercased() == name }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ", ")
        }

        /// The allowlisted headers, lower-cased, cleaned and cut: never cookies, credentials or bodies.
        package var storedHeaders: [String: String] {
            var out: [String: String] = [:]
            for (name, value) in headers {
                let key = name.lowercased()
                guard HTTPFetcher.isAllowlisted(key) else { continue }
                let clean = RemoteText.clip(value, max: 1_024)
                out[key] = out[key].map { $0 + ", " + clean } ?? clean
            }
            return out
        }
    }

    /// Headers a snapshot may keep.
    package static let allowlist: Set<String> = [
        "strict-transport-security", "content-security-policy", "x-content-type-options", "referrer-policy",
        "x-frame-options", "server", "location", "content-type",
    ]

    static func isAllowlisted(_ name: String) -> Bool { allowlist.contains(name) || name.hasPrefix("access-control-") }

    package let timeoutMs: Int
    private let group: any EventLoopGroup
    private let tls: TLSConfiguration
    /// One client per (host, address): AHC's `dnsOverride` is fixed per client.
    private let clients = NIOLockedValueBox<[String: HTTPClient]>([:])
    /// `address:port` pairs that accepted TCP; AHC retries a refused connect until its deadline, so each pair is
    /// checked once with a plain connect first.
    private let reachable = NIOLockedValueBox<[String: FetchOutcome]>([:])
    /// Whether AHC retries a connection that failed (its default, until the deadline). Not when certificates are
    /// verified: a certificate that did not verify will not on the next attempt, and the retries ran into the
    /// deadline, so that a server that must not get a credential was sometimes reported as a timeout instead of a TLS
    /// failure (and its request took the whole timeout).
    private let retriesConnections: Bool

    package init(timeoutMs: Int, verifyCertificates: Bool = false, caFile: String? = nil) {
        self.timeoutMs = timeoutMs
        retriesConnections = !verifyCertificates
        group = MultiThreadedEventLoopGroup.singleton
        var tls = TLSConfiguration.makeClientConfiguration()
        if verifyCertificates {
            if let caFile { tls.additionalTrustRoots = [.file(caFile)] }
        } else {
            tls.certificateVerification = .none
            // No roots either: each client (one per host) builds its own SSL context, and the default roots make every
            // one of them parse the whole system bundle (≈ 140 certificates) — CPU and memory for nothing checked.
            tls.trustRoots = .certificates([])
        }
        // As the TLS probe: a closed connection's TLS state is freed without waiting 5 s for the server's close_notify.
        tls.shutdownTimeout = TLSProbe.shutdownTimeout
        self.tls = tls
    }

    /// Shuts every client down; call once when done.
    package func shutdown() async {
        let all = clients.withLockedValue { clients in
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { try? await client.shutdown() }
    }

    /// GETs `url` through `route`. `bodyCap` bounds what is read; `keepBody` keeps those bytes in the response.
    ///
    /// The whole exchange — connect, head and body — ends within the timeout: AsyncHTTPClient's deadline covers the
    /// head only, and a body that trickles a byte just before each read timeout would otherwise hold the request (and
    /// the section waiting for it) until the body cap. Past the timeout the request is cancelled and what arrived
    /// (the status and headers, when they did) is kept.
    package func fetch(_ url: URL, route: Route, headers extra: [(String, String)] = [], method: HTTPMethod = .GET,
                      bodyCap: Int = 64 * 1024, keepBody: Bool = false) async -> Response {
        await limiter.run { await self.fetchNow(url, route: route, headers: extra, method: method, bodyCap: bodyCap, keepBody: keepBody) }
    }

    /// Requests in flight at once (see `TLSProbe.maxInFlight`): the timeout of each starts when it gets its turn.
    package static let maxInFlight = 128
    private let limiter = ConcurrencyLimiter(limit: HTTPFetcher.maxInFlight)
    /// How long a connection waits idle for the host's next request.
    package static let idleTimeout = TimeAmount.milliseconds(250)

    private func fetchNow(_ url: URL, route: Route, headers extra: [(String, String)], method: HTTPMethod,
                          bodyCap: Int, keepBody: Bool) async -> Response {
        let started = ContinuousClock.now
        let partial = NIOLockedValueBox(Response(url: url.absoluteString, route: route, outcome: .error, status: nil, headers: [], body: [],
                                                 bytes: 0, truncated: false, elapsedMs: 0, detail: nil))
        let timeoutMs = self.timeoutMs
        let finished = await withTaskGroup(of: Response?.self) { group in
            group.addTask { await self.exchange(url, route: route, headers: extra, method: method, bodyCap: bodyCap, keepBody: keepBody, into: partial) }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(timeoutMs + 100))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let finished { return finished }
        var response = partial.withLockedValue { $0 }
        response.elapsedMs = started.millisecondsElapsed
        if response.status != nil {
            response.outcome = .response
            response.detail = "body not complete within \(timeoutMs) ms: cut off"
        } else {
            response.outcome = .timeout
            response.detail = "no answer within \(timeoutMs) ms"
        }
        return response
    }

    /// One exchange, unbounded in total time; `partial` holds what has arrived so far, for a caller that gives up.
    private func exchange(_ url: URL, route: Route, headers extra: [(String, String)], method: HTTPMethod, bodyCap: Int,
                          keepBody: Bool, into partial: NIOLockedValueBox<Response>) async -> Response {
        let started = ContinuousClock.now
        var response = partial.withLockedValue { $0 }
        func finish(_ outcome: FetchOutcome, _ detail: String?) -> Response {
            response.outcome = outcome
            response.detail = detail
            response.elapsedMs = started.millisecondsElapsed
            return response
        }
        guard let host = url.host, let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return finish(.error, "not an http(s) URL")
        }
        guard let address = route.address else { return finish(.noAddress, "no A or AAAA record and no connect_to entry") }
        if let refused = await tcpCheck(address: address, port: route.port) { return finish(refused.0, refused.1) }

        let logicalPort = url.port ?? (scheme == "https" ? 443 : 80)
        var physical = URLComponents(url: url, resolvingAgainstBaseURL: false) ?? URLComponents()
        physical.port = route.port == (scheme == "https" ? 443 : 80) ? nil : route.port
        guard let physicalURL = physical.url?.absoluteString else { return finish(.error, "URL cannot be rebuilt") }
        var request = HTTPClientRequest(url: physicalURL)
        request.method = method
        let bracketed = host.contains(":") ? "[\(host)]" : host
        request.headers.replaceOrAdd(name: "Host", value: logicalPort == (scheme == "https" ? 443 : 80) ? bracketed : "\(bracketed):\(logicalPort)")
        request.headers.add(name: "User-Agent", value: "handover/\(ToolVersion.current)")
        request.headers.add(name: "Accept", value: "*/*")
        for (name, value) in extra { request.headers.add(name: name, value: value) }

        let client = self.client(host: host, address: address)
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeoutMs))
        do {
            let answer = try await client.execute(request, deadline: deadline)
            response.status = Int(answer.status.code)
            response.headers = answer.headers.map { ($0.name, $0.value) }
            partial.withLockedValue { [response] in $0 = response }
            for try await chunk in answer.body {
                let room = bodyCap - response.bytes
                if chunk.readableBytes > room {
                    response.bytes = bodyCap
                    response.truncated = true
                    if keepBody { response.body += chunk.getBytes(at: chunk.readerIndex, length: max(0, room)) ?? [] }
                    break
                }
                response.bytes += chunk.readableBytes
                if keepBody { response.body += chunk.getBytes(at: chunk.readerIndex, length: chunk.readableBytes) ?? [] }
            }
            return finish(.response, nil)
        } catch {
            // A status already read is an answer, even if the body then broke off.
            if response.status != nil { return finish(.response, "body: \(Self.describe(error))") }
            return finish(Self.outcome(of: error), Self.describe(error))
        }
    }

    private func client(host: String, address: String) -> HTTPClient {
        let key = host + "|" + address
        return clients.withLockedValue { clients in
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(Int64(timeoutMs)), read: .milliseconds(Int64(timeoutMs))),
                decompression: .disabled)
            configuration.httpVersion = .http1Only
            // One client per host, kept until the section ends: an idle connection is closed soon (a host's requests
            // come one after another), not after AHC's default minute, so a 500-host manifest does not hold 500 open
            // TLS connections.
            configuration.connectionPool = .init(idleTimeout: Self.idleTimeout)
            configuration.connectionPool.retryConnectionEstablishment = retriesConnections
            if IPAddress(host) == nil { configuration.dnsOverride = [host: address] }
            let client = HTTPClient(eventLoopGroup: group, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    /// A plain TCP connect, once per address and port: nil when it connects, else the outcome and why.
    private func tcpCheck(address: String, port: Int) async -> (FetchOutcome, String)? {
        let key = "\(address)|\(port)"
        if let known = reachable.withLockedValue({ $0[key] }) {
            return known == .response ? nil : (known, "\(known.rawValue) (as on the first attempt)")
        }
        let bootstrap = ClientBootstrap(group: group).connectTimeout(.milliseconds(Int64(timeoutMs)))
        do {
            let channel = try await bootstrap.connect(host: address, port: port).get()
            try? await channel.close()
            reachable.withLockedValue { $0[key] = .response }
            return nil
        } catch {
            let outcome = Self.outcome(of: error)
            reachable.withLockedValue { $0[key] = outcome }
            return (outcome, Self.describe(error))
        }
    }

    static func outcome(of error: any Error) -> FetchOutcome {
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .tlsHandshakeTimeout, .writeTimeout: return .timeout
            case .remoteConnectionClosed: return .reset
            default: break
            }
        }
        if error is NIOSSLError || error is BoringSSLError { return .tlsFailed }
        if error is ChannelError, case .connectTimeout = error as! ChannelError { return .timeout }
        let text = String(describing: error).lowercased()
        if text.contains("refused") { return .refused }
        if text.contains("reset") { return .reset }
        if text.contains("timeout") || text.contains("timed out") { return .timeout }
        if text.contains("ssl") || text.contains("tls") || text.contains("handshake") { return .tlsFailed }
        return .error
    }

    static func describe(_ error: any Error) -> String {
        if let http = error as? HTTPClientError { return ErrorText.of(http, max: 200) }
        return ErrorText.of(error, max: 200)
    }
}

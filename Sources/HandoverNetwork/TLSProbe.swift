import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import HandoverModel

/// One TLS handshake with SNI: captures the chain the server sends even when it would not verify, the
/// negotiated version and ALPN. Bounded by `timeoutMs` for connect and again for the handshake.
package struct TLSProbe: Sendable {
    package let timeoutMs: Int
    package let judge: CertificateJudge
    /// One context for every probe: building one per handshake loads the system trust store each time.
    private let context: Result<NIOSSLContext, any Error>
    /// What each chain said, by its DER bytes: the hosts of one domain often serve one certificate (a wildcard, or one
    /// naming every host), and reading and verifying it once per host cost most of the TLS section's CPU.
    private let readings = ChainReadings()

    package init(timeoutMs: Int, judge: CertificateJudge) {
        self.timeoutMs = timeoutMs
        self.judge = judge
        var configuration = TLSConfiguration.makeClientConfiguration()
        // .none would skip the callback; full verification would abort on a name mismatch and lose the chain.
        configuration.certificateVerification = .noHostnameVerification
        // The callback decides (the judge verifies later); OpenSSL's own roots would only cost memory.
        configuration.trustRoots = .certificates([])
        configuration.applicationProtocols = ["h2", "http/1.1"]
        // A probe has nothing to flush: its close need not wait for the server's close_notify. NIO-SSL's default (5 s)
        // kept every probed connection's TLS state (the handler, the SSL object and the peer's parsed chain) alive that
        // long after the close, so all 500 hosts of a large manifest were in memory at once.
        configuration.shutdownTimeout = Self.shutdownTimeout
        context = Result { try NIOSSLContext(configuration: configuration) }
    }

    /// Handshakes in flight at once. All 500 hosts of a large manifest at once made every handshake wait for the CPU
    /// (ours and the server's) until most missed their timeout, and held 500 TLS states in memory; each probe's
    /// timeout starts when it gets its turn.
    package static let maxInFlight = 128
    private let limiter = ConcurrencyLimiter(limit: TLSProbe.maxInFlight)
    /// How long a closing connection waits for the server's close_notify.
    package static let shutdownTimeout = TimeAmount.milliseconds(100)

    package func probe(host: String, port: Int, address: String, addressSource: String) async -> HostTLS {
        await limiter.run { await probeNow(host: host, port: port, address: address, addressSource: addressSource) }
    }

    private func probeNow(host: String, port: Int, address: String, addressSource: String) async -> HostTLS {
        let base = HostTLS(host: host, port: port, address: address, addressSource: addressSource, outcome: .error)
        let captured = NIOLockedValueBox<[[UInt8]]>([])
        let context: NIOSSLContext
        do {
            context = try self.context.get()
        } catch {
            return with(base) { $0.detail = "TLS setup failed: \(ErrorText.of(error))" }
        }
        let group = MultiThreadedEventLoopGroup.singleton
        let timeout = TimeAmount.milliseconds(Int64(timeoutMs))
        let sni = IPAddress(host) == nil ? host : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: sni) { certificates, promise in
                        captured.withLockedValue { $0 = certificates.compactMap { try? $0.toDERBytes() } }
                        promise.succeed(.certificateVerified)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher())
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.connect(host: address, port: port).get()
        } catch {
            return with(base) { $0.outcome = Self.outcome(of: error); $0.detail = Self.describe(error) }
        }
        defer { channel.close(promise: nil) }
        do {
            let watcher = try await channel.pipeline.handler(type: HandshakeWatcher.self).get()
            let deadline = channel.eventLoop.scheduleTask(in: timeout) { watcher.fail(ProbeTimeout()) }
            let alpn = try await watcher.done.futureResult.get()
            deadline.cancel()
            let version = try? await channel.nioSSL_tlsVersion().get()
            let chain = captured.withLockedValue { $0 }
            let infos = readings.infos(chain)
            return with(base) {
                $0.outcome = .handshake
                $0.alpn = alpn
                $0.tlsVersion = version.map(Self.name)
                $0.chain = infos
            }.withVerification(await readings.verification(chain, judge: judge))
        } catch {
            let chain = captured.withLockedValue { $0 }
            let infos = readings.infos(chain)
            var failed = with(base) {
                $0.outcome = error is ProbeTimeout ? .timeout : .handshakeFailed
                $0.detail = error is ProbeTimeout ? "no TLS handshake within \(timeoutMs) ms" : Self.describe(error)
                $0.chain = infos
            }
            if !chain.isEmpty { failed = failed.withVerification(await readings.verification(chain, judge: judge)) }
            return failed
        }
    }

    static func outcome(of error: any Error) -> HostTLS.Outcome {
        if let connection = error as? NIOConnectionError {
            return connection.connectionErrors.contains { Self.outcome(of: $0.error) == .refused } ? .refused : .timeout
        }
        if case ChannelError.connectTimeout = error { return .timeout }
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED { return .refused }
        return .error
    }

    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError { return ErrorText.redacted(io.description) }
        return ErrorText.of(error)
    }

    static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: return "TLSv1.0"
        case .tlsv11: return "TLSv1.1"
        case .tlsv12: return "TLSv1.2"
        case .tlsv13: return "TLSv1.3"
        }
    }

    private func with(_ value: HostTLS, _ change: (inout HostTLS) -> Void) -> HostTLS {
        var copy = value
        change(&copy)
        return copy
    }
}

extension HostTLS {
    func withVerification(_ verification: ChainVerification?) -> HostTLS {
        var copy = self
        copy.verification = verification
        return copy
    }
}

struct ProbeTimeout: Error {}

/// Certificates read and chains verified during one snapshot, by DER bytes. A certificate's facts and a chain's
/// verdict depend only on those bytes and the trust store (the verification leaves out names and dates), so a chain
/// served again gives the same answer.
final class ChainReadings: Sendable {
    private let certificates = NIOLockedValueBox<[[UInt8]: CertificateInfo?]>([:])
    private let chains = NIOLockedValueBox<[[[UInt8]]: ChainVerification?]>([:])

    /// What each certificate of `chain` says about itself (the ones swift-certificates cannot parse left out).
    func infos(_ chain: [[UInt8]]) -> [CertificateInfo] {
        chain.compactMap { der in
            if let known = certificates.withLockedValue({ $0[der] }) { return known }
            let info = CertificateJudge.info(der: der)
            certificates.withLockedValue { $0[der] = info }
            return info
        }
    }

    /// `judge.verification(chain:)`, once per distinct chain (two probes racing on one chain may both verify it).
    func verification(_ chain: [[UInt8]], judge: CertificateJudge) async -> ChainVerification? {
        if let known = chains.withLockedValue({ $0[chain] }) { return known }
        let verdict = await judge.verification(chain: chain)
        chains.withLockedValue { $0[chain] = verdict }
        return verdict
    }
}

/// Completes when the TLS handshake finishes (with the negotiated ALPN) or the channel fails or closes; every
/// method runs on the channel's event loop, and only the first outcome counts.
final class HandshakeWatcher: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Any

    private let box = NIOLockedValueBox<EventLoopPromise<String?>?>(nil)
    private var completed = false

    var done: EventLoopPromise<String?> { box.withLockedValue { $0! } }

    func handlerAdded(context: ChannelHandlerContext) {
        box.withLockedValue { $0 = context.eventLoop.makePromise(of: String?.self) }
    }

    func fail(_ error: any Error) {
        guard !completed else { return }
        completed = true
        done.fail(error)
    }

    private func succeed(_ alpn: String?) {
        guard !completed else { return }
        completed = true
        done.succeed(alpn)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted(let negotiated) = tls { succeed(negotiated) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    /// A connect that never happened still added this handler: its promise must not be left unfulfilled.
    func handlerRemoved(context: ChannelHandlerContext) {
        fail(ChannelError.ioOnClosedChannel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}

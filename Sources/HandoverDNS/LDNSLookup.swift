import CLDNS
import Foundation
import HandoverModel
import HandoverCollect

/// DNS queries through ldns: per-query timeout and retries, EDNS0 with the DO bit, TCP fallback on truncation.
///
/// ldns builds each question and reads each answer; the UDP datagrams go through sockets kept between questions
/// (`DatagramExchange`). Each query gets a fresh ldns resolver: ldns marks a nameserver dead after one timeout and
/// fails every later query on that resolver at once, so a resolver must never be reused across queries.
package struct LDNSLookup: DNSLookup {
    package struct Settings: Sendable {
        /// Resolvers tried in order; empty means the system's (`/etc/resolv.conf`).
        package var resolvers: [HostPort]
        /// Bound on one attempt.
        package var timeoutMs: Int
        /// Attempts per resolver.
        package var attempts: Int
        /// Queries in flight at once.
        package var concurrency: Int

        package init(resolvers: [HostPort] = [], timeoutMs: Int = 2_000, attempts: Int = 2, concurrency: Int = 128) {
            self.resolvers = resolvers
            self.timeoutMs = timeoutMs
            self.attempts = attempts
            self.concurrency = concurrency
        }
    }

    package let settings: Settings
    private let servers: [HostPort]
    private let limiter: ConcurrencyLimiter
    /// The UDP sockets kept open between questions.
    private let exchange: DatagramExchange

    package init(settings: Settings) {
        self.settings = settings
        servers = settings.resolvers.isEmpty ? Self.systemResolvers() : settings.resolvers
        limiter = ConcurrencyLimiter(limit: settings.concurrency)
        exchange = DatagramExchange(keep: settings.concurrency)
    }

    /// UDP sockets opened so far by this lookup (each is kept for the next question to its resolver).
    package var socketsOpened: Int { exchange.opened }

    /// `HANDOVER_TRACE_DNS=1` writes every question to standard error (`NAME TYPE`), for benchmarks and
    /// debugging resolver trouble.
    static let trace = ProcessInfo.processInfo.environment["HANDOVER_TRACE_DNS"] != nil

    package func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        if Self.trace { FileHandle.standardError.write(Data("\(name) \(type.rawValue)\n".utf8)) }
        let servers = self.servers, settings = self.settings, exchange = self.exchange
        return await limiter.run {
            await BlockingWork.run { Self.blockingQuery(name, type, servers: servers, settings: settings, exchange: exchange) }
        }
    }

    /// The nameservers of `/etc/resolv.conf`, read once.
    static func systemResolvers() -> [HostPort] {
        var resolver: UnsafeMutablePointer<ldns_resolver>?
        guard ldns_resolver_new_frm_file(&resolver, nil) == LDNS_STATUS_OK, let resolver else { return [] }
        defer { ldns_resolver_deep_free(resolver) }
        let count = ldns_resolver_nameserver_count(resolver)
        guard count > 0, let list = ldns_resolver_nameservers(resolver) else { return [] }
        return (0..<count).compactMap { index in
            guard let rdf = list[index], let text = ldns_rdf2str(rdf) else { return nil }
            defer { free(text) }
            return HostPort(host: String(cString: text), port: nil)
        }
    }

    static func blockingQuery(_ name: String, _ type: DNSRecordType, servers: [HostPort], settings: Settings,
                              exchange: DatagramExchange) -> DNSResponse {
        guard !servers.isEmpty else { return DNSResponse(outcome: .error, detail: "no resolver configured") }
        guard let qname = ldns_dname_new_frm_str(name) else {
            return DNSResponse(outcome: .error, detail: "not a valid domain name")
        }
        defer { ldns_rdf_deep_free(qname) }
        var last = DNSResponse(outcome: .timeout, detail: "no answer")
        for server in servers {
            let response = ask(server, qname: qname, name: name, type: type, settings: settings, exchange: exchange)
            // A resolver that answered, even with SERVFAIL, is authoritative for this query; move on only when
            // this one could not be reached.
            if response.outcome != .timeout { return response }
            last = response
        }
        return last
    }

    private static func ask(_ server: HostPort, qname: UnsafeMutablePointer<ldns_rdf>, name: String, type: DNSRecordType,
                            settings: Settings, exchange: DatagramExchange) -> DNSResponse {
        guard let resolver = ldns_resolver_new() else { return DNSResponse(outcome: .error, detail: "out of memory") }
        defer { ldns_resolver_deep_free(resolver) }
        let isV6 = server.host.contains(":")
        guard let address = ldns_rdf_new_frm_str(isV6 ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, server.host) else {
            return DNSResponse(outcome: .error, detail: "resolver \(server) is not an IP address")
        }
        ldns_resolver_push_nameserver(resolver, address)
        ldns_rdf_deep_free(address)
        ldns_resolver_set_port(resolver, UInt16(server.port ?? 53))
        ldns_resolver_set_recursive(resolver, true)
        ldns_resolver_set_dnssec(resolver, true)
        ldns_resolver_set_edns_udp_size(resolver, 1232)
        ldns_resolver_set_fallback(resolver, true)
        ldns_resolver_set_retry(resolver, UInt8(clamping: max(1, settings.attempts)))
        ldns_resolver_set_retrans(resolver, 0)
        ldns_resolver_set_random(resolver, false)
        ldns_resolver_set_timeout(resolver, timeval(tv_sec: settings.timeoutMs / 1000,
                                                    tv_usec: (settings.timeoutMs % 1000) * 1000))
        // ldns builds the question (RD, EDNS0 at 1,232 bytes with the DO bit) and reads the answer; the datagram goes
        // through a kept socket (`DatagramExchange`), and a truncated answer is asked again over TCP by ldns.
        var query: UnsafeMutablePointer<ldns_pkt>?
        guard ldns_resolver_prepare_query_pkt(&query, resolver, qname, ldns_rr_type(rawValue: UInt32(type.code)), LDNS_RR_CLASS_IN,
                                              UInt16(LDNS_RD)) == LDNS_STATUS_OK, let query else {
            return DNSResponse(outcome: .error, detail: "\(server): could not build the query")
        }
        defer { ldns_pkt_free(query) }
        ldns_pkt_set_id(query, UInt16.random(in: 0...UInt16.max))
        var wire: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard ldns_pkt2wire(&wire, query, &size) == LDNS_STATUS_OK, let wire else {
            return DNSResponse(outcome: .error, detail: "\(server): could not build the query")
        }
        let bytes = Array(UnsafeBufferPointer(start: wire, count: size))
        free(wire)
        switch exchange.exchange(bytes, host: server.host, port: UInt16(server.port ?? 53), timeoutMs: settings.timeoutMs,
                                 attempts: settings.attempts) {
        case .answer(let reply):
            var packet: UnsafeMutablePointer<ldns_pkt>?
            let parsing = ldns_wire2pkt(&packet, reply, reply.count)
            guard parsing == LDNS_STATUS_OK, let parsed = packet else {
                if let packet { ldns_pkt_free(packet) }
                return DNSResponse(outcome: .error, detail: "\(server): the answer is not a DNS message (\(String(cString: ldns_get_errorstr_by_id(parsing))))")
            }
            if ldns_pkt_tc(parsed) {
                ldns_pkt_free(parsed)
                packet = nil
                ldns_resolver_set_usevc(resolver, true)
                let status = ldns_resolver_send_pkt(&packet, resolver, query)
                guard status == LDNS_STATUS_OK, packet != nil else {
                    if let packet { ldns_pkt_free(packet) }
                    let detail = String(cString: ldns_get_errorstr_by_id(status))
                    let outcome: DNSOutcome = status == LDNS_STATUS_NETWORK_ERR || status == LDNS_STATUS_RES_NO_NS ? .timeout : .error
                    return DNSResponse(outcome: outcome, detail: "\(server) (TCP, the UDP answer was truncated): \(detail)")
                }
            }
            guard let packet else { return DNSResponse(outcome: .error, detail: "\(server): no answer") }
            defer { ldns_pkt_free(packet) }
            return LDNSPacket.response(packet, name: name, type: type)
        case .timeout:
            return DNSResponse(outcome: .timeout, detail: "\(server): no answer in \(max(1, settings.attempts)) × \(settings.timeoutMs) ms")
        case .unreachable(let reason):
            return DNSResponse(outcome: .timeout, detail: "\(server): \(reason)")
        case .failed(let reason):
            return DNSResponse(outcome: .error, detail: "\(server): \(reason)")
        }
    }
}

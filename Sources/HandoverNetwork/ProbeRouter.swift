import Foundation
import HandoverModel
import HandoverManifest

/// Decides where TLS and HTTP probes connect, so the DNS map and the edge checks never disagree: a `HOST:PORT`
/// `connect_to` entry, then a `HOST` entry, then the DNS section's first A (else AAAA) record, then — for names the
/// DNS section does not cover, such as a monitoring link — the snapshot's resolver.
package struct ProbeRouter: Sendable {
    package var connectTo: [ConnectOverride]
    package var dns: DNSState?
    package var resolve: (@Sendable (String) async -> String?)?

    package init(connectTo: [ConnectOverride], dns: DNSState?, resolve: (@Sendable (String) async -> String?)? = nil) {
        self.connectTo = connectTo
        self.dns = dns
        self.resolve = resolve
    }

    /// The route from overrides and the DNS section only.
    package func known(host: String, port: Int) -> Route? {
        let host = DNSName.normalized(host)
        if let exact = connectTo.first(where: { DNSName.normalized($0.source.host) == host && $0.source.port == port }) {
            return Route(address: exact.target.host, port: exact.target.port ?? port, source: "connect_to")
        }
        if let any = connectTo.first(where: { DNSName.normalized($0.source.host) == host && $0.source.port == nil }) {
            return Route(address: any.target.host, port: any.target.port ?? port, source: "connect_to")
        }
        if IPAddress(host) != nil { return Route(address: host, port: port, source: "literal") }
        let record = dns?.firstHost { DNSName.normalized($0.name) == host }
        if let address = record?.a.values.first ?? record?.aaaa.values.first { return Route(address: address, port: port, source: "dns") }
        return nil
    }

    package func route(host: String, port: Int) async -> Route {
        if let known = known(host: host, port: port) { return known }
        if let resolve, let address = await resolve(DNSName.normalized(host)) {
            return Route(address: address, port: port, source: "resolver")
        }
        return Route(address: nil, port: port, source: nil)
    }
}

import Foundation
import HandoverModel
import HandoverManifest

/// Decides where TLS and HTTP probes connect, so the DNS map and the edge checks never disagree: a `HOST:PORT`
/// `connect_to` entry, then a `HOST` entry, then the DNS section's first A (else AAAA) record, then — for names the
/// DNS section does not cover, such as a monitoring link — the snapshot's resolver.
package struct ProbeRouter: Sendable {
    package let resolve: (@Sendable (String) async -> String?)?
    /// The first `connect_to` target of each normalized host, by source port (nil: an entry without a port).
    private let overrides: [String: [Int?: HostPort]]
    /// The address of the DNS section's first host of each normalized name: its first A, else AAAA, value (nil when
    /// it has neither).
    private let addresses: [String: String?]

    /// Indexes the overrides and the DNS section once: a snapshot asks for a route once per host and hop.
    package init(connectTo: [ConnectOverride], dns: DNSState?, resolve: (@Sendable (String) async -> String?)? = nil) {
        self.resolve = resolve
        var overrides: [String: [Int?: HostPort]] = [:]
        for entry in connectTo {
            let host = DNSName.normalized(entry.source.host)
            if overrides[host]?[entry.source.port] == nil { overrides[host, default: [:]][entry.source.port] = entry.target }
        }
        var addresses: [String: String?] = [:]
        for domain in dns?.domains ?? [] {
            for record in domain.hosts {
                let name = DNSName.normalized(record.name)
                if addresses[name] == nil { addresses[name] = .some(record.a.values.first ?? record.aaaa.values.first) }
            }
        }
        self.overrides = overrides
        self.addresses = addresses
    }

    /// The route from overrides and the DNS section only.
    package func known(host: String, port: Int) -> Route? {
        let host = DNSName.normalized(host)
        if let target = overrides[host]?[port] ?? overrides[host]?[nil] {
            return Route(address: target.host, port: target.port ?? port, source: "connect_to")
        }
        if IPAddress(host) != nil { return Route(address: host, port: port, source: "literal") }
        if let address = addresses[host] ?? nil { return Route(address: address, port: port, source: "dns") }
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

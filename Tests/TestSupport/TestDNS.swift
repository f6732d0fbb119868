import Foundation
import HandoverManifest
import HandoverModel

/// The tests' DNS world: a knot serving the test zones and a fake root, and a recursive Unbound in front of it —
/// what handover asks, as it asks a real resolver in production. Names outside the test zones (a CNAME target at a
/// hosting provider, an SPF include) get the fake root's NXDOMAIN at once instead of waiting for the real root.
/// Both servers stop when the value goes away.
package final class TestDNS: @unchecked Sendable {
    /// The authoritative server; ask it directly only to test talking to one server.
    package let knot: KnotServer
    package let unbound: UnboundServer

    /// Arguments as for `KnotServer`; `refusing` makes the resolver answer REFUSED to every question.
    package init(zones: [String: String], signed: Set<String> = [], unloaded: Set<String> = [], refusing: Bool = false) throws {
        var all = zones
        all["."] = Self.root
        knot = try KnotServer(zones: all, signed: signed, unloaded: unloaded)
        unbound = try UnboundServer(authorityPort: knot.port, zones: Array(zones.keys) + Array(unloaded), refusing: refusing)
    }

    /// The recursive resolver's port.
    package var port: Int { unbound.port }
    /// `127.0.0.1:PORT`, for `--resolver` and `collect.resolvers`.
    package var resolver: String { "127.0.0.1:\(port)" }
    package var address: HostPort { HostPort(host: "127.0.0.1", port: port) }

    /// Replaces a zone's file and reloads it; the next question sees it (the resolver caches nothing).
    package func reload(zone: String, text: String) throws { try knot.reload(zone: zone, text: text) }

    /// A root with no delegations: the test zones are stub zones of the resolver, everything else does not exist.
    static let root = """
        $ORIGIN .
        $TTL 86400
        @ IN SOA a.root-servers.net. nstld.verisign-grs.com. 2026120101 1800 900 604800 300
        @ IN NS a.root-servers.net.
        a.root-servers.net. IN A 127.0.0.1

        """
}

import Foundation
import Testing
@testable import HandoverFixtures
@testable import HandoverModel
@testable import HandoverNetwork

/// Where probes connect: a `HOST:PORT` entry, then a `HOST` entry (the first of each in manifest order), then the DNS
/// section's first host of that name (its first A, else AAAA), with names compared case- and trailing-dot-blind.
@Suite struct ProbeRouterTests {
    /// The rule read straight off the lists, as the router did before it indexed them.
    static func expected(_ host: String, _ port: Int, connectTo: [ConnectOverride], dns: DNSState?) -> Route? {
        let host = DNSName.normalized(host)
        if let e = connectTo.first(where: { DNSName.normalized($0.source.host) == host && $0.source.port == port })
            ?? connectTo.first(where: { DNSName.normalized($0.source.host) == host && $0.source.port == nil }) {
            return Route(address: e.target.host, port: e.target.port ?? port, source: "connect_to")
        }
        if IPAddress(host) != nil { return Route(address: host, port: port, source: "literal") }
        let record = dns?.domains.flatMap(\.hosts).first { DNSName.normalized($0.name) == host }
        return (record?.a.values.first ?? record?.aaaa.values.first).map { Route(address: $0, port: port, source: "dns") }
    }

    @Test func theIndexAnswersAsTheListsDo() throws {
        let dns = try #require(HealthyExample.snapshot().dns.data)
        let names = dns.domains.flatMap(\.hosts).map(\.name) + ["other.example", "192.0.2.9", "2001:db8::1"]
        var generator = SystemRandomNumberGenerator()
        var compared = 0
        for _ in 0..<200 {
            let connectTo = (0..<Int.random(in: 0...8, using: &generator)).map { i in
                let name = names.randomElement(using: &generator)!
                let spelled = Bool.random(using: &generator) ? name.uppercased() + "." : name
                return ConnectOverride(source: HostPort(host: spelled, port: [nil, 443, 80].randomElement(using: &generator)!),
                                       target: HostPort(host: "127.0.0.\(i + 1)", port: [nil, 8443].randomElement(using: &generator)!))
            }
            let section = Bool.random(using: &generator) ? dns : nil
            let router = ProbeRouter(connectTo: connectTo, dns: section)
            for name in names {
                for port in [443, 80] {
                    let spelled = Bool.random(using: &generator) ? name.uppercased() : name
                    #expect(router.known(host: spelled, port: port) == Self.expected(spelled, port, connectTo: connectTo, dns: section),
                            "\(spelled):\(port) with \(connectTo)")
                    compared += 1
                }
            }
        }
        #expect(compared == 200 * names.count * 2)
    }

    @Test func aPortEntryBeatsAnEarlierEntryWithoutPortAndTheFirstOfEachWins() {
        let router = ProbeRouter(connectTo: [
            ConnectOverride(source: HostPort(host: "app.example"), target: HostPort(host: "127.0.0.1")),
            ConnectOverride(source: HostPort(host: "APP.example.", port: 443), target: HostPort(host: "127.0.0.2", port: 8443)),
            ConnectOverride(source: HostPort(host: "app.example", port: 443), target: HostPort(host: "127.0.0.3")),
            ConnectOverride(source: HostPort(host: "app.example"), target: HostPort(host: "127.0.0.4")),
        ], dns: nil)
        #expect(router.known(host: "app.example", port: 443) == Route(address: "127.0.0.2", port: 8443, source: "connect_to"))
        #expect(router.known(host: "App.Example.", port: 80) == Route(address: "127.0.0.1", port: 80, source: "connect_to"))
        #expect(router.known(host: "www.example", port: 443) == nil)
        #expect(router.known(host: "192.0.2.1", port: 443) == Route(address: "192.0.2.1", port: 443, source: "literal"))
    }
}

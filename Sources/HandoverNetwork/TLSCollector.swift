import Foundation
import HandoverModel
import HandoverManifest

/// Probes TLS on every host of every manifest domain, all at once, connecting where DNS said (or where
/// `connect_to` sends it) while SNI keeps the real name.
package struct TLSCollector: Sendable {
    package static let port = 443

    package let probe: any TLSProbing
    package let connectTo: [ConnectOverride]

    package init(probe: any TLSProbing, connectTo: [ConnectOverride]) {
        self.probe = probe
        self.connectTo = connectTo
    }

    package func collect(_ manifest: Manifest, dns: DNSState?) async -> Section<TLSState> {
        guard !manifest.domains.isEmpty else { return .skipped("no `domains` in the manifest") }
        var targets: [(host: String, address: String?, port: Int, source: String?)] = []
        let router = ProbeRouter(connectTo: connectTo, dns: dns)
        for domain in manifest.domains {
            for label in domain.probedLabels {
                let host = DNSName.fqdn(host: label, domain: DNSName.normalized(domain.name))
                let route = router.known(host: host, port: Self.port)
                targets.append((host, route?.address, route?.port ?? Self.port, route?.source))
            }
        }
        let hosts = await withTaskGroup(of: HostTLS.self) { group in
            for target in targets {
                group.addTask {
                    guard let address = target.address else {
                        return HostTLS(host: target.host, port: Self.port, address: nil, addressSource: nil, outcome: .noAddress,
                                       detail: "no A or AAAA record and no connect_to entry")
                    }
                    var result = await probe.probe(host: target.host, port: target.port, address: address,
                                                   addressSource: target.source ?? "dns")
                    // `port` is the logical port (the snapshot's identity); the one dialled is kept apart.
                    result.port = Self.port
                    result.connectPort = target.port == Self.port ? nil : target.port
                    return result
                }
            }
            var all: [HostTLS] = []
            var sharing = CertificateSharing()
            for await host in group { all.append(sharing.sharing(host)) }
            return all.sorted { ($0.host, $0.port) < ($1.host, $1.port) }
        }
        return .collected(TLSState(trustStore: probe.trustStoreName, hosts: hosts))
    }
}

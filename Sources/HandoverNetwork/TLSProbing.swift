import Foundation
import HandoverModel

/// What the TLS collector needs of a probe: one handshake with SNI whose failures are outcomes, never thrown.
/// `TLSProbe` is the real one; tests drive the collector with fakes.
package protocol TLSProbing: Sendable {
    /// The trust store the chains are judged against, recorded in the section.
    var trustStoreName: String { get }
    /// The handshake with `host` at `address:port`, or why there was none.
    func probe(host: String, port: Int, address: String, addressSource: String) async -> HostTLS
}

extension TLSProbe: TLSProbing {
    /// The judge's trust store.
    package var trustStoreName: String { judge.storeName }
}

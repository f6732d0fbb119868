import HandoverModel
/// Asks one question of the configured resolvers. Implemented with ldns in HandoverDNS and with a table in tests,
/// so record parsing and the email checks run without a network.
package protocol DNSLookup: Sendable {
    /// The records of `type` at `name` (a fully qualified name without the trailing dot). Never throws: timeouts,
    /// NXDOMAIN and malformed answers are outcomes.
    func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse
}

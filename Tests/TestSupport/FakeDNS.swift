import HandoverModel
import HandoverCollect

/// A DNS table for unit tests: answers from a dictionary, NXDOMAIN for everything else.
package struct FakeDNS: DNSLookup {
    package var table: [String: DNSResponse]

    package init(_ records: [(String, DNSRecordType, [String])] = [], failures: [(String, DNSRecordType, DNSOutcome)] = []) {
        var table: [String: DNSResponse] = [:]
        var grouped: [String: [DNSRecord]] = [:]
        var names: Set<String> = []
        for (name, type, values) in records {
            names.insert(name)
            for value in values {
                grouped["\(name)|\(type.rawValue)", default: []].append(DNSRecord(name: name, type: type, ttl: 300, value: value))
            }
        }
        for (key, list) in grouped { table[key] = DNSResponse(outcome: .answer, records: list) }
        for name in names { table["\(name)|exists"] = DNSResponse(outcome: .nodata) }
        for (name, type, outcome) in failures { table["\(name)|\(type.rawValue)"] = DNSResponse(outcome: outcome) }
        self.table = table
    }

    package func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        if let answer = table["\(name)|\(type.rawValue)"] { return answer }
        return table["\(name)|exists"] ?? DNSResponse(outcome: .nxdomain)
    }
}

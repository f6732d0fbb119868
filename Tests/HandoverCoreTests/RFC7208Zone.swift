import Yams
import HandoverModel
import HandoverCollect

/// One scenario's `zonedata` of the RFC 7208 suite, answered from memory the way pyspf's driver
/// (`test/testspf.py`) answers it.
///
/// - Names compare case-insensitively; an unknown name is NXDOMAIN (names starting `error.` time out), a known
///   name without records of the asked type is NODATA.
/// - `TIMEOUT` in a name's list times out every query for a type with no record listed before it.
/// - A name with type SPF records and no TXT entry gets them as TXT as well (appended, as the driver does):
///   the suite relies on that copy to test TXT-only implementations; `TXT: NONE` stops the copy.
/// - A TXT/SPF value that is a list is one record of several character-strings, joined without a separator.
/// - Names in PTR, MX and CNAME data are presented normalized (lowercase, no trailing dot), as `LDNSLookup` does.
/// - A label over 63 octets times out and empty labels are dropped, as the driver's pydns emulation does: an
///   evaluator must not ask such a question in the first place.
struct RFC7208Zone: DNSLookup {
    enum Entry: Sendable, Equatable {
        case record(DNSRecordType, String)
        case timeout
    }

    var names: [String: [Entry]] = [:]

    /// Builds the zone from the scenario's `zonedata` mapping; what cannot be read is returned as problems.
    init(_ zonedata: Node?, problems: inout [String]) {
        guard let zonedata else { return }
        guard let mapping = zonedata.mapping else {
            problems.append("zonedata is not a mapping")
            return
        }
        for (key, list) in mapping {
            guard let name = key.string else { problems.append("zonedata key is not a string"); continue }
            var entries: [Entry] = []
            var spfCopies: [Entry] = []
            var hasTXT = false
            for item in list.sequence ?? [] {
                if item.string == "TIMEOUT" { entries.append(.timeout); continue }
                guard let pair = item.mapping, pair.count == 1, let entry = pair.first, let typeName = entry.key.string
                else { problems.append("\(name): unreadable entry"); continue }
                let valueNode = entry.value
                guard let value = Self.value(typeName, valueNode) else {
                    problems.append("\(name): unreadable \(typeName) value")
                    continue
                }
                let type: DNSRecordType
                switch typeName {
                case "TXT": type = .txt; hasTXT = true
                case "SPF": type = .spf
                case "A": type = .a
                case "AAAA": type = .aaaa
                case "MX": type = .mx
                case "PTR": type = .ptr
                case "CNAME": type = .cname
                default: problems.append("\(name): unknown record type \(typeName)"); continue
                }
                if valueNode.string == "NONE" { continue }
                if type == .spf { spfCopies.append(.record(.txt, value)) }
                entries.append(.record(type, value))
            }
            if !hasTXT { entries += spfCopies }
            names[name.lowercased(), default: []] += entries
        }
    }

    /// The presentation value of one record: TXT strings joined, MX `pref host`, names normalized.
    static func value(_ type: String, _ node: Node) -> String? {
        switch type {
        case "TXT", "SPF":
            if let text = node.string { return text }
            guard let parts = node.sequence else { return nil }
            let strings = parts.compactMap(\.string)
            return strings.count == parts.count ? strings.joined() : nil
        case "MX":
            guard let pair = node.sequence, pair.count == 2, let preference = pair[0].string, let host = pair[1].string
            else { return nil }
            return "\(preference) \(host.isEmpty ? "." : DNSName.normalized(host))"
        case "PTR", "CNAME":
            return node.string.map(DNSName.normalized)
        default:
            return node.string
        }
    }

    func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        let labels = name.split(separator: ".", omittingEmptySubsequences: true)
        if labels.contains(where: { $0.utf8.count > 63 }) {
            return DNSResponse(outcome: .timeout, detail: "DNS label too long")
        }
        let key = labels.joined(separator: ".").lowercased()
        guard let entries = names[key] else {
            return key.hasPrefix("error.") ? DNSResponse(outcome: .timeout) : DNSResponse(outcome: .nxdomain)
        }
        var records: [DNSRecord] = []
        var chain: [DNSRecord] = []
        for entry in entries {
            switch entry {
            case .timeout:
                if records.isEmpty { return DNSResponse(outcome: .timeout) }
                return DNSResponse(outcome: .answer, records: records)
            case .record(let recordType, let value):
                if recordType == type {
                    records.append(DNSRecord(name: key, type: type, ttl: 300, value: value))
                } else if recordType == .cname {
                    chain.append(DNSRecord(name: key, type: .cname, ttl: 300, value: value))
                }
            }
        }
        if !records.isEmpty { return DNSResponse(outcome: .answer, records: records) }
        // A CNAME with nothing of the asked type here: the resolution follows it (DNSResolution).
        return DNSResponse(outcome: .nodata, chain: Array(chain.prefix(1)))
    }
}

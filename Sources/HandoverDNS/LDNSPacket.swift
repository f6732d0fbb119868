import CLDNS
import Foundation
import HandoverModel

/// Turns an ldns answer packet into a `DNSResponse`.
enum LDNSPacket {
    static func response(_ packet: UnsafeMutablePointer<ldns_pkt>, name: String, type: DNSRecordType) -> DNSResponse {
        let records = answerRecords(packet)
        let chain = DNSChain.follow(from: DNSName.normalized(name), type: type, in: records)
        let rcode = ldns_pkt_get_rcode(packet)
        let outcome: DNSOutcome
        var detail: String?
        switch rcode {
        case LDNS_RCODE_NOERROR: outcome = chain.records.isEmpty ? .nodata : .answer
        case LDNS_RCODE_NXDOMAIN: outcome = .nxdomain
        case LDNS_RCODE_SERVFAIL: outcome = .servfail
        case LDNS_RCODE_REFUSED: outcome = .refused
        default:
            outcome = .error
            detail = "rcode \(rcode.rawValue)"
        }
        return DNSResponse(outcome: outcome, records: chain.records, chain: chain.cnames,
                           authenticated: ldns_pkt_ad(packet), detail: detail)
    }

    static func answerRecords(_ packet: UnsafeMutablePointer<ldns_pkt>) -> [DNSRecord] {
        guard let list = ldns_pkt_answer(packet) else { return [] }
        return (0..<ldns_rr_list_rr_count(list)).compactMap { index in
            guard let rr = ldns_rr_list_rr(list, index) else { return nil }
            let type = DNSRecordType(code: UInt16(ldns_rr_get_type(rr).rawValue))
            guard type != .unknown else { return nil }
            let owner = ldns_rr_owner(rr).map(presentation) ?? ""
            return DNSRecord(name: DNSName.normalized(owner), type: type, ttl: Int(ldns_rr_ttl(rr)), value: value(of: rr, type: type))
        }
    }

    static func value(of rr: UnsafeMutablePointer<ldns_rr>, type: DNSRecordType) -> String {
        let fields = (0..<ldns_rr_rd_count(rr)).compactMap { ldns_rr_rdf(rr, $0) }
        switch type {
        case .txt, .spf:
            // One rdf per character-string, each `[length][bytes]`: joined without a separator (RFC 7208 §3.3).
            var bytes: [UInt8] = []
            for rdf in fields {
                let size = ldns_rdf_size(rdf)
                guard size > 1, let data = ldns_rdf_data(rdf) else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(start: data + 1, count: min(Int(data[0]), size - 1)))
            }
            return String(decoding: bytes, as: UTF8.self)
        case .cname, .ns, .ptr:
            return fields.first.map { DNSName.normalized(presentation($0)) } ?? ""
        case .mx:
            guard fields.count == 2 else { return fields.map(presentation).joined(separator: " ") }
            return "\(presentation(fields[0])) \(DNSName.normalized(presentation(fields[1])))"
        default:
            return fields.map(presentation).joined(separator: " ")
        }
    }

    static func presentation(_ rdf: UnsafeMutablePointer<ldns_rdf>) -> String {
        guard let text = ldns_rdf2str(rdf) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }
}

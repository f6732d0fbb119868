import Foundation
/// A DMARC record (RFC 7489 §6.3) with every tag parsed and its weak settings named.
package struct DMARCRecord: Codable, Sendable, Equatable {
    package enum Policy: String, Codable, Sendable, Comparable, LenientRawEnum {
        case none, quarantine, reject, unknown

        package var strength: Int { [.none: 0, .quarantine: 1, .reject: 2][self] ?? -1 }
        package static func < (a: Policy, b: Policy) -> Bool { a.strength < b.strength }
    }

    /// Tags as written, in order (names lowercased).
    package var tags: [DMARCTag]
    package var policy: Policy?
    package var subdomainPolicy: Policy?
    package var percent: Int
    package var aggregateReports: [String]
    package var failureReports: [String]
    package var dkimAlignment: String
    package var spfAlignment: String
    /// Problems that make the record invalid or a tag ignored (RFC section in each message).
    package var errors: [String]

    package static func isDMARC(_ txt: String) -> Bool {
        let trimmed = txt.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("v") else { return false }
        let first = trimmed.split(separator: ";", maxSplits: 1).first ?? ""
        let parts = first.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count == 2 && parts[0].lowercased() == "v" && parts[1] == "DMARC1"
    }

    package init(parsing text: String) {
        tags = DMARCTag.list(text)
        errors = []
        percent = 100
        aggregateReports = []
        failureReports = []
        dkimAlignment = "r"
        spfAlignment = "r"
        if tags.first?.name != "v" || tags.first?.value != "DMARC1" { errors.append("`v=DMARC1` must be the first tag (RFC 7489 §6.3)") }
        var seen: Set<String> = []
        for tag in tags {
            if !seen.insert(tag.name).inserted { errors.append("tag `\(tag.name)` appears twice (RFC 7489 §6.3)") }
            switch tag.name {
            case "v": break
            case "p":
                policy = Policy(rawValue: tag.value.lowercased())
                if policy == nil || policy == .unknown { errors.append("`p=\(tag.value)` is not none, quarantine or reject (RFC 7489 §6.3)") }
            case "sp":
                subdomainPolicy = Policy(rawValue: tag.value.lowercased())
                if subdomainPolicy == nil || subdomainPolicy == .unknown { errors.append("`sp=\(tag.value)` is not none, quarantine or reject (RFC 7489 §6.3)") }
            case "pct":
                if let n = Int(tag.value), (0...100).contains(n) { percent = n } else { errors.append("`pct=\(tag.value)` is not 0–100 (RFC 7489 §6.3)") }
            case "rua", "ruf":
                let uris = tag.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                for uri in uris where !uri.lowercased().hasPrefix("mailto:") && !uri.lowercased().hasPrefix("https:") {
                    errors.append("`\(tag.name)` destination `\(uri)` is not a mailto: URI (RFC 7489 §6.4)")
                }
                if tag.name == "rua" { aggregateReports = uris } else { failureReports = uris }
            case "adkim", "aspf":
                guard ["r", "s"].contains(tag.value.lowercased()) else {
                    errors.append("`\(tag.name)=\(tag.value)` is not r or s (RFC 7489 §6.3)")
                    continue
                }
                if tag.name == "adkim" { dkimAlignment = tag.value.lowercased() } else { spfAlignment = tag.value.lowercased() }
            case "fo":
                let options = tag.value.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                if !options.allSatisfy({ ["0", "1", "d", "s"].contains($0) }) { errors.append("`fo=\(tag.value)` has an unknown option (RFC 7489 §6.3)") }
            case "rf":
                if tag.value.lowercased() != "afrf" { errors.append("`rf=\(tag.value)`: only afrf is defined (RFC 7489 §6.3)") }
            case "ri":
                if UInt32(tag.value) == nil { errors.append("`ri=\(tag.value)` is not a number of seconds (RFC 7489 §6.3)") }
            default: break  // unknown tags are ignored (§6.3)
            }
        }
        if policy == nil && !errors.contains(where: { $0.hasPrefix("`p=") }) { errors.append("`p=` is required (RFC 7489 §6.3)") }
    }

    /// The policy applied to subdomains: `sp`, else `p`.
    package var effectiveSubdomainPolicy: Policy? { subdomainPolicy ?? policy }

    /// Domains of the `rua`/`ruf` mailto: destinations.
    package var reportDomains: [String] {
        (aggregateReports + failureReports).compactMap { uri in
            guard uri.lowercased().hasPrefix("mailto:"), let at = uri.lastIndex(of: "@") else { return nil }
            var domain = String(uri[uri.index(after: at)...])
            if let bang = domain.firstIndex(of: "!") { domain = String(domain[..<bang]) }
            return DNSName.normalized(domain)
        }
    }
}

/// One `name=value` tag of a DMARC or DKIM record.
package struct DMARCTag: Codable, Sendable, Equatable {
    package var name: String
    package var value: String

    /// Parses a tag-list (RFC 6376 §3.2, also DMARC's): `;`-separated, names lowercased, whitespace trimmed.
    static func list(_ text: String) -> [DMARCTag] {
        text.split(separator: ";").compactMap { raw in
            let parts = raw.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard let name = parts.first, !name.isEmpty else { return nil }
            return DMARCTag(name: name.lowercased(), value: parts.count == 2 ? parts[1] : "")
        }
    }
}

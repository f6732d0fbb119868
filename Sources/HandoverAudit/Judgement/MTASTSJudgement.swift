import Foundation
import HandoverModel

// What the MTA-STS facts mean to a sending server that follows RFC 8461. The collector records the TXT records, the
// MX hosts and the policy fetch as observed; the rules below are applied whenever a snapshot is read.

extension MTASTSReport {
    /// A `v=STSv1` record is published: the domain asks senders to fetch a policy.
    package var published: Bool { !records.isEmpty }

    /// The TXT lookup answered for sure (a record, or none): absence can be judged.
    package var answered: Bool { [.answer, .nodata, .nxdomain].contains(outcome) }

    /// Why senders apply no policy although a record is published (§3.1, §3.2, §3.3); empty when one applies or when
    /// nothing is published.
    package var unusableReasons: [String] {
        guard published else { return [] }
        if records.count > 1 { return ["\(name) has \(records.count) `v=STSv1` records; senders then apply none (RFC 8461 §3.1)"] }
        var reasons: [String] = []
        if MTASTSPolicy.recordID(records[0]) == nil {
            reasons.append("`\(records[0])` has no valid `id=` (1–32 letters or digits, RFC 8461 §3.1)")
        }
        guard let fetch else { return reasons + ["the policy was not fetched"] }
        switch fetch.outcome {
        case .response: break
        case .tlsFailed:
            return reasons + ["\(fetch.url): the certificate did not verify for the policy host against \(fetch.verifiedBy ?? "the trust store")\(fetch.detail.map { " (\($0))" } ?? "")"]
        default:
            return reasons + ["\(fetch.url): \(fetch.outcome.rawValue)\(fetch.detail.map { " (\($0))" } ?? "")"]
        }
        let status = fetch.status ?? 0
        if (300..<400).contains(status) {
            return reasons + ["\(fetch.url) answers \(status) → \(fetch.location ?? "no Location"); senders must not follow redirects (RFC 8461 §3.3)"]
        }
        guard status == 200 else { return reasons + ["\(fetch.url) answers HTTP \(status)"] }
        if fetch.truncated { return reasons + ["\(fetch.url) is larger than \(MTASTSFetch.bodyCap / 1024) KiB"] }
        if !fetch.isPlainText {
            reasons.append("\(fetch.url) is served as `\(fetch.contentType ?? "no Content-Type")`, not text/plain (RFC 8461 §3.3)")
        }
        if let policy = fetch.policy { reasons += policy.errors.map { "policy: \($0)" } }
        return reasons
    }

    /// The policy senders apply: published, fetched over verified TLS, served as text/plain and valid.
    package var usablePolicy: MTASTSPolicy? {
        guard published, unusableReasons.isEmpty, fetch?.certificateVerified == true else { return nil }
        return fetch?.policy
    }

    /// MX hosts the usable policy does not list: under `enforce`, senders refuse to deliver to them (RFC 8461 §5).
    package var uncoveredMX: [String] {
        guard let policy = usablePolicy, policy.mode != MTASTSPolicy.Mode.none else { return [] }
        return mx.filter { !policy.covers($0) }
    }

    /// One line for people: `enforce (2 mx, max_age 604800)`, `testing …`, `no usable policy`, `not published`.
    package var summary: String {
        if let policy = usablePolicy {
            let mode = policy.mode?.rawValue ?? "?"
            return "\(mode) (mx \(policy.mx.joined(separator: ", ")); max_age \(policy.maxAge.map(String.init) ?? "?"))"
        }
        if published { return "no usable policy" }
        return answered ? "not published" : "unknown (\(outcome.rawValue))"
    }
}

extension MTASTSFetch {
    /// `text/plain`, with any parameters (RFC 8461 §3.3 ignores all but the charset).
    package var isPlainText: Bool {
        guard let type = contentType?.split(separator: ";").first else { return false }
        return type.trimmingCharacters(in: .whitespaces).lowercased() == "text/plain"
    }
}

import Foundation

/// An MTA-STS policy file as parsed (RFC 8461 §3.2): `key: value` lines, LF or CRLF, `version`, `mode` and `max_age`
/// once each, `mx` as often as needed. What was wrong is kept as `errors` (any error makes the policy unusable to
/// senders); what senders ignore (unknown fields, later duplicates) is kept as `ignored`.
///
/// The text is attacker-controlled: every stored string is clipped and cleaned, and the lists are capped.
package struct MTASTSPolicy: Codable, Sendable, Equatable {
    /// `mode:` values (case-sensitive, RFC 8461 §3.2).
    package enum Mode: String, Codable, Sendable, CaseIterable, LenientRawEnum {
        case enforce, testing, none, unknown
    }

    /// The largest `max_age` allowed: one year in seconds.
    package static let maxAgeLimit = 31_557_600
    /// Lines read at most; a policy is a handful of lines.
    static let lineLimit = 1_000
    /// Entries of each list kept at most.
    static let listLimit = 64

    package var version: String?
    package var mode: Mode?
    /// The `mx` patterns in order, lower-cased.
    package var mx: [String]
    package var maxAge: Int?
    /// Why senders would reject the policy; empty when it is valid.
    package var errors: [String]
    /// What senders skip: unknown fields and repeats of non-repeatable ones (the first is used).
    package var ignored: [String]

    package init(version: String?, mode: Mode?, mx: [String], maxAge: Int?, errors: [String] = [], ignored: [String] = []) {
        self.version = version
        self.mode = mode
        self.mx = mx
        self.maxAge = maxAge
        self.errors = errors
        self.ignored = ignored
    }

    /// True when senders would apply the policy.
    package var isValid: Bool { errors.isEmpty }

    /// Parses the body as served. Lines end in LF or CRLF; blank lines are skipped.
    package init(parsing text: String) {
        self.init(version: nil, mode: nil, mx: [], maxAge: nil)
        var errors: [String] = []
        var seen: Set<String> = []
        var lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.count > Self.lineLimit {
            errors.append("more than \(Self.lineLimit) lines")
            lines = Array(lines.prefix(Self.lineLimit))
        }
        for (index, raw) in lines.enumerated() {
            var bytes = Array(raw)
            if bytes.last == 0x0D { bytes.removeLast() }
            let line = String(decoding: bytes, as: UTF8.self)
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            guard let colon = line.firstIndex(of: ":") else {
                errors.append("line \(index + 1) is not `key: value`: \(RemoteText.clip(line, max: 60))")
                continue
            }
            let key = String(line[..<colon])
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace
            guard Self.isFieldName(key) else {
                errors.append("line \(index + 1) has an invalid field name: \(RemoteText.clip(key, max: 60))")
                continue
            }
            if key == "mx" {
                if Self.isPattern(value.lowercased()) {
                    if mx.count < Self.listLimit { mx.append(value.lowercased()) }
                } else {
                    errors.append("`mx: \(RemoteText.clip(value, max: 80))` is not a host name or `*.` pattern")
                }
                continue
            }
            guard ["version", "mode", "max_age"].contains(key) else {
                if ignored.count < Self.listLimit { ignored.append("unknown field `\(RemoteText.clip(key, max: 40))`") }
                continue
            }
            guard seen.insert(key).inserted else {
                if ignored.count < Self.listLimit { ignored.append("duplicate `\(key)` (the first is used)") }
                continue
            }
            switch key {
            case "version":
                version = RemoteText.clip(value, max: 40)
                if value != "STSv1" { errors.append("`version: \(RemoteText.clip(value, max: 40))` is not STSv1") }
            case "mode":
                if let known = Mode(rawValue: value), known != .unknown {
                    mode = known
                } else {
                    errors.append("`mode: \(RemoteText.clip(value, max: 40))` is not enforce, testing or none")
                }
            default:
                if value.count <= 10, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int(value),
                   seconds <= Self.maxAgeLimit {
                    maxAge = seconds
                } else {
                    errors.append("`max_age: \(RemoteText.clip(value, max: 40))` is not whole seconds up to \(Self.maxAgeLimit)")
                }
            }
        }
        for (field, missing) in [("version", version == nil), ("mode", mode == nil && !seen.contains("mode")),
                                 ("max_age", maxAge == nil && !seen.contains("max_age"))] where missing {
            errors.append("no `\(field)` field")
        }
        if mx.isEmpty, mode != MTASTSPolicy.Mode.none, !errors.contains(where: { $0.hasPrefix("`mx:") }) {
            errors.append("no `mx` field (required unless mode is none)")
        }
        self.errors = Array(errors.prefix(Self.listLimit))
    }

    /// Whether the policy lists `host` (RFC 8461 §4.1).
    package func covers(_ host: String) -> Bool { mx.contains { Self.pattern($0, matches: host) } }

    /// RFC 8461 §4.1: `*.example.com` matches exactly one more leftmost label (`mx1.example.com`, not `example.com` nor
    /// `a.b.example.com`); anything else matches the host itself. Case and a final dot do not count.
    package static func pattern(_ pattern: String, matches host: String) -> Bool {
        let host = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        let pattern = pattern.lowercased()
        guard pattern.hasPrefix("*.") else { return !host.isEmpty && host == pattern }
        let suffix = pattern.dropFirst(2)
        guard let dot = host.firstIndex(of: ".") else { return false }
        return dot != host.startIndex && host[host.index(after: dot)...] == suffix
    }

    /// The policy id of a `_mta-sts` TXT record (`v=STSv1; id=…`, RFC 8461 §3.1), nil when the record is not valid.
    package static func recordID(_ text: String) -> String? {
        let fields = text.split(separator: ";").map { $0.trimmingCharacters(in: [" ", "\t"]) }.filter { !$0.isEmpty }
        guard fields.first == "v=STSv1" else { return nil }
        guard let id = fields.first(where: { $0.hasPrefix("id=") })?.dropFirst(3), (1...32).contains(id.count),
              id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }) else { return nil }
        return String(id)
    }

    /// `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`.
    static func isFieldName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (1...32).contains(bytes.count), isAlnum(first) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == 0x5F || $0 == 0x2D || $0 == 0x2E }
    }

    /// `["*."] Domain`: LDH labels of 1–63 characters, at most 253 in all; a final dot is not part of a pattern.
    static func isPattern(_ value: String) -> Bool {
        let name = value.hasPrefix("*.") ? String(value.dropFirst(2)) : value
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.utf8.allSatisfy { isAlnum($0) || $0 == 0x2D }
                && label.first != "-" && label.last != "-"
        }
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}

private extension String {
    /// Without leading and trailing spaces and tabs (WSP).
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) ?? start
        return String(scalars[start...end])
    }
}

/// A parsed SPF record (RFC 7208 §4.6, §12). Parsing never fails: unparsable terms are kept as errors, so the
/// whole record is shown even when it would be a permerror.
package struct SPFRecord: Codable, Sendable, Equatable {
    package var terms: [SPFTerm]

    /// Terms that did not parse, with why.
    package var errors: [String] { terms.compactMap(\.error) }

    /// `v=spf1` followed by a space or the end, case-insensitively (RFC 7208 §4.5).
    package static func isSPF(_ txt: String) -> Bool {
        let lower = txt.lowercased()
        return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }

    package init(parsing text: String) {
        let body = text.dropFirst(6)
        terms = body.split(separator: " ", omittingEmptySubsequences: true).map { SPFTerm(parsing: String($0)) }
    }

    package var directives: [SPFTerm] { terms.filter { $0.kind == .directive } }
    package func modifier(_ name: String) -> SPFTerm? {
        terms.first { $0.kind == .modifier && $0.name == name }
    }
}

/// One term of an SPF record: a directive (`[qualifier]mechanism[:domain][/cidr]`) or a modifier (`name=value`).
package struct SPFTerm: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, Sendable { case directive, modifier, invalid }

    package enum Qualifier: String, Codable, Sendable {
        case pass = "+", fail = "-", softfail = "~", neutral = "?"

        package var result: SPFResult {
            switch self {
            case .pass: return .pass
            case .fail: return .fail
            case .softfail: return .softfail
            case .neutral: return .neutral
            }
        }
    }

    package static let mechanisms = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"]

    /// The term as written.
    package var text: String
    package var kind: Kind
    package var qualifier: Qualifier?
    /// Mechanism or modifier name, lowercased.
    package var name: String
    /// The domain-spec, address or modifier value.
    package var argument: String?
    package var cidr4: Int?
    package var cidr6: Int?
    package var error: String?

    /// True for terms that cost a DNS lookup towards the limit of 10 (RFC 7208 §4.6.4).
    package var countsAsLookup: Bool {
        (kind == .directive && ["include", "a", "mx", "ptr", "exists"].contains(name)) || (kind == .modifier && name == "redirect")
    }

    package init(parsing text: String) {
        self.text = text
        var rest = Substring(text)
        // Modifier: name "=" macro-string, where name is ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
        if let eq = rest.firstIndex(of: "="), let first = rest.first, first.isASCII, first.isLetter,
            rest[..<eq].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            kind = .modifier
            name = rest[..<eq].lowercased()
            let value = String(rest[rest.index(after: eq)...])
            argument = value
            error = Self.modifierError(name, value).map { "`\(text)`: \($0)" }
            return
        }
        kind = .directive
        if let first = rest.first, let q = Qualifier(rawValue: String(first)) {
            qualifier = q
            rest = rest.dropFirst()
        } else {
            qualifier = .pass
        }
        let nameEnd = rest.firstIndex(where: { $0 == ":" || $0 == "/" }) ?? rest.endIndex
        name = rest[..<nameEnd].lowercased()
        guard SPFTerm.mechanisms.contains(name) else {
            kind = .invalid
            error = "`\(text)`: unknown mechanism `\(name)`"
            return
        }
        // The cidr-lengths are peeled off the end: a domain-spec may itself hold `:` and `/` (RFC 7208 §7.1:
        // any visible character but `%`), as in `a:foo:bar/baz.example.com/24`.
        var tail = rest[nameEnd...]
        let ip6Length = Self.peelCIDR(&tail, double: true)
        let length = Self.peelCIDR(&tail, double: false)
        if tail.hasPrefix(":") {
            argument = String(tail.dropFirst())
            if argument?.isEmpty ?? true { error = "`\(text)`: `\(name):` needs a value" }
        } else if !tail.isEmpty {
            error = "`\(text)`: malformed cidr-length"
        }
        if error == nil { setCIDR(length, ip6Length) }
        validate()
    }

    /// Why a modifier's value is wrong, or nil. `redirect=` and `exp=` take a domain-spec (RFC 7208 §6.1, §6.2):
    /// a value that is no domain-spec is a syntax error of the known modifier, not an unknown modifier.
    static func modifierError(_ name: String, _ value: String) -> String? {
        if let problem = SPFMacro.syntaxError(value, allowExplanationLetters: false) { return problem }
        guard ["redirect", "exp"].contains(name) else { return nil }
        if value.isEmpty { return "\(name)= needs a domain" }
        return SPFMacro.domainSpecError(value)
    }

    /// Removes a trailing `/digits` (or `//digits` when `double`) from `tail` and returns the digits.
    static func peelCIDR(_ tail: inout Substring, double: Bool) -> Substring? {
        guard let slash = tail.lastIndex(of: "/") else { return nil }
        let digits = tail[tail.index(after: slash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let before = tail[..<slash]
        if double {
            guard before.hasSuffix("/") else { return nil }
            tail = before.dropLast()
        } else {
            guard !before.hasSuffix("/") else { return nil }
            tail = before
        }
        return digits
    }

    /// Sets `cidr4`/`cidr6` from the peeled lengths: `ip6` takes one ip6-cidr-length, `a` and `mx` a
    /// dual-cidr-length, `ip4` an ip4-cidr-length; leading zeros and out-of-range values are errors.
    mutating func setCIDR(_ length: Substring?, _ ip6Length: Substring?) {
        func number(_ s: Substring, max: Int) -> Int? {
            guard s.first != "0" || s == "0", let n = Int(s), n <= max else { return nil }
            return n
        }
        if let length {
            guard let n = number(length, max: name == "ip6" ? 128 : 32) else { error = "`\(text)`: malformed cidr-length"; return }
            if name == "ip6" { cidr6 = n } else { cidr4 = n }
        }
        if let ip6Length {
            guard ["a", "mx"].contains(name), let n = number(ip6Length, max: 128) else {
                error = "`\(text)`: malformed cidr-length"; return
            }
            cidr6 = n
        }
    }

    mutating func validate() {
        guard error == nil else { return }
        switch name {
        case "all":
            if argument != nil || cidr4 != nil || cidr6 != nil { error = "`\(text)`: `all` takes no value" }
        case "ip4":
            guard let a = argument, let ip = IPAddress(a), ip.isIPv4, !a.contains(":") else { error = "`\(text)`: not an IPv4 address"; return }
        case "ip6":
            guard let a = argument, a.contains(":"), IPAddress(a) != nil else { error = "`\(text)`: not an IPv6 address"; return }
        case "include", "exists":
            if argument == nil { error = "`\(text)`: `\(name)` needs a domain" }
            if cidr4 != nil || cidr6 != nil { error = "`\(text)`: `\(name)` takes no cidr-length" }
        case "ptr":
            if cidr4 != nil || cidr6 != nil { error = "`\(text)`: `ptr` takes no cidr-length" }
        default: break
        }
        if error == nil, let domain = argument, !["ip4", "ip6"].contains(name),
            let problem = SPFMacro.syntaxError(domain, allowExplanationLetters: false) ?? SPFMacro.domainSpecError(domain) {
            error = "`\(text)`: \(problem)"
        }
    }
}

/// The results of check_host() (RFC 7208 §2.6).
package enum SPFResult: String, Codable, Sendable, CaseIterable, LenientRawEnum {
    case pass, fail, softfail, neutral, none, permerror, temperror, unknown
}

/// A parsed SPF record (RFC 7208 §4.6, §12). Parsing never fails: unparsable terms are kept as errors, so the
/// whole record is shown even when it would be a permerror.
public struct SPFRecord: Codable, Sendable, Equatable {
    public var terms: [SPFTerm]

    /// Terms that did not parse, with why.
    public var errors: [String] { terms.compactMap(\.error) }

    /// `v=spf1` followed by a space or the end, case-insensitively (RFC 7208 §4.5).
    public static func isSPF(_ txt: String) -> Bool {
        let lower = txt.lowercased()
        return lower == "v=spf1" || lower.hasPrefix("v=spf1 ")
    }

    public init(parsing text: String) {
        let body = text.dropFirst(6)
        terms = body.split(separator: " ", omittingEmptySubsequences: true).map { SPFTerm(parsing: String($0)) }
    }

    public var directives: [SPFTerm] { terms.filter { $0.kind == .directive } }
    public func modifier(_ name: String) -> SPFTerm? {
        terms.first { $0.kind == .modifier && $0.name == name }
    }
}

/// One term of an SPF record: a directive (`[qualifier]mechanism[:domain][/cidr]`) or a modifier (`name=value`).
public struct SPFTerm: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case directive, modifier, invalid }

    public enum Qualifier: String, Codable, Sendable {
        case pass = "+", fail = "-", softfail = "~", neutral = "?"

        public var result: SPFResult {
            switch self {
            case .pass: return .pass
            case .fail: return .fail
            case .softfail: return .softfail
            case .neutral: return .neutral
            }
        }
    }

    public static let mechanisms = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"]

    /// The term as written.
    public var text: String
    public var kind: Kind
    public var qualifier: Qualifier?
    /// Mechanism or modifier name, lowercased.
    public var name: String
    /// The domain-spec, address or modifier value.
    public var argument: String?
    public var cidr4: Int?
    public var cidr6: Int?
    public var error: String?

    /// True for terms that cost a DNS lookup towards the limit of 10 (RFC 7208 §4.6.4).
    public var countsAsLookup: Bool {
        (kind == .directive && ["include", "a", "mx", "ptr", "exists"].contains(name)) || (kind == .modifier && name == "redirect")
    }

    public init(parsing text: String) {
        self.text = text
        var rest = Substring(text)
        // Modifier: name "=" macro-string, where name is ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
        if let eq = rest.firstIndex(of: "="), rest[..<eq].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
            let first = rest.first, first.isLetter {
            kind = .modifier
            name = rest[..<eq].lowercased()
            argument = String(rest[rest.index(after: eq)...])
            if let value = argument, let problem = SPFMacro.syntaxError(value, allowExplanationLetters: name == "exp") {
                error = "`\(text)`: \(problem)"
            } else if ["redirect", "exp"].contains(name), argument?.isEmpty ?? true {
                error = "`\(text)`: \(name)= needs a domain"
            }
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
        var tail = rest[nameEnd...]
        guard SPFTerm.mechanisms.contains(name) else {
            kind = .invalid
            error = "`\(text)`: unknown mechanism `\(name)`"
            return
        }
        if tail.hasPrefix(":") {
            tail = tail.dropFirst()
            // ip6 addresses contain colons and no slash before the cidr; the domain-spec ends at a "/" that
            // starts a cidr-length.
            let slash = name == "ip6" || name == "ip4" ? tail.firstIndex(of: "/") : Self.cidrStart(tail)
            argument = String(tail[..<(slash ?? tail.endIndex)])
            tail = slash.map { tail[$0...] } ?? ""
            if argument?.isEmpty ?? true { error = "`\(text)`: `\(name):` needs a value" }
        }
        if !tail.isEmpty { parseCIDR(tail) }
        validate()
    }

    /// Where a `/cidr` begins in a domain-spec tail (`example.com/24`, `%{d}/24//64`): the first `/` outside
    /// a macro (macro delimiters may themselves be `/`).
    static func cidrStart(_ s: Substring) -> Substring.Index? {
        var inMacro = false
        var previous: Character?
        for index in s.indices {
            let c = s[index]
            if inMacro {
                if c == "}" { inMacro = false }
            } else if c == "{" && previous == "%" {
                inMacro = true
            } else if c == "/" {
                return index
            }
            previous = c
        }
        return nil
    }

    mutating func parseCIDR(_ tail: Substring) {
        // "/n", "//m" or "/n//m".
        let parts = tail.components(separatedBy: "//")
        func number(_ s: String, max: Int) -> Int? {
            guard !s.isEmpty, s.allSatisfy(\.isNumber), s.first != "0" || s == "0", let n = Int(s), n <= max else { return nil }
            return n
        }
        if parts.count > 2 { error = "`\(text)`: malformed cidr-length"; return }
        let v4 = parts[0], v6 = parts.count == 2 ? parts[1] : nil
        if !v4.isEmpty {
            guard v4.hasPrefix("/"), let n = number(String(v4.dropFirst()), max: name == "ip6" ? 128 : 32) else {
                error = "`\(text)`: malformed cidr-length"; return
            }
            if name == "ip6" { cidr6 = n } else { cidr4 = n }
        }
        if let v6 {
            guard ["a", "mx"].contains(name), let n = number(v6, max: 128) else { error = "`\(text)`: malformed cidr-length"; return }
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
public enum SPFResult: String, Codable, Sendable, CaseIterable, LenientRawEnum {
    case pass, fail, softfail, neutral, none, permerror, temperror, unknown
}

/// The public suffix list (compiled in from Debian's `publicsuffix` data) and organizational domains
/// (RFC 7489 §3.2).
package struct PublicSuffixList: Sendable {
    package static let shared = PublicSuffixList(rules: PublicSuffixData.rules)
    /// The list's version, recorded in snapshots.
    package static let version = PublicSuffixData.version

    private let exact: Set<String>
    private let wildcards: Set<String>
    private let exceptions: Set<String>

    init(rules: String) {
        var exact = Set<String>(), wildcards = Set<String>(), exceptions = Set<String>()
        for line in rules.split(separator: "\n") {
            let rule = line.lowercased()
            if rule.hasPrefix("!") {
                exceptions.insert(String(rule.dropFirst()))
            } else if rule.hasPrefix("*.") {
                wildcards.insert(String(rule.dropFirst(2)))
            } else {
                exact.insert(rule)
            }
        }
        self.exact = exact
        self.wildcards = wildcards
        self.exceptions = exceptions
    }

    /// The public suffix of `name` (the prevailing rule; `*` when no rule matches).
    package func publicSuffix(of name: String) -> String {
        let labels = DNSName.normalized(name).split(separator: ".").map(String.init)
        guard !labels.isEmpty else { return name }
        for start in 0..<labels.count {
            let candidate = labels[start...].joined(separator: ".")
            if exceptions.contains(candidate) { return labels[(start + 1)...].joined(separator: ".") }
            if exact.contains(candidate) { return candidate }
            if start + 1 < labels.count, wildcards.contains(labels[(start + 1)...].joined(separator: ".")) { return candidate }
        }
        return labels.last!
    }

    /// The organizational domain: the public suffix plus one label; nil when `name` is itself a public suffix.
    package func organizationalDomain(of name: String) -> String? {
        let normalized = DNSName.normalized(name)
        let suffix = publicSuffix(of: normalized)
        guard normalized != suffix, normalized.hasSuffix("." + suffix) else { return nil }
        let head = normalized.dropLast(suffix.count + 1)
        let label = head.split(separator: ".").last.map(String.init) ?? String(head)
        return "\(label).\(suffix)"
    }
}

import Foundation
import HandoverModel
import HandoverManifest
/// Decides what a value looks like, so parsers can keep the verdict and drop the value.
package enum ValueShapeClassifier {
    static let placeholderWords: Set<String> = [
        "changeme", "change_me", "change-me", "changethis", "replaceme", "replace_me", "replace-me", "todo", "tbd",
        "fixme", "placeholder", "dummy", "example", "none", "null", "(null)", "nil", "undefined", "secret", "password",
        "your_key_here", "insert_key_here", "...", "…",
    ]
    static let testKeyPrefixes = ["sk_test_", "pk_test_", "rk_test_", "whsec_test_"]
    static let localHosts = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "host.docker.internal"]

    /// The shape of `value`; the value is not retained.
    package static func classify<S: StringProtocol>(_ value: S) -> ValueShape {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .empty }
        let lower = trimmed.lowercased()
        if isInterpolation(lower) { return .external }
        if testKeyPrefixes.contains(where: { lower.hasPrefix($0) }) { return .testModeKey }
        if isPlaceholder(lower) { return .placeholder }
        if pointsToLocalhost(lower) { return .localhost }
        return .looksFine
    }

    /// The words a switch is set to: a value that is one of them (quotes aside, any case) names an on/off setting.
    static let switchWords: Set<String> = ["true", "false", "yes", "no", "on", "off"]

    /// Whether `value` is a switch word (`true`, `"false"`, `OFF`); the value is not retained.
    package static func isSwitch<S: StringProtocol>(_ value: S) -> Bool {
        let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'`"))
        return trimmed.count <= 5 && switchWords.contains(trimmed.lowercased())
    }

    /// `null` or `(null)` in any case, as the dotenv parser read it (outer quotes removed, nothing else trimmed): the
    /// values Laravel's `env()` reads as no value (`" null "` is a string there). The value is not retained.
    package static func isNull<S: StringProtocol>(_ value: S) -> Bool {
        let lower = value.lowercased()
        return lower == "null" || lower == "(null)"
    }

    /// `${VAR}`, `${VAR:-default}` or `$VAR` standing alone: the value comes from the surrounding environment.
    static func isInterpolation(_ lower: String) -> Bool {
        if lower.hasPrefix("${"), lower.hasSuffix("}"), !lower.dropFirst(2).dropLast().contains("}") { return true }
        if lower.hasPrefix("$"), lower.count > 1, EnvName.isValid(lower.dropFirst()) { return true }
        return false
    }

    static func isPlaceholder(_ lower: String) -> Bool {
        if placeholderWords.contains(lower) { return true }
        if lower.count >= 3, lower.allSatisfy({ $0 == "x" || $0 == "*" || $0 == "-" }) { return true }
        if lower.hasPrefix("<"), lower.hasSuffix(">") { return true }
        if lower.hasPrefix("your_") || lower.hasPrefix("your-") || lower.hasPrefix("your ") { return true }
        if lower.contains("changeme") || lower.contains("change_me") || lower.contains("replace_me") { return true }
        return false
    }

    static func pointsToLocalhost(_ lower: String) -> Bool {
        localHosts.contains { host in
            guard let range = lower.range(of: host) else { return false }
            // Accept as a host only when bounded by URL punctuation, not inside a longer name.
            let before = range.lowerBound == lower.startIndex ? nil : lower[lower.index(before: range.lowerBound)]
            let after = range.upperBound == lower.endIndex ? nil : lower[range.upperBound]
            let boundaryBefore = before.map { "/@:=,; ".contains($0) } ?? true
            let boundaryAfter = after.map { ":/?#,; ".contains($0) } ?? true
            return boundaryBefore && boundaryAfter
        }
    }
}

import Foundation

/// Values that are documented examples, placeholders or made-up filler rather than credentials: `[password]`,
/// `<password>`, `${VAR}`, `$VAR`, `YOUR-…`, `xxx`, `...`, `changeme`, a bare `password` or `secret`, repeated or
/// sequential characters, and (for tokens) bodies with too little entropy to have come from a generator.
enum SecretPlaceholders {
    /// Substrings that mark an example wherever they occur in the value (compared lowercased).
    static let markers = ["${", "{{", "<", ">", "[", "]", "your", "xxx", "...", "…", "example", "changeme", "change_me", "change-me",
                          "placeholder", "dummy", "redacted", "replace", "fake", "sample", "****"]
    /// Whole values that are words, not secrets (compared lowercased).
    static let words: Set<String> = ["password", "secret", "pass", "passwd", "pwd", "token", "key", "apikey", "api_key", "mypassword",
                                     "secretkey", "secret_key", "pw", "none", "null", "undefined", "string", "value"]

    /// Whether `value` (the secret part of a match, without the rule's constant prefix) is an example, for a
    /// token (`token: true`, a generator's output: judged by entropy too) or a password (chosen by people).
    static func isPlaceholder(_ value: Substring, token: Bool) -> Bool {
        let lower = value.lowercased()
        if lower.isEmpty || lower.hasPrefix("$") || lower.hasPrefix("%") || lower.hasPrefix(":") { return true }
        if markers.contains(where: { lower.contains($0) }) || words.contains(lower) { return true }
        let bytes = Array(lower.utf8)
        let distinct = Set(bytes).count
        if distinct == 1 || (distinct <= 2 && bytes.count >= 6) { return true }  // aaaaaaaa, 00000000, abababab
        if isSequential(bytes) { return true }
        if token && bytes.count >= 16 && entropy(Array(value.utf8)) < 3.0 { return true }
        return false
    }

    /// True when at least 80 % of neighbouring characters step by one (`12345678`, `abcdefgh`, `zyxwvuts`), letters
    /// compared without case.
    static func isSequential(_ lower: [UInt8]) -> Bool {
        guard lower.count >= 4 else { return false }
        var steps = 0
        for i in 1..<lower.count where abs(Int(lower[i]) - Int(lower[i - 1])) == 1 { steps += 1 }
        return steps * 5 >= (lower.count - 1) * 4
    }

    /// Shannon entropy in bits per character: a random base62 body of 24 characters has about 4.3, `a1B2a1B2…` 2.
    static func entropy(_ bytes: [UInt8]) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for b in bytes { counts[Int(b)] += 1 }
        let n = Double(bytes.count)
        return counts.reduce(0.0) { sum, c in c == 0 ? sum : sum - Double(c) / n * log2(Double(c) / n) }
    }
}

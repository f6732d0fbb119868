/// URLs an HTTP server handed us (a `Location`, the hops it led to) as a snapshot may keep them: a redirect to a login
/// or callback page often carries a token in its query, and a snapshot is committed and shared. Query and fragment
/// values that look like credentials become `****`; everything else is kept, so the chain still reads as it ran.
package enum StoredURL {
    /// Parameter names whose values are credentials whatever they look like.
    static let credentialNames = ["token", "key", "secret", "sig", "code", "session", "auth", "pass", "jwt", "credential",
                                  "ticket", "nonce", "state"]

    package static func redacted(_ url: String) -> String {
        var head = Substring(url)
        var fragment: Substring?
        if let hash = head.firstIndex(of: "#") {
            fragment = head[head.index(after: hash)...]
            head = head[..<hash]
        }
        var query: Substring?
        if let mark = head.firstIndex(of: "?") {
            query = head[head.index(after: mark)...]
            head = head[..<mark]
        }
        var out = String(head)
        if let query { out += "?" + redactParameters(query) }
        if let fragment { out += "#" + redactParameters(fragment) }
        return out
    }

    static func redactParameters(_ text: Substring) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let eq = pair.firstIndex(of: "=") else { return String(pair) }
            let name = pair[..<eq].lowercased(), value = pair[pair.index(after: eq)...]
            guard !value.isEmpty, looksLikeCredential(name: name, value: value) else { return String(pair) }
            return String(pair[..<eq]) + "=****"
        }.joined(separator: "&")
    }

    /// A credential-named parameter, or a long value mixing letters and digits (a token, a signed blob).
    static func looksLikeCredential(name: String, value: Substring) -> Bool {
        if credentialNames.contains(where: { name.contains($0) }) { return true }
        return value.count >= 16 && value.contains(where: \.isLetter) && value.contains(where: \.isNumber)
    }
}

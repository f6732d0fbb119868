/// Remote URLs as they may be stored: without credentials.
package enum RemoteURL {
    /// Removes user and password from URL-style remotes (`https://user:token@host/x` → `https://host/x`).
    /// scp-style remotes (`git@github.com:acme/app.git`) carry a login name, not a secret, and are kept; a
    /// `user:password@host:path` scp form loses its userinfo too.
    package static func redacted(_ url: String) -> String {
        if let scheme = url.range(of: "://") {
            let afterScheme = url[scheme.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            guard let at = authority.lastIndex(of: "@") else { return url }
            return String(url[..<scheme.upperBound]) + authority[authority.index(after: at)...] + afterScheme[authorityEnd...]
        }
        // scp-like: [user[:password]@]host:path
        if let at = url.firstIndex(of: "@"), let colon = url.firstIndex(of: ":"), colon < at {
            return String(url[url.index(after: at)...])
        }
        return url
    }
}

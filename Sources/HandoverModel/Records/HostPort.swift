import Foundation
/// A host or address with an optional port: `127.0.0.1`, `127.0.0.1:5353`, `[::1]:5353`, `api.acme.example`.
package struct HostPort: Sendable, Equatable, Hashable, CustomStringConvertible {
    package var host: String
    package var port: Int?

    package init(host: String, port: Int? = nil) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST`, `HOST:PORT`, `[V6]` or `[V6]:PORT`; a bare IPv6 address without brackets is accepted
    /// without a port. Returns nil for anything else.
    package init?(parsing text: String) {
        guard !text.isEmpty, !text.contains(where: { $0.isWhitespace }) else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let inner = String(text[text.index(after: text.startIndex)..<close])
            guard !inner.isEmpty, inner.contains(":") else { return nil }
            let rest = text[text.index(after: close)...]
            if rest.isEmpty {
                self.init(host: inner, port: nil)
            } else {
                guard rest.hasPrefix(":"), let port = HostPort.port(rest.dropFirst()) else { return nil }
                self.init(host: inner, port: port)
            }
            return
        }
        let colons = text.filter { $0 == ":" }.count
        if colons > 1 {  // bare IPv6, no port possible
            var address = in6_addr()
            guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
            self.init(host: text, port: nil)
            return
        }
        if colons == 1, let colon = text.firstIndex(of: ":") {
            let host = String(text[..<colon])
            guard !host.isEmpty, let port = HostPort.port(text[text.index(after: colon)...]) else { return nil }
            self.init(host: host, port: port)
            return
        }
        self.init(host: text, port: nil)
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), let port = Int(text), (1...65_535).contains(port) else {
            return nil
        }
        return port
    }

    /// True when the host is a dotted IPv4 or an IPv6 address (resolvers must be).
    package var isIPAddress: Bool { IPAddress(host) != nil }

    package var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? shownHost
    }
}

/// Like curl's `--connect-to`: connect to `target` whenever `source` (a host, or host and port) is probed.
package struct ConnectOverride: Sendable, Equatable, Hashable {
    package var source: HostPort
    package var target: HostPort

    package init(source: HostPort, target: HostPort) {
        self.source = source
        self.target = target
    }

    /// Parses the CLI form `HOST[:PORT]=ADDR[:PORT]`.
    package init?(parsing text: String) {
        guard let eq = text.firstIndex(of: "="),
            let source = HostPort(parsing: String(text[..<eq])),
            let target = HostPort(parsing: String(text[text.index(after: eq)...]))
        else { return nil }
        self.init(source: source, target: target)
    }
}

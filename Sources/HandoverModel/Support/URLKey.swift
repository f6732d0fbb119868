import Foundation

/// A URL in a comparable form: scheme and host lower-cased, default port dropped, empty path as `/`.
package enum URLKey {
    package static func of(_ text: String) -> String {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased()
        else { return text }
        let port = components.port.flatMap { ($0 == 80 && scheme == "http") || ($0 == 443 && scheme == "https") ? nil : $0 }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(path)\(components.percentEncodedQuery.map { "?\($0)" } ?? "")"
    }
}

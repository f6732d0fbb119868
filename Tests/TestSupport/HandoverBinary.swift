import Foundation
import HandoverModel

/// Runs the built `handover` executable, as a user would.
package enum HandoverBinary {
    /// The binary next to the test bundle, or `HANDOVER_BINARY`.
    package static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["HANDOVER_BINARY"] { return explicit }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
                          Bundle.main.bundleURL.deletingLastPathComponent()]
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let candidate = directory.appendingPathComponent("handover").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/handover").path
    }

    /// Runs `handover ARGS` in `directory` with colour and progress off (pipes are not terminals anyway).
    @discardableResult
    package static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ProcessOutput {
        try ProcessRunner.run(path, arguments, in: directory, environment: environment.merging(["NO_COLOR": "1"]) { a, _ in a })
    }

    /// The tool's clock set `seconds` ahead of the system's (`HANDOVER_NOW`), so the next snapshot is named and dated
    /// after the last one without waiting for the clock to tick. Within the store's future skew (300 s).
    package static func later(_ seconds: Int = 2) -> [String: String] {
        ["HANDOVER_NOW": Timestamp.iso8601(Date().addingTimeInterval(TimeInterval(seconds)))]
    }
}

/// Every way a secret could be smuggled into output: raw, JSON-escaped, percent-encoded, base64 at each alignment.
package enum LeakProbe {
    package static func encodings(of secret: String) -> [String] {
        var forms = [secret]
        let json = String(decoding: try! JSONEncoder().encode(secret), as: UTF8.self).dropFirst().dropLast()
        forms.append(String(json))
        forms.append(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret)
        forms.append(secret.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics)) ?? secret)
        forms.append(secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? secret)
        for shift in 0..<3 {
            let padded = Data(repeating: UInt8(ascii: "x"), count: shift) + Data(secret.utf8)
            let encoded = padded.base64EncodedString()
            // Drop the characters that depend on neighbouring bytes.
            let start = encoded.index(encoded.startIndex, offsetBy: shift == 0 ? 0 : (shift * 4 + 2) / 3 + 1)
            let stable = encoded[start...].dropLast(4)
            if stable.count >= 8 { forms.append(String(stable)) }
        }
        return Array(Set(forms))
    }

    /// The (secret, form) pairs found in `text`.
    package static func leaks(of secrets: [String], in text: String) -> [String] {
        secrets.flatMap { secret in encodings(of: secret).filter { text.contains($0) }.map { "\(secret) as \($0)" } }
    }
}

import Foundation

/// The one redactor. It knows the secret values in play — the credentials `version.auth_header_env` names, registered
/// the moment they are read — and replaces each with `****`, raw and in every form a library writes it in: escaped
/// (Swift's `debugDescription`, JSON), percent-encoded, base64, and each word of it (`Token abc` → `abc`).
///
/// Every third-party error text (NIO, AsyncHTTPClient, libgit2, ldns, Foundation, Yams) passes here through
/// `ErrorText.of`, and so does every byte handover writes: the terminal (`Console`), snapshot files and rendered
/// documents. A field that forgets is still covered at the door.
package final class Redactor: @unchecked Sendable {
    package static let shared = Redactor()

    private let lock = NSLock()
    /// Every form of every registered secret, longest first (so a value is replaced whole before its parts).
    private var forms: [String] = []

    package init() {}

    /// Adds `secret` (and its forms) to what is redacted from now on. Empty and very short values are ignored: a
    /// one- or two-letter credential cannot be told from ordinary text.
    package func register(_ secret: String) {
        let new = Self.forms(of: secret)
        guard !new.isEmpty else { return }
        lock.lock()
        forms = Array(Set(forms + new)).sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
        lock.unlock()
    }

    /// Whether any secret is registered: without one, redacting is the identity and costs nothing.
    package var isEmpty: Bool {
        lock.lock()
        defer { lock.unlock() }
        return forms.isEmpty
    }

    /// `text` with every form of every registered secret replaced by `****`.
    package func redact(_ text: String) -> String {
        lock.lock()
        let forms = self.forms
        lock.unlock()
        guard !forms.isEmpty else { return text }
        var out = text
        for form in forms where out.contains(form) { out = out.replacingOccurrences(of: form, with: "****") }
        return out
    }

    /// The same, for UTF-8 bytes about to be written.
    package func redact(_ data: Data) -> Data {
        guard !isEmpty else { return data }
        return Data(redact(String(decoding: data, as: UTF8.self)).utf8)
    }

    /// Whether `text` holds a form of `secret` (an answer that repeats the credential it was sent).
    package static func holds(_ text: String, secret: String) -> Bool {
        forms(of: secret).contains { text.contains($0) }
    }

    /// Words that name an authorization scheme, not a secret: never redacted on their own.
    static let schemes: Set<String> = ["bearer", "basic", "token", "bot", "digest", "apikey", "api-key", "key", "sso-key"]

    /// The value, each of its words (minus scheme names) and, for each, the forms libraries write it in.
    package static func forms(of secret: String) -> [String] {
        let words = secret.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            .filter { $0.count >= 3 && !schemes.contains($0.lowercased()) }
        var all: Set<String> = []
        for value in Set([secret] + words) where value.count >= 3 {
            all.insert(value)
            // Swift's escaping (an error describing a header value), with and without ASCII escapes of the rest.
            all.insert(String(String(reflecting: value).dropFirst().dropLast()))
            all.insert(value.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())
            if let json = try? JSONEncoder().encode([value]), let text = String(data: json, encoding: .utf8) {
                all.insert(String(text.dropFirst(2).dropLast(2)))
            }
            for allowed in [CharacterSet.alphanumerics, .urlQueryAllowed, .urlPathAllowed] {
                if let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) { all.insert(encoded) }
            }
            all.insert(value.replacingOccurrences(of: " ", with: "+"))
            all.insert(Data(value.utf8).base64EncodedString())
        }
        return all.filter { $0.count >= 3 }.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
    }
}

/// A third party's error as text: described, clipped and redacted. The only way an error becomes text in handover.
package enum ErrorText {
    package static func of(_ error: any Error, max: Int = 300) -> String {
        let text = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        // Redacted before it is clipped: a cut must not leave half a secret behind.
        return clip(Redactor.shared.redact(text), max: max)
    }

    /// A message built by handover around third-party text: redacted like an error.
    package static func redacted(_ text: String) -> String { Redactor.shared.redact(text) }

    static func clip(_ text: String, max: Int) -> String {
        text.count <= max ? text : String(text.prefix(max)) + "…"
    }
}

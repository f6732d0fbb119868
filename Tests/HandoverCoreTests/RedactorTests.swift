import Foundation
import Testing
import HandoverModel
import HandoverCollect

/// The one redactor: a registered secret leaves in no form a library writes it in.
struct RedactorTests {
    @Test func everyFormOfARegisteredSecretIsReplaced() throws {
        let redactor = Redactor()
        let secret = "Token ab\"c/d e+f%9Zq"
        redactor.register(secret)
        let escaped = String(String(reflecting: secret).dropFirst().dropLast())
        let percent = try #require(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let base64 = Data(secret.utf8).base64EncodedString()
        let json = String(decoding: try JSONEncoder().encode([secret]), as: UTF8.self).dropFirst(2).dropLast(2)
        for text in [secret, escaped, percent, base64, String(json), "ab\"c/d", "e+f%9Zq"] {
            let out = redactor.redact("invalid header value \(text) in request")
            #expect(out == "invalid header value **** in request", "\(text) → \(out)")
        }
        // The scheme word alone is not a secret.
        #expect(redactor.redact("Token expired") == "Token expired")
        #expect(Redactor.holds("{\"commit\":\"e+f%9Zq\"}", secret: secret))
        #expect(!Redactor.holds("{\"commit\":\"9f3c2a1\"}", secret: secret))
    }

    @Test func withoutASecretNothingChanges() {
        let redactor = Redactor()
        redactor.register("ab")  // too short to tell from text: ignored
        #expect(redactor.isEmpty)
        #expect(redactor.redact("about ab") == "about ab")
    }

    @Test func anErrorIsRedactedBeforeItIsClipped() {
        struct Failure: Error, CustomStringConvertible { var description: String }
        Redactor.shared.register("CANARYclip9876543210")
        let text = ErrorText.of(Failure(description: String(repeating: "x", count: 290) + "CANARYclip9876543210"), max: 300)
        #expect(!text.contains("CANARYclip"), "a clip left part of the secret: \(text)")
    }
}

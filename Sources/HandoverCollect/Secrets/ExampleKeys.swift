import Crypto
import Foundation

/// Private keys made when asked, for the rules' examples and the tests: the repository holds no key block.
package enum ExampleKeys {
    /// A fresh P-256 key as a PKCS#8 PEM block (`BEGIN PRIVATE KEY`).
    package static func pkcs8() -> String {
        P256.Signing.PrivateKey().pemRepresentation
    }
}

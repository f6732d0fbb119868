import Crypto
import Foundation
import HandoverModel
@_spi(DisableValidityCheck) import X509
import SwiftASN1

/// Reads certificates and judges a chain with swift-certificates, as structured flags.
package struct CertificateJudge: Sendable {
    /// The trust store's roots.
    package let roots: [Certificate]
    /// `system` or the CA file's path, recorded in the snapshot.
    package let storeName: String
    /// Built once: every verification shares it.
    private let store: CertificateStore

    package init(roots: [Certificate], storeName: String) {
        self.roots = roots
        self.storeName = storeName
        store = CertificateStore(roots)
    }

    /// Roots from a PEM bundle: `caFile`, else the system bundle.
    package static func load(caFile: String?) throws(TLSSetupError) -> CertificateJudge {
        let candidates = caFile.map { [$0] }
            ?? ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
        for path in candidates {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let pem = String(decoding: data, as: UTF8.self)
            guard let documents = try? PEMDocument.parseMultiple(pemString: pem) else {
                throw .unreadableCAFile(path: path, reason: "not a PEM bundle")
            }
            let roots = documents.compactMap { try? Certificate(derEncoded: $0.derBytes) }
            if roots.isEmpty { throw .unreadableCAFile(path: path, reason: "no certificate in it") }
            return CertificateJudge(roots: roots, storeName: caFile == nil ? "system" : path)
        }
        if let caFile { throw .unreadableCAFile(path: caFile, reason: "cannot be read") }
        return CertificateJudge(roots: [], storeName: "system (no bundle found)")
    }

    /// What one DER certificate says about itself; nil when swift-certificates cannot parse it.
    package static func info(der: [UInt8]) -> CertificateInfo? {
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        var sans: [String] = []
        if let names = try? certificate.extensions.subjectAlternativeNames {
            for name in names {
                switch name {
                case .dnsName(let dns): sans.append(dns)
                case .ipAddress(let octets): sans.append(Self.ipString(Array(octets.bytes)))
                default: break
                }
            }
        }
        var organization: String?
        for rdn in certificate.issuer {
            for attribute in rdn where attribute.type == .RDNAttributeType.organizationName {
                organization = String(describing: attribute.value)
            }
        }
        let key: (type: String, bits: Int?) = Self.subjectPublicKeyInfo(der).map(PublicKeyInfo.describe) ?? ("unknown", nil)
        return CertificateInfo(
            subject: String(describing: certificate.subject), issuer: String(describing: certificate.issuer),
            issuerOrganization: organization, subjectAlternativeNames: sans,
            serial: certificate.serialNumber.bytes.map { String(format: "%02x", $0) }.joined(separator: ":"),
            sha256: SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined(),
            notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter, keyType: key.type, keyBits: key.bits,
            signatureAlgorithm: String(describing: certificate.signatureAlgorithm))
    }

    /// The DER SubjectPublicKeyInfo of a certificate (swift-certificates exposes only the key's own bytes):
    /// Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version?, serial, signature, issuer, validity, subject, spki, … } }.
    static func subjectPublicKeyInfo(_ der: [UInt8]) -> [UInt8]? {
        guard let root = try? DER.parse(der), case .constructed(let outer) = root.content,
            let tbs = Array(outer).first, case .constructed(let fields) = tbs.content
        else { return nil }
        let all = Array(fields)
        let offset = all.first?.identifier.tagClass == .contextSpecific ? 1 : 0
        guard all.count > offset + 5 else { return nil }
        return Array(all[offset + 5].encodedBytes)
    }

    static func ipString(_ bytes: [UInt8]) -> String {
        var raw = bytes
        var buffer = [CChar](repeating: 0, count: 64)
        guard bytes.count == 4 || bytes.count == 16,
            inet_ntop(bytes.count == 4 ? AF_INET : AF_INET6, &raw, &buffer, socklen_t(buffer.count)) != nil
        else { return bytes.map { String($0) }.joined(separator: ".") }
        return String(cString: buffer)
    }

    /// Whether a chain (leaf first) leads to a root of the store, validity dates switched off: dates, names and
    /// self-signing are facts of the chain, judged when read (`HostTLS.verdict(at:)`), so an expired certificate from
    /// a trusted CA is "expired", not also "unknown issuer". Nil when a certificate of the chain does not parse.
    package func verification(chain der: [[UInt8]]) async -> ChainVerification? {
        let certificates = der.compactMap { try? Certificate(derEncoded: $0) }
        guard let leaf = certificates.first, certificates.count == der.count else { return nil }
        var verifier = Verifier(rootCertificates: store) {
            RFC5280Policy.withValidityCheckDisabled()
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(Array(certificates.dropFirst())))
        guard case .couldNotValidate(let failures) = result else { return ChainVerification(issuerTrusted: true, detail: nil) }
        return ChainVerification(issuerTrusted: false,
                                 detail: failures.first.map { String(describing: $0.policyFailureReason) } ?? "no chain to a trusted root")
    }
}

/// Why TLS probing could not be set up (bad `--ca-file`): an input error.
package enum TLSSetupError: Error, LocalizedError, CategorizedError, Equatable {
    case unreadableCAFile(path: String, reason: String)

    package var errorDescription: String? {
        switch self {
        case .unreadableCAFile(let path, let reason): return "\(path): CA file \(reason) — pass a PEM bundle with --ca-file or collect.ca_file"
        }
    }

    package var category: ErrorCategory { .input }
}

import Foundation
import Testing
@testable import HandoverModel

/// Schema 3 stores each certificate of the `tls` section once, and each host's chain by SHA-256.
@Suite struct TLSCertificateTableTests {
    static func certificate(_ sha: Character, names: [String]) -> CertificateInfo {
        CertificateInfo(subject: "CN=\(names.first ?? "")", issuer: "CN=Test CA", issuerOrganization: "Test", subjectAlternativeNames: names,
                        serial: "01", sha256: String(repeating: sha, count: 64), notBefore: Date(timeIntervalSince1970: 1_790_000_000),
                        notAfter: Date(timeIntervalSince1970: 1_800_000_000), keyType: "ECDSA P-256", keyBits: 256,
                        signatureAlgorithm: "ecdsaWithSHA256")
    }

    /// 300 hosts served one certificate naming all of them, one host another certificate, one host no handshake.
    static func state() -> TLSState {
        let names = (0..<300).map { "h\($0).example" }
        let shared = certificate("b", names: names)
        let intermediate = certificate("c", names: [])
        var hosts = names.map { HostTLS(host: $0, port: 443, address: "192.0.2.1", addressSource: "dns", outcome: .handshake,
                                        tlsVersion: "TLSv1.3", chain: [shared, intermediate],
                                        verification: ChainVerification(issuerTrusted: true, detail: nil)) }
        hosts.append(HostTLS(host: "other.example", port: 443, address: "192.0.2.2", addressSource: "dns", outcome: .handshake,
                             chain: [certificate("a", names: ["other.example"]), intermediate]))
        hosts.append(HostTLS(host: "zz.example", port: 443, address: nil, addressSource: nil, outcome: .noAddress))
        return TLSState(trustStore: "system", hosts: hosts.sorted { $0.host < $1.host })
    }

    static func occurrences(of text: String, in data: Data) -> Int {
        String(decoding: data, as: UTF8.self).components(separatedBy: text).count - 1
    }

    @Test func eachCertificateIsWrittenOnceAndTheChainsNameThem() throws {
        let data = try CanonicalJSON.encode(Self.state())
        #expect(Self.occurrences(of: "\"h123.example\"", in: data) == 2, "the host's name and the certificate's one SAN entry")
        #expect(Self.occurrences(of: "\"subject\"", in: data) == 3)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let certificates = try #require(json["certificates"] as? [[String: Any]])
        #expect(certificates.compactMap { $0["sha256"] as? String } == ["a", "b", "c"].map { String(repeating: $0, count: 64) })
        let hosts = try #require(json["hosts"] as? [[String: Any]])
        #expect(hosts.first?["chain"] as? [String] == ["b", "c"].map { String(repeating: $0, count: 64) })
        #expect(hosts.last?["chain"] as? [String] == [])
        let inFull = try CanonicalJSON.encode(Self.state().hosts)
        #expect(data.count * 10 < inFull.count, "\(data.count) bytes against \(inFull.count) with every chain in full")
    }

    @Test func theTableReadsBackToTheSameHostsAndTheyShareOneCertificate() throws {
        let data = try CanonicalJSON.encode(Self.state())
        for decoded in [try CanonicalJSON.decoder().decode(TLSState.self, from: data), try TapeDecoding.decode(TLSState.self, from: data)] {
            #expect(decoded == Self.state())
            let first = try #require(decoded.hosts.first?.leaf?.subjectAlternativeNames)
            let second = try #require(decoded.hosts.dropFirst().first?.leaf?.subjectAlternativeNames)
            #expect(first.withUnsafeBufferPointer { $0.baseAddress } == second.withUnsafeBufferPointer { $0.baseAddress })
        }
        #expect(try CanonicalJSON.encode(try TapeDecoding.decode(TLSState.self, from: data)) == data)
    }

    /// Schema 1 and 2 files wrote each chain out in full, with no `certificates`.
    @Test func chainsWrittenInFullAreStillRead() throws {
        let state = Self.state()
        let hosts = try CanonicalJSON.encode(state.hosts)
        let old = Data("{\"trustStore\": \"system\", \"hosts\": ".utf8) + hosts + Data("}".utf8)
        #expect(Self.occurrences(of: "\"h123.example\"", in: old) == 301)
        #expect(try CanonicalJSON.decoder().decode(TLSState.self, from: old) == state)
        #expect(try TapeDecoding.decode(TLSState.self, from: old) == state)
    }

    @Test func aChainNamingACertificateTheTableLacksIsRefused() throws {
        let text = String(decoding: try CanonicalJSON.encode(Self.state()), as: UTF8.self)
            .replacingOccurrences(of: "\"sha256\" : \"" + String(repeating: "a", count: 64), with: "\"sha256\" : \"" + String(repeating: "d", count: 64))
        #expect(text.contains(String(repeating: "d", count: 64)))
        for decode in [{ try CanonicalJSON.decoder().decode(TLSState.self, from: Data(text.utf8)) },
                       { try TapeDecoding.decode(TLSState.self, from: Data(text.utf8)) }] {
            let error = #expect(throws: DecodingError.self) { try decode() }
            guard case .dataCorrupted(let context)? = error else { Issue.record("\(String(describing: error))"); continue }
            #expect(context.debugDescription.contains("no certificate " + String(repeating: "a", count: 64)))
            #expect(context.codingPath.last?.stringValue == "chain")
        }
    }

    @Test func theCollectorsSharingKeepsTheFirstOfEachCertificate() throws {
        var sharing = CertificateSharing()
        let names = ["a.example", "b.example"]
        let first = sharing.sharing(HostTLS(host: "a.example", port: 443, address: nil, addressSource: nil, outcome: .handshake,
                                            chain: [Self.certificate("b", names: names)]))
        let second = sharing.sharing(HostTLS(host: "b.example", port: 443, address: nil, addressSource: nil, outcome: .handshake,
                                             chain: [Self.certificate("b", names: names.map { String($0) })]))
        let other = sharing.sharing(HostTLS(host: "c.example", port: 443, address: nil, addressSource: nil, outcome: .handshake,
                                            chain: [Self.certificate("a", names: ["c.example"])]))
        let base = { (host: HostTLS) in host.leaf!.subjectAlternativeNames.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(base(first) == base(second))
        #expect(base(first) != base(other))
        #expect(second.host == "b.example" && second.chain == first.chain)
    }
}

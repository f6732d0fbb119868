import Foundation
import HandoverNetwork
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverAudit

/// TLS against a real nginx with certificates from a test CA: one SNI name per fixture.
@Suite(.serialized, .enabled(if: TestServers.runNginxTests)) struct TLSProbeTests {
    static let day = TLSFixtures.day
    let fixtures: TLSFixtures
    let nginx: NginxServer
    var ca: TestCA { fixtures.ca }
    var now: Date { fixtures.now }
    var notAfter: Date { fixtures.notAfter }

    init() throws {
        fixtures = try TLSFixtures.shared.get()
        nginx = try NginxServer(hosts: fixtures.hosts)
    }

    func probe(_ host: String, timeoutMs: Int = 2_000) async throws -> HostTLS {
        let judge = try CertificateJudge.load(caFile: ca.rootPath)
        return await TLSProbe(timeoutMs: timeoutMs, judge: judge).probe(host: host, port: nginx.tlsPort, address: "127.0.0.1",
                                                                        addressSource: "connect_to")
    }

    @Test func validCertificate() async throws {
        let result = try await probe("valid.test")
        #expect(result.outcome == .handshake)
        #expect(result.tlsVersion == "TLSv1.3")
        #expect(result.leaf?.subjectAlternativeNames == ["valid.test", "www.valid.test"])
        #expect(result.leaf?.issuerOrganization == "Handover Test CA")
        #expect(result.leaf?.notAfter == notAfter)
        #expect(result.leaf?.keyType == "RSA" && result.leaf?.keyBits == 2048)
        #expect(result.leaf?.sha256.count == 64)
        #expect(result.verdict(at: now) == TrustVerdict(trusted: true, expired: false, notYetValid: false, selfSigned: false,
                                               unknownIssuer: false, hostnameMismatch: false,
                                               daysLeft: Int(floor(notAfter.timeIntervalSince(now) / Self.day)), detail: nil))
    }

    @Test("each broken certificate keeps its chain and gets exactly its flags", arguments: [
        ("expired.test", [true, false, false, false, false]),
        ("future.test", [false, true, false, false, false]),
        ("wrong.test", [false, false, false, false, true]),
        ("self.test", [false, false, true, true, false]),
    ])
    func brokenCertificates(host: String, flags: [Bool]) async throws {
        let result = try await probe(host)
        #expect(result.outcome == .handshake)
        #expect(result.chain.count == 1)
        let v = try #require(result.verdict(at: now))
        #expect([v.expired, v.notYetValid, v.selfSigned, v.unknownIssuer, v.hostnameMismatch] == flags, "\(v) \(result.chain)")
        #expect(!v.trusted)
    }

    @Test func withoutTheTestCAEverythingIsUntrusted() async throws {
        let judge = try CertificateJudge.load(caFile: nil)
        let result = await TLSProbe(timeoutMs: 2_000, judge: judge).probe(host: "valid.test", port: nginx.tlsPort,
                                                                          address: "127.0.0.1", addressSource: "dns")
        #expect(result.verdict(at: now)?.unknownIssuer == true && result.verdict(at: now)?.trusted == false)
        #expect(judge.storeName == "system")
    }

    @Test func hostileSubjectsAreRecordedAsText() async throws {
        let result = try await probe("hostile.test")
        // Recorded as text (RFC 4514 escapes `<` in the DN form); the renderers escape it again for their format.
        #expect(result.leaf?.subject.contains("script\\>alert(1)") == true, "\(String(describing: result.leaf?.subject))")
        #expect(TerminalText.clean(result.leaf?.subject ?? "").contains("\u{1B}") == false)
    }

    @Test func refusedAndSilentPortsAreOutcomesWithinTheTimeout() async throws {
        let refusedPort = FreePort.next()
        let judge = try CertificateJudge.load(caFile: ca.rootPath)
        let refused = await TLSProbe(timeoutMs: 1_000, judge: judge).probe(host: "valid.test", port: refusedPort, address: "127.0.0.1",
                                                                           addressSource: "dns")
        #expect(refused.outcome == .refused)
        let silent = SilentServer()
        let start = ContinuousClock.now
        let hung = await TLSProbe(timeoutMs: 500, judge: judge).probe(host: "valid.test", port: silent.port, address: "127.0.0.1",
                                                                      addressSource: "dns")
        #expect(hung.outcome == .timeout)
        #expect(ContinuousClock.now - start < .milliseconds(1_500))
    }

    @Test func badCAFilesAreInputErrors() {
        #expect(throws: TLSSetupError.self) { try CertificateJudge.load(caFile: "/nonexistent.pem") }
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect

@Suite(.serialized, .enabled(if: TestServers.runNginxTests)) struct TLSCommandTests {
    @Test func snapshotWithAHangingHostFinishesWithinTheTimeout() throws {
        let ca = try TestCA()
        let now = Date()
        let leaf = try ca.issue("valid", sans: ["valid.test", "www.valid.test"], notBefore: now - 86_400, notAfter: now + 30 * 86_400)
        let nginx = try NginxServer(hosts: [.init(name: "valid.test", certificate: leaf.0, key: leaf.1),
                                            .init(name: "www.valid.test", certificate: leaf.0, key: leaf.1)])
        let silent = SilentServer()
        let dir = try makeProject(manifest: """
            project: Acme
            domains:
              - name: valid.test
            collect:
              timeout: 1s
              ca_file: \(ca.rootPath)
              connect_to:
                "valid.test": "127.0.0.1:\(nginx.tlsPort)"
                "www.valid.test:443": "127.0.0.1:\(nginx.tlsPort)"
                "app.valid.test": "127.0.0.1:\(silent.port)"

            """)
        let start = Date()
        let result = try HandoverBinary.run(["snapshot", "--only", "tls", "--format", "json",
                                             "--connect-to", "api.valid.test=127.0.0.1:\(nginx.tlsPort)",
                                             "--connect-to", "valid.test=127.0.0.1:\(nginx.tlsPort)",
                                             "--connect-to", "www.valid.test:443=127.0.0.1:\(nginx.tlsPort)",
                                             "--connect-to", "app.valid.test=127.0.0.1:\(silent.port)"], in: dir.url)
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < 2.0, "timeout 1 s + 1 s; took \(elapsed) s")
        let snapshot = try CanonicalJSON.decoder().decode(Snapshot.self, from: Data(result.stdout.utf8))
        let hosts = try #require(snapshot.tls.data?.hosts)
        #expect(hosts.map(\.host) == ["api.valid.test", "app.valid.test", "valid.test", "www.valid.test"])
        #expect(hosts.map(\.outcome) == [.handshake, .timeout, .handshake, .handshake])
        #expect(hosts.first { $0.host == "valid.test" }?.verdict(at: snapshot.createdAt)?.trusted == true)
        #expect(hosts.first { $0.host == "api.valid.test" }?.verdict(at: snapshot.createdAt)?.hostnameMismatch == true)
        #expect(hosts.allSatisfy { $0.addressSource == "connect_to" && $0.address == "127.0.0.1" })
        #expect(hosts.allSatisfy { $0.port == 443 && ($0.connectPort == nginx.tlsPort || $0.connectPort == silent.port) })
        #expect(snapshot.tls.data?.trustStore == ca.rootPath)
        let bad = try HandoverBinary.run(["snapshot", "--only", "tls", "--connect-to", "nonsense"], in: dir.url)
        #expect(bad.status == 2 && bad.stderr.contains("--connect-to: `nonsense` is not HOST[:PORT]=ADDR[:PORT]"))
        let badCA = try HandoverBinary.run(["snapshot", "--only", "tls", "--ca-file", "/nonexistent.pem"], in: dir.url)
        #expect(badCA.status == 2 && badCA.stderr.contains("/nonexistent.pem: CA file cannot be read"))
    }
}

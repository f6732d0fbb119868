import Foundation
import HandoverGit
import HandoverNetwork
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverManifest
import HandoverCollect

/// `version.auth_header_env` sends a real credential: only to a server whose certificate chain and name verify, never
/// over http:// and never when it holds a control character. Real nginx listeners record the Authorization header
/// they receive, so "not sent" is checked where it matters: at the server.
@Suite(.serialized, .enabled(if: TestServers.runNginxTests)) struct CredentialChannelTests {
    static let token = "CANARYcredential41"

    @Test func aCredentialGoesOnlyToAVerifiedServer() async throws {
        let tls = try TLSFixtures.shared.get()
        let made = Date()
        let selfSigned = try tls.ca.selfSigned("credential-self", host: "self.test")
        let trusted = try tls.ca.issue("credential-trusted", sans: ["trusted.test"], notBefore: made - 86_400, notAfter: made + 30 * 86_400)
        let logs = TempDirectory("handover-credential-logs")
        func host(_ name: String, _ certificate: (String, String)) -> NginxServer.VirtualHost {
            let body = "access_log \(logs.path)/\(name).log auth; location / { default_type application/json; return 200 '{\"version\":\"abc\"}'; }"
            return .init(name: name, certificate: certificate.0, key: certificate.1, directives: body, httpDirectives: body)
        }
        let nginx = try NginxServer(hosts: [host("self.test", selfSigned), host("trusted.test", trusted)],
                                    httpPreamble: "log_format auth '$server_port [$http_authorization]';")
        let connectTo = ["self.test", "trusted.test"].flatMap { name in
            [ConnectOverride(source: HostPort(host: name, port: 443), target: HostPort(host: "127.0.0.1", port: nginx.tlsPort)),
             ConnectOverride(source: HostPort(host: name, port: 80), target: HostPort(host: "127.0.0.1", port: nginx.httpPort))]
        }
        let yaml = """
            project: Acme
            environments:
              selfsigned: {version: {url: "https://self.test/v", json_key: version, auth_header_env: VERSION_TOKEN}}
              plain: {version: {url: "http://trusted.test/v", json_key: version, auth_header_env: VERSION_TOKEN}}
              trusted: {version: {url: "https://trusted.test/v", json_key: version, auth_header_env: VERSION_TOKEN}}
              control: {version: {url: "https://trusted.test/c", json_key: version, auth_header_env: CONTROL_TOKEN}}

            """
        let manifest = try ManifestLoader.parse(data: Data(yaml.utf8), path: "handover.yml")
        let fetcher = HTTPFetcher(timeoutMs: 2_000)
        let verified = HTTPFetcher(timeoutMs: 2_000, verifyCertificates: true, caFile: tls.ca.rootPath)
        let collector = HTTPCollector(
            fetcher: fetcher, credentialFetcher: verified, router: ProbeRouter(connectTo: connectTo, dns: nil), samples: 1,
            credential: { ["VERSION_TOKEN": Self.token, "CONTROL_TOKEN": "CANARY\u{1B}]8;;x\u{7}control42"][$0] },
            compare: { _, _ in VersionComparison(relation: .unavailable) })
        let state = try #require(await collector.collect(manifest).collectedValue)
        await fetcher.shutdown()
        await verified.shutdown()
        let byName = Dictionary(uniqueKeysWithValues: state.deployments.map { ($0.environment, $0) })

        // The verified server got it, and answered.
        #expect(byName["trusted"]?.reported == "abc", "\(String(describing: byName["trusted"]))")
        #expect(logs.read("trusted.test.log")?.contains("\(nginx.tlsPort) [Bearer \(Self.token)]") == true, "\(logs.read("trusted.test.log") ?? "no log")")
        // The self-signed one (whose certificate the tls section would flag) never saw it: the handshake failed first.
        #expect(byName["selfsigned"]?.outcome == .tlsFailed, "\(String(describing: byName["selfsigned"]))")
        #expect(byName["selfsigned"]?.detail?.contains("VERSION_TOKEN not sent: the certificate of self.test did not verify") == true,
                "\(String(describing: byName["selfsigned"]?.detail))")
        #expect(logs.read("self.test.log")?.contains(Self.token) != true)
        // http:// is asked without it.
        #expect(byName["plain"]?.detail?.contains("VERSION_TOKEN not sent: version.url is not https://") == true,
                "\(String(describing: byName["plain"]?.detail))")
        #expect(logs.read("trusted.test.log")?.contains("\(nginx.httpPort) [-]") == true, "\(logs.read("trusted.test.log") ?? "no log")")
        // A control character: refused before use, and its value is nowhere.
        #expect(byName["control"]?.detail?.contains("CONTROL_TOKEN holds a control character: not sent") == true)
        let everything = String(decoding: try CanonicalJSON.encode(state), as: UTF8.self) + (logs.read("trusted.test.log") ?? "")
        #expect(!everything.contains("control42"))
        #expect(!String(decoding: try CanonicalJSON.encode(state), as: UTF8.self).contains(Self.token))
    }
}

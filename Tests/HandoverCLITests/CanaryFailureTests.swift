import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect

/// The error paths: collectors that fail or read garbage while values are within reach. Env files that are not
/// text, a directory, a 3 MB line; a repository whose config breaks on the line holding a credential; version
/// endpoints that answer with the credential they were sent (in the JSON body, a header, a redirect), refuse or
/// never answer.
extension CanaryTests {
    static let failureCanaries = ["CANARYversion25", "CANARYbasic26", "CANARYutf827", "CANARYnul28", "CANARYexport29",
                                  "CANARYbin30", "CANARYlong31", "CANARYgit32", "CANARYgit33", "CANARYpart34", "CANARYctrl35"]

    @Test(.enabled(if: TestServers.runNginxTests)) func failedCollectorsLeakNothing() throws {
        let tls = try TLSFixtures.shared.get()
        let valid = try #require(tls.hosts.first { $0.name == "valid.test" })
        let nginx = try NginxServer(hosts: [.init(name: "valid.test", certificate: valid.certificate, key: valid.key, directives: """
            location = /json { default_type application/json; return 200 '{"build":{"commit":"$http_authorization"}}'; }
            location = /header { add_header X-Commit "$http_authorization" always; return 204; }
            location = /redirect { return 302 "https://login.valid.test/?auth=$http_authorization"; }
            location = /denied { return 401 "$http_authorization"; }
            location = /part {
                default_type application/json;
                if ($http_authorization ~ "^Token (.+)$") { return 200 '{"build":{"commit":"$1"}}'; }
                return 404;
            }
            """)])
        let hang = SilentServer()

        let dir = TempDirectory("handover-canary-failures")
        try ProcessRunner.git(["init", "-q"], in: dir.url)
        dir.write("README.md", "app\n")
        try ProcessRunner.commitAll(in: dir.url, "Initial", date: "2026-11-20T10:00:00Z")
        dir.write(".git/config", (dir.read(".git/config") ?? "")
            + "[remote \"origin\"]\n\turl = https://deploy:CANARYgit32@github.com/acme/app.git\n[broken CANARYgit33\n")
        var binary = Data("BAD=".utf8) + Data([0xFF, 0xFE]) + Data("CANARYutf827\nNUL=CANARY".utf8) + Data([0])
        binary += Data("nul28\nexport KEY CANARYexport29\nGOOD=fine\n".utf8)
        try binary.write(to: dir.file(".env.production"))
        try (Data([0, 1, 2]) + Data("CANARYbin30".utf8) + Data([0xFF, 0])).write(to: dir.file(".env.binary"))
        try FileManager.default.createDirectory(at: dir.file(".env.folder"), withIntermediateDirectories: true)
        dir.write(".env.long", "LONG=CANARYlong31" + String(repeating: "x", count: 3_000_000) + "\n")
        let connect = """
                "valid.test:443": "127.0.0.1:\(nginx.tlsPort)"
                "hang.valid.test:443": "127.0.0.1:\(hang.port)"
                "refused.valid.test:443": "127.0.0.1:1"
            """
        func version(_ name: String, _ url: String, _ extra: String = "json_key: build.commit") -> String {
            let variable = ["basic": "VERSION_BASIC", "part": "VERSION_PART", "ctrl": "VERSION_CTRL"][name] ?? "VERSION_TOKEN"
            return "  \(name):\n    version: {url: \"\(url)\", \(extra), auth_header_env: \(variable)}\n"
        }
        dir.write("handover.yml", "project: Acme\nenvironments:\n"
            + "  production:\n    env_files: [.env.production, .env.binary, .env.folder, .env.long]\n"
            + version("json", "https://valid.test/json") + version("basic", "https://valid.test/json")
            + version("header", "https://valid.test/header", "header: X-Commit") + version("redirect", "https://valid.test/redirect")
            + version("denied", "https://valid.test/denied") + version("hang", "https://hang.valid.test/json")
            + version("refused", "https://refused.valid.test/json") + version("part", "https://valid.test/part")
            + version("ctrl", "https://valid.test/json")
            + "collect:\n  timeout: 1s\n  ca_file: \(tls.ca.rootPath)\n  connect_to:\n\(connect)\n")
        let environment = ["VERSION_TOKEN": "CANARYversion25", "VERSION_BASIC": "Basic CANARYbasic26",
                           // Sent whole; the server answers with its second word only.
                           "VERSION_PART": "Token CANARYpart34",
                           // A control byte (ESC) in the value: refused before use, so no library ever describes it.
                           "VERSION_CTRL": "CANARYctrl35\u{1B}]8;;x\u{07}"]

        var outputs: [String: String] = [:]
        for (index, args) in [["snapshot"], ["snapshot", "--format", "json"], ["show"], ["show", "--format", "json"], ["env"],
                              ["env", "--format", "json"], ["audit"], ["audit", "--format", "json"], ["audit", "--format", "sarif"],
                              ["audit", "--format", "markdown"], ["diff"], ["diff", "--format", "json"], ["log"],
                              ["render", "--out", "docs"], ["render", "--print-context"], ["lookup", "production"],
                              ["lookup", "json"], ["secrets"]].enumerated() {
            // Two snapshots, so diff and log have something to say: the second one is dated after the first.
            let result = try HandoverBinary.run(args, in: dir.url, environment: index == 1 ? environment.merging(HandoverBinary.later()) { a, _ in a } : environment)
            outputs["stdout of \(args)"] = result.stdout
            outputs["stderr of \(args)"] = result.stderr
            // `secrets` has nothing to do but read the repository: its failure is the command's (exit 2).
            #expect(result.status == (args == ["secrets"] ? 2 : 0), "\(args): \(result.stderr)")
        }

        // Each fault was reached: the leak check below means something only if these paths ran.
        let json = outputs["stdout of [\"show\", \"--format\", \"json\"]"] ?? ""
        let snapshot = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let git = snapshot["git"] as? [String: Any]
        #expect(git?["status"] as? String == "failed", "\(String(describing: git))")
        let deployments = ((snapshot["http"] as? [String: Any])?["data"] as? [String: Any])?["deployments"] as? [[String: Any]] ?? []
        func detail(_ environment: String) -> String {
            deployments.first { $0["environment"] as? String == environment }?["detail"] as? String ?? ""
        }
        for name in ["json", "basic", "header", "redirect", "part"] {
            #expect(detail(name).contains("repeats the credential"), "\(name): \(detail(name))")
        }
        #expect(detail("denied") == "answered 401", "the body of a refusal is not recorded")
        #expect(detail("ctrl").contains("VERSION_CTRL holds a control character: not sent"), "\(detail("ctrl"))")
        #expect(!detail("hang").isEmpty && !detail("refused").isEmpty)
        #expect((git?["reason"] as? String ?? "").contains("the git repository cannot be opened"), "\(String(describing: git))")
        #expect(outputs["stderr of [\"secrets\"]"]?.contains("the git repository cannot be opened") == true)
        let env = outputs["stdout of [\"env\", \"--format\", \"json\"]"] ?? ""
        for name in ["\"GOOD\"", "\"LONG\"", "\"BAD\"", "\".env.folder\"", "is a directory"] { #expect(env.contains(name), "\(name)") }
        try assertNoLeak(outputs, dir: dir, planted: [".env.production", ".env.binary", ".env.long", "README.md", "handover.yml"],
                         canaries: Self.failureCanaries)
    }
}

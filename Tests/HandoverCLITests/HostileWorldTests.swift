import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect

/// One world with hostile text in every field an attacker controls — TXT records (knot), a certificate's subject
/// and SANs and HTTP headers (nginx), commit messages and author names, tag names, file names of committed secrets
/// and env files (git) — and every output of every command read back by the parser its reader would use.
@Suite(.serialized, .enabled(if: TestServers.runNginxTests && TestServers.runResolverTests && TestServers.runDocumentCheckers))
struct HostileWorldTests {
    /// Markup for HTML and Markdown, table pipes, autolinks, a shell substitution. The same core goes into each field
    /// behind a label, so each field's text can be found in each output.
    static let core = "<script>alert(1)</script> | **x** [y](javascript:alert(1)) https://evil.example www.evil.example &amp; `tick` $(id)"
    /// What a terminal or an editor would act on: ESC (colour), BEL, CSI as a C1 control, a right-to-left override.
    static let controls = "\u{1B}[31m \u{07} \u{9B}2J \u{202E}txet"
    static func txt(_ label: String) -> String { "\(label) \(core) \(controls)" }
    /// git allows `<`, `>`, `|`, `&`, `$`, `(`, backticks and quotes in a tag name (not spaces, `*` or `:`).
    static let tag = "v2.0.0-<img_src=x_onerror=alert(1)>|_x_&amp;$(id)`w`\"q\""
    /// git drops `<` and `>` from author names; the rest stays.
    static let author = "Mallory | **x** &amp; `y` [z](javascript:alert(1))"
    static let certMarker = "CERT <script>alert(1)</script> | **x**"
    /// The subject as recorded: an RFC 4514 string, which escapes `<` and `>` itself.
    static let certSubject = #"O=CERT \<script\>alert(1)\</script\> | **x**,CN=hostile.site.test"#
    static let hostileSAN = "<b>san</b>|**x**.site.test"
    static let secretFile = "deploy/<img src=x onerror=alert(1)> | _x_ &amp;.sh"
    static let envFile = "env/<b>prod<b> | _x_ &amp; `y`.env"

    /// A zone file string for `text`: quotes and backslashes escaped, every byte outside printable ASCII as `\DDD`.
    static func zoneString(_ text: String) -> String {
        "\"" + text.utf8.map { byte -> String in
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return "\\" + String(UnicodeScalar(byte)) }
            if byte < 0x20 || byte > 0x7E { return String(format: "\\%03d", byte) }
            return String(UnicodeScalar(byte))
        }.joined() + "\""
    }

    static func zone(serial: Int, label: String) -> String {
        Zones.soa("site.test", serial: serial) + """
            @ IN A 127.0.0.1
            * IN A 127.0.0.1
            @ IN TXT \(zoneString(txt(label)))
            hostile IN TXT \(zoneString(txt("host-" + label)))

            """
    }

    @Test func everyOutputIsInert() throws {
        let tls = try TLSFixtures.shared.get()
        let made = Date()
        // Subject attributes hold at most 64 characters each: the core is spread over three.
        let subject = "/CN=hostile.site.test/O=\(Self.certMarker.replacingOccurrences(of: "/", with: "\\/"))"
            + "/OU=[y](javascript:alert(1)) https:\\/\\/evil.example/L=www.evil.example &amp; `tick` $(id)"
        let site = try tls.ca.issue("hostile-site", sans: ["site.test", "*.site.test"], notBefore: made - 86_400, notAfter: made + 20 * 86_400)
        let hostileCert = try tls.ca.issue("hostile-world", sans: ["hostile.site.test", Self.hostileSAN],
                                           notBefore: made - 86_400, notAfter: made + 20 * 86_400, subject: subject)
        let header = "CSP " + Self.core.replacingOccurrences(of: "$", with: "")
        let nginx = try NginxServer(hosts: [
            .init(name: "site.test", certificate: site.0, key: site.1,
                  directives: "location / { return 200 \"home\\n\"; }"),
            .init(name: "hostile.site.test", certificate: hostileCert.0, key: hostileCert.1, directives: """
                add_header Content-Security-Policy "\(header)" always;
                add_header Strict-Transport-Security "max-age=1; \(header)" always;
                location / { return 302 "https://evil.example/<script>alert(1)</script>|**x**"; }
                """),
        ])
        let dns = try TestDNS(zones: ["site.test": Self.zone(serial: 2026112901, label: "TXT1")])

        let dir = TempDirectory("handover-hostile-world")
        try ProcessRunner.git(["init", "-q", "-b", "main"], in: dir.url)
        dir.write("README.md", "app\n")
        try ProcessRunner.commitAll(in: dir.url, "Initial", date: "2026-11-20T10:00:00Z")
        try ProcessRunner.git(["tag", "v1.0.0"], in: dir.url)
        dir.write(Self.secretFile, "export STRIPE=sk_live_51HostileWorldKey0123456789abcd\n")
        dir.write(Self.envFile, "DATABASE_URL=postgres://app:pw@db/app\n")
        try ProcessRunner.git(["add", "-A"], in: dir.url)
        try ProcessRunner.git(["commit", "-q", "--author", "\(Self.author) <m@evil.example>",
                               "-m", "COMMIT1 \(Self.core) \(Self.controls)\n\nbody \(Self.core)"], in: dir.url)
        try ProcessRunner.git(["tag", Self.tag], in: dir.url)

        var connect = ["site.test", "www.site.test", "app.site.test", "api.site.test", "hostile.site.test"].flatMap { name in
            ["    \"\(name):443\": \"127.0.0.1:\(nginx.tlsPort)\"", "    \"\(name):80\": \"127.0.0.1:\(nginx.httpPort)\""]
        }
        connect.sort()
        dir.write("handover.yml", """
            project: Hostile
            environments:
              production:
                env_files: ["\(Self.envFile)"]
                branch: main
                release_tags: "v*"
            rollback:
              command: "deploy --tag {{tag}}"
            domains:
              - name: site.test
                hosts: [hostile]
            accept:
              - {id: secrets.credential-committed, subject: "file:\(Self.secretFile):1", reason: "rotated", owner: Jo, until: 2099-01-01}
            collect:
              timeout: 2s
              resolvers: ["\(dns.resolver)"]
              ca_file: \(tls.ca.rootPath)
              connect_to:
            \(connect.joined(separator: "\n"))

            """)
        let first = try HandoverBinary.run(["snapshot"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")

        // What changed: a new TXT record and a new hostile commit.
        try dns.reload(zone: "site.test", text: Self.zone(serial: 2026112902, label: "TXT2"))
        dir.write("README.md", "app 2\n")
        try ProcessRunner.git(["add", "-A"], in: dir.url)
        try ProcessRunner.git(["commit", "-q", "--author", "\(Self.author) <m@evil.example>",
                               "-m", "COMMIT2 \(Self.core) \(Self.controls)"], in: dir.url)
        let second = try HandoverBinary.run(["snapshot"], in: dir.url, environment: HandoverBinary.later())
        #expect(second.status == 0, "\(second.stderr)")

        try checkJSON(dir)
        try checkTerminal(dir, also: [("snapshot", first), ("snapshot again", second)])
        try checkDocuments(dir)
    }

    /// JSON and SARIF: parse, and find each hostile value exactly as it was planted (control characters included).
    func checkJSON(_ dir: TempDirectory) throws {
        let exact: [String: [String]] = [
            "show --format json": [Self.txt("TXT2"), Self.txt("host-TXT2"), Self.tag, Self.author, Self.certSubject, Self.hostileSAN,
                                   "CSP " + Self.core.replacingOccurrences(of: "$", with: ""), Self.envFile],
            "diff --format json": [Self.txt("TXT1"), Self.txt("TXT2")],
            "audit --format json": [],
            "audit --format sarif": [],
            "secrets --history --format json": [Self.secretFile],
            "secrets --history --format sarif": [Self.secretFile],
            "render --print-context": [Self.tag],
            "env --format json": [],
            "snapshots --format json": [],
            "log --format json": [],
        ]
        for (command, values) in exact.sorted(by: { $0.key < $1.key }) {
            let run = try HandoverBinary.run(command.split(separator: " ").map(String.init), in: dir.url)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            let strings: [String]
            do { strings = try InertOutput.jsonStrings(run.stdout) } catch {
                Issue.record("\(command) is not JSON: \(error)")
                continue
            }
            for value in values { #expect(strings.contains { $0.contains(value) }, "\(command) lacks \(value.debugDescription)") }
            #expect(InertOutput.terminalProblems(run.stdout).isEmpty, "\(command): JSON escapes control characters")
        }
    }

    /// Terminal text: nothing a terminal would act on, in any stdout or stderr.
    func checkTerminal(_ dir: TempDirectory, also: [(String, ProcessOutput)]) throws {
        var runs = also
        for command in ["show", "show previous", "diff", "audit", "audit --format markdown", "diff --format markdown", "log", "secrets",
                        "secrets --history", "env", "snapshots", "lookup hostile", "lookup site.test", "lookup production",
                        "render --out docs"] {
            runs.append((command, try HandoverBinary.run(command.split(separator: " ").map(String.init), in: dir.url)))
        }
        for (command, run) in runs {
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(InertOutput.terminalProblems(run.stdout).isEmpty, "\(command) stdout: \(InertOutput.terminalProblems(run.stdout))")
            #expect(InertOutput.terminalProblems(run.stderr).isEmpty, "\(command) stderr: \(InertOutput.terminalProblems(run.stderr))")
        }
        // The hostile values are shown, not dropped: the checks above would pass on an empty screen.
        let show = runs.first { $0.0 == "show" }?.1.stdout ?? ""
        #expect(show.contains("TXT2 <script>alert(1)</script>"), "show prints the TXT record")
        #expect(show.contains(Self.certSubject) && show.contains(Self.hostileSAN), "show prints the certificate's subject and names")
        let diff = runs.first { $0.0 == "diff" }?.1.stdout ?? ""
        #expect(diff.contains("TXT1 <script>") && diff.contains("TXT2 <script>"), "diff prints the old and new TXT records")
        #expect(diff.contains("COMMIT2 <script>"), "diff prints the new commit's subject")
    }

    /// Markdown (through cmark-gfm with raw HTML on), HTML (through html5lib), iCalendar (by its grammar): no
    /// element, attribute or property the hostile text did not come with, and the hostile text readable as text.
    func checkDocuments(_ dir: TempDirectory) throws {
        var pages: [(String, String)] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("docs").path).sorted()
        #expect(files.contains("guide.md") && files.contains("guide.html") && files.contains("calendar.ics"), "\(files)")
        for file in files {
            let text = try #require(dir.read("docs/" + file))
            if file.hasSuffix(".md") { pages.append((file, try InertOutput.markdownToHTML(text))) }
            if file.hasSuffix(".html") { pages.append((file, text)) }
            if file.hasSuffix(".ics") {
                #expect(InertOutput.icsProblems(text).isEmpty, "\(file): \(InertOutput.icsProblems(text))")
                #expect(text.contains("BEGIN:VEVENT"), "the calendar has the waiver and the certificates")
            }
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n")  // iCalendar's line ends
            #expect(InertOutput.terminalProblems(lines).isEmpty, "\(file): \(InertOutput.terminalProblems(lines))")
        }
        for command in ["audit --format markdown", "diff --format markdown"] {
            let run = try HandoverBinary.run(command.split(separator: " ").map(String.init), in: dir.url)
            pages.append((command, try InertOutput.markdownToHTML(run.stdout)))
        }
        // Where each field must show up as intact text (a split table cell or a bolded `**x**` breaks the match).
        let shown: [String: [String]] = [
            "guide.md": ["TXT2 " + Self.core, Self.certSubject, Self.tag, "COMMIT2 " + Self.core],
            "guide.html": ["TXT2 " + Self.core, Self.certSubject, Self.tag, "COMMIT2 " + Self.core],
            "risks.md": [Self.secretFile],
            "risks.html": [Self.secretFile],
            "audit --format markdown": [Self.secretFile],
            "diff --format markdown": ["TXT1 " + Self.core, "TXT2 " + Self.core, "COMMIT2 " + Self.core],
        ]
        for (name, html) in pages {
            let reading = try InertOutput.readHTML(html)
            #expect(reading.problems.isEmpty, "\(name): \(reading.problems)")
            for text in shown[name] ?? [] {
                let found = reading.text.contains(text)
                let label = String(text.prefix(4))
                let near = reading.text.split(separator: "\n").filter { $0.contains(label) }.prefix(3)
                #expect(found, "\(name) does not show \(text.debugDescription) as text; lines with \(label): \(near)")
            }
        }
    }
}

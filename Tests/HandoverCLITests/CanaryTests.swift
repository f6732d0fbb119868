import Foundation
import HandoverTestSupport
import Testing
import HandoverCollect

/// Plants unique values everywhere a value can hide and proves no output of any command holds one.
@Suite(.serialized) struct CanaryTests {
    /// Each canary is a value (or a credential), never a name. They contain characters that change under JSON,
    /// percent and base64 encoding.
    static let canaries = [
        "CANARY-db+pw/1=", "CANARYstripe2", "CANARY multi line 3", "CANARYbare4", "CANARYnoname5", "CANARYquote6",
        "CANARYcompose7", "CANARYcompose8", "CANARYcomposebroken9", "CANARYfly10", "CANARYflybroken11",
        "CANARYrender12", "CANARYrenderbroken13", "CANARYremote14", "CANARYworkflow15", "CANARYexample16",
        "CANARYinclude17", "CANARYmanifest18", "CANARYsnapshot19", "CANARYtrailing20", "CANARYstripeshape21abcdEF",
        "CANARYstaging22",
    ]

    func plant() throws -> TempDirectory {
        let dir = TempDirectory("handover-canary")
        dir.write(".env.example", "DATABASE_URL=CANARYexample16\nSTRIPE_SECRET_KEY=\nMISSING_IN_PROD=\n")
        dir.write(".env.production", """
            export DATABASE_URL="postgres://app:CANARY-db+pw/1=@db.internal:5432/app"
            STRIPE_SECRET_KEY=CANARYstripe2 # live key
            PRIVATE_KEY="-----BEGIN KEY-----
            CANARY multi line 3
            NOT_A_NAME=CANARYbare4
            -----END KEY-----"
            CANARYbare4
            =CANARYnoname5
            QUOTED="CANARYquote6" CANARYtrailing20
            BROKEN="CANARYquote6

            """)
        dir.write("docker-compose.yml", """
            services:
              web:
                environment:
                  - API_KEY=CANARYcompose7
                env_file: web.env
              worker:
                environment:
                  TOKEN: CANARYcompose8

            """)
        dir.write("web.env", "INCLUDED=CANARYinclude17\n")
        dir.write("compose.broken.yml", "services:\n  web:\n    environment:\n      - A=CANARYcomposebroken9\n     x: [\n")
        dir.write("fly.toml", "[env]\nSECRET = \"CANARYfly10\"\nBROKEN = \"\"\"CANARYflybroken11\n")
        dir.write("render.yaml", "services:\n  - name: api\n    envVars:\n      - key: R\n        value: CANARYrender12\n")
        dir.write("render.broken.yaml", "services:\n  - name: api\n    envVars: [ {key: X, value: CANARYrenderbroken13\n")
        dir.write(".github/workflows/deploy.yml", "env:\n  TOKEN: ${{ secrets.FLY_API_TOKEN }}\n  LITERAL: CANARYworkflow15\n")
        try ProcessRunner.git(["init", "-q"], in: dir.url)
        dir.write("src/app.ts", "const db = process.env.DATABASE_URL;\nconst q = process.env.QUEUE_URL; // not defined in production\n")
        // Committed by mistake: a live-key shape in source and a staging env file (the secrets scan reports them, redacted).
        dir.write("config/keys.ts", "export const stripe = \"sk_live_CANARYstripeshape21abcdEF\";\n")
        dir.write(".env.staging", "STAGING_TOKEN=CANARYstaging22\n")
        try ProcessRunner.git(["add", "-f", ".env.example", ".github", "src/app.ts", "config/keys.ts", ".env.staging"], in: dir.url)
        try ProcessRunner.git(["commit", "-q", "-m", "Initial"], in: dir.url)
        try ProcessRunner.git(["remote", "add", "origin", "https://deploy:CANARYremote14@github.com/acme/app.git"], in: dir.url)
        dir.write("handover.yml", """
            project: Acme
            env: {reference: .env.example}
            environments:
              production: {env_files: [.env.production, fly.toml, render.yaml]}
              staging: {env_files: [docker-compose.yml, compose.broken.yml, render.broken.yaml]}

            """)
        return dir
    }

    /// Every file under `dir` except the planted inputs, plus the given outputs, must hold no canary.
    func assertNoLeak(_ outputs: [String: String], dir: TempDirectory, planted: Set<String>, canaries: [String] = Self.canaries) throws {
        var texts = outputs
        let enumerator = FileManager.default.enumerator(atPath: dir.path)
        while let relative = enumerator?.nextObject() as? String {
            guard !relative.hasPrefix(".git/"), !planted.contains(relative) else { continue }
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: dir.file(relative).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { texts["file " + relative] = dir.read(relative) ?? "" }
        }
        for (label, text) in texts {
            let leaks = LeakProbe.leaks(of: canaries, in: text)
            #expect(leaks.isEmpty, "\(label) leaks \(leaks)")
        }
    }

    @Test func noCommandOutputHoldsAValue() throws {
        let dir = try plant()
        let planted: Set<String> = [".env.example", ".env.production", "docker-compose.yml", "web.env", "compose.broken.yml", "src/app.ts",
                                    "config/keys.ts", ".env.staging", "fly.toml", "render.yaml", "render.broken.yaml", ".github/workflows/deploy.yml", "handover.yml"]
        var outputs: [String: String] = [:]
        func record(_ args: [String]) throws {
            let result = try HandoverBinary.run(args, in: dir.url)
            outputs["stdout of \(args)"] = result.stdout
            outputs["stderr of \(args)"] = result.stderr
        }
        for args in [["snapshot"], ["snapshot", "--format", "json"], ["snapshots"], ["snapshots", "--format", "json"],
                     ["show"], ["show", "--format", "json"], ["show", "previous"], ["env"], ["env", "--format", "json"],
                     ["env", "--exit-code"], ["audit"], ["audit", "--format", "json"], ["audit", "--format", "markdown"],
                     ["audit", "--format", "sarif"], ["diff"], ["diff", "--format", "json"], ["diff", "--format", "markdown"], ["log"],
                     ["render", "--out", "docs"], ["render", "--print-context"], ["lookup", "production"],
                     ["lookup", "STRIPE_SECRET_KEY"], ["lookup", "src"], ["secrets"], ["secrets", "--history"],
                     ["secrets", "--history", "--format", "json"], ["secrets", "--history", "--format", "sarif"],
                     ["snapshot", "--only", "secrets"], ["show", "latest"], ["audit", "--format", "sarif"],
                     ["prune", "--keep", "1", "--dry-run"]] {
            try record(args)
        }
        // The DNS commands, run for real against a server (a usage or connection error would exercise no output path).
        if TestServers.runKnotTests {
            let knot = try KnotServer(zones: ["acme.example": Self.zone])
            let resolver = "127.0.0.1:\(knot.port)"
            let dns = try HandoverBinary.run(["dns", "acme.example", "--resolver", resolver], in: dir.url)
            #expect(dns.status == 0 && dns.stdout.contains("192.0.2.10"), "dns: exit \(dns.status)\n\(dns.stdout)\(dns.stderr)")
            let spf = try HandoverBinary.run(["spf", "acme.example", "--ip", "192.0.2.7", "--resolver", resolver, "--format", "json"], in: dir.url)
            #expect(spf.status == 0 && spf.stdout.contains("\"result\" : \"pass\""), "spf: exit \(spf.status)\n\(spf.stdout)\(spf.stderr)")
            for (args, result) in [(["dns", "acme.example"], dns), (["spf", "acme.example"], spf)] {
                outputs["stdout of \(args)"] = result.stdout
                outputs["stderr of \(args)"] = result.stderr
            }
        }
        // The parsers did see the files: names are there, values are not.
        let json = outputs["stdout of [\"show\", \"--format\", \"json\"]"] ?? ""
        for name in ["DATABASE_URL", "STRIPE_SECRET_KEY", "PRIVATE_KEY", "QUOTED", "API_KEY", "TOKEN", "INCLUDED", "SECRET", "R",
                     "FLY_API_TOKEN"] {
            #expect(json.contains("\"\(name)\""), "\(name) missing from the snapshot")
        }
        #expect(!json.contains("\"NOT_A_NAME\""))
        #expect(json.contains("https://github.com/acme/app.git"))
        // The audit saw the code at HEAD and the values' shapes: names only.
        let audit = outputs["stdout of [\"audit\", \"--format\", \"json\"]"] ?? ""
        #expect(audit.contains("env:production/QUEUE_URL") && audit.contains("env.referenced-missing"), "\(audit)")
        #expect(outputs["stdout of [\"lookup\", \"STRIPE_SECRET_KEY\"]"]?.contains("STRIPE_SECRET_KEY (variable)") == true)
        // The scan did see the committed key and env file: reported, redacted.
        #expect(audit.contains("secrets.credential-committed") && audit.contains("file:config/keys.ts:1") && audit.contains("sk_live_****"))
        #expect(audit.contains("secrets.env-file-committed") && audit.contains("file:.env.staging"))

        // Error paths: a manifest holding a pasted secret on a broken line, a corrupt snapshot holding one.
        let manifestCopy = try #require(dir.read("handover.yml"))
        dir.write("bad.yml", "project: Acme\nenvironments: [CANARYmanifest18\n")
        try record(["snapshot", "--manifest", "bad.yml"])
        dir.write("bad2.yml", "project: Acme\nenvironments:\n  production: {env_files: CANARYmanifest18, bogus: CANARYmanifest18}\n")
        try record(["snapshot", "--manifest", "bad2.yml"])
        dir.write("snapshots/20991231T000000Z-zzzz.json", "{\"schemaVersion\": 1, \"project\": \"CANARYsnapshot19\", \"createdAt\": 5}")
        try record(["show", "latest"])
        try record(["snapshots"])
        #expect(outputs["stderr of [\"show\", \"latest\"]"]?.contains("not a readable snapshot") == true)
        try FileManager.default.removeItem(at: dir.file("snapshots/20991231T000000Z-zzzz.json"))
        try FileManager.default.removeItem(at: dir.file("bad.yml"))
        try FileManager.default.removeItem(at: dir.file("bad2.yml"))
        #expect(dir.read("handover.yml") == manifestCopy)

        // init writes a manifest from the repository: it sees the remote URL with its credentials.
        try FileManager.default.removeItem(at: dir.file("handover.yml"))
        try record(["init"])
        #expect(FileManager.default.fileExists(atPath: dir.file("handover.yml").path))
        try assertNoLeak(outputs, dir: dir, planted: planted.subtracting(["handover.yml"]))
    }

    static let zone = """
        $ORIGIN acme.example.
        $TTL 300
        @ SOA ns1 hostmaster 1 3600 600 86400 300
        @ NS ns1
        ns1 A 127.0.0.1
        @ A 192.0.2.10
        www A 192.0.2.10
        @ TXT "v=spf1 ip4:192.0.2.0/24 -all"

        """

    @Test func theProbeFindsEveryEncoding() {
        let secret = "CANARY-db+pw/1="
        let json = "{\"v\":\"CANARY-db+pw\\/1=\"}"
        #expect(!LeakProbe.leaks(of: [secret], in: json).isEmpty)
        #expect(!LeakProbe.leaks(of: [secret], in: "x=CANARY-db%2Bpw%2F1%3D").isEmpty)
        for prefix in ["", "a", "ab", "abc"] {
            let b64 = Data((prefix + secret + "tail").utf8).base64EncodedString()
            #expect(!LeakProbe.leaks(of: [secret], in: b64).isEmpty, "alignment \(prefix.count)")
        }
        #expect(LeakProbe.leaks(of: [secret], in: "DATABASE_URL looks-fine").isEmpty)
    }
}

import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect
@testable import HandoverAudit
@testable import HandoverFixtures

@Suite struct EnvCollectorBoundsAndOptionalTests {
    /// A compose file the YAML bounds refuse is reported unreadable with the reason; the other files are still read.
    @Test func aRefusedYAMLFileIsUnreadableAndTheRestIsRead() throws {
        let repo = TempDirectory()
        repo.write("docker-compose.yml", EnvBoundedParsingTests.aliasKeyCompose(depth: 9, explicit: false))
        repo.write("render.yaml", "services:\n  - name: api\n    envVars:\n      - key: R\n        value: x\n")
        repo.write(".env.production", "A=1\n")
        var manifest = Manifest(project: "X")
        manifest.environments = [EnvironmentSpec(name: "production", envFiles: ["docker-compose.yml", "render.yaml", ".env.production"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        let files = inventory.environments[0].files
        #expect(files.map(\.status) == [.failed, .read, .read])
        #expect(files[0].problems == [EnvFileProblem(line: 14, message: "not read: an alias used as a mapping key; such files are not read")])
        #expect(inventory.environments[0].variables.map(\.name) == ["A", "R"])
    }

    @Test func theReferenceFileRecordsOptionalNames() throws {
        let repo = TempDirectory()
        repo.write(".env.example", "DATABASE_URL=\n# optional\nSENTRY_DSN=\n# POSTHOG_KEY=\n")
        repo.write(".env.production", "DATABASE_URL=x\n")
        var manifest = Manifest(project: "X")
        manifest.envReference = ".env.example"
        manifest.environments = [EnvironmentSpec(name: "production", envFiles: [".env.production"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.referenceNames == ["DATABASE_URL", "SENTRY_DSN"])
        #expect(inventory.referenceOptional == [
            EnvOptionalName(name: "POSTHOG_KEY", marker: .commentedOut, location: ".env.example:4"),
            EnvOptionalName(name: "SENTRY_DSN", marker: .comment, location: ".env.example:3"),
        ])
        #expect(inventory.environments[0].missingFromReference == ["SENTRY_DSN"])
        #expect(inventory.missingRequired(in: inventory.environments[0]).isEmpty)
    }

    /// A name the reference file sets to a switch word — assigned or commented out, quoted or not, in any case — is
    /// recorded as a switch (names only); a number, a word that only starts like one, or prose after `#` is not.
    /// Such a name is then no client-exposed secret (sim's `NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS`; rules 2026.12.38).
    @Test func theReferenceFileRecordsSwitches() throws {
        let repo = TempDirectory()
        repo.write(".env.example", """
            NEXT_PUBLIC_A_SECRET=true
            B_TOKEN="False"
            # NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS=true  # Set when using the AWS default credential chain
            #D_PASSWORD=OFF
            E_KEY='yes' # inline comment
            NUMBER=1
            WORD=trueish
            EMPTY=
            # note: set it to = true when needed
            # LATER_SECRET=onward

            """)
        repo.write(".env.production", "NEXT_PUBLIC_A_SECRET=x\n")
        var manifest = Manifest(project: "X")
        manifest.envReference = ".env.example"
        manifest.environments = [EnvironmentSpec(name: "production", envFiles: [".env.production"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.referenceSwitches == ["B_TOKEN", "D_PASSWORD", "E_KEY", "NEXT_PUBLIC_A_SECRET", "NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS"])
        var snapshot = HealthyExample.snapshot()
        snapshot.env = .collected(inventory)
        Edit.codeReads(&snapshot, "NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS", at: "apps/sim/blocks/utils.ts:381")
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        #expect(!report.findings.contains { $0.id == EnvClientExposedSecretCheck.id }, "\(report.findings.map(\.subject))")
        // the production file's own switch-valued names are not taken from it: only the reference file says
        repo.write(".env.example", "OTHER=1\n")
        let plain = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(plain.referenceSwitches == nil)
        snapshot.env = .collected(plain)
        Edit.codeReads(&snapshot, "NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS", at: "apps/sim/blocks/utils.ts:381")
        let again = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        #expect(again.findings.filter { $0.id == EnvClientExposedSecretCheck.id }.map(\.subject).sorted()
                == ["code:NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS", "env:production/NEXT_PUBLIC_A_SECRET"])
    }

    /// A name the reference file sets from another variable (`VITE_ALGOLIA_SECRET="${ALGOLIA_SECRET}"`, Laravel's way of
    /// handing a server value to the bundle) is recorded (names only), and keeps its client-exposed blocker even when the
    /// code gives it to a search-only client (the review of .79, rules 2026.12.80); an empty or plain value does not.
    @Test func theReferenceFileRecordsNamesSetFromOtherVariables() throws {
        let repo = TempDirectory()
        repo.write(".env.example", """
            ALGOLIA_SECRET=
            VITE_ALGOLIA_SECRET="${ALGOLIA_SECRET}"
            VITE_APP_NAME=${APP_NAME}
            VITE_ALGOLIA_INDEX=threads
            OTHER=

            """)
        var manifest = Manifest(project: "X")
        manifest.envReference = ".env.example"
        manifest.environments = [EnvironmentSpec(name: "production", envFiles: [".env.production"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.referenceExternal == ["VITE_ALGOLIA_SECRET", "VITE_APP_NAME"])
        var snapshot = HealthyExample.snapshot()
        snapshot.env = .collected(inventory)
        Edit.codeReads(&snapshot, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                    searchOnlyClient: "algoliasearch/lite")]])
        let severity = { (s: Snapshot) in
            Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now)).findings
                .first { $0.id == EnvClientExposedSecretCheck.id && $0.subject == "code:VITE_ALGOLIA_SECRET" }?.severity
        }
        #expect(severity(snapshot) == .blocker)
        repo.write(".env.example", "ALGOLIA_SECRET=\nVITE_ALGOLIA_SECRET=\n")
        let plain = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(plain.referenceExternal == nil)
        snapshot.env = .collected(plain)
        Edit.codeReads(&snapshot, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                    searchOnlyClient: "algoliasearch/lite")]])
        #expect(severity(snapshot) == .medium)
    }

    /// Comments of the reference file and defaults in code are read for what they say; no value reaches the
    /// inventory or the audit, and a default is shown only when it is safe.
    @Test func noValueFromCommentsOrCodeDefaultsReachesTheOutput() throws {
        let canaries = ["CANARYcomment1", "CANARYref2", "CANARYinline3", "CANARYcommented4", "CANARYdefault5", "CANARYprod6",
                        "CANARYcode7", "CANARYlong8", "sk_live_51CANARYcanaryCANARYcanary9x"]
        let repo = TempDirectory()
        repo.write(".env.example", """
            # OPTIONAL: CANARYcomment1 goes here
            SENTRY_DSN=CANARYref2 # optional CANARYinline3
            # API_TOKEN=CANARYcommented4
            PORT_NUMBER= # defaults to CANARYdefault5
            MODE=

            """)
        repo.write(".env.production", "DATABASE_URL=CANARYprod6\n")
        var manifest = Manifest(project: "X")
        manifest.envReference = ".env.example"
        manifest.environments = [EnvironmentSpec(name: "production", envFiles: [".env.production"])]
        var inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        var collector = CodeReferences.Collector()
        collector.add("""
            const s = process.env.API_SECRET || 'CANARYcode7';
            const l = process.env.LOG_LEVEL ?? 'CANARYlong8 is a default longer than forty characters';
            const k = process.env.STRIPE_MODE ?? 'sk_live_51CANARYcanaryCANARYcanary9x';
            const m = process.env.MODE ?? 'fast';
            const p = process.env.PORT_NUMBER;
            """, path: "src/config.ts")
        inventory.codeReferences = collector.references()
        var snapshot = HealthyExample.snapshot()
        snapshot.env = .collected(inventory)
        let report = Auditor().audit(AuditContext(snapshot: snapshot, now: HealthyExample.now))
        let text = String(decoding: try CanonicalJSON.encode(inventory), as: UTF8.self)
            + String(decoding: try CanonicalJSON.encode(report), as: UTF8.self)
        #expect(LeakProbe.leaks(of: canaries, in: text).isEmpty, "\(LeakProbe.leaks(of: canaries, in: text))")
        // The safe default is shown, as source code; the reference's markers are recorded.
        #expect(report.findings.contains { $0.subject == "env:production/MODE" && $0.severity == .info && $0.evidence.contains { $0.contains("'fast'") } })
        // (`# OPTIONAL: …` describes its whole run, `MODE=` included: rules 2026.12.40)
        #expect(inventory.referenceOptional?.map(\.name) == ["API_TOKEN", "MODE", "PORT_NUMBER", "SENTRY_DSN"])
    }
}

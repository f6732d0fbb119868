import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect
@testable import HandoverDocuments
@testable import HandoverFixtures

@Suite struct EnvCollectorTests {
    @Test func inventoryPerEnvironmentAgainstTheReference() throws {
        let repo = TempDirectory()
        repo.write(".env.example", "DATABASE_URL=\nSTRIPE_SECRET_KEY=\nSENTRY_DSN=\n")
        repo.write(".env.production", "DATABASE_URL=postgres://u:p@db/x\nSTRIPE_SECRET_KEY=sk_test_1\nEXTRA=1\n")
        repo.write("fly.toml", "[env]\nSENTRY_DSN = \"https://x@sentry.io/1\"\n")
        repo.write("deploy/docker-compose.yml", "services:\n  web:\n    environment: [A=1]\n    env_file: web.env\n")
        repo.write("deploy/web.env", "FROM_INCLUDE=localhost:1\n")
        repo.write(".github/workflows/deploy.yml", "env:\n  T: ${{ secrets.FLY_API_TOKEN }}\n  R: ${{ vars.REGION }}\n")
        let manifest = try ManifestLoader.parse(data: Data("""
            project: X
            env: {reference: .env.example}
            environments:
              production: {env_files: [.env.production, fly.toml]}
              staging: {env_files: [deploy/docker-compose.yml, .env.staging]}
            """.utf8), path: "handover.yml")
        let section = EnvCollector(repository: repo.url).collect(manifest)
        let inventory = try #require(section.collectedValue)
        #expect(inventory.referenceNames == ["DATABASE_URL", "SENTRY_DSN", "STRIPE_SECRET_KEY"])
        #expect(inventory.environments.map(\.name) == ["production", "staging"])
        let prod = inventory.environments[0]
        #expect(prod.production)
        #expect(prod.variables.map(\.name) == ["DATABASE_URL", "EXTRA", "SENTRY_DSN", "STRIPE_SECRET_KEY"])
        #expect(prod.variables.first { $0.name == "STRIPE_SECRET_KEY" }?.effectiveShape == .testModeKey)
        #expect(prod.missingFromReference.isEmpty)
        #expect(prod.notInReference == ["EXTRA"])
        let staging = inventory.environments[1]
        #expect(!staging.production)
        #expect(staging.files.map { "\($0.path) \($0.format.rawValue) \($0.status.rawValue)" } == [
            "deploy/docker-compose.yml compose read", "deploy/web.env dotenv read", ".env.staging dotenv missing",
        ])
        #expect(staging.variables.map(\.name) == ["A", "FROM_INCLUDE"])
        #expect(staging.variables[1].definitions == [EnvDefinition(file: "deploy/web.env", line: 1, scope: "web", shape: .localhost)])
        #expect(staging.missingFromReference == ["DATABASE_URL", "SENTRY_DSN", "STRIPE_SECRET_KEY"])
        #expect(inventory.ciReferences == [
            CIReference(name: "FLY_API_TOKEN", kind: .secret, locations: [".github/workflows/deploy.yml:2"], assignedTo: ["T"]),
            CIReference(name: "REGION", kind: .variable, locations: [".github/workflows/deploy.yml:3"], assignedTo: ["R"]),
        ])
    }

    /// A secret used in a job with `environment:` must exist in that GitHub environment; one used elsewhere is the
    /// repository's.
    @Test func workflowJobsNameTheGitHubEnvironmentTheirSecretsComeFrom() throws {
        let repo = TempDirectory()
        repo.write(".github/workflows/ci.yml", """
            on: push
            env:
              GLOBAL: ${{ secrets.SHARED }}
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: echo ${{ secrets.CODECOV_TOKEN }}
              deploy:
                environment: production
                runs-on: ubuntu-latest
                steps:
                  - run: fly deploy
                    env:
                      FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}
                      SHARED: ${{ secrets.SHARED }}
              preview:
                environment:
                  name: preview
                  url: https://preview.acme.example
                steps:
                  - run: echo ${{ vars.PREVIEW_URL }} ${{ secrets.FLY_API_TOKEN }}

            """)
        let manifest = try ManifestLoader.parse(data: Data("project: X\nenvironments:\n  production: {env_files: []}\n".utf8), path: "handover.yml")
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.ciReferences.map { "\($0.name) \($0.environments ?? [])" } == [
            "CODECOV_TOKEN []", "FLY_API_TOKEN [\"preview\", \"production\"]", "PREVIEW_URL [\"preview\"]", "SHARED [\"production\"]",
        ])
        // the env names the workflows hand each value to, from every file and job
        #expect(inventory.ciReferences.map { "\($0.name) \($0.assignedTo ?? [])" } == [
            "CODECOV_TOKEN []", "FLY_API_TOKEN [\"FLY_API_TOKEN\"]", "PREVIEW_URL []", "SHARED [\"GLOBAL\", \"SHARED\"]",
        ])
        #expect(inventory.namesCINames == ["CODECOV_TOKEN", "FLY_API_TOKEN", "GLOBAL", "PREVIEW_URL", "SHARED"])
        var snapshot = HealthyExample.snapshot()
        snapshot.env = .collected(inventory)
        let github = DocumentContextBuilder(manifest: nil).githubEnvironments(snapshot)
        #expect(github.map { "\($0.name): \($0.needs.joined(separator: ", "))" } == [
            "preview: secrets.FLY_API_TOKEN, vars.PREVIEW_URL", "production: secrets.FLY_API_TOKEN, secrets.SHARED",
        ])
    }

    @Test func aComposeFileIncludingItselfIsReadOnceAsDotenv() throws {
        let repo = TempDirectory()
        repo.write("docker-compose.yml", "services:\n  web:\n    environment: [A=1]\n    env_file: docker-compose.yml\n")
        var manifest = Manifest(project: "X")
        manifest.environments = [EnvironmentSpec(name: "dev", envFiles: ["docker-compose.yml"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.environments[0].files.map(\.format) == [.compose, .dotenv])
        #expect(inventory.environments[0].variables.map(\.name) == ["A"])
    }

    @Test func missingReferenceMeansNoComparison() throws {
        let repo = TempDirectory()
        repo.write(".env.production", "A=1\n")
        var manifest = Manifest(project: "X")
        manifest.envReference = ".env.example"
        manifest.environments = [EnvironmentSpec(name: "production", envFiles: [".env.production"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.reference?.status == .missing)
        #expect(inventory.environments[0].missingFromReference.isEmpty && inventory.environments[0].notInReference.isEmpty)
    }

    @Test func aMissingRepositoryFailsTheSection() {
        let section = EnvCollector(repository: URL(fileURLWithPath: "/nonexistent/repo")).collect(Manifest(project: "X"))
        #expect(section.status == .failed)
        #expect(section.reason?.contains("/nonexistent/repo does not exist") == true)
    }

    @Test func directoriesAndHugeFilesAreReportedNotRead() throws {
        let repo = TempDirectory()
        try FileManager.default.createDirectory(at: repo.file(".env.dir"), withIntermediateDirectories: true)
        repo.write(".env.huge", String(repeating: "A=1\n", count: (EnvCollector.maximumFileSize / 4) + 10))
        var manifest = Manifest(project: "X")
        manifest.environments = [EnvironmentSpec(name: "p", envFiles: [".env.dir", ".env.huge"])]
        let inventory = try #require(EnvCollector(repository: repo.url).collect(manifest).collectedValue)
        #expect(inventory.environments[0].files.map(\.status) == [.failed, .failed])
    }
}

/// The code-reference patterns are data with examples; the examples are the tests.
@Suite struct CodeReferenceTests {
    @Test(arguments: CodeReferences.patterns.map(\.id))
    func patternExamples(id: String) throws {
        let pattern = try #require(CodeReferences.patterns.first { $0.id == id })
        // a Python read may begin with a string (`'X' in os.environ`), which a TypeScript file would take for text
        let path = id.hasPrefix("python.") ? "f.py" : "f.ts"
        for text in pattern.matches {
            let found = CodeReferences.scan(text, path: path).map(\.name)
            #expect(!found.isEmpty, "\(id) must match \(text)")
        }
        for text in pattern.nonMatches { #expect(CodeReferences.scan(text, path: path).isEmpty, "\(id) must not match \(text)") }
    }

    @Test func locationsAndFiles() {
        let found = CodeReferences.scan("a\nconst x = process.env.API_TOKEN\nimport.meta.env.VITE_URL", path: "src/a.ts")
        #expect(found.map(\.name) == ["API_TOKEN", "VITE_URL"] && found.map(\.location) == ["src/a.ts:2", "src/a.ts:3"])
        #expect(CodeReferences.isSource("src/app.tsx") && !CodeReferences.isSource("node_modules/x/index.js") && !CodeReferences.isSource("app.min.js"))
    }

    @Test func clientExposedSecrets() {
        for name in ["NEXT_PUBLIC_STRIPE_SECRET_KEY", "VITE_OPENAI_API_KEY", "REACT_APP_DB_PASSWORD", "EXPO_PUBLIC_GITHUB_TOKEN"] {
            #expect(CodeReferences.isClientExposedSecret(name), "\(name)")
        }
        for name in ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "VITE_API_URL", "STRIPE_SECRET_KEY", "NEXT_PUBLIC_RECAPTCHA_SITE_KEY"] {
            #expect(!CodeReferences.isClientExposedSecret(name), "\(name)")
        }
    }
}

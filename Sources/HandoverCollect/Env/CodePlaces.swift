import Foundation
import HandoverModel

extension CodePlace {
    /// Folder names (any path component) and what they hold.
    static let folders: [String: CodePlace] = [
        "test": .test, "tests": .test, "__tests__": .test, "__test__": .test, "spec": .test, "specs": .test, "e2e": .test,
        "cypress": .test, "playwright": .test, "__mocks__": .test, "mocks": .test, "fixtures": .test, "__fixtures__": .test,
        "testing": .test, "test-utils": .test, "testutils": .test, "integration-tests": .test, "testkit": .test,
        // test-support packages by their conventional names (ente's Go `server/internal/testutil/`; held-out batch 79),
        // and Go's `testdata/`, which `go build` ignores
        "testutil": .test, "test_utils": .test, "testhelpers": .test, "testhelper": .test, "test_helpers": .test,
        "test-helpers": .test, "testdata": .test,
        // a test runner's own folder (an ejected create-react-app's `config/jest/`), `__e2e__`: a review of .103
        "jest": .test, "vitest": .test, "__e2e__": .test,
        "scripts": .script, "script": .script,
        ".storybook": .storybook, "stories": .storybook, "storybook": .storybook,
        "docs": .docs, "doc": .docs, "documentation": .docs,
        "examples": .example, "example": .example, "samples": .example, "sample": .example,
        "seeds": .tooling, "seed": .tooling, "seeders": .tooling,
        // load tests drive the service from outside (polar's `server/load_tests/`)
        "load_tests": .test, "load-tests": .test, "loadtests": .test, "loadtest": .test, "load-testing": .test, "k6": .test,
        // infrastructure code: what it runs (a Lambda of a Terraform module) gets its env from the same module, not
        // from the app's environment (polar's `terraform/modules/redis_private_link/refresh.py`)
        "terraform": .tooling,
        // developer tools' own folders: an AI coding assistant's skills and commands (civitai's
        // `.claude/skills/clickhouse-query/query.mjs`, batch 37), an editor's launch scripts (airweave's
        // `.vscode/run_worker_reload.py`), git hooks (teable's `.husky/install.mjs`), a dev container, CI's own code
        // (`.github/scripts/`, `.github/actions/`; a workflow's YAML is read apart): none runs in the deployment
        ".claude": .tooling, ".cursor": .tooling, ".codex": .tooling, ".windsurf": .tooling, ".gemini": .tooling,
        ".agents": .tooling, ".agent": .tooling, ".kiro": .tooling, ".roo": .tooling, ".continue": .tooling,
        ".aider": .tooling, ".opencode": .tooling, ".vscode": .tooling, ".idea": .tooling, ".devcontainer": .tooling,
        ".husky": .tooling, ".github": .tooling, ".circleci": .tooling, ".gitlab": .tooling, ".buildkite": .tooling,
    ]

    /// File names (before the first dot) that are test or tool configuration wherever they sit.
    static let fileStems: [String: CodePlace] = [
        "jest": .test, "vitest": .test, "playwright": .test, "cypress": .test, "karma": .test, "conftest": .test,
        "setuptests": .test, "jest-setup": .test, "test-setup": .test, "testsetup": .test, "mock": .test, "mocks": .test,
        "seed": .tooling, "drizzle": .tooling, "knexfile": .tooling,
        "eslint": .tooling, "prettier": .tooling, "stylelint": .tooling, "commitlint": .tooling,
        // Lighthouse CI's configuration (`lighthouserc.cjs`: the site it audits from a CI job; code-du-travail-numerique, held-out batch 71)
        "lighthouserc": .tooling,
    ]

    /// The kind of file `path` is, from its folders and its name: the first test/script/… folder on the path wins
    /// (`docs/examples/x.ts` is docs); a test file name (`*.test.*`, `*.spec.*`, `*.mock.*`, `mock.ts`, `*_test.go`,
    /// `test_*.py`) is a test anywhere.
    package static func of(_ path: String) -> CodePlace {
        let components = path.split(separator: "/").map { $0.lowercased() }
        guard let file = components.last else { return .production }
        let parts = file.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3, ["test", "tests", "spec", "e2e", "cy", "mock", "stories", "story"].contains(parts[parts.count - 2]) {
            return parts[parts.count - 2].hasPrefix("stor") ? .storybook : .test
        }
        let stem = parts.first ?? file
        if stem.hasSuffix("_test") || stem.hasSuffix("_spec") || (stem.hasPrefix("test_") && file.hasSuffix(".py")) { return .test }
        let package = workspacePackage(components)
        // a workspace package that is a command-line program (`packages/cli`, `packages/cli-v3`, `apps/foo-cli`) runs on
        // its users' machines, not in the deployment. (Not a top-level `tools/`, which in an AI agent's repository is the
        // product's.)
        if let package, package.split(separator: "-").contains("cli") { return .tooling }
        // a workspace package for tests (keybr's `packages/test-env-server`, `packages/testing-utils`, `packages/api-tests`)
        if let package, isTestFolder(package, package: true) { return .test }
        // likewise a desktop program (`apps/desktop`, a Tauri app's `src-tauri/`, `packages/electron-app`): built into
        // what customers install, not the hosted service (cap's desktop recorder; rules 2026.12.28). Exact names only:
        // `apps/remote-desktop` or `apps/desktop-api` may be hosted.
        if let package, ["desktop", "electron", "desktop-app", "electron-app"].contains(package) { return .tooling }
        if components.dropLast().contains("src-tauri") { return .tooling }
        // a workspace package that is an SDK (`packages/sdks/web`, firecrawl's `apps/js-sdk`, supermemory's
        // `packages/cartesia-sdk-python`, a top-level `python-sdk/`): the client customers install and run against the
        // hosted service, not the service (rules 2026.12.34). A folder named `sdk` deeper inside a package
        // (`packages/runner/lib/sdk/`) is the package's own code.
        if let name = package ?? (["packages", "apps"].contains(components[0]) ? nil : components.dropLast().first),
           name.split(whereSeparator: { $0 == "-" || $0 == "_" }).contains(where: { $0 == "sdk" || $0 == "sdks" }) {
            return .tooling
        }
        // a Django management command (`*/management/commands/createsuperuser.py`) is run by hand or by a scheduler,
        // not by the web app (saleor's `createsuperuser`; rules 2026.12.34)
        if components.count > 3, file.hasSuffix(".py"), components[components.count - 3] == "management",
           components[components.count - 2] == "commands" {
            return .tooling
        }
        // Elixir's Mix loads `config/<env>.exs` for its own environment only (`import_config "#{config_env()}.exs"`):
        // production never runs the test or dev one (papercups; rules 2026.12.39)
        if components.count >= 2, components[components.count - 2] == "config" {
            if file == "test.exs" { return .test }
            if file == "dev.exs" { return .tooling }
        }
        // a Cargo build script (`build.rs` beside a crate's `Cargo.toml`) runs when the crate is compiled, never in the
        // deployment: its reads (`OUT_DIR`, which Cargo sets, or `PROTOC`) are the build's (appflowy-cloud, trieve;
        // rules 2026.12.62). A module of that name under `src/` (`src/routes/build.rs`) is the crate's own code.
        if file == "build.rs", !components.dropLast().contains("src") { return .tooling }
        // a top-level `dev/` holds the developer environment (polar's `dev/cli`), not the service
        if components.count > 1, components[0] == "dev" { return .tooling }
        // Rails loads `config/environments/<RAILS_ENV>.rb` only: production never runs the test or development one
        if components.count >= 3, components[components.count - 3] == "config", components[components.count - 2] == "environments" {
            if file == "test.rb" { return .test }
            if file == "development.rb" { return .tooling }
        }
        // Capistrano's (and Mina's) deploy recipe runs on the machine that deploys (``isDeployRecipe(_:text:)``)
        if isDeployRecipePath(components) { return .tooling }
        if isMigration(components) || isMigrationScript(path) { return .tooling }
        for folder in components.dropLast() {
            if let place = folders[folder] { return place }
            if isTestFolder(folder) { return .test }
        }
        // `drizzle.config.ts`, and a variant's `drizzle.turso.config.ts` or `vitest.e2e.config.mts` (undb's Turso config for
        // drizzle-kit; rules 2026.12.33): `config` or `setup` anywhere between the stem and the extension
        if let place = fileStems[stem], parts.count >= 2
            && (parts.count == 2 || parts.dropFirst().dropLast().contains { $0 == "config" || $0 == "setup" }) {
            return place
        }
        if parts.count >= 2, isExampleName(path.split(separator: "/").last.map(String.init) ?? file) { return .example }
        return .production
    }

    /// A folder of tests by its compound name: its first word `tests`/`testing` (`tests-api-integrations`) or its last
    /// `tests`/`testing`/`e2e` (`ui_tests`, `api-tests`, Nx's `apps/platform-e2e`) — lite frontend's, hook0's and global
    /// fishing watch's, held-out batches 89, 91, 96; rules 2026.12.100. A workspace package's first word may also be
    /// `test` (keybr's `packages/test-env-server`); a folder elsewhere so named may be a service. Not `ab-test`, a
    /// feature's folder, nor `e2e-encryption`.
    ///
    /// Also `e2e` followed only by a test tool's name (zero logement vacant's Playwright suite `apps/front-e2e-pw`), and
    /// any compound name with a test runner's word (tdm calculator's `server/_jest-setup_`): held-out batches 103 and 104;
    /// rules 2026.12.103. Not a browser-automation product's folder (`playwright-service` may take screenshots in
    /// production): the tools' names count only after `e2e`.
    static func isTestFolder(_ name: String, package: Bool = false) -> Bool {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard words.count > 1, let first = words.first, let last = words.last else { return false }
        if (package ? ["test", "tests", "testing"] : ["tests", "testing"]).contains(first) || ["tests", "testing", "e2e"].contains(last) { return true }
        if let e2e = words.firstIndex(of: "e2e"), words[(e2e + 1)...].allSatisfy(testTools.contains) { return true }
        return words.contains { $0 == "jest" || $0 == "vitest" }
    }

    /// End-to-end test tools by the names their suites' folders use.
    /// (And the words of a suite's own parts: `apps/e2e-tests`, `packages/e2e-specs`, `e2e-pw-utils`; a review of .103.)
    static let testTools: Set<Substring> = ["pw", "playwright", "cypress", "cy", "wdio", "webdriverio", "puppeteer", "selenium", "testcafe",
                                            "detox", "test", "tests", "testing", "spec", "specs", "utils", "helpers", "support", "setup"]

    /// A migration: a file under a `migrations/` or `migration/` folder whose name is a migration's — numbered or dated
    /// (`0073-use-category-suggest-app.cjs`, Django's `0001_initial.py`, Flyway's `V1__init.sql.ts`, Doctrine's
    /// `Version20250611102552.php`) — or anywhere under alembic's `migrations/versions/`. Migrations run once, by hand or
    /// by the deploy, not by the service (europeana's Contentful migrations read ten names, held-out batch 83; alembic's
    /// at foi-flow, batch 87); a name the service needs is read by the service too. Not a product's feature folder
    /// (`src/features/migrations/importer.ts`, an `app/api/migrations/…` route) nor a migration runner's own code
    /// (Ghost's `data/migrations/utils.js`, which runs at boot): a review of .96.
    static func isMigration(_ components: [String]) -> Bool {
        guard let file = components.last, components.count >= 2 else { return false }
        let folders = components.dropLast()
        guard let at = folders.lastIndex(where: { $0 == "migrations" || $0 == "migration" }) else { return false }
        if at + 1 < folders.endIndex, folders[at + 1] == "versions" { return true }
        guard at == folders.endIndex - 1 else { return false }
        guard let first = file.first else { return false }
        if first.isNumber { return true }
        for prefix in ["v", "version"] where file.hasPrefix(prefix) {
            if file.dropFirst(prefix.count).first?.isNumber == true { return true }
        }
        return false
    }

    /// A hand-run migration by its name rather than its number (erxes' `src/migrations/migrateCdrDates.ts`,
    /// `migrate_users.py`, held-out batch 113; rules 2026.12.106): in a `migrations/` or `migration/` folder, a file name
    /// whose first word is `migrate` and has more words after it. Not `migrate.ts` alone, which may be the runner the
    /// service starts with, nor another verb (`pirsch-data-import.ts` may be a product's importer).
    ///
    /// And anything under a top-level folder of migrations by its compound name (erxes' `backend/saas-migrations/`, a
    /// program of its own with its own package and image; `data-migrations/`): the folder is at most one level deep, so
    /// a product's feature folder (`src/features/data-migrations/`) is not one.
    static func isMigrationScript(_ path: String) -> Bool {
        let original = path.split(separator: "/").map(String.init)
        guard let file = original.last, original.count >= 2 else { return false }
        let folders = original.dropLast().map { $0.lowercased() }
        // (a review of .106) the folder sits at the top of the repository or of a workspace package, or one level under
        // a folder that is no source tree (`backend/`): `src/account-migration/` is a product's feature
        let top = ["packages", "apps", "services"].contains(folders.first ?? "") ? 1 : 0
        for (i, folder) in folders.enumerated() where i <= top + 1 {
            if i == top + 1, sourceTrees.contains(folders[top]) { continue }
            let words = folder.split(whereSeparator: { $0 == "-" || $0 == "_" })
            if words.count > 1, let last = words.last, last == "migrations" || last == "migration" { return true }
        }
        guard let folder = folders.last, folder == "migrations" || folder == "migration" else { return false }
        let words = stemWords(file)
        // not a runner by its name (`migrateToLatest.ts`, `migrate-on-boot.ts`), which the service may start with
        return words.count > 1 && words[0] == "migrate" && words.dropFirst().allSatisfy { !runnerWords.contains($0) }
    }

    /// Folders that hold a package's own source, where a compound `…-migration` folder is a feature.
    static let sourceTrees: Set<String> = ["src", "app", "lib", "internal", "pkg", "source", "pages", "components", "modules", "features"]
    /// Words of a migration runner's name.
    static let runnerWords: Set<String> = ["latest", "up", "down", "all", "boot", "startup", "start", "runner", "run", "on", "init"]

    /// `config/deploy.rb` or a stage's `config/deploy/production.rb`: where Capistrano and Mina keep their recipe.
    static func isDeployRecipePath(_ components: [String]) -> Bool {
        guard let file = components.last, file.hasSuffix(".rb"), components.count >= 2 else { return false }
        if components[components.count - 2] == "config" { return file == "deploy.rb" }
        return components.count >= 3 && components[components.count - 3] == "config" && components[components.count - 2] == "deploy"
    }

    /// Lines of a recipe that set what the deployed app runs with: Capistrano's `default_env` and its plugins'
    /// `…_env_vars`/`…_env_variables` (capistrano3-puma's `puma_service_unit_env_vars`), a file uploaded to the server, a
    /// command that interpolates a read (`command %{echo "DATABASE_URL=#{ENV['DATABASE_URL']}" >> .env}`, Mina).
    static let forwardingMarkers = ["default_env", "default_environment", "env_vars", "env_variables", "environment_variables",
                                    "upload!", "#{ENV", "#{ ENV"]

    /// A deploy recipe's reads are the deploy tool's — the server to deploy to, the SSH user, the folder (listed's
    /// `LISTED_SSH_SERVER`, batch 46; rules 2026.12.77) — when the file is a recipe (a line that is not a comment says
    /// `set :`, `server ` or `role `: not a Puma config kept under `config/deploy/`) and no such line hands a value to
    /// the deployed app (``forwardingMarkers``): a recipe that forwards `RAILS_MASTER_KEY` through `default_env` or
    /// writes the server's `.env` from the deployer's environment is the app's configuration (rules 2026.12.80, a
    /// review of .77).
    static func isDeployRecipe(_ text: String) -> Bool {
        var recipe = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(2_000) {
            let code = line.drop { $0 == " " || $0 == "\t" }
            guard !code.hasPrefix("#") else { continue }
            if forwardingMarkers.contains(where: code.contains) { return false }
            if code.hasPrefix("set :") || code.hasPrefix("server ") || code.hasPrefix("role ") { recipe = true }
        }
        return recipe
    }

    /// The workspace package a file sits in, `x` of `packages/x/…` or `apps/x/…`; nil for a file elsewhere.
    static func workspacePackage(_ components: [String]) -> String? {
        components.count > 2 && ["packages", "apps"].contains(components[0]) ? components[1] : nil
    }

    /// A file named as an example (`claude-memory-simple-example.ts`, `example_usage.py`, `basicExample.ts`): a word of
    /// its name before the first dot, split at `-`, `_` and lower-to-upper case changes, is `example` or `examples`
    /// (supermemory's example script read `ANTHROPIC_API_KEY`; rules 2026.12.33). A word that merely starts with it
    /// (`exampled`, `counterexample`) does not count, nor an extension (`config.example.ts` is a template's stem `config`).
    static func isExampleName(_ file: String) -> Bool {
        stemWords(file).contains { $0 == "example" || $0 == "examples" }
    }

    /// The lowercased words of a file name before its first dot, split at `-`, `_`, spaces and lower-to-upper case
    /// changes (`basicExample.ts` → `basic`, `example`).
    static func stemWords(_ file: String) -> [String] {
        let stem = file.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? file
        var words: [String] = [], word = ""
        var previousLower = false
        for c in stem {
            if c == "-" || c == "_" || c == " " {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = ""; previousLower = false; continue
            }
            if c.isUppercase && previousLower { words.append(word.lowercased()); word = "" }
            word.append(c)
            previousLower = c.isLowercase || c.isNumber
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return words
    }

    /// Test frameworks and test-only helpers: a file that imports one is test code wherever it sits (formbricks'
    /// `apps/web/integration/setup.ts`, a vitest `setupFiles` entry; `vitestSetup.ts`; langfuse's `*.clienttest.tsx`).
    /// Not `@playwright/test` (a screenshot service may drive its browser) nor `vitest/config` and `vitest/node` (a
    /// `vite.config.ts` builds the app).
    static let testFrameworks = #"vitest(?!/config|/node)|@jest/globals|node:test|mocha|chai|cypress|@testing-library/[A-Za-z0-9_.-]+"#
    /// An `import … from "vitest"` (or `import "vitest/…"`) or `const … = require("vitest")` starting a line;
    /// Python's `import pytest` / `from pytest import …`.
    static let testImport = try? NSRegularExpression(
        pattern: #"(?m)^[ \t]*(?:import\b[^;'"()]{0,400}?|(?:const|let|var)\b[^=\n]{0,200}=[ \t]*require\([ \t]*)['"](?:"# + testFrameworks + #")(?:/[^'"\n]*)?['"]"#)
    /// Python's at the start of a line, not indented: an import inside a function (`def selftest(): import pytest`)
    /// does not make the module a test.
    static let pythonTestImport = try? NSRegularExpression(pattern: #"(?m)^(?:import|from)[ \t]+pytest\b"#)

    /// Infrastructure-as-code libraries: a program that imports one describes the deployment and runs when it is
    /// deployed (`cdk deploy` in a CI job, `pulumi up`), on the deployer's machine — its reads are the deploy's, as a
    /// `terraform/` folder's are (new jersey's Business Navigator: `api/cdk/lib/apiStack.ts` reads `VPC_ID`,
    /// `SUBNET_ID_01`, seven names; held-out batch 83). A Lambda handler the stack deploys imports none of them.
    /// Not Pulumi's Automation API (`@pulumi/pulumi/automation`, Python's `pulumi.automation`), which a web service
    /// embeds to run deployments for its users (a review of .96).
    static let infrastructureLibraries = #"aws-cdk-lib|@aws-cdk/[A-Za-z0-9_.-]+|@pulumi/(?!pulumi/automation)[A-Za-z0-9_.-]+|cdktf|@cdktf/[A-Za-z0-9_.-]+"#
    static let infrastructureImport = try? NSRegularExpression(
        pattern: #"(?m)^[ \t]*(?:import\b[^;'"()]{0,400}?|(?:const|let|var)\b[^=\n]{0,200}=[ \t]*require\([ \t]*)['"](?:"# + infrastructureLibraries + #")(?:/[^'"\n]*)?['"]"#)
    static let pythonInfrastructureImport = try? NSRegularExpression(pattern: #"(?m)^(?:import|from)[ \t]+(?:aws_cdk|pulumi(?!\.automation)(?![ \t]+import[ \t]+automation\b)|pulumi_[a-z0-9_]+|cdktf)\b"#)

    /// The kind of a file from its path and, for one its path calls production, its imports: a production-looking
    /// file with a test framework's import as code (not in a comment or a string) is a test, one with an
    /// infrastructure-as-code library's is tooling (``infrastructureLibraries``).
    package static func of(_ path: String, text: String) -> CodePlace {
        let place = of(path)
        if place == .tooling, isDeployRecipePath(path.split(separator: "/").map { $0.lowercased() }) {
            return isDeployRecipe(text) ? .tooling : .production
        }
        guard place == .production else { return place }
        let python = path.hasSuffix(".py")
        let probe = text.utf16.count > 200_000 ? String(text.prefix(200_000)) : text  // imports sit at the top
        if importsAsCode(python ? pythonTestImport : testImport, probe, python: python) { return .test }
        if importsAsCode(python ? pythonInfrastructureImport : infrastructureImport, probe, python: python) { return .tooling }
        return .production
    }

    /// Whether `regex` matches an import in `text` that is code, not a comment or a string.
    static func importsAsCode(_ regex: NSRegularExpression?, _ text: String, python: Bool) -> Bool {
        guard let regex else { return false }
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: text.utf16.count))
        guard !matches.isEmpty else { return false }
        let blocks = CodeBlocks(units: Array(text.utf16), syntax: python ? .python : .cLike)
        for match in matches {
            var start = match.range.location  // past the line's indentation, to `import`, `const` or `from`
            while let u = blocks.unit(start), u == 0x20 || u == 0x09 { start += 1 }
            if blocks.isCode(start) { return true }
        }
        return false
    }
}

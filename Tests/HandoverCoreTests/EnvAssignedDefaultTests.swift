import Testing
import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit

/// Rules 2026.12.85 (issue 17, env-high precision): the code gives a variable a value when unset, or stores whether it
/// is set as a switch; and a workspace package for tests. keybr's `packages/test-env-server` sets `DATA_DIR` with `??=`,
/// coderwall stores `ENABLE_TRACKING = ENV['MIXPANEL_TOKEN'].present?`, editor-api `config.x.turnstile.enabled =
/// ENV[…].present?` (held-out batches 45, 50, 55: owner-false highs).
@Suite struct EnvAssignedDefaultTests {
    /// Each read as `NAME@line kind=shown`, with ` asserted` after it when `assertions` asks.
    static func reads(_ text: String, path: String, assertions: Bool = false) -> [String] {
        CodeReferences.reads(in: text, path: path).map { found in
            "\(found.name)@\(found.line)" + (found.fallback.map { " \($0.kind.rawValue)" + ($0.shown.map { "=\($0)" } ?? "") } ?? "")
                + (assertions && found.asserted == true ? " asserted" : "")
        }
    }

    @Test(arguments: [
        ("process.env.DATA_DIR ??= \"/var/lib/keybr\";\n", "lib/env.ts", ["DATA_DIR@1 assigned=\"/var/lib/keybr\""]),
        ("process.env.CACHE_DIR ||= '/tmp'", "f.ts", ["CACHE_DIR@1 assigned='/tmp'"]),
        ("process.env[\"DATA_DIR\"] ??= getDataDir();\n", "lib/env.ts", ["DATA_DIR@1 assigned"]),
        ("process.env.WR_DIR = process.env.WR_DIR || \"/tmp/w\";\n", "src/index.js", ["WR_DIR@1 assigned=\"/tmp/w\""]),
        ("os.environ.setdefault(\"PY_DIR\", \"/x\")\n", "app/main.py", ["PY_DIR@1 assigned=\"/x\""]),
        ("os.environ.setdefault('CELERY_BROKER', broker_url())\n", "app/main.py", ["CELERY_BROKER@1 assigned"]),
        ("ENV['RB_DIR'] ||= '/x'\n", "config/boot.rb", ["RB_DIR@1 assigned='/x'"]),
        // an empty value gives nothing: it stays what it is
        ("process.env.SECRET_TOKEN ??= \"\";\n", "src/index.js", ["SECRET_TOKEN@1 empty"]),
    ])
    func theCodeAssignsADefault(text: String, path: String, expected: [String]) {
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    @Test(arguments: [
        ("export const turnstileEnabled = !!process.env.TURNSTILE_KEY;\n", "src/config.js", ["TURNSTILE_KEY@1 stored-switch"]),
        ("export const config = { tracking: { enabled: Boolean(process.env.MIXPANEL_TOKEN) } };\n", "src/config.js",
         ["MIXPANEL_TOKEN@1 stored-switch"]),
        ("this.enabled = !!process.env.X_KEY\n", "src/c.ts", ["X_KEY@1 stored-switch"]),
        ("TURNSTILE_ENABLED = bool(os.environ.get(\"TURNSTILE_KEY\"))\n", "app/settings.py", ["TURNSTILE_KEY@1 stored-switch"]),
        ("TRACKING = os.getenv(\"MIXPANEL_TOKEN\") is not None\n", "app/settings.py", ["MIXPANEL_TOKEN@1 stored-switch"]),
        ("    config.x.turnstile.enabled = ENV['TURNSTILE_KEY'].present?\n", "config/application.rb", ["TURNSTILE_KEY@1 stored-switch"]),
        ("ENABLE_TRACKING = ENV['MIXPANEL_TOKEN'].present? # tracking\n", "config/application.rb", ["MIXPANEL_TOKEN@1 stored-switch"]),
        ("@on = !ENV['X_KEY'].blank?\n", "app/x.rb", ["X_KEY@1 stored-switch"]),
    ])
    func theCodeStoresASwitch(text: String, path: String, expected: [String]) {
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    /// Must not: a read with a fallback of another kind, or a presence test stored with something else.
    @Test(arguments: [
        ("const a = foo(!!process.env.N1);\n", "src/index.js", ["N1@1"]),
        ("const b = cond ? other : !!process.env.N2;\n", "src/index.js", ["N2@1 presence-check"]),
        ("const c = !!process.env.N3 && ready;\n", "src/index.js", ["N3@1 presence-check"]),
        ("if (x == !!process.env.N4) go();\n", "src/index.js", ["N4@1"]),
        ("const url = process.env.N5;\n", "src/index.js", ["N5@1"]),
        ("process.env.N6 = resolved;\n", "src/index.js", []),
        ("process.env.N7 = process.env.OTHER || 'x';\n", "src/index.js", ["OTHER@1 literal='x'"]),
        ("x = ENV['N9'].present? && y\n", "app/x.rb", ["N9@1"]),
        ("ok = bool(os.getenv(\"N10\")) and y\n", "app/x.py", ["N10@1"]),
        ("x = os.getenv(\"N11\") is None\n", "app/x.py", ["N11@1"]),
        ("os.environ.get(\"N12\", \"d\")\n", "app/x.py", ["N12@1 literal=\"d\""]),
        ("function f() { return on = !!process.env.N13; }\n", "src/index.js", ["N13@1"]),
    ])
    func isNot(text: String, path: String, expected: [String]) {
        let got = Self.reads(text, path: path)
        #expect(!got.contains { $0.contains("assigned") || $0.contains("stored-switch") }, "\(text): \(got)")
        #expect(got.map { $0.split(separator: " ").first.map(String.init) ?? $0 } == expected.map { $0.split(separator: " ").first.map(String.init) ?? $0 })
    }

    /// One read that assigns a default or stores a switch settles every production read of the name, the ones without
    /// a fallback included; the reads of tests do not.
    @Test func oneAssigningReadMakesTheNameOptional() {
        let plain = CodeRead(location: "src/use.ts:3", place: .production, asserted: true)
        let assigning = CodeRead(location: "src/env.ts:1", place: .production, fallback: CodeFallback(kind: .assigned, shown: "\"/var/lib/x\""))
        #expect(EnvNeed.judge("DATA_DIR", reads: [plain, assigning], defined: [], marker: nil)
            == .optional(because: ["the code sets it to \"/var/lib/x\" when it is unset, at src/env.ts:1"]))
        let stored = CodeRead(location: "config/application.rb:4", place: .production, fallback: CodeFallback(kind: .storedSwitch))
        #expect(EnvNeed.judge("MIXPANEL_TOKEN", reads: [plain, stored], defined: [], marker: nil)
            == .optional(because: ["the code stores whether it is set, as a switch it branches on, at config/application.rb:4"]))
        // a check that stops without it keeps the name needed (lmnr's Slack broker beside its cache's switch)
        let enforced = CodeRead(location: "lib/broker.ts:95", place: .production, fallback: CodeFallback(kind: .enforced))
        #expect(EnvNeed.judge("REDIS_URL", reads: [plain, stored, enforced], defined: [], marker: nil).isRequired)
        let inTest = CodeRead(location: "test/setup.ts:1", place: .test, fallback: CodeFallback(kind: .assigned))
        #expect(EnvNeed.judge("DATA_DIR", reads: [plain, inTest], defined: [], marker: nil) == .required(locations: ["src/use.ts:3"]))
    }

    /// Python's `os.environ["X"]` in a `try:` a handler of `KeyError` ends without raising: handled unset (govtrack's
    /// process title, batch 58). Not a handler that raises or exits, nor one of another exception.
    @Test(arguments: [
        ("try:\n  prctl.set_name('django-' + os.environ['NAME'])\nexcept:\n  pass\n", ["NAME@2 absent"]),
        ("try:\n    key = os.environ['SENTRY_KEY']\nexcept KeyError:\n    key = None\n", ["SENTRY_KEY@2 absent"]),
        ("def f():\n    try:\n        # the title\n        x = os.environ['TITLE']\n    except (ValueError, KeyError) as e:\n        log(e)\n", ["TITLE@4 absent"]),
        ("try:\n    x = os.environ['AB_C']\nexcept ValueError:\n    pass\nexcept Exception:\n    x = 1\n", ["AB_C@2 absent"]),
        // must not: a handler that raises or exits, another exception, no try, a read after the try
        ("try:\n    key = os.environ['DB_URL']\nexcept KeyError:\n    raise ImproperlyConfigured('DB_URL')\n", ["DB_URL@2"]),
        ("try:\n    key = os.environ['DB_URL']\nexcept KeyError:\n    sys.exit(1)\n", ["DB_URL@2"]),
        ("try:\n    key = os.environ['DB_URL']\nexcept ValueError:\n    pass\n", ["DB_URL@2"]),
        ("if x:\n    key = os.environ['DB_URL']\nelse:\n    pass\n", ["DB_URL@2"]),
        ("try:\n    pass\nexcept:\n    pass\nkey = os.environ['DB_URL']\n", ["DB_URL@5"]),
    ])
    func aCaughtKeyError(text: String, expected: [String]) {
        #expect(Self.reads(text, path: "app/wsgi.py") == expected, "\(text)")
    }

    /// Rules .86: the key of one model vendor among three or more whose keys production reads is medium (zola's and
    /// laravel.cm's optional providers, batches 58–59), not a name that merely mentions one.
    @Test(arguments: [
        ("OPENAI_API_KEY", "OPENAI"), ("ANTHROPIC_API_KEY", "ANTHROPIC"), ("GOOGLE_GENERATIVE_AI_API_KEY", "GOOGLE_GENERATIVE_AI"),
        ("LLM_AZURE_OPENAI_API_KEY", "AZURE_OPENAI"), ("API_GOOGLE_AI_API_KEY", "GOOGLE_AI"), ("XAI_API_KEY", "XAI"),
        ("GROQ_KEY", "GROQ"), ("HUGGINGFACE_TOKEN", "HUGGINGFACE"), ("MISTRAL_SECRET_KEY", "MISTRAL"),
    ])
    func aModelVendorsKey(name: String, vendor: String) {
        #expect(EnvNameTokens.modelProvider(name) == vendor)
    }

    @Test(arguments: ["OPENAI_BASE_URL", "OPENAI_MODEL", "TAVILY_API_KEY", "EXA_API_KEY", "ELEVENLABS_API_KEY", "STRIPE_SECRET_KEY",
                      "OPENAI", "API_KEY", "GOOGLE_MAPS_API_KEY", "AZURE_STORAGE_KEY", "OPENAI_ORG_ID"])
    func notAModelVendorsKey(name: String) {
        #expect(EnvNameTokens.modelProvider(name) == nil, "\(name)")
    }

    /// Rules .87: TypeScript's `as T` between a read and its fallback (revolt's hosted URLs, batch 62).
    @Test(arguments: [
        ("const u = (import.meta.env.VITE_API_URL as string) ??\n  \"https://beta.revolt.chat/api\";\n", ["VITE_API_URL@1 literal=\"https://beta.revolt.chat/api\""]),
        ("const u = process.env.API_URL as string ?? 'http://x';\n", ["API_URL@1 literal='http://x'"]),
        ("const n = (process.env.MAX as Record<string, number>) || 5;\n", ["MAX@1 literal=5"]),
        // must not: an assertion with nothing after it, or a fallback outside the parentheses of something else
        ("const u = process.env.API_URL as string;\n", ["API_URL@1"]),
        ("const u = f(process.env.API_URL as string) ?? 'x';\n", ["API_URL@1"]),
    ])
    func aFallbackAfterATypeAssertion(text: String, expected: [String]) {
        #expect(Self.reads(text, path: "src/env.ts") == expected, "\(text)")
    }

    /// Rules .87: what only Vite's development build runs (revolt's `import.meta.env.DEV ? import.meta.env.VITE_TOKEN :
    /// undefined`, batch 62: a false env blocker) is not production code.
    @Test func whatOnlyADevelopmentBuildReads() {
        let text = """
            export default {
              TOKEN: import.meta.env.DEV ? (import.meta.env.VITE_TOKEN as string) : undefined,
              SESSION: !import.meta.env.PROD && import.meta.env.VITE_SESSION_ID,
              URL: import.meta.env.VITE_URL,
              PROD_ONLY: import.meta.env.PROD ? import.meta.env.VITE_PROD_KEY : undefined,
            };
            if (import.meta.env.DEV) {
              console.log(import.meta.env.VITE_DEBUG_KEY);
            }
            if (import.meta.env.DEV || ready) { use(import.meta.env.VITE_MIXED_KEY); }
            const dev = import.meta.env.DEVELOPER ? import.meta.env.VITE_OTHER_KEY : null;
            const live = !import.meta.env.DEV ? import.meta.env.VITE_LIVE_KEY : null;
            const either = ready || import.meta.env.DEV ? import.meta.env.VITE_EITHER_KEY : null;
            const notProd = !!import.meta.env.PROD && import.meta.env.VITE_NOT_PROD_KEY;
            """
        var collector = CodeReferences.Collector()
        collector.add(text, path: "src/lib/env.ts")
        let places = Dictionary(collector.references().map { ($0.name, $0.effectiveReads.map(\.place)) }, uniquingKeysWith: +)
        #expect(places["VITE_TOKEN"] == [.tooling])
        #expect(places["VITE_SESSION_ID"] == [.tooling])
        #expect(places["VITE_DEBUG_KEY"] == [.tooling])
        #expect(places["VITE_URL"] == [.production])
        #expect(places["VITE_PROD_KEY"] == [.production])
        #expect(places["VITE_MIXED_KEY"] == [.production])
        #expect(places["VITE_OTHER_KEY"] == [.production])
        // a negated guard, or one only part of an `||`, holds in production
        #expect(places["VITE_LIVE_KEY"] == [.production])
        #expect(places["VITE_EITHER_KEY"] == [.production])
        #expect(places["VITE_NOT_PROD_KEY"] == [.production])
    }

    /// A maintenance switch is off in a running production (ushahidi's `MAINTENANCE_MODE`, batch 58); sshd sets a
    /// login session's `SSH_CONNECTION` (govtrack's debug settings).
    @Test func aMaintenanceSwitchAndSSHNames() {
        #expect(EnvNameTokens.flagWord("MAINTENANCE_MODE") == "MAINTENANCE")
        #expect(EnvNameTokens.flagWord("MAINTENANCE_SECRET") == nil)
        #expect(EnvNeed.isNeverDefined("SSH_CONNECTION") && EnvNeed.isNeverDefined("SSH_CLIENT"))
        #expect(!EnvNeed.isNeverDefined("SSH_PRIVATE_KEY"))
        // the Python interpreter's interactive hooks (mitxonline's `repl.py`), not an app's own `PYTHON_` setting
        #expect(EnvNeed.isNeverDefined("PYTHONSTARTUP") && EnvNeed.isNeverDefined("PYTHONBREAKPOINT"))
        #expect(!EnvNeed.isNeverDefined("PYTHON_SERVICE_URL") && !EnvNeed.isNeverDefined("PYTHONSTARTUP_URL"))
    }

    /// A test double's word lowers a name only while no read asserts it (a review of .88; rules 2026.12.90):
    /// `os.environ["FAKE_EMAIL_CHECKER_API_KEY"]` names a product's fake-email detection service.
    @Test func aTestDoubleWordGivesWayToAnAssertedRead() {
        let lenient = CodeRead(location: "config/application.rb:94", place: .production)
        let asserted = CodeRead(location: "app/checks.py:3", place: .production, asserted: true)
        #expect(NameSort.of("OMNIAUTH_ENTRAID_MOCK_PASSWORD", [lenient])?.0 == .tests)
        #expect(NameSort.of("FAKE_EMAIL_CHECKER_API_KEY", [asserted]) == nil)
        #expect(NameSort.of("DB_TEST_PASSWORD", [asserted])?.0 == .tests)
    }

    @Test func oneVendorAmongSeveralIsMedium() {
        let read = CodeRead(location: "lib/openproviders/env.ts:6", place: .production)
        let three: Set<String> = ["ANTHROPIC", "OPENAI", "XAI"]
        guard case .lesser(.modelProvider, let word, _) = EnvNeed.judge("ANTHROPIC_API_KEY", reads: [read], defined: [], marker: nil,
                                                                        modelProviders: three) else {
            Issue.record("not lowered"); return
        }
        #expect(word == "ANTHROPIC, one of 3: ANTHROPIC, OPENAI, XAI")
        // two vendors, a check that stops, or a name of no vendor stay high
        #expect(EnvNeed.judge("ANTHROPIC_API_KEY", reads: [read], defined: [], marker: nil, modelProviders: ["ANTHROPIC", "OPENAI"]).isRequired)
        let enforced = CodeRead(location: "lib/ai.ts:3", place: .production, fallback: CodeFallback(kind: .enforced))
        #expect(EnvNeed.judge("ANTHROPIC_API_KEY", reads: [read, enforced], defined: [], marker: nil, modelProviders: three).isRequired)
        #expect(EnvNeed.judge("TAVILY_API_KEY", reads: [read], defined: [], marker: nil, modelProviders: three).isRequired)
        // OpenAI's, the usual default vendor, stays high
        #expect(EnvNeed.judge("OPENAI_API_KEY", reads: [read], defined: [], marker: nil, modelProviders: three).isRequired)
        // the vendors are those production code reads keys of
        let reads = ["OPENAI_API_KEY": [read], "XAI_API_KEY": [read], "GROQ_API_KEY": [CodeRead(location: "scripts/x.ts:1", place: .script)],
                     "TAVILY_API_KEY": [read]]
        #expect(NameSort.modelProviders(reads) == ["OPENAI", "XAI"])
    }

    @Test(arguments: [
        ("packages/test-env-server/lib/index.ts", CodePlace.test),
        ("packages/testing-utils/src/index.ts", .test),
        ("apps/api-tests/src/run.ts", .test),
        ("packages/e2e-testing/src/x.ts", .test),
        ("packages/ab-test/src/index.ts", .production),
        ("packages/contest-api/src/index.ts", .production),
        ("packages/latest-news/src/index.ts", .production),
        ("packages/test/src/index.ts", .test),
        ("services/test-env-server/index.ts", .production),
        // any folder by its compound name (rules 2026.12.100): lite frontend's, hook0's, global fishing watch's, Nx's
        ("ui_tests/exporter/pages/govuk_signin_page.py", .test),
        ("tests-api-integrations/src/setup.js", .test),
        ("apps/platform-e2e/src/pages/LoginPage.ts", .test),
        ("server/contract_testing/run.py", .test),
        ("apps/e2e-encryption/src/keys.ts", .production),
        ("src/features/ab_test/variant.ts", .production),
        ("services/test-runner-api/main.go", .production),
        ("apps/web/src/latest-tests-page/index.tsx", .production),
        // `e2e` and a test tool's name, a test runner's word (rules 2026.12.103): zero logement vacant's, tdm calculator's
        ("apps/front-e2e-pw/config.ts", .test),
        ("apps/web-e2e-cypress/support/commands.ts", .test),
        ("server/_jest-setup_/utils/mssql-container-setup.js", .test),
        ("packages/vitest-config/index.ts", .test),
        ("apps/e2e-encryption-pw/keys.ts", .production),
        ("services/playwright-service/screenshot.ts", .production),
        ("apps/pw-e2e-sync/index.ts", .production),
        ("packages/jester/index.ts", .production),
        // a review of .103: a suite's own parts, more tools, a runner's own folder
        ("apps/e2e-tests/src/login.ts", .test),
        ("e2e-pw-utils/index.ts", .test),
        ("apps/web-e2e-webdriverio/wdio.conf.ts", .test),
        ("config/jest/cssTransform.js", .test),
        ("apps/e2e-encryption-utils/keys.ts", .production),
    ])
    func aWorkspacePackageForTests(path: String, place: CodePlace) {
        #expect(CodePlace.of(path) == place, "\(path)")
    }
}

import Testing
import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit

/// Rules 2026.12.91 (issue 17, env-high precision): settings every client library has a standard value for, the redirect
/// of Laravel Socialite's GitHub sign-in, and create-t3-app's `processEnv` schema. Owner-false highs of held-out
/// batches 44–67: tbaccounts' and tbappointment's Redis database numbers, six apps' mail ports, five Laravel apps' GitHub
/// redirects, snapify's thirteen `.nullish()` names.
@Suite struct EnvStandardValueTests {
    static func reads(_ text: String, path: String) -> [String] {
        EnvAssignedDefaultTests.reads(text, path: path, assertions: true)
    }

    /// Must match and must not match.
    @Test func namesWithAStandardValue() {
        for name in ["REDIS_DB", "REDIS_CELERY_DB", "REDIS_CELERY_RESULTS_DB", "LAGO_REDIS_STORE_DB", "REDIS_DATABASE", "REDIS_DB_INDEX",
                     "CACHE_REDIS_DB_NUMBER", "SMTP_PORT", "MAIL_PORT", "EMAIL_PORT", "LAGO_SMTP_PORT", "MAILER_SMTP_PORT", "EMAIL_SERVER_PORT"] {
            #expect(EnvNameTokens.standardValue(name) != nil, "\(name)")
        }
        for name in ["POSTGRES_DB", "MONGO_DB", "DB", "REDIS_URL", "REDIS_PORT", "REDIS_HOST", "REDIS_PASSWORD", "IMAP_PORT", "JMAP_PORT",
                     "POSTGRES_PORT", "PORT", "SMTP_HOST", "SMTP_PASSWORD", "MAIL_PORTAL_URL", "REDIS_DB_PASSWORD", "EMAIL_DB",
                     "SMTP_PORT_TOKEN", "EMAIL_SERVICE_PORT", "MAILER_PORT", "MAIL_API_PORT", "SMTP_WORKER_PORT"] {
            #expect(EnvNameTokens.standardValue(name) == nil, "\(name)")
        }
    }

    /// Medium while no read asserts it; an assertion or a check that stops keeps it high (novu's validated
    /// `REDIS_DB_INDEX`, openfoodnetwork's `ENV.fetch('MAIL_PORT')`, giselle's `invariant(SMTP_PORT)`).
    @Test func aStandardValueIsMediumUntilARead() {
        let reads: [String: [CodeRead]] = [
            "REDIS_CELERY_DB": [CodeRead(location: "src/settings.py:553", place: .production)],
            "SMTP_PORT": [CodeRead(location: "lib/env.ts:12", place: .production)],
            "MAIL_PORT": [CodeRead(location: "app/services/mail_configuration.rb:18", place: .production, asserted: true)],
            "REDIS_DB_INDEX": [CodeRead(location: "apps/worker/src/config/env.validators.ts:45", place: .production, asserted: true)],
            "EMAIL_PORT": [CodeRead(location: "src/email.ts:9", place: .production, fallback: CodeFallback(kind: .enforced))],
            "REDIS_PORT": [CodeRead(location: "src/redis.ts:7", place: .production)],
            // built into a URL, converted or listened on: unset, a broken value (a review of .91; rules 2026.12.92)
            "REDIS_DB": [CodeRead(location: "src/redis.ts:9", place: .production, unsetBreaks: true)],
        ]
        #expect(EnvPrecisionTests.audit(defined: [], missing: Array(reads.keys), reads: reads) == [
            "env.missing-in-production high env:production/EMAIL_PORT",
            "env.missing-in-production high env:production/MAIL_PORT",
            "env.missing-in-production high env:production/REDIS_DB",
            "env.missing-in-production high env:production/REDIS_DB_INDEX",
            "env.missing-in-production high env:production/REDIS_PORT",
            "env.missing-in-production medium env:production/REDIS_CELERY_DB",
            "env.missing-in-production medium env:production/SMTP_PORT",
        ])
        guard case .lesser(.standardValue, let word, _) = EnvNeed.judge("SMTP_PORT", reads: reads["SMTP_PORT"] ?? [], defined: [], marker: nil) else {
            Issue.record("not lowered"); return
        }
        #expect(NameSort.standardValue.text(word, ["lib/env.ts:12"]).contains("a mail server's port, the protocol's standard one when unset"))
    }

    static let services = """
        <?php

        return [
            'postmark' => [
                'token' => env('POSTMARK_TOKEN'),
            ],
            'github' => [
                'client_id' => env('GITHUB_CLIENT_ID'),
                'client_secret' => env('GITHUB_CLIENT_SECRET'),
                'redirect' => env('GITHUB_REDIRECT_URL'),
            ],
            'google' => [
                'client_id' => env('GOOGLE_CLIENT_ID'),
                'redirect' => env('GOOGLE_REDIRECT_URI'),
            ],
            "GitHub" => ["redirect" => env("GITHUB_CALLBACK")],
            'gitlab' => ['redirect' => env('GITLAB_REDIRECT')],
            'github_app' => ['redirect' => env('GH_APP_REDIRECT')],
            'github' => array('client_id' => env('OLD_GITHUB_ID'), 'redirect' => env('OLD_GITHUB_CALLBACK')),
            'gitlab' => array('redirect' => env('OLD_GITLAB_CALLBACK')),
        ];

        """

    /// Only the `redirect` of the `github` entry of `config/services.php`, and only a bare read.
    @Test func socialitesGitHubRedirect() {
        let shown = "=" + CodeSetupOptions.socialiteGitHub
        #expect(Self.reads(Self.services, path: "config/services.php") == [
            "POSTMARK_TOKEN@5", "GITHUB_CLIENT_ID@8", "GITHUB_CLIENT_SECRET@9", "GITHUB_REDIRECT_URL@10 setup-option" + shown,
            "GOOGLE_CLIENT_ID@13", "GOOGLE_REDIRECT_URI@14", "GITHUB_CALLBACK@16 setup-option" + shown, "GITLAB_REDIRECT@17",
            "GH_APP_REDIRECT@18", "OLD_GITHUB_ID@19", "OLD_GITHUB_CALLBACK@19 setup-option" + shown, "OLD_GITLAB_CALLBACK@20",
        ])
        // another file, a read in an expression, a default of its own
        #expect(Self.reads(Self.services, path: "config/socialite.php").allSatisfy { !$0.contains("setup-option") })
        #expect(Self.reads("<?php\nreturn ['github' => ['redirect' => env('GITHUB_REDIRECT_URL') . '/callback']];\n", path: "config/services.php")
                    == ["GITHUB_REDIRECT_URL@2"])
        #expect(Self.reads("<?php\nreturn ['github' => ['redirect' => env('GITHUB_REDIRECT_URL', '/auth/github/callback')]];\n",
                           path: "apps/web/config/services.php") == ["GITHUB_REDIRECT_URL@2 literal='/auth/github/callback'"])
        let read = CodeRead(location: "config/services.php:10", place: .production,
                            fallback: CodeFallback(kind: .setupOption, shown: CodeSetupOptions.socialiteGitHub))
        // GitHub's fallback may or may not be production's callback: medium, not optional
        guard case .lesser(.gitHubRedirect, let word, let locations) = EnvNeed.judge("GITHUB_REDIRECT_URL", reads: [read], defined: [], marker: nil) else {
            Issue.record("not lowered"); return
        }
        #expect(NameSort.gitHubRedirect.text(word, locations) == "read at config/services.php:10 without a default; the redirect of Socialite's "
                    + "GitHub sign-in: unset, Socialite sends none and GitHub uses the callback URL registered with the OAuth app — medium, "
                    + "check that URL is production's")
        let plain = CodeRead(location: "app/Http/Controllers/Auth.php:20", place: .production)
        #expect(EnvPrecisionTests.audit(defined: [], missing: ["GITHUB_REDIRECT_URL"], reads: ["GITHUB_REDIRECT_URL": [read]])
                    == ["env.missing-in-production medium env:production/GITHUB_REDIRECT_URL"])
        // another production read of it without a default keeps it high
        #expect(EnvNeed.judge("GITHUB_REDIRECT_URL", reads: [read, plain], defined: [], marker: nil).isRequired)
        // a group whose reads at a location hold none of the name's own reads is not lowered by it
        #expect(NameSort.of("GITHUB_REDIRECT_URL", []) == nil)
    }

    static let t3 = """
        import { z } from "zod";

        const server = z.object({
          DATABASE_URL: z.string().url(),
          GOOGLE_CLIENT_ID: z.string().nullish(),
          STRIPE_SECRET_KEY: z.string().optional(),
        });

        const processEnv = {
          DATABASE_URL: process.env.DATABASE_URL,
          GOOGLE_CLIENT_ID: process.env.GOOGLE_CLIENT_ID,
          STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
        };

        const parsed = server.safeParse(processEnv);

        """

    /// create-t3-app's `src/env.mjs` (2023): the schema parses `processEnv`, an object of the reads. Its optional entries
    /// make their reads optional; a required entry asserts.
    @Test func createT3AppsProcessEnv() {
        #expect(Self.reads(Self.t3, path: "src/env.mjs") == [
            "DATABASE_URL@4 asserted", "GOOGLE_CLIENT_ID@5 schema-optional", "STRIPE_SECRET_KEY@6 schema-optional",
            "DATABASE_URL@10", "GOOGLE_CLIENT_ID@11 schema-optional", "STRIPE_SECRET_KEY@12 schema-optional",
        ])
        // an object of that name parsed by nothing builds no schema
        let unparsed = Self.t3.replacingOccurrences(of: "server.safeParse(processEnv)", with: "send(processEnv)")
        #expect(Self.reads(unparsed, path: "src/env.mjs") == ["DATABASE_URL@10", "GOOGLE_CLIENT_ID@11", "STRIPE_SECRET_KEY@12"])
    }

    /// Unset, these reads make a broken value (``CodeBrokenUse``); a bare value or a JavaScript number conversion does not.
    @Test(arguments: [
        ("const url = `redis://${host}:6379/${process.env.REDIS_DB}`", "src/redis.ts", true),
        ("BROKER = f\"redis://{host}:6379/{os.getenv('REDIS_CELERY_DB')}\"\n", "app/celery.py", true),
        ("url = \"redis://h/#{ENV['REDIS_DB']}\"\n", "config/redis.rb", true),
        ("const u = 'smtp://h:' + process.env.SMTP_PORT", "src/mail.ts", true),
        ("const u = process.env.SMTP_PORT + ''", "src/mail.ts", true),
        ("EMAIL_PORT = int(os.getenv(\"EMAIL_PORT\"))\n", "app/settings.py", true),
        ("port: ENV[\"SMTP_PORT\"].to_i,\n", "config/environments/production.rb", true),
        ("port, _ := strconv.Atoi(os.Getenv(\"SMTP_PORT\"))\n", "main.go", true),
        ("server.listen(process.env.SMTP_PORT)", "src/inbound.ts", true),
        ("const t = createTransport({ port: process.env.SMTP_PORT })", "src/mail.ts", false),
        ("const t = createTransport({ port: Number(process.env.SMTP_PORT) })", "src/mail.ts", false),
        ("EMAIL_PORT = os.getenv(\"EMAIL_PORT\")\n", "app/settings.py", false),
        ("r = redis.Redis(db=os.getenv(\"REDIS_DB\"))\n", "app/cache.py", false),
        ("'port' => env('MAIL_PORT'),\n", "config/mail.php", false),
        ("let n = process.env.RETRIES++", "src/x.ts", false),
        // only the first argument: the address a server listens on may be left to it
        ("server.listen(2525, process.env.SMTP_BIND_ADDRESS)", "src/inbound.ts", false),
    ])
    func aReadThatBreaksUnset(text: String, path: String, breaks: Bool) {
        let found = CodeReferences.reads(in: text, path: path)
        #expect(found.count == 1 && found.allSatisfy { $0.unsetBreaks == breaks }, "\(text) → \(found)")
    }

    /// A name for a development or staging environment: must match and must not match; medium until a read asserts it.
    @Test func namesForADevelopmentEnvironment() {
        for name in ["M365_LOCAL_DEV_CLIENT_ID", "DEV_ADMIN_SUPABASE_KEY", "DEV_CODE", "SERVERSIDE_RPC_SECRET_DEV", "STAGING_DATABASE_URL",
                     "DEVELOPMENT_API_KEY"] {
            #expect(EnvNameTokens.developmentWord(name) != nil, "\(name)")
        }
        for name in ["DEV_TO_API_KEY", "LOGO_DEV_TOKEN", "DEVICE_ID", "DEVELOPER_KEY", "LOCAL_STORAGE_PATH", "DEVOPS_TOKEN", "PROD_API_KEY"] {
            #expect(EnvNameTokens.developmentWord(name) == nil, "\(name)")
        }
        let reads: [String: [CodeRead]] = [
            "M365_LOCAL_DEV_CLIENT_ID": [CodeRead(location: "src/config/m365.ts:115", place: .production)],
            "FORMSG_STAGING_API_KEY": [CodeRead(location: "src/config/formsg.ts:4", place: .production, asserted: true)],
            "DEV_ADMIN_SUPABASE_KEY": [CodeRead(location: "web/lib/admin-db.ts:9", place: .production, fallback: CodeFallback(kind: .enforced))],
        ]
        #expect(EnvPrecisionTests.audit(defined: [], missing: Array(reads.keys), reads: reads) == [
            "env.missing-in-production high env:production/DEV_ADMIN_SUPABASE_KEY",
            "env.missing-in-production high env:production/FORMSG_STAGING_API_KEY",
            "env.missing-in-production medium env:production/M365_LOCAL_DEV_CLIENT_ID",
        ])
    }

    /// A setting of Sentry's build-time source-map upload: must match and must not match; medium until a read asserts it
    /// (rules 2026.12.94; `SENTRY_URL` not since .95).
    @Test func sentrySourceMapUploadSettings() {
        for name in ["SENTRY_AUTH_TOKEN", "SENTRY_ORG", "VITE_SENTRY_ORG", "SENTRY_PROJECT", "VITE_SENTRY_PROJECT", "SENTRY_PRJ",
                     "SENTRY_FRONTEND_PROJECT", "NEXT_PUBLIC_SENTRY_ORGANIZATION"] {
            #expect(EnvNameTokens.sourceMapUploadWord(name) != nil, "\(name)")
        }
        for name in ["SENTRY_DSN", "NEXT_PUBLIC_SENTRY_DSN", "SENTRY_ENVIRONMENT", "SENTRY_RELEASE", "SENTRY_TRACES_SAMPLE_RATE", "SENTRY_API_KEY",
                     "SENTRY", "PROJECT_SENTRY", "GITHUB_PROJECT", "SENTRY_AUTH_TOKEN_FILE", "SENTRY_CSP_REPORT_URI", "AUTH_TOKEN",
                     // many apps' DSN (a review of .94)
                     "SENTRY_URL", "VITE_SENTRY_URL"] {
            #expect(EnvNameTokens.sourceMapUploadWord(name) == nil, "\(name)")
        }
        let reads: [String: [CodeRead]] = [
            "SENTRY_ORG": [CodeRead(location: "backend/config/index.ts:121", place: .production)],
            "SENTRY_AUTH_TOKEN": [CodeRead(location: "src/sentry.ts:4", place: .production, asserted: true)],
            "SENTRY_PROJECT": [CodeRead(location: "src/sentry.ts:5", place: .production, fallback: CodeFallback(kind: .enforced))],
            "SENTRY_DSN": [CodeRead(location: "src/sentry.ts:6", place: .production)],
        ]
        #expect(EnvPrecisionTests.audit(defined: [], missing: Array(reads.keys), reads: reads) == [
            "env.missing-in-production high env:production/SENTRY_AUTH_TOKEN",
            "env.missing-in-production high env:production/SENTRY_DSN",
            "env.missing-in-production high env:production/SENTRY_PROJECT",
            "env.missing-in-production medium env:production/SENTRY_ORG",
        ])
    }

    /// A schema that parses `import.meta.env` declares Vite's own names, which no deployment defines; and a refinement
    /// that names an optional entry may require it.
    @Test func viteBuiltInsAndRefinedEntries() {
        let vite = "export const envConfig = z\n  .object({\n    DEV: devProdBoolean,\n    PROD: z.boolean(),\n    MODE: z.string(),\n"
            + "    VITE_API_ENDPOINT: z.string(),\n  })\n  .parse(import.meta.env);\n"
        #expect(Self.reads(vite, path: "front/src/envConfig.ts") == ["VITE_API_ENDPOINT@6 asserted"])
        // the same names in a schema of `process.env` are the app's own
        #expect(Self.reads(vite.replacingOccurrences(of: "import.meta.env", with: "process.env"), path: "src/env.ts")
                    == ["PROD@4 asserted", "MODE@5 asserted", "VITE_API_ENDPOINT@6 asserted"])
        let refined = "const schema = z.object({\n  EMAIL_SERVER: z.string().optional(),\n  SENTRY_DSN: z.string().optional(),\n})"
            + ".superRefine((env, ctx) => {\n  if (process.env.NODE_ENV === 'production' && !env.EMAIL_SERVER) ctx.addIssue({ code: 'custom' })\n})\n"
            + "export const env = schema.parse(process.env)\n"
        #expect(Self.reads(refined, path: "src/env.ts") == ["EMAIL_SERVER@2 asserted", "SENTRY_DSN@3 schema-optional", "NODE_ENV@5 selector"])
        // an entry's own refinement names no other entry, and names after it in the file are not in it (splitpro's)
        let own = "const schema = z.object({\n  DATABASE_URL: z.string().refine((s) => !s.includes('YOUR_URL'), 'Set it'),\n"
            + "  WEB_PUSH_EMAIL: z.string().optional(),\n})\nexport const env = schema.parse(process.env)\n"
            + "const runtime = { WEB_PUSH_EMAIL: process.env.WEB_PUSH_EMAIL }\n"
        #expect(Self.reads(own, path: "src/env.ts") == ["DATABASE_URL@2 asserted", "WEB_PUSH_EMAIL@3 schema-optional",
                                                        "WEB_PUSH_EMAIL@6 schema-optional"])
    }

    /// django-environ's scheme gives `env("X")` its default (rules 2026.12.93; kukkuu's and linkedevents' settings).
    @Test func djangoEnvironsSchemeDefaults() {
        let settings = """
            import environ
            env = environ.Env(
                COOKIE_PREFIX=(str, "linkedevents"),
                SECRET_KEY=(str, ""),
                DEBUG=(bool, False),
                ADMINS=(list, []),
                TOKEN_AUDIENCE=str,
                EMPTY_TUPLE=(str,),
                STOPWORDS=(list, [
                    "a",
                    "b",
                ]),
            )
            COOKIE = env("COOKIE_PREFIX")
            SECRET_KEY = env("SECRET_KEY")
            DEBUG = env.bool("DEBUG")
            ADMINS = env("ADMINS")
            AUDIENCE = env("TOKEN_AUDIENCE")
            X = env("EMPTY_TUPLE")
            WORDS = env.list("STOPWORDS")
            PREFIX = os.getenv("COOKIE_PREFIX")
            OWN = env("COOKIE_PREFIX", default="own")

            """
        #expect(Self.reads(settings, path: "linkedevents/settings.py") == [
            // a cookie's name is shown nowhere (`COOKIE` reads as a credential's word)
            // an empty default declares the cast only
            "COOKIE_PREFIX@14 literal", "SECRET_KEY@15", "DEBUG@16 literal=False", "ADMINS@17",
            "TOKEN_AUDIENCE@18", "EMPTY_TUPLE@19", "STOPWORDS@20 computed", "COOKIE_PREFIX@21", "COOKIE_PREFIX@22 literal",
        ])
        #expect(Self.reads("env = Env(MEDIA_URL=(str, \"/media/\"))\nMEDIA_URL = env(\"MEDIA_URL\")\n", path: "app/settings.py")
                    == ["MEDIA_URL@2 literal=\"/media/\""])
        // a cast that is a call of its own, another class's call, a tuple that is no keyword's
        #expect(Self.reads("env = Env(LIMIT=(partial(int, base=10), \"5\"))\nLIMIT = env(\"LIMIT\")\n", path: "app/settings.py")
                    == ["LIMIT@2 literal=\"5\""])
        // a literal that is not the whole value is shown as none (`6 * HOUR` is no 6)
        #expect(Self.reads("env = Env(MINUTES=(int, 6 * HOUR), BASE_NAME=(str, \"a\" + X), COUNT=(int, 2 ,))\nM = env(\"MINUTES\")\nB = env(\"BASE_NAME\")\nC = env(\"COUNT\")\n",
                           path: "app/settings.py") == ["MINUTES@2 computed", "BASE_NAME@3 computed", "COUNT@4 literal=2"])
        #expect(Self.reads("env = MyEnv(MEDIA_ROOT=(str, \"/m\"))\nROOT = env(\"MEDIA_ROOT\")\n", path: "app/settings.py")
                    == ["MEDIA_ROOT@2"])
        #expect(Self.reads("env = Env(PREFIX, (str, \"d\"))\nP = env(\"PREFIX\")\n", path: "app/settings.py") == ["PREFIX@2"])
        // the scheme of another file gives nothing here
        #expect(Self.reads("COOKIE = env(\"COOKIE_PREFIX\")\n", path: "app/views.py") == ["COOKIE_PREFIX@1"])
    }

    /// The read's fallback after the files are collected, as `NAME@path:line kind=shown`.
    static func collected(_ files: [(path: String, text: String)]) -> [String] {
        var collector = CodeReferences.Collector()
        for file in files { collector.add(file.text, path: file.path) }
        return collector.references().flatMap { reference in
            reference.effectiveReads.map { read in
                "\(reference.name)@\(read.location)" + (read.fallback.map { " \($0.kind.rawValue)" + ($0.shown.map { "=\($0)" } ?? "") } ?? "")
            }
        }.sorted()
    }

    /// The scheme declared in one settings module gives its default to `env("X")` in the modules that import that `env`
    /// (redirectioneaza's `settings/environment.py` and its fourteen settings modules, held-out batch 88).
    @Test func djangoEnvironsSchemeOfAnotherModule() {
        let scheme = (path: "backend/site/settings/environment.py", text: """
            import environ
            env = environ.Env(
                APEX_DOMAIN=(str, "example.org"),
                LIMIT_DAY=(int, 25),
                DATABASE_PASSWORD=(str, ""),
            )
            """)
        let base = (path: "backend/site/settings/base.py", text: """
            from .environment import env
            APEX = env.str("APEX_DOMAIN")
            LIMIT = env.int("LIMIT_DAY")
            PASSWORD = env.str("DATABASE_PASSWORD")
            SECRET_KEY = env.str("SECRET_KEY")
            OWN = env("LIMIT_DAY", default=3)
            """)
        #expect(Self.collected([scheme, base]) == [
            "APEX_DOMAIN@backend/site/settings/base.py:2 literal=\"example.org\"",
            // an empty default declares the cast only, as in the scheme's own file
            "DATABASE_PASSWORD@backend/site/settings/base.py:4",
            "LIMIT_DAY@backend/site/settings/base.py:3 literal=25", "LIMIT_DAY@backend/site/settings/base.py:6 literal=3",
            "SECRET_KEY@backend/site/settings/base.py:5",
        ])
        // the files in either order; a star import and an absolute one take `env` too
        #expect(Self.collected([(path: "backend/site/settings/production.py", text: "from .environment import *\nDOMAIN = env(\"APEX_DOMAIN\")\n"), scheme])
                    == ["APEX_DOMAIN@backend/site/settings/production.py:2 literal=\"example.org\""])
        #expect(Self.collected([scheme, (path: "backend/donations/views.py", text: "from site.settings.environment import env\nD = env(\"APEX_DOMAIN\")\n")])
                    == ["APEX_DOMAIN@backend/donations/views.py:2 literal=\"example.org\""])
        // `env` from a module with no scheme, a module that imports no `env`, a test's scheme: no default
        for file in [(path: "backend/site/views.py", text: "from site.config import env\nD = env(\"APEX_DOMAIN\")\n"),
                     (path: "backend/site/settings/local.py", text: "from .environment import other\nD = env(\"APEX_DOMAIN\")\n"),
                     (path: "backend/site/settings/prod.py", text: "from .environment import *\nD = os.getenv(\"APEX_DOMAIN\")\n")] {
            #expect(Self.collected([scheme, file]) == ["APEX_DOMAIN@\(file.path):2"], "\(file.text)")
        }
        #expect(Self.collected([(path: "tests/settings/environment.py", text: scheme.text + "\nD = env(\"APEX_DOMAIN\")\n"),
                                (path: "tests/settings/base.py", text: "from site.settings.environment import env\nD = env(\"APEX_DOMAIN\")\n"),
                                (path: "backend/site/views.py", text: "from tests.settings.environment import env\nD = env(\"APEX_DOMAIN\")\n")])
                    .contains("APEX_DOMAIN@backend/site/views.py:2"))
        // two schemes the import may name: a default only if both give one, shown only if they agree
        let reader = (path: "backend/donations/views.py", text: "from site.settings.environment import env\nD = env(\"APEX_DOMAIN\")\nL = env(\"LIMIT_DAY\")\n")
        let other = (path: "backend/zz/site/settings/environment.py", text: "import environ\nenv = environ.Env(LIMIT_DAY=(int, 7))\n")
        #expect(Self.collected([scheme, other, reader]) == ["APEX_DOMAIN@backend/donations/views.py:2",
                                                            "LIMIT_DAY@backend/donations/views.py:3 literal"])
        let same = (path: "backend/zz/site/settings/environment.py", text: "import environ\nenv = environ.Env(LIMIT_DAY=(int, 25))\n")
        #expect(Self.collected([scheme, same, reader]) == ["APEX_DOMAIN@backend/donations/views.py:2",
                                                           "LIMIT_DAY@backend/donations/views.py:3 literal=25"])
    }
}


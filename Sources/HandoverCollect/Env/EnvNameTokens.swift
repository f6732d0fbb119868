/// Env var names judged by their tokens (the words between `_`), never by substrings: `NEXT_PUBLIC_DISABLE_PASSWORD_LOGIN`
/// holds `PASSWORD` but names a flag, `BYPASS` is not `PASS`.
package enum EnvNameTokens {
    /// Client bundle prefixes: names starting so are shipped to every browser (longest first).
    package static let clientPrefixes = ["NEXT_PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "REACT_APP_", "VUE_APP_", "NUXT_ENV_", "GATSBY_",
                                        "STORYBOOK_", "SANITY_STUDIO_", "REDWOOD_ENV_", "VITE_", "PUBLIC_"]

    /// How sure a name is a secret.
    package enum Confidence: String, Sendable {
        /// The name says a server secret: a final `SECRET`, `PASSWORD`, `PRIVATE_KEY`, `CLIENT_SECRET`, …, a word such
        /// as `PRIVATE`, `SERVICE` or `ADMIN`, or an `API_KEY`/`TOKEN` of a vendor that issues no browser keys (OpenAI,
        /// Stripe, GitHub, …).
        case certain
        /// The name ends in `API_KEY`, `TOKEN`, `ACCESS_KEY` or `ACCESS_TOKEN` of any other vendor: a secret unless the
        /// vendor issues it for browsers (a Google Maps or Places key, an ingest-only logging token, an Unsplash access key).
        case vendorKey
        /// The name ends in a bare `KEY`: a publishable key as often as a secret one.
        case possible
    }

    /// A client-exposed name that names a secret: its public prefix and the final words that make it one.
    package struct ClientExposure: Sendable, Equatable {
        package var prefix: String
        package var secretWords: String
        package var confidence: Confidence
    }

    /// Final words that name a secret on their own.
    static let secretLast: Set<String> = ["SECRET", "TOKEN", "PASSWORD", "PASSWD", "PASS", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS",
                                          "APIKEY", "SECRETKEY", "PRIVATEKEY", "JWT"]
    /// Final word pairs that name a secret.
    static let secretPairs: Set<String> = ["PRIVATE_KEY", "API_KEY", "SECRET_KEY", "ACCESS_KEY", "CLIENT_SECRET", "SERVICE_KEY", "ROLE_KEY",
                                           "MASTER_KEY", "ADMIN_KEY", "SIGNING_KEY", "ENCRYPTION_KEY", "AUTH_KEY", "DEPLOY_KEY", "WEBHOOK_SECRET",
                                           "ACCESS_TOKEN", "AUTH_TOKEN", "REFRESH_TOKEN", "SESSION_SECRET"]
    /// Words that make a key public by design: Stripe/Clerk publishable keys, Supabase anon keys, captcha site keys,
    /// client tokens of browser SDKs, a public demo's login shown to visitors (linkwarden's `NEXT_PUBLIC_DEMO_PASSWORD`).
    static let publicWords: Set<String> = ["PUBLISHABLE", "ANON", "PUBLIC", "SITE", "SITEKEY", "CLIENT", "BROWSER", "MEASUREMENT", "SEARCH",
                                           "SEARCHONLY", "DEMO"]
    /// Vendors whose browser key is a public project identifier (analytics, maps, feature flags, captchas, Firebase).
    static let publicVendors: Set<String> = ["POSTHOG", "SEGMENT", "AMPLITUDE", "MIXPANEL", "MAPBOX", "MAPS", "FIREBASE", "PUSHER", "BUGSNAG",
                                             "HOTJAR", "INTERCOM", "CRISP", "TINYMCE", "HEAP", "FULLSTORY", "LOGROCKET", "GROWTHBOOK", "STATSIG",
                                             "LAUNCHDARKLY", "FLAGSMITH", "WALLETCONNECT", "RECAPTCHA", "TURNSTILE", "HCAPTCHA", "PLAUSIBLE",
                                             "UMAMI", "GA", "GTM", "ANALYTICS"]
    /// Final words many vendors also give the keys they issue for browsers (restricted by origin, or good only for
    /// ingesting or reading public data): `…_API_KEY`, `…_TOKEN`, `…_ACCESS_KEY`.
    static let browserIssuable: Set<String> = ["API_KEY", "APIKEY", "TOKEN", "ACCESS_KEY", "ACCESS_TOKEN"]
    /// Payment providers: they issue no browser `API_KEY` or `TOKEN`, but a bare `…_KEY` may be their publishable key.
    /// (Paddle's `TOKEN` is the exception, ``browserTokenVendors``.)
    static let paymentVendors: Set<String> = ["STRIPE", "PAYPAL", "PLAID", "SQUARE", "ADYEN", "PADDLE", "POLAR", "LEMONSQUEEZY"]
    /// Vendors that issue no browser keys: any key of theirs is a server credential wherever it is put (AI model and
    /// search APIs, code hosts, cloud and mail providers, databases, queues, chat bots).
    static let noBrowserKeyVendors: Set<String> = ["OPENAI", "AI", "LLM", "GPT", "CHATGPT", "GENAI", "GENERATIVE", "ANTHROPIC", "CLAUDE",
                                                   "GEMINI", "GROQ", "MISTRAL", "COHERE", "REPLICATE", "OPENROUTER", "PERPLEXITY", "DEEPSEEK",
                                                   "XAI", "AZURE", "HUGGINGFACE", "HF", "ELEVENLABS", "DEEPGRAM", "ASSEMBLYAI", "FIREWORKS",
                                                   "TOGETHER", "CEREBRAS", "STABILITY", "FAL", "VOYAGE", "JINA", "TAVILY", "SERPER", "SERPAPI",
                                                   "EXA", "FIRECRAWL", "PINECONE", "LANGSMITH", "GITHUB", "GH", "GITLAB", "BITBUCKET", "AWS",
                                                   "VERCEL", "NETLIFY", "CLOUDFLARE", "CF", "DIGITALOCEAN", "HEROKU", "RESEND", "SENDGRID",
                                                   "POSTMARK", "MAILGUN", "MAILCHIMP", "BREVO", "LOOPS", "TWILIO", "SLACK", "DISCORD", "TELEGRAM",
                                                   "TWITTER", "NOTION", "AIRTABLE", "LINEAR", "HUBSPOT", "DB", "DATABASE", "POSTGRES", "MONGO",
                                                   "MONGODB", "REDIS", "UPSTASH", "QSTASH", "KV", "NEON", "TURSO", "PLANETSCALE", "NPM", "ABLY",
                                                   "UPLOADTHING", "BLOB"]
    /// Vendors whose bare `TOKEN` is the one they issue for browsers, their server key being an `API_KEY`: Paddle's
    /// client-side token, which Paddle.js is initialised with and Paddle calls "safe to publish"
    /// (https://developer.paddle.com/paddle-js/about/client-side-tokens; civitai's `NEXT_PUBLIC_PADDLE_TOKEN`, batch 37).
    static let browserTokenVendors: Set<String> = ["PADDLE"]
    /// Words that may stand beside such a vendor in its browser token's name: a stage or the token's own kind.
    static let browserTokenWords: Set<String> = ["SANDBOX", "LIVE", "TEST", "PROD", "PRODUCTION", "DEV", "DEVELOPMENT", "STAGING", "CLIENT",
                                                 "SIDE", "JS", "PUBLIC"]
    /// Vendors whose `API_KEY` or `TOKEN` is never a browser key.
    static let serverKeyVendors = noBrowserKeyVendors.union(paymentVendors)
    /// Words that make an `API_KEY` or `TOKEN` a server one (a write, management, bearer, bot or cron token, an
    /// internal or backend key); unlike ``serverWords`` they do not override a public vendor (Segment's write key).
    static let serverRoleWords: Set<String> = ["WRITE", "MANAGEMENT", "BEARER", "BOT", "CRON", "INTERNAL", "BACKEND", "ROOT"]
    /// Words that say which API a key is for without naming a vendor: `VITE_API_KEY`, `NEXT_PUBLIC_API_TOKEN` are
    /// the app's own backend keys.
    static let vendorless: Set<String> = ["API", "ACCESS", "APP"]
    /// Words that make any key a server key, whatever else the name says.
    static let serverWords: Set<String> = ["PRIVATE", "SERVICE", "SERVER", "ADMIN", "MASTER", "PERSONAL", "ROLE", "SECRET"]
    /// Words that make the name a flag or a setting about a secret, not the secret: `DISABLE_PASSWORD_LOGIN`.
    static let flagWords: Set<String> = ["DISABLE", "DISABLED", "ENABLE", "ENABLED", "SHOW", "HIDE", "ALLOW", "USE", "REQUIRE", "REQUIRED",
                                         "IS", "HAS", "SKIP", "FORCE", "NO", "WITH", "WITHOUT", "FEATURE", "FLAG"]

    /// A word of the name says a server role beyond `SECRET`: ``serverWords`` (`ADMIN`, `PRIVATE`, `SERVICE`, …) or
    /// ``serverRoleWords`` (`WRITE`, `MANAGEMENT`, …).
    package static func saysServerRole(_ name: String) -> Bool {
        !Set(tokens(name)).isDisjoint(with: serverWords.subtracting(["SECRET"]).union(serverRoleWords))
    }

    /// Spelled like an env var name: an upper-case letter, then upper-case letters, digits and `_` (2–128 in all).
    static func isEnvLike(_ word: String) -> Bool {
        let units = word.utf8
        guard units.count >= 2, units.count <= 128, let first = units.first, first >= 0x41 && first <= 0x5A else { return false }
        return units.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// The words of a name, upper-cased.
    package static func tokens(_ name: String) -> [String] {
        name.uppercased().split(separator: "_").map(String.init)
    }

    /// The final words that make `tokens` name a secret, and how surely; nil when they do not.
    static func secretEnding(_ tokens: [String]) -> (words: String, confidence: Confidence)? {
        guard let last = tokens.last else { return nil }
        if tokens.count >= 2 {
            let pair = tokens[tokens.count - 2] + "_" + last
            if secretPairs.contains(pair) { return (pair, browserIssuable.contains(pair) ? .vendorKey : .certain) }
        }
        if secretLast.contains(last) { return (last, browserIssuable.contains(last) ? .vendorKey : .certain) }
        if last == "KEY" && tokens.count >= 2 { return (last, .possible) }
        return nil
    }

    /// A name with a client-bundle prefix whose remaining words name a secret; nil for anything else.
    package static func clientExposedSecret(_ name: String) -> ClientExposure? {
        let upper = name.uppercased()
        guard let prefix = clientPrefixes.first(where: upper.hasPrefix) else { return nil }
        let rest = tokens(String(upper.dropFirst(prefix.count))).filter { !$0.isEmpty }
        guard let ending = secretEnding(rest) else { return nil }
        let words = Set(rest)
        if !words.isDisjoint(with: flagWords) { return nil }
        let server = !words.isDisjoint(with: serverWords)
        // a captcha's site key is public by design, whichever vendor issues it (Cloudflare Turnstile's
        // `PUBLIC_CLOUDFLARE_SITE_KEY`, refly; Cloudflare's other keys are server ones)
        if !server, rest.last == "SITEKEY" || rest.suffix(2) == ["SITE", "KEY"] { return nil }
        // likewise an anon or publishable key, whatever else the name says: chat-langchain's per-region Supabase projects
        // (`NEXT_PUBLIC_SUPABASE_AWS_ANON_KEY`: `AWS` names where the project runs, not an AWS key; batch 14)
        if !server, rest.last == "KEY", let before = rest.dropLast().last, before == "ANON" || before == "PUBLISHABLE" { return nil }
        // a vendor's browser token (Paddle's client-side token): a bare `TOKEN` with only the vendor, a stage or a client
        // word before it; `…_PADDLE_API_TOKEN`, `…_WEBHOOK_TOKEN`, `…_NOTIFICATION_TOKEN`, `…_SIGNING_TOKEN`,
        // `…_VENDOR_TOKEN` are server secrets (rules 2026.12.70, a review of .67)
        if !server, ending.words == "TOKEN", !words.isDisjoint(with: browserTokenVendors),
           Set(rest.dropLast()).isSubset(of: browserTokenVendors.union(browserTokenWords)) { return nil }
        // a vendor that issues no browser keys has none, whatever else the name says (`…_OPENAI_CLIENT_TOKEN`)
        if !server && words.isDisjoint(with: noBrowserKeyVendors) {
            if !words.isDisjoint(with: publicWords) && ending.words != "CLIENT_SECRET" { return nil }
            if !words.isDisjoint(with: publicVendors) { return nil }
        }
        let named = Set(rest.dropLast(ending.words.split(separator: "_").count))  // the words before the ending
        let confidence: Confidence
        switch ending.confidence {
        case .certain: confidence = .certain
        case .vendorKey:
            confidence = server || named.isSubset(of: vendorless) || !words.isDisjoint(with: serverKeyVendors)
                || !words.isDisjoint(with: serverRoleWords) ? .certain : .vendorKey
        case .possible:
            confidence = server || !words.isDisjoint(with: noBrowserKeyVendors) ? .certain : .possible
        }
        return ClientExposure(prefix: prefix, secretWords: ending.words, confidence: confidence)
    }

    /// Whether the name's final words name a credential (`STRIPE_SECRET_KEY`, `SMTP_PASSWORD`, `OPENAI_API_KEY`).
    /// Words of a switch: a variable named with one (`NEXT_DEBUG_AUTH`, `AI_FEATURES_ENABLED`, `USE_PLAYWRIGHT_PDF`,
    /// `IS_CLOUD`) is read as a boolean, and unset reads as off.
    static let switchWords: Set<String> = ["DEBUG", "VERBOSE", "ENABLE", "ENABLED", "DISABLE", "DISABLED", "IS", "USE", "FORCE", "SKIP",
                                           "SHOW", "HIDE", "ALLOW", "FEATURE", "FEATURES", "FLAG", "DRY", "MAINTENANCE"]

    /// The switch word of a flag's name; nil for a name that is not a flag (or names a credential).
    package static func flagWord(_ name: String) -> String? {
        let words = tokens(name)
        guard secretEnding(words) == nil else { return nil }
        return words.first { switchWords.contains($0) }
    }

    /// Words of a tuning setting, the name's last (`…_TIMEOUT`, `…_TTL`, `…_MAX_QUEUE_SIZE`, `SENTRY_TRACES_SAMPLE_RATE`),
    /// after any unit (`_MS`, `_SEC`, `_BYTES`): a number the code or its library has a working value for.
    static let tuningWords: Set<String> = ["TIMEOUT", "TTL", "INTERVAL", "DELAY", "BACKOFF", "RETRIES", "RETRY", "ATTEMPTS", "CONCURRENCY",
                                           "LIMIT", "SIZE", "THRESHOLD"]
    /// Last words that name a resource the app uses (`AUDIT_LOG_DATABASE_URL`, `LOG_BUCKET`, `MAX_HOST`): never a tuning
    /// setting, whatever words come before.
    static let resourceWords: Set<String> = ["URL", "URI", "URLS", "HOST", "HOSTNAME", "DSN", "BUCKET", "DATABASE", "DB", "TABLE",
                                             "ENDPOINT", "ID", "IDS", "ARN", "TOPIC", "QUEUE", "STREAM", "INDEX", "DOMAIN", "ADDRESS",
                                             "ADDR", "REGION", "PROJECT", "DATASET", "CHANNEL"]
    static let billingWords: Set<String> = ["PRICE", "PRICES", "PLAN", "PLANS", "PRODUCT", "PRODUCTS", "SKU", "TIER"]
    static let units: Set<String> = ["MS", "MILLIS", "SEC", "SECS", "SECONDS", "S", "MIN", "MINS", "MINUTES", "HOURS", "DAYS",
                                     "BYTES", "KB", "MB", "GB", "PERCENT", "PCT"]

    /// The tuning word of a tuning or logging setting's name (rules 2026.12.63): the last word after any unit is a tuning
    /// word (`WORKER_TIMEOUT_MS`); or a word is `LOG` or `LOGGING` (`LOG_FILE`, `APP_LOG_QUERIES`); or the word
    /// before the last is `MAX` or `MIN` (`SCALEBOX_MAX_SANDBOXES`, `MAX_LOOPS`); or the name ends in `SAMPLE_RATE`. Nil
    /// for a name any of whose words suggests a credential (`TOKEN_TTL` stays a token's, `LOG_DRAIN_TOKEN` a token).
    package static func tuningWord(_ name: String) -> String? {
        var words = tokens(name)
        guard !isCredentialLike(name) else { return nil }
        while words.count > 1, let last = words.last, units.contains(last) { words.removeLast() }
        guard let last = words.last, !resourceWords.contains(last),
              // a billing id (`STRIPE_PRICE_NO_LIMIT`, `PLAN_SIZE_ID`) is the product's, whatever its words
              words.allSatisfy({ !billingWords.contains($0) }) else { return nil }
        if tuningWords.contains(last) { return last }
        // `LOGS` is left out: a logs bucket or stream (`SUPABASE_S3_LOGS_BUCKET`) is the product's data, not its logging
        if let log = words.first(where: { $0 == "LOG" || $0 == "LOGGING" }) { return log }
        guard words.count >= 2 else { return nil }
        let before = words[words.count - 2]
        if before == "MAX" || before == "MIN" { return before }
        if last == "RATE", before == "SAMPLE" { return "SAMPLE_RATE" }
        return nil
    }

    /// The word that names a development or staging environment's setting (rules 2026.12.92): `DEV`, `DEVELOPMENT` or
    /// `STAGING` as a whole word — plumber's `M365_LOCAL_DEV_CLIENT_ID` (a tenant built only outside `prod`), manifold's
    /// `DEV_ADMIN_SUPABASE_KEY`, sprig's `DEV_CODE` (held-out batches 69–72), agora's `SERVERSIDE_RPC_SECRET_DEV`: production
    /// runs with its own settings. Of such names labelled on the held-out batches, 16 of 18 were not needed by the owners'
    /// production (the two needed: nango's `NANGO_SHARED_DEV_ACCOUNT_UUID`, and plumber's `FORMSG_STAGING_API_KEY`, FormSG's
    /// staging key that plumber checks at load — a read that asserts or a check that stops keeps it high). Not a
    /// vendor's name: dev.to (`DEV_TO_API_KEY`), logo.dev (`LOGO_DEV_TOKEN`); not `DEVICE`, `DEVELOPER` or `LOCAL`
    /// (local disk storage is production's too).
    package static func developmentWord(_ name: String) -> String? {
        let words = tokens(name)
        for (i, word) in words.enumerated() where word == "DEV" || word == "DEVELOPMENT" || word == "STAGING" {
            if word == "DEV", (i + 1 < words.count && words[i + 1] == "TO") || (i > 0 && words[i - 1] == "LOGO") { continue }
            return word
        }
        return nil
    }

    /// What a setting names that every client library gives a standard value when it is unset (rules 2026.12.91): a
    /// Redis database number (`REDIS_DB`, `REDIS_CELERY_RESULTS_DB`, `LAGO_REDIS_STORE_DB`: database 0) and the port
    /// of a mail server (`SMTP_PORT`, `MAIL_PORT`, `EMAIL_PORT`: nodemailer takes 587, or 465 when secure; Ruby's
    /// Net::SMTP 25). Code that reads it without a default often hands on nothing (`Number(undefined)` is NaN, which
    /// nodemailer and node-postgres take for unset; `filter(None, …)` drops it; `Redis(db=None)` selects no database).
    /// Of the names labelled on the held-out batches, 8 of 9 Redis database numbers were not needed by the owners'
    /// production (the ninth, novu's, a validator asserts) and 11 of 14 mail ports (two of the three needed are asserted:
    /// `ENV.fetch`, `invariant`). Not the port of any other server (a Redis or database port in a URL
    /// the code builds breaks it), nor a database name (`POSTGRES_DB`).
    package static func standardValue(_ name: String) -> String? {
        let words = tokens(name)
        guard let last = words.last, words.count >= 2, !isCredentialLike(name) else { return nil }
        if words.contains("REDIS") {
            let number = last == "DB" || last == "DATABASE"
                || (["INDEX", "NUMBER", "NUM"].contains(last) && ["DB", "DATABASE"].contains(words[words.count - 2]))
            if number { return "a Redis database number, 0 when unset" }
        }
        // not an HTTP service's or a worker's own port (`EMAIL_SERVICE_PORT`, `MAILER_PORT`; a review of .91)
        if last == "PORT", words.dropLast().contains(where: { ["SMTP", "MAIL", "EMAIL"].contains($0) }),
           !words.contains(where: { ["SERVICE", "API", "HTTP", "WORKER", "WEB"].contains($0) }) {
            return "a mail server's port, the protocol's standard one when unset"
        }
        return nil
    }

    /// The setting of Sentry's build-time source-map upload a name is (rules 2026.12.94): sentry-cli and the bundler
    /// plugins built on it read `SENTRY_AUTH_TOKEN`, `SENTRY_ORG` and `SENTRY_PROJECT` (a bundle's `VITE_SENTRY_ORG`, a
    /// monorepo's `SENTRY_FRONTEND_PROJECT`, `SENTRY_PRJ`), while the app's SDK reports with its DSN alone: a build
    /// without them uploads no source maps and the app runs. Of such names labelled on the held-out batches, none of 11
    /// (in 5 repositories) was needed by the owners' production. Nil for any other name (`SENTRY_DSN`,
    /// `SENTRY_ENVIRONMENT`), and since .95 for `SENTRY_URL`, which sentry-cli reads for a self-hosted server but many
    /// apps name their DSN (`dsn: process.env.SENTRY_URL`; a review of .94).
    package static func sourceMapUploadWord(_ name: String) -> String? {
        let words = tokens(name)
        guard let sentry = words.firstIndex(of: "SENTRY"), let last = words.last else { return nil }
        let tail = words[(sentry + 1)...]  // empty for `SENTRY`, `PROJECT_SENTRY`: none of the shapes below
        if tail.count == 2, tail.first == "AUTH", last == "TOKEN" { return "SENTRY_AUTH_TOKEN" }
        if tail.count == 1, ["ORG", "ORGANIZATION", "PROJECT", "PRJ"].contains(last) { return "SENTRY_" + last }
        if tail.count == 2, last == "PROJECT" { return "SENTRY_…_PROJECT" }
        return nil
    }

    /// The word that names a telemetry export setting (rules 2026.12.72, narrowed in .76 after a review): a name with the
    /// word `OTEL` (OpenTelemetry's prefix, each of whose specified settings has a default) or `OTLP` (its protocol) —
    /// where traces, metrics or logs are sent (`OTEL_EXPORTER_OTLP_ENDPOINT`, `LOGFLARE_OTEL_ACCESS_TOKEN`). Without it
    /// the service runs and its telemetry goes nowhere or to a default. Not `TELEMETRY`, `TRACING` or `TRACES` alone:
    /// those name a product's own data as often (a fleet's vehicle telemetry, an LLM-tracing product's traces store).
    /// Nil when any word names a store or a pipeline the app keeps data in (`OTEL_TRACES_DATABASE_URL`,
    /// `OTLP_INGEST_SECRET`, `OTEL_COLLECTOR_URL` of a product that forwards its customers' spans): an observability
    /// product's telemetry is its users' data.
    package static func telemetryWord(_ name: String) -> String? {
        let words = tokens(name)
        guard words.allSatisfy({ !dataStoreWords.contains($0) }) else { return nil }
        return words.first { $0 == "OTEL" || $0 == "OTLP" }
    }

    static let dataStoreWords: Set<String> = ["BUCKET", "DATABASE", "DB", "TABLE", "TOPIC", "QUEUE", "STREAM", "INDEX", "DATASET",
                                              "CLICKHOUSE", "POSTGRES", "PG", "MYSQL", "REDIS", "KAFKA", "S3", "MQTT", "INFLUX",
                                              "INFLUXDB", "ELASTIC", "ELASTICSEARCH", "OPENSEARCH", "INGEST", "INGESTION", "COLLECTOR"]

    /// The word that names a setting for the test suite or a test mode (`DB_TEST_PASSWORD`, `STRIPE_SECRET_KEY_TEST`,
    /// `TESTS_ORG`; rules 2026.12.64), or for a test double that stands in for a real service (`OMNIAUTH_ENTRAID_MOCK_PASSWORD`,
    /// `DATA_ACCESS_API_MOCK_BEARER_TOKEN`: laa-apply's mock sign-in, off in production; held-out batch 65; rules
    /// 2026.12.88): production runs with its live settings. Whole words only (`LATEST_`, `ATTEST_`, `MOCKINGBIRD_` are not).
    package static func testWord(_ name: String) -> String? {
        let words = tokens(name)
        // an A/B or split test is a product feature (`AB_TEST_API_KEY`), not the test suite
        guard zip(words, words.dropFirst()).allSatisfy({ !(["AB", "SPLIT"].contains($0.0) && $0.1.hasPrefix("TEST")) }) else { return nil }
        if let word = words.first(where: { ["TEST", "TESTS", "TESTING"].contains($0) }) { return word }
        // nginx's `stub_status` is a production monitoring endpoint (`NGINX_STUB_STATUS_URL`)
        return words.indices.first { i in
            doubleWords.contains(words[i]) && !(words[i] == "STUB" && words.indices.contains(i + 1) && words[i + 1] == "STATUS")
        }.map { words[$0] }
    }

    /// Words naming a test double (rules 2026.12.88). Weaker than `TEST`: a read that asserts the name is set keeps it
    /// (``NameSort/of(_:_:modelProviders:)``) — `os.environ["FAKE_EMAIL_CHECKER_API_KEY"]` names a product's service.
    package static let doubleWords: Set<String> = ["MOCK", "MOCKS", "FAKE", "STUB", "STUBS"]

    /// Enterprise identity providers and single-sign-on protocols (rules 2026.12.64). Configured from the environment,
    /// one is the sign-in of a whole deployment: a self-hosted organisation's (keep's Keycloak, Okta and OneLogin beside
    /// the Auth0 its cloud uses; lmnr's, linkwarden's, teable's), offered only when configured. Auth0, Clerk and
    /// Cognito are left out: a startup's own sign-in is often one of them.
    static let identityProviders: Set<String> = ["OKTA", "KEYCLOAK", "ONELOGIN", "AUTHENTIK", "ZITADEL", "FUSIONAUTH", "DUENDE",
                                                 "OSSO", "ENTRA", "AZUREAD", "OIDC", "SAML", "LDAP", "PINGONE", "JUMPCLOUD", "CASDOOR"]

    /// Vendors of language models whose API keys an app reads to offer their models (rules 2026.12.86), longest first:
    /// `AZURE_OPENAI_API_KEY` is Azure's, `GOOGLE_GENERATIVE_AI_API_KEY` Google's. Not search, voice or tool APIs
    /// (`TAVILY`, `EXA`, `ELEVENLABS`): those are features, not alternatives.
    static let modelProviders: [[String]] = [
        ["GOOGLE", "GENERATIVE", "AI"], ["AZURE", "OPENAI"], ["VERTEX", "AI"], ["GOOGLE", "AI"], ["OPENAI"], ["ANTHROPIC"], ["GEMINI"],
        ["XAI"], ["GROQ"], ["DEEPSEEK"], ["MISTRAL"], ["PERPLEXITY"], ["OPENROUTER"], ["TOGETHER"], ["COHERE"], ["FIREWORKS"],
        ["REPLICATE"], ["HUGGINGFACE"], ["CEREBRAS"], ["MOONSHOT"], ["DASHSCOPE"], ["QWEN"], ["ZHIPU"], ["SAMBANOVA"], ["DEEPINFRA"],
        ["NOVITA"], ["HYPERBOLIC"], ["AI21"], ["LEPTON"], ["BEDROCK"], ["NVIDIA"], ["KIMI"], ["MINIMAX"], ["VOYAGE"],
    ]
    static let keyEndings: [[String]] = [["API", "KEY"], ["API", "TOKEN"], ["SECRET", "KEY"], ["ACCESS", "KEY"], ["KEY"], ["TOKEN"]]

    /// The model vendor whose key a name holds (`OPENAI_API_KEY` → `OPENAI`, `LLM_AZURE_OPENAI_API_KEY` → `AZURE_OPENAI`);
    /// nil for any other name (`OPENAI_BASE_URL`, `TAVILY_API_KEY`).
    package static func modelProvider(_ name: String) -> String? {
        let words = tokens(name)
        guard let ending = keyEndings.first(where: { words.count > $0.count && Array(words.suffix($0.count)) == $0 }) else { return nil }
        let head = Array(words.dropLast(ending.count))
        for vendor in modelProviders where head.count >= vendor.count {
            for start in 0...(head.count - vendor.count) where Array(head[start..<(start + vendor.count)]) == vendor {
                return vendor.joined(separator: "_")
            }
        }
        return nil
    }

    /// The identity provider a name configures (`OKTA_CLIENT_SECRET`, `AUTH_AZURE_AD_TENANT_ID`, `BACKEND_OIDC_ISSUER`).
    package static func identityProvider(_ name: String) -> String? {
        let words = tokens(name)
        // a cloud's workload identity (`AWS_OIDC_ROLE_ARN`) is no sign-in; Azure AD B2C is a customer sign-in, often an
        // app's own (as Auth0 or Clerk are)
        guard Set(words).isDisjoint(with: ["AWS", "GCP", "ROLE", "ARN", "WORKLOAD", "FEDERATION", "B2C"]) else { return nil }
        if let vendor = words.first(where: identityProviders.contains) { return vendor }
        if let azure = words.firstIndex(of: "AZURE"), words.dropFirst(azure + 1).first == "AD" { return "AZURE_AD" }
        return nil
    }

    package static func namesCredential(_ name: String) -> Bool {
        let words = tokens(name)
        return !Set(words).isDisjoint(with: flagWords) ? false : secretEnding(words) != nil
    }

    /// Whether any word of the name suggests a credential; broader than ``namesCredential(_:)``, used to decide
    /// what is never shown (a default written in code for such a name).
    package static func isCredentialLike(_ name: String) -> Bool {
        let sensitive: Set<String> = ["SECRET", "TOKEN", "PASSWORD", "PASSWD", "PASS", "PWD", "KEY", "APIKEY", "SECRETKEY", "PRIVATEKEY",
                                      "CREDENTIAL", "CREDENTIALS", "PRIVATE", "SALT", "JWT", "DSN", "AUTH", "COOKIE", "SESSION",
                                      "SIGNATURE", "CERT", "PASSPHRASE", "PEPPER", "HMAC", "WEBHOOK"]
        return !Set(tokens(name)).isDisjoint(with: sensitive)
    }
}

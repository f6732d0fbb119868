import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit

/// A read into an exported config object, judged where the object's property is used (issue 17, env-high precision;
/// rules 2026.12.94): hotosm fAIr's `ENVS.FAIR_VERSION || "v0.1"`, france-chaleur-urbaine's
/// `clientConfig.tracking.hotjarId &&`, yearn's `env.NEXT_PUBLIC_KONG_REST_URL || 'https://…'` (held-out batches 73–77).
@Suite struct EnvConfigObjectTests {
    static let envModule = ("frontend/src/config/env.ts", """
        /** The environment variables. */
        export const ENVS = {
          BASE_API_URL: import.meta.env.VITE_BASE_API_URL,
          /**
           The current version of the application.
           This is used in the OSM redirect callback when a training area is opened in OSM.
           Data type: String (e.g., v1.1).
           Default value: "v0.1".
          */
          FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,
          KPI_STATS_CACHE_TIME: import.meta.env.VITE_KPI_STATS_CACHE_TIME,
          "MAX_ZOOM_LEVEL": import.meta.env.VITE_MAX_ZOOM_LEVEL,
          STRIPE_SECRET_KEY: import.meta.env.VITE_STRIPE_SECRET_KEY,
          MAPBOX_TOKEN: import.meta.env.VITE_MAPBOX_TOKEN,
          PREDICTOR: wrap(import.meta.env.VITE_PREDICTOR_URL),
          tracking: {
            hotjarId: import.meta.env.VITE_HOTJAR_ID,
            matomoId: import.meta.env.VITE_MATOMO_ID,
          },
        };
        """)

    /// Each read's fallback kind and what it shows, `plain` for none.
    static func judged(_ files: [(String, String)]) -> [String: String] {
        EnvConditionTests.collect(files).mapValues { reads in
            reads.map { read in read.fallback.map { $0.kind.rawValue + ($0.shown.map { " " + $0 } ?? "") } ?? "plain" }.joined(separator: ",")
        }
    }

    @Test(arguments: [
        // a default, a numeric conversion's default, a presence test, an `&&` guard, an alias tested for presence
        ("export const FAIR_VERSION = ENVS.FAIR_VERSION || \"v0.1\";", "VITE_FAIR_VERSION", "handled-where-used ENVS.FAIR_VERSION at frontend/src/lib/c.ts:2"),
        ("const ttl = (Number(ENVS.KPI_STATS_CACHE_TIME) || 900) * 1000;", "VITE_KPI_STATS_CACHE_TIME", "handled-where-used ENVS.KPI_STATS_CACHE_TIME at frontend/src/lib/c.ts:2"),
        ("export const MAX = ENVS?.MAX_ZOOM_LEVEL ?? 22;", "VITE_MAX_ZOOM_LEVEL", "handled-where-used ENVS.MAX_ZOOM_LEVEL at frontend/src/lib/c.ts:2"),
        ("if (ENVS.tracking.hotjarId) { hj(ENVS.tracking.hotjarId); }", "VITE_HOTJAR_ID", "handled-where-used ENVS.tracking.hotjarId at frontend/src/lib/c.ts:2"),
        ("const on = ENVS.tracking.hotjarId && ready;", "VITE_HOTJAR_ID", "handled-where-used ENVS.tracking.hotjarId at frontend/src/lib/c.ts:2"),
        ("const hidden = !ENVS.tracking.matomoId || optedOut;", "VITE_MATOMO_ID", "handled-where-used ENVS.tracking.matomoId at frontend/src/lib/c.ts:2"),
        ("export function base() {\n  const url = ENVS.BASE_API_URL;\n  if (!url) return '/api';\n  return url;\n}", "VITE_BASE_API_URL",
         "handled-where-used ENVS.BASE_API_URL at frontend/src/lib/c.ts:3"),
        // a plain use, a use further down a chain, a credential defaulted to nothing, a property read in a call
        ("export const client = axios.create({ baseURL: ENVS.BASE_API_URL });", "VITE_BASE_API_URL", "plain"),
        ("const v = ENVS.FAIR_VERSION.trim() || 'v0.1';", "VITE_FAIR_VERSION", "plain"),
        ("const stripe = new Stripe(ENVS.STRIPE_SECRET_KEY || '');", "VITE_STRIPE_SECRET_KEY", "plain"),
        ("const u = ENVS.PREDICTOR || 'https://p.example';", "VITE_PREDICTOR_URL", "plain"),
        // `|| throw`-like operands stop without it
        ("const t = ENVS.MAPBOX_TOKEN ?? missing('MAPBOX_TOKEN');", "VITE_MAPBOX_TOKEN", "plain"),
    ])
    func judgedWhereUsed(use: String, name: String, expected: String) {
        let user = ("frontend/src/lib/c.ts", "import { ENVS } from \"../config/env\";\n" + use)
        #expect(Self.judged([Self.envModule, user])[name] == expected, "\(use)")
    }

    @Test func aCheckThatStopsWithoutItOutranksADefault() {
        let defaulted = ("frontend/src/a.ts", "import { ENVS } from \"./config/env\";\nexport const T = ENVS.MAPBOX_TOKEN || 'pk.public';")
        let enforced = ("frontend/src/b.ts", "import { ENVS } from \"./config/env\";\nif (!ENVS.MAPBOX_TOKEN) { throw new Error('MAPBOX_TOKEN'); }")
        #expect(Self.judged([Self.envModule, defaulted])["VITE_MAPBOX_TOKEN"] == "handled-where-used ENVS.MAPBOX_TOKEN at frontend/src/a.ts:2")
        #expect(Self.judged([Self.envModule, defaulted, enforced])["VITE_MAPBOX_TOKEN"] == "plain")
        #expect(Self.judged([Self.envModule, enforced, defaulted])["VITE_MAPBOX_TOKEN"] == "plain")
    }

    @Test func onlyThatObjectImportedFromThatModuleInProductionCode() {
        let other = ("frontend/src/c.ts", "import { ENVS } from \"./settings\";\nexport const V = ENVS.FAIR_VERSION || 'v0.1';")
        let otherObject = ("frontend/src/d.ts", "import { CONFIG } from \"./config/env\";\nexport const V = CONFIG.FAIR_VERSION || 'v0.1';")
        let notImported = ("frontend/src/e.ts", "export const V = ENVS.FAIR_VERSION || 'v0.1';")
        let inTest = ("frontend/src/c.test.ts", "import { ENVS } from \"./config/env\";\nexpect(ENVS.FAIR_VERSION || 'v0.1').toBe('v0.1');")
        // the same file name in another folder of a monorepo, imported by a relative path
        let otherPackage = ("backend/src/c.ts", "import { ENVS } from \"./config/env\";\nexport const V = ENVS.FAIR_VERSION || 'v0.1';")
        // used only in a Vite development build
        let devOnly = ("frontend/src/f.ts", "import { ENVS } from \"./config/env\";\nif (import.meta.env.DEV) { console.info(ENVS.FAIR_VERSION ?? '(unset)'); }")
        let named = ("frontend/src/main.ts", "import { ENVS } from \"./config/env\";\nrender(ENVS);")  // so the object is no dead code
        for file in [other, otherObject, notImported, inTest, otherPackage, devOnly] {
            #expect(Self.judged([Self.envModule, named, file])["VITE_FAIR_VERSION"] == "plain", "\(file.0)")
        }
    }

    @Test func onlyAnExportedObjectsOwnValues() {
        let local = ("src/config.ts", "const ENVS = {\n  FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,\n};\nexport default ENVS;")
        let called = ("src/config.ts", "export const ENVS = build({\n  FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,\n});")
        let inArray = ("src/config.ts", "export const ENVS = {\n  versions: [import.meta.env.VITE_FAIR_VERSION],\n};")
        let user = ("src/c.ts", "import { ENVS } from \"@/config\";\nexport const V = ENVS.FAIR_VERSION || 'v0.1';\nconst w = ENVS.versions || [];")
        for definition in [local, called, inArray] {
            #expect(Self.judged([definition, user])["VITE_FAIR_VERSION"] == "plain", "\(definition.1)")
        }
        let typed = ("src/config.ts", "export const ENVS: Record<string, string | undefined> = {\n  FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,\n};")
        #expect(Self.judged([typed, user])["VITE_FAIR_VERSION"] == "handled-where-used ENVS.FAIR_VERSION at src/c.ts:2")
    }

    /// What the audit says: optional, naming where the property is handled; still required for a credential left empty.
    @Test func theNeedSaysWhereItIsHandled() {
        let user = ("frontend/src/lib/c.ts", "import { ENVS } from \"../config/env\";\nexport const FAIR_VERSION = ENVS.FAIR_VERSION || \"v0.1\";")
        let reads = EnvConditionTests.collect([Self.envModule, user])
        guard case .optional(let because) = EnvNeed.judge("VITE_FAIR_VERSION", reads: reads["VITE_FAIR_VERSION"] ?? [], defined: [], marker: nil) else {
            Issue.record("not optional"); return
        }
        #expect(because == ["read at frontend/src/config/env.ts:10 into an exported config object, whose property the code defaults or checks for presence where it uses it (ENVS.FAIR_VERSION at frontend/src/lib/c.ts:2)"])
    }

    /// The review of .94 (rules 2026.12.95): the whole key path, not its last key; a default counts only where no use
    /// passes the value on as it is, and not a development one; a test anywhere, in any file order.
    @Test func theReviewOfNinetyFour() {
        let config = ("src/config.ts", """
            export const config = {
              database: { url: process.env.DATABASE_URL },
              redis: { url: process.env.REDIS_URL },
              api: { url: process.env.API_URL, key: process.env.API_KEY },
            };
            """)
        let cache = ("src/cache.ts", "import { config } from './config';\nexport const redis = new Redis(config.redis.url || 'redis://cache.internal:6379');")
        let db = ("src/db.ts", "import { config } from './config';\nexport const db = new Pool({ connectionString: config.database.url });")
        let judged = Self.judged([config, cache, db])
        #expect(judged["REDIS_URL"] == "handled-where-used config.redis.url at src/cache.ts:2")
        #expect(judged["DATABASE_URL"] == "plain")
        // a default in one file and the value passed on as it is in another: needed
        let client = ("src/client.ts", "import { config } from './config';\nexport const api = axios.create({ baseURL: config.api.url });")
        let ws = ("src/ws.ts", "import { config } from './config';\nexport const ws = new WebSocket(config.api.url || 'wss://api.example.com');")
        #expect(Self.judged([config, ws])["API_URL"] == "handled-where-used config.api.url at src/ws.ts:2")
        #expect(Self.judged([config, ws, client])["API_URL"] == "plain")
        // a development default is none
        let local = ("src/ws.ts", "import { config } from './config';\nexport const ws = new WebSocket(config.api.url || 'http://localhost:8000');")
        #expect(Self.judged([config, local])["API_URL"] == "plain")
        // a test anywhere handles it, whichever file comes first
        let empty = ("src/a.ts", "import { config } from './config';\nexport const k = sign(config.api.key || '');")
        let tested = ("src/b.ts", "import { config } from './config';\nif (config.api.key) { enableSigning(); }")
        #expect(Self.judged([config, empty])["API_KEY"] == "plain")
        #expect(Self.judged([config, empty, tested])["API_KEY"] == "handled-where-used config.api.key at src/b.ts:2")
        #expect(Self.judged([config, tested, empty])["API_KEY"] == "handled-where-used config.api.key at src/b.ts:2")
        // the first use by location is shown, whatever the order of files and of the ways they import the object
        let relative = ("src/a.ts", "import { config } from './config';\nif (config.api.key) { enableSigning(); }")
        let aliased = ("src/z.ts", "import { config } from '@/config';\nif (config.api.key) { enableAudit(); }")
        let relativeToo = ("src/b.ts", "import { config } from './config';\nif (config.api.key) { enableSigning(); }")
        for files in [[config, relative, aliased], [config, aliased, relative], [config, relativeToo, relative], [config, relative, relativeToo]] {
            #expect(Self.judged(files)["API_KEY"] == "handled-where-used config.api.key at src/a.ts:2")
        }
        let wsA = ("src/a.ts", "import { config } from './config';\nexport const ws = new WebSocket(config.api.url || 'wss://a.example.com');")
        let wsB = ("src/b.ts", "import { config } from './config';\nexport const ws = new WebSocket(config.api.url || 'wss://b.example.com');")
        for files in [[config, wsA, wsB], [config, wsB, wsA]] {
            #expect(Self.judged(files)["API_URL"] == "handled-where-used config.api.url at src/a.ts:2")
        }
    }
}

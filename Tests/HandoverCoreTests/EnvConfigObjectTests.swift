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
        ("export const FAIR_VERSION = ENVS.FAIR_VERSION || \"v0.1\";", "VITE_FAIR_VERSION", "handled-where-used ENVS.FAIR_VERSION at src/c.ts:2"),
        ("const ttl = (Number(ENVS.KPI_STATS_CACHE_TIME) || 900) * 1000;", "VITE_KPI_STATS_CACHE_TIME", "handled-where-used ENVS.KPI_STATS_CACHE_TIME at src/c.ts:2"),
        ("export const MAX = ENVS?.MAX_ZOOM_LEVEL ?? 22;", "VITE_MAX_ZOOM_LEVEL", "handled-where-used ENVS.MAX_ZOOM_LEVEL at src/c.ts:2"),
        ("if (ENVS.tracking.hotjarId) { hj(ENVS.tracking.hotjarId); }", "VITE_HOTJAR_ID", "handled-where-used ENVS.hotjarId at src/c.ts:2"),
        ("const on = ENVS.tracking.hotjarId && ready;", "VITE_HOTJAR_ID", "handled-where-used ENVS.hotjarId at src/c.ts:2"),
        ("const hidden = !ENVS.tracking.matomoId || optedOut;", "VITE_MATOMO_ID", "handled-where-used ENVS.matomoId at src/c.ts:2"),
        ("export function base() {\n  const url = ENVS.BASE_API_URL;\n  if (!url) return '/api';\n  return url;\n}", "VITE_BASE_API_URL",
         "handled-where-used ENVS.BASE_API_URL at src/c.ts:3"),
        // a plain use, a use further down a chain, a credential defaulted to nothing, a property read in a call
        ("export const client = axios.create({ baseURL: ENVS.BASE_API_URL });", "VITE_BASE_API_URL", "plain"),
        ("const v = ENVS.FAIR_VERSION.trim() || 'v0.1';", "VITE_FAIR_VERSION", "plain"),
        ("const stripe = new Stripe(ENVS.STRIPE_SECRET_KEY || '');", "VITE_STRIPE_SECRET_KEY", "plain"),
        ("const u = ENVS.PREDICTOR || 'https://p.example';", "VITE_PREDICTOR_URL", "plain"),
        // `|| throw`-like operands stop without it
        ("const t = ENVS.MAPBOX_TOKEN ?? missing('MAPBOX_TOKEN');", "VITE_MAPBOX_TOKEN", "plain"),
    ])
    func judgedWhereUsed(use: String, name: String, expected: String) {
        let user = ("src/c.ts", "import { ENVS } from \"../config/env\";\n" + use)
        #expect(Self.judged([Self.envModule, user])[name] == expected, "\(use)")
    }

    @Test func aCheckThatStopsWithoutItOutranksADefault() {
        let defaulted = ("src/a.ts", "import { ENVS } from \"../config/env\";\nexport const T = ENVS.MAPBOX_TOKEN || 'pk.public';")
        let enforced = ("src/b.ts", "import { ENVS } from \"../config/env\";\nif (!ENVS.MAPBOX_TOKEN) { throw new Error('MAPBOX_TOKEN'); }")
        #expect(Self.judged([Self.envModule, defaulted])["VITE_MAPBOX_TOKEN"] == "handled-where-used ENVS.MAPBOX_TOKEN at src/a.ts:2")
        #expect(Self.judged([Self.envModule, defaulted, enforced])["VITE_MAPBOX_TOKEN"] == "plain")
        #expect(Self.judged([Self.envModule, enforced, defaulted])["VITE_MAPBOX_TOKEN"] == "plain")
    }

    @Test func onlyThatObjectImportedFromThatModuleInProductionCode() {
        let other = ("src/c.ts", "import { ENVS } from \"./settings\";\nexport const V = ENVS.FAIR_VERSION || 'v0.1';")
        let otherObject = ("src/d.ts", "import { CONFIG } from \"../config/env\";\nexport const V = CONFIG.FAIR_VERSION || 'v0.1';")
        let notImported = ("src/e.ts", "export const V = ENVS.FAIR_VERSION || 'v0.1';")
        let inTest = ("src/c.test.ts", "import { ENVS } from \"../config/env\";\nexpect(ENVS.FAIR_VERSION || 'v0.1').toBe('v0.1');")
        let named = ("src/main.ts", "import { ENVS } from \"../config/env\";\nrender(ENVS);")  // so the object is no dead code
        for file in [other, otherObject, notImported, inTest] {
            #expect(Self.judged([Self.envModule, named, file])["VITE_FAIR_VERSION"] == "plain", "\(file.0)")
        }
    }

    @Test func onlyAnExportedObjectsOwnValues() {
        let local = ("src/config.ts", "const ENVS = {\n  FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,\n};\nexport default ENVS;")
        let called = ("src/config.ts", "export const ENVS = build({\n  FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,\n});")
        let inArray = ("src/config.ts", "export const ENVS = {\n  versions: [import.meta.env.VITE_FAIR_VERSION],\n};")
        let user = ("src/c.ts", "import { ENVS } from \"./config\";\nexport const V = ENVS.FAIR_VERSION || 'v0.1';\nconst w = ENVS.versions || [];")
        for definition in [local, called, inArray] {
            #expect(Self.judged([definition, user])["VITE_FAIR_VERSION"] == "plain", "\(definition.1)")
        }
        let typed = ("src/config.ts", "export const ENVS: Record<string, string | undefined> = {\n  FAIR_VERSION: import.meta.env.VITE_FAIR_VERSION,\n};")
        #expect(Self.judged([typed, user])["VITE_FAIR_VERSION"] == "handled-where-used ENVS.FAIR_VERSION at src/c.ts:2")
    }

    /// What the audit says: optional, naming where the property is handled; still required for a credential left empty.
    @Test func theNeedSaysWhereItIsHandled() {
        let user = ("src/c.ts", "import { ENVS } from \"../config/env\";\nexport const FAIR_VERSION = ENVS.FAIR_VERSION || \"v0.1\";")
        let reads = EnvConditionTests.collect([Self.envModule, user])
        guard case .optional(let because) = EnvNeed.judge("VITE_FAIR_VERSION", reads: reads["VITE_FAIR_VERSION"] ?? [], defined: [], marker: nil) else {
            Issue.record("not optional"); return
        }
        #expect(because == ["read at frontend/src/config/env.ts:10 into an exported config object, whose property the code defaults or checks for presence where it uses it (ENVS.FAIR_VERSION at src/c.ts:2)"])
    }
}

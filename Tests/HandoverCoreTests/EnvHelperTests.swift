import Testing
@testable import HandoverModel
@testable import HandoverCollect

/// A read passed whole to a helper another module exports, which handles the parameter unset (issue 17, env-high
/// precision): growthbook's `parseEnvInt(process.env.X, default, …)` made 31 false highs in held-out batch 4.
@Suite struct EnvHelperTests {
    static let parseEnvInt = ("packages/shared/src/util/numbers.ts", """
        export function parseEnvInt(
          value: string | undefined,
          defaultValue: number,
          opts: ParseEnvIntOptions,
        ): number {
          if (value === undefined) return defaultValue;
          const n = parseOptionalInt(value);
          return n ?? defaultValue;
        }
        export const withDefault = (value: string | undefined, d: string) => { return value ?? d; };
        export const orDefault = (value = "https://api.example.com") => { return value; };
        export function required(value: string | undefined, name: string): string {
          if (value) return value;
          throw new Error(`${name} is required`);
        }
        export function requireEnv(value: string | undefined, name: string): string {
          if (!value) throw new Error(`${name} is required`);
          return value;
        }
        export const convertStringValues = (value: string) => {
          if (value === 'undefined') return undefined;
          if (value === 'null') return null;
          return value;
        };
        """)

    static func kind(_ name: String, _ files: [(String, String)]) -> String {
        let reads = EnvConditionTests.collect(files)[name] ?? []
        return reads.map { $0.fallback?.kind.rawValue ?? "plain" }.joined(separator: ",")
    }

    @Test(arguments: [
        ("export const JOB_TIMEOUT_MS = parseEnvInt(\n  process.env.JOB_TIMEOUT_MS,\n  2 * 60 * 60 * 1000,\n  { min: 1 },\n);", "JOB_TIMEOUT_MS", "presence-check"),
        ("const MAX_POOL_SIZE = parseEnvInt(process.env.GB_STATS_ENGINE_POOL_SIZE, 4, { min: 1 });", "GB_STATS_ENGINE_POOL_SIZE", "presence-check"),
        ("const from = withDefault(process.env.MAIL_FROM, 'a@b.c');", "MAIL_FROM", "computed"),
        ("const api = orDefault(process.env.API_URL);", "API_URL", "computed"),
        // a helper that throws when unset leaves the read required; one that only maps sentinel strings says nothing
        ("const key = requireEnv(process.env.STRIPE_SECRET_KEY, 'STRIPE_SECRET_KEY');", "STRIPE_SECRET_KEY", "plain"),
        ("const host = convertStringValues(process.env.REDIS_HOST);", "REDIS_HOST", "plain"),
        // not the whole argument, not the helper's handled parameter, a member call of the same name
        ("const n = parseEnvInt(process.env.POOL || '4', 4, {});", "POOL", "literal"),
        ("const n = parseEnvInt(x, Number(process.env.POOL_DEFAULT), {});", "POOL_DEFAULT", "plain"),
        ("const n = config.parseEnvInt(process.env.POOL_SIZE, 4, {});", "POOL_SIZE", "plain"),
    ])
    func helperHandlesIt(caller: String, name: String, expected: String) {
        let imported = "import { parseEnvInt, withDefault, orDefault, required, requireEnv, convertStringValues } from \"shared/numbers\";\n"
        #expect(Self.kind(name, [Self.parseEnvInt, ("packages/back-end/src/util/secrets.ts", imported + caller)]) == expected, "\(caller)")
    }

    /// The review of ce9ae22: a helper that throws after a presence test, a library's function of the same name, a
    /// helper not imported.
    @Test func onlyTheRepositorysOwnHelperThatNeverFails() {
        let own = "import { required, parseEnvInt } from \"shared/numbers\";\n"
        #expect(Self.kind("DATABASE_URL", [Self.parseEnvInt, ("src/db.ts", own + "const db = required(process.env.DATABASE_URL, 'DATABASE_URL');")]) == "plain")
        let library = "import { parseEnvInt } from \"@acme/env-kit\";\n"
        #expect(Self.kind("POOL_SIZE", [Self.parseEnvInt, ("src/x.ts", library + "const n = parseEnvInt(process.env.POOL_SIZE, 4, {});")]) == "plain")
        #expect(Self.kind("POOL_SIZE", [Self.parseEnvInt, ("src/x.ts", "const n = parseEnvInt(process.env.POOL_SIZE, 4, {});")]) == "plain")
        #expect(Self.kind("POOL_SIZE", [Self.parseEnvInt, ("src/x.ts", own + "const n = parseEnvInt(process.env.POOL_SIZE, 4, {});")]) == "presence-check")
    }

    /// Two modules exporting one name differently: neither speaks for the call.
    @Test func disagreeingHelpersHelpNobody() {
        let other = ("packages/front-end/src/numbers.ts", "export function parseEnvInt(value: string, d: number) { return Number(value); }")
        let caller = ("packages/back-end/src/x.ts", "import { parseEnvInt } from \"shared/numbers\";\nconst n = parseEnvInt(process.env.POOL_SIZE, 4, {});")
        #expect(Self.kind("POOL_SIZE", [Self.parseEnvInt, caller]) == "presence-check")
        #expect(Self.kind("POOL_SIZE", [Self.parseEnvInt, other, caller]) == "plain")
        #expect(Self.kind("POOL_SIZE", [other, Self.parseEnvInt, caller]) == "plain")
        // not exported: another module's call cannot reach it
        let local = ("packages/shared/src/local.ts", "function parseLocal(value?: string) { return value ?? 'x'; }")
        #expect(Self.kind("POOL_SIZE", [local, ("src/y.ts", "import { parseLocal } from \"shared/local\";\nconst n = parseLocal(process.env.POOL_SIZE);")]) == "plain")
    }
}

import Testing
@testable import HandoverModel
@testable import HandoverCollect

/// A read inside a top-level function, class or exported const that no production code names is dead code (issue 17,
/// env-high precision): unkey's uncalled `defaultProSubscriptions()` (held-out batch 1), growthbook's exported but
/// never imported `REMOTE_EVAL_EDGE_HOST` (batch 4), zero's never-imported `generateCompletions` (batch 5).
@Suite struct EnvUnusedSymbolTests {
    static let billing = ("web/internal/billing/src/subscriptions.ts", """
        import { z } from "zod";
        export function defaultProSubscriptions() {
          if (cache) return defaultProSubscriptions.cached;
          return { plan: process.env.STRIPE_PRODUCT_ID_PRO_PLAN };
        }
        export const REMOTE_EVAL_EDGE_HOST = process.env.REMOTE_EVAL_EDGE_HOST;
        export async function generateCompletions() {
          if (!process.env.GROQ_API_KEY) throw new Error("Groq API Key is missing");
          return call(process.env.GROQ_API_KEY);
        }
        """)

    /// As the HEAD scanner does: source files are read, the others only for the words they hold.
    static func kind(_ name: String, _ files: [(String, String)]) -> String {
        var collector = CodeReferences.Collector()
        for (path, text) in files {
            if CodeReferences.isSource(path) { collector.add(text, path: path) } else if CodeUnusedSymbols.namesSymbols(path) { collector.addWords(text, path: path) }
        }
        let reads = collector.references().first { $0.name == name }?.effectiveReads ?? []
        return reads.map { $0.fallback?.kind.rawValue ?? "plain" }.joined(separator: ",")
    }

    @Test(arguments: [
        // named nowhere else (its own recursion and the exported const's own statement are no use); tests don't count
        ("STRIPE_PRODUCT_ID_PRO_PLAN", [("web/internal/billing/src/subscriptions.test.ts", "import { defaultProSubscriptions } from './subscriptions';\ndefaultProSubscriptions();")],
         "unused-symbol"),
        ("REMOTE_EVAL_EDGE_HOST", [("packages/back-end/src/app.ts", "const host = process.env.REMOTE_EVAL_EDGE_HOST_URL;")], "unused-symbol"),
        ("GROQ_API_KEY", [], "unused-symbol,unused-symbol"),
    ])
    func deadCode(name: String, others: [(String, String)], expected: String) {
        #expect(Self.kind(name, [Self.billing] + others) == expected, "\(name)")
    }

    /// Any production word naming the symbol keeps its reads: an import and call, a namespace member, a string, a
    /// template of another language.
    @Test(arguments: [
        ("apps/web/lib/billing.ts", "import { defaultProSubscriptions } from '@unkey/billing';\nexport const subs = () => defaultProSubscriptions();"),
        ("apps/web/lib/billing.ts", "import * as billing from '@unkey/billing';\nexport const subs = () => billing.defaultProSubscriptions();"),
        ("apps/worker/jobs.py", "TASKS = ['billing.defaultProSubscriptions']"),
        ("apps/web/components/Plan.vue", "<template><div>{{ defaultProSubscriptions() }}</div></template>"),
        // the review of 2bb6ff3: a platform's config, a script, a whole-module import or re-export, a wrapper of the same name
        ("template.yaml", "Resources:\n  Fn:\n    Properties:\n      Handler: subscriptions.defaultProSubscriptions\n"),
        ("scripts/worker.ts", "import { defaultProSubscriptions } from '../web/internal/billing/src/subscriptions';\ndefaultProSubscriptions();"),
        ("apps/web/lib/tools.ts", "import * as subs from './subscriptions';\nfor (const f of Object.values(subs)) register(f);"),
        ("apps/web/pages/checkout.ts", "import * as billing from '@unkey/billing';\nexport default async function defaultProSubscriptions() { return billing.defaultProSubscriptions(); }"),
    ])
    func namedElsewhere(path: String, text: String) {
        #expect(Self.kind("STRIPE_PRODUCT_ID_PRO_PLAN", [Self.billing, (path, text)]) == "plain", "\(path)")
    }

    /// What a framework or platform calls by convention is never taken as unused.
    @Test(arguments: [
        ("apps/web/app/api/cron/route.ts", "export async function GET() {\n  return check(process.env.CRON_SECRET);\n}"),
        ("apps/web/lib/cron.ts", "export default function cron() {\n  return check(process.env.CRON_SECRET);\n}"),
        ("apps/api/src/cron.service.ts", "@Injectable()\nexport class CronService {\n  constructor() { this.s = process.env.CRON_SECRET; }\n}"),
        ("apps/api/src/serve.ts", "export const handler = async () => {\n  return check(process.env.CRON_SECRET);\n};"),
        ("apps/web/lib/props.tsx", "export async function getServerSideProps() {\n  return check(process.env.CRON_SECRET);\n}"),
        ("apps/api/src/lambda.ts", "export const run = async () => {\n  return check(process.env.CRON_SECRET);\n};"),
        ("packages/database/migration/20260812_backfill/migration.ts", "export const backfill = {\n  up: () => run(process.env.CRON_SECRET),\n};"),
        ("apps/web/pages/admin.tsx", "export function AdminPage() {\n  return check(process.env.CRON_SECRET);\n}"),
        ("app/tasks.py", "def nightly_cleanup():\n    return check(os.getenv('CRON_SECRET'))\n"),
        // a value, not a declaration: CommonJS's `module.exports = function …`
        ("lib/slack.js", "module.exports = async function sendSlackAlert(t) {\n  return fetch(process.env.CRON_SECRET, t);\n};"),
        // a decorator over several lines, and a long comment between it and the class
        ("apps/api/src/mail.processor.ts", "@Processor({\n  name: 'mail',\n})\nexport class MailProcessor {\n  run() { return process.env.CRON_SECRET; }\n}"),
        ("apps/api/src/mail.processor.ts", "@Processor()\n// " + String(repeating: "x", count: 120) + "\nexport class MailProcessor {\n  run() { return process.env.CRON_SECRET; }\n}"),
        // a working default or a test needs nothing anyway: its kind is kept
        ("apps/api/src/limits.ts", "export function limits() {\n  return check(process.env.CRON_SECRET ?? 'x');\n}"),
    ])
    func conventionsAreNeverUnused(path: String, text: String) {
        let kind = Self.kind("CRON_SECRET", [(path, text)])
        #expect(kind != "unused-symbol" && !kind.isEmpty, "\(path): \(kind)")
    }

    /// A module taken whole — a namespace import used as a value, directly or through `export *` barrels — may be
    /// used without naming its symbols; a barrel alone, or a namespace used only through its members, names nothing.
    @Test func wholeModules() {
        let barrel = ("web/internal/billing/src/index.ts", "export * from \"./subscriptions\";\n")
        let whole = ("apps/web/lib/tools.ts", "import * as billing from '@unkey/billing';\nfor (const f of Object.values(billing)) register(f);")
        let members = ("apps/web/lib/tools.ts", "import * as billing from '@unkey/billing';\nbilling.other();")
        #expect(Self.kind("STRIPE_PRODUCT_ID_PRO_PLAN", [Self.billing, barrel, whole]) == "plain")
        #expect(Self.kind("STRIPE_PRODUCT_ID_PRO_PLAN", [Self.billing, barrel]) == "unused-symbol")
        #expect(Self.kind("STRIPE_PRODUCT_ID_PRO_PLAN", [Self.billing, barrel, members]) == "unused-symbol")
        #expect(Self.kind("STRIPE_PRODUCT_ID_PRO_PLAN", [Self.billing, ("apps/web/lib/ns.ts", "export * as billing from '@unkey/billing/src/subscriptions';")]) == "plain")
    }

    /// Skipped folders are whole path components: `src/rebuild/` is source, `dist/` and `vendor/` are not.
    @Test func skippedFoldersAreWholeNames() {
        #expect(CodeReferences.isSource("src/rebuild/env.ts"))
        #expect(CodeReferences.isSource("app/vendors/list.ts"))
        #expect(!CodeReferences.isSource("dist/env.js"))
        #expect(!CodeReferences.isSource("app/vendor/lib.ts"))
        #expect(CodeUnusedSymbols.namesSymbols("template.yaml") && CodeUnusedSymbols.namesSymbols("Procfile") && CodeUnusedSymbols.namesSymbols("deploy/Dockerfile.worker"))
        #expect(!CodeUnusedSymbols.namesSymbols("node_modules/x/package.json") && !CodeUnusedSymbols.namesSymbols("logo.png"))
    }
}

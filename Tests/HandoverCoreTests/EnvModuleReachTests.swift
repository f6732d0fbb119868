import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit

/// A module nothing in the repository imports, names or runs is not the service's (issue 17, env-high precision):
/// openlittermap's `littercoin/run/*.mjs` Cardano scripts, gratipay's one-off `bin/update-user-info.py`, jsr's
/// `tools/clone_dependency.ts` (held-out batches 45–50, 19 owner-false highs).
@Suite struct EnvModuleReachTests {
    /// As the HEAD scanner does: every file is a project file; source files are read, the others for their words.
    static func places(_ files: [(String, String)], whole: Bool = true) -> [String: String] {
        var collector = CodeReferences.Collector()
        for (path, text) in files {
            if whole { collector.addProjectFile(path: path) { text } }
            if CodeReferences.isSource(path) {
                collector.add(text, path: path)
            } else if CodeUnusedSymbols.namesSymbols(path) {
                collector.addWords(text, path: path)
            }
        }
        return Dictionary(collector.references().map { ($0.name, $0.effectiveReads.map(\.place.rawValue).joined(separator: ",")) },
                          uniquingKeysWith: { a, _ in a })
    }

    /// A Laravel app with its Vite bundle, beside which every case adds its files.
    static let app: [(String, String)] = [
        ("package.json", #"{"scripts": {"dev": "vite", "build": "vite build"}}"#),
        ("composer.json", #"{"name": "acme/app"}"#),
        ("vite.config.js", "export default { input: ['resources/js/app.js'] }"),
        ("resources/js/app.js", "import { format } from './utils';\nimport './bootstrap';\n"),
        ("resources/js/utils.js", "export const format = (x) => x;\n"),
        ("resources/js/bootstrap.js", "window.axios = axios;\n"),
        ("routes/api.php", "<?php\nRoute::post('/littercoin/merchants', MerchantController::class);\n"),
        ("Dockerfile", "FROM php:8.3\nRUN echo hi && cd /app\nCMD [\"php-fpm\"]\n"),
        ("public/js/vendor.js", "define(\"utils\", function () { return sign.tx(echo()); });\n"),
    ]

    @Test(arguments: [
        // a chain of scripts that import one another, and a `./utils.mjs` that is not the app's `./utils`
        ("ROOT_KEY", [("littercoin/run/sign-tx.mjs", "import { network } from './utils.mjs';\nconst key = process.env.ROOT_KEY;\nconsole.log('usage: node sign-tx.mjs');\n"),
                      ("littercoin/run/utils.mjs", "export const network = process.env.BLOCKFROST_API_KEY;\n")]),
        ("BLOCKFROST_API_KEY", [("littercoin/run/sign-tx.mjs", "import { network } from './utils.mjs';\n"),
                                ("littercoin/run/utils.mjs", "export const network = process.env.BLOCKFROST_API_KEY;\n")]),
        // a one-off Python script no file names
        ("TWITTER_ACCESS_TOKEN", [("bin/update-user-info.py", "import os\ntoken = os.environ['TWITTER_ACCESS_TOKEN']\n")]),
        // a loader nothing runs loads nothing (gratipay's `bin/snapper.py` lists files beside the one-off)
        ("TWITTER_ACCESS_TOKEN", [("bin/update-user-info.py", "import os\ntoken = os.environ['TWITTER_ACCESS_TOKEN']\n"),
                                  ("bin/snapper.py", "import glob\nfor f in glob.glob('bin/*.csv'):\n    print(f)\n")]),
        // a loader something runs loads what it lists, not its own folder unless it says so
        ("TWITTER_ACCESS_TOKEN", [("bin/update-user-info.py", "import os\ntoken = os.environ['TWITTER_ACCESS_TOKEN']\n"),
                                  ("bin/masspay.py", "import os\nfor f in os.listdir('payday'):\n    print(f)\n"), ("masspay.sh", "python bin/masspay.py\n")]),
        // a module only a test imports; a client file nothing imports (a Dockerfile's `echo` names no `echo.js`)
        ("SMTP_URL", [("lib/mailer.ts", "export const url = process.env.SMTP_URL;\n"),
                      ("tests/mailer.test.ts", "import { url } from '../lib/mailer';\n")]),
        ("VITE_REVERB_APP_KEY", [("resources/js/echo.js", "export default { key: import.meta.env.VITE_REVERB_APP_KEY };\n")]),
        // an identifier of code names no module: `utils.forEach` in the bundle above, `tools` below
        ("REGISTRY_TOKEN", [("tools/clone_dependency.ts", "const token = Deno.env.get('REGISTRY_TOKEN');\n"),
                            ("resources/js/lib.js", "const clone_dependency = tools.clone_dependency; // clone_dependency\n"),
                            ("dist/index.js", "require('../tools/clone_dependency');\n")]),
        // a README that tells a person to run it
        ("OWNER_PKH", [("littercoin/init/init-tx.mjs", "const pkh = process.env.OWNER_PKH;\n"),
                       ("littercoin/README.md", "Run `node init/init-tx.mjs`.\n")]),
    ])
    func nothingReachesIt(name: String, files: [(String, String)]) {
        #expect(Self.places(Self.app + files)[name] == "unreached", "\(name)")
    }

    @Test(arguments: [
        // imported: by a relative specifier, through an alias, by a chain from a root
        [("resources/js/lib/wallet.js", "export const k = process.env.KEY;\n"), ("resources/js/lib/index.js", "export * from './wallet.js';\n")],
        [("resources/js/lib/wallet.js", "export const k = process.env.KEY;\n"), ("resources/js/app2.vue", "<script>import { k } from '@/lib/wallet'</script>\n")],
        [("src/lib/wallet.ts", "export const k = process.env.KEY;\n"), ("src/lib/pay.ts", "import { k } from '@/lib/wallet';\n"),
         ("src/index.ts", "import { pay } from './lib/pay';\n")],
        // started by a deployment file: a Procfile, a supervisord program, a crontab, package.json's scripts, a compose service
        [("lib/queue/consume.ts", "const k = process.env.KEY;\n"), ("Procfile", "worker: node dist/lib/queue/consume.js\n")],
        [("ops/nightly_sync.py", "import os\nk = os.environ['KEY']\n"), ("deploy/supervisord.conf", "[program:sync]\ncommand=python ops/nightly_sync.py\n")],
        [("ops/nightly_sync.py", "import os\nk = os.environ['KEY']\n"), ("deploy/crontab", "0 3 * * * cd /app && python ops/nightly_sync.py\n")],
        [("tools/reindex.ts", "const k = process.env.KEY;\n"), ("package.json", #"{"scripts": {"start": "node server.js && tsx tools/reindex.ts"}}"#)],
        [("keycloak/wait_for.py", "import os\nk = os.environ['KEY']\n"), ("docker-compose.yml", "services:\n  kc:\n    volumes:\n      - \"./keycloak/wait_for.py:/opt/wait.py\"\n")],
        // Python: an import statement, a dotted path in a string
        [("services/billing.py", "import os\nk = os.environ['KEY']\n"), ("app.py", "from services.billing import charge\n")],
        [("reports/weekly.py", "import os\nk = os.environ['KEY']\n"), ("settings.py", "CELERY_IMPORTS = ['reports.weekly']\n")],
        // loaded by a computed import of its folder, or by a loader listing its own folder
        [("app/webfield/widget-console.js", "const k = process.env.KEY;\n"), ("app/page.tsx", "const C = dynamic(() => import(`./webfield/widget-${name}`));\n")],
        [("src/registry/alpha.ts", "const k = process.env.KEY;\n"), ("src/registry/load.ts", "for (const f of fs.readdirSync(__dirname)) require(f);\n"),
         ("src/index.ts", "import './registry/load';\n")],
        // where a platform starts it from outside the repository: a package's top, its `src/`, the repository's root
        [("apps/bot/relay.ts", "const k = process.env.KEY;\n"), ("apps/bot/package.json", "{}")],
        [("apps/bot/src/relay.ts", "const k = process.env.KEY;\n"), ("apps/bot/package.json", "{}")],
        [("relay.py", "import os\nk = os.environ['KEY']\n")],
        // what a framework loads by its path or by the names it exports
        [("app/api/cron/route.ts", "const k = process.env.KEY;\n")],
        [("api/webhook.ts", "const k = process.env.KEY;\n")],
        [("utils/format.ts", "export const k = process.env.KEY;\n"), ("nuxt.config.ts", "export default defineNuxtConfig({})\n")],
        [("app/adapters/env-var.js", "const k = process.env.KEY;\n"), ("ember-cli-build.js", "module.exports = function () {}\n")],
        [(".platform/hooks/predeploy/check_config.py", "import os\nk = os.environ['KEY']\n")],
        // the review of .82: a crontab kept as text, an image's entrypoint scripts, Django's settings package, a
        // framework's config folder, a loader at the top (discord.py's cogs, `pkgutil`), Fastify's autoload, a Netlify
        // functions folder, React Router's `app/routes.ts`, an Expo API route, a Dockerfile under `build/`
        [("etl/sync_accounts.py", "import os\nk = os.environ['KEY']\n"), ("crontab.txt", "*/15 * * * * cd /app && python etl/sync_accounts.py\n")],
        [("docker/entrypoint.d/20-warm.sh", "python -m ops.cache_warmer\n"), ("ops/cache_warmer.py", "import os\nk = os.environ['KEY']\n")],
        [("config/settings/production.py", "import os\nk = os.environ['KEY']\n"), ("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.local')\n")],
        [("config/database.js", "module.exports = { url: process.env.KEY };\n")],
        [("cogs/music.py", "import os\nk = os.environ['KEY']\n"), ("bot.py", "for f in os.listdir('cogs'):\n    bot.load_extension(f'cogs.{f[:-3]}')\n")],
        [("integrations/slack.py", "import os\nk = os.environ['KEY']\n"),
         ("main.py", "for m in pkgutil.iter_modules(path):\n    importlib.import_module(f'integrations.{m.name}')\n")],
        [("src/services/billing.ts", "const k = process.env.KEY;\n"), ("src/app.ts", "app.register(AutoLoad, { dir: path.join(__dirname, 'services') });\n")],
        [("serverless/hook.ts", "const k = process.env.KEY;\n"), ("netlify.toml", "[build]\n  functions = \"serverless\"\n")],
        [("app/screens/home.tsx", "const k = process.env.KEY;\n"), ("app/routes.ts", "export default [index('./screens/home.tsx')];\n")],
        [("app/chat+api.ts", "const k = process.env.KEY;\n")],
        [("lib/queue/consume.ts", "const k = process.env.KEY;\n"), ("build/Dockerfile", "CMD [\"node\", \"dist/lib/queue/consume.js\"]\n")],
        [("lib/queue/consume.ts", "const k = process.env.KEY;\n"), ("build/k8s/worker.yaml", "command: [\"node\", \"dist/lib/queue/consume.js\"]\n")],
        [("shop/settings/production.py", "import os\nk = os.environ['KEY']\n")],
    ] as [[(String, String)]])
    func somethingReachesIt(files: [(String, String)]) {
        let place = Self.places(Self.app + files)["KEY"]
        #expect(place == "production", "\(files.map(\.0))")
    }

    /// Rules .85: a module only hand-run code reaches — a script, tooling, docs, a package.json script a person runs — runs
    /// by hand (kaws' `src/utils/gSheetDataFetcher.ts`, imported only by `scripts/importCollections.ts`; vemetric's
    /// `data-import-pirsch` script; zoonk's `db:sync-content`).
    @Test(arguments: [
        [("src/utils/sheet.ts", "export const id = process.env.KEY;\n"), ("scripts/importCollections.ts", "import { id } from '../src/utils/sheet';\n")],
        [("src/importers/pirsch.ts", "const k = process.env.KEY;\n"),
         ("apps/worker/package.json", #"{"scripts": {"start": "node dist/index.js", "data-import-pirsch": "bun ../../src/importers/pirsch.ts"}}"#)],
        [("packages/db/src/content/source.ts", "const k = process.env.KEY;\n"), ("packages/db/src/content/sync.ts", "import './source';\n"),
         ("packages/db/package.json", #"{"scripts": {"db:sync-content": "tsx src/content/sync.ts"}}"#)],
        [("app/lib/sheets.py", "import os\nk = os.environ['KEY']\n"), ("scripts/backfill.py", "from app.lib.sheets import k\n")],
        [("src/lib/billing.ts", "const k = process.env.KEY;\n"), ("docs/recipes/charge.ts", "import { k } from '../../src/lib/billing';\n")],
        // the cases of `productionReachesItToo` without what production says of their scripts
        [("src/ops/sync-run.ts", "const k = process.env.KEY;\n"),
         ("apps/web/package.json", #"{"scripts": {"start": "node server.js", "db:sync": "tsx ../../src/ops/sync-run.ts"}}"#)],
        [("src/ops/migrate-data.js", "const k = process.env.KEY;\n"), ("Procfile", "web: node server.js\n"),
         ("apps/web/package.json", #"{"scripts": {"migrate-data": "node ../../src/ops/migrate-data.js"}}"#)],
    ] as [[(String, String)]])
    func onlyHandRunCodeReachesIt(files: [(String, String)]) {
        #expect(Self.places(Self.app + files)["KEY"] == "hand-run", "\(files.map(\.0))")
    }

    @Test(arguments: [
        // a hand-run-named script that production runs: from `start`, a Procfile's release, a Dockerfile
        [("src/ops/sync-run.ts", "const k = process.env.KEY;\n"),
         ("apps/web/package.json", #"{"scripts": {"start": "npm run db:sync && node server.js", "db:sync": "tsx ../../src/ops/sync-run.ts"}}"#)],
        [("src/ops/migrate-data.js", "const k = process.env.KEY;\n"), ("Procfile", "release: npm run migrate-data\nweb: node server.js\n"),
         ("apps/web/package.json", #"{"scripts": {"migrate-data": "node ../../src/ops/migrate-data.js"}}"#)],
        [("src/ops/seed-prod.js", "const k = process.env.KEY;\n"), ("Dockerfile", "FROM node\nRUN yarn seed:prod\n"),
         ("apps/web/package.json", #"{"scripts": {"seed:prod": "node ../../src/ops/seed-prod.js"}}"#)],
        // a script a platform's dashboard may run, named for no person's task
        [("src/ops/consumer.js", "const k = process.env.KEY;\n"), ("apps/web/package.json", #"{"scripts": {"worker": "node ../../src/ops/consumer.js"}}"#)],
        // a script and production both import it
        [("src/utils/sheet.ts", "export const id = process.env.KEY;\n"), ("scripts/importCollections.ts", "import { id } from '../src/utils/sheet';\n"),
         ("resources/js/lib/pay.js", "import { id } from '../../../src/utils/sheet';\n"), ("resources/js/app3.js", "import './lib/pay';\n"),
         ("vite.config.ts", "export default { input: ['resources/js/app3.js'] }\n")],
    ] as [[(String, String)]])
    func productionReachesItToo(files: [(String, String)]) {
        #expect(Self.places(Self.app + files)["KEY"] == "production", "\(files.map(\.0))")
    }

    @Test func theEvidenceSaysOnlyScriptsRunIt() {
        let reads = [CodeRead(location: "src/utils/sheet.ts:3", place: .handRun)]
        #expect(EnvNeed.outsideProduction(reads.map(\.location), reads: reads) == "read only outside production code: src/utils/sheet.ts:3; "
            + "src/utils/sheet.ts:3 is in a module only scripts, tooling or a package.json script a person runs (seed, import, migrate, …) "
            + "import or name: check no deployment or scheduler runs them")
    }

    /// A part of a repository says nothing of what names a module: without every file, nothing is unreached.
    @Test func onlyAWholeRepositoryJudges() {
        let files = Self.app + [("bin/update-user-info.py", "import os\ntoken = os.environ['TWITTER_ACCESS_TOKEN']\n")]
        #expect(Self.places(files, whole: true)["TWITTER_ACCESS_TOKEN"] == "unreached")
        #expect(Self.places(files, whole: false)["TWITTER_ACCESS_TOKEN"] == "production")
    }

    /// The finding says where the module is and why it is not production's.
    @Test func theEvidenceSaysNothingRunsIt() {
        let reads = [CodeRead(location: "littercoin/run/sign-tx.mjs:28", place: .unreached), CodeRead(location: "e2e/sign.spec.ts:3", place: .test)]
        #expect(EnvNeed.outsideProduction(reads.map(\.location), reads: reads) == "read only outside production code: littercoin/run/sign-tx.mjs:28, "
            + "e2e/sign.spec.ts:3; littercoin/run/sign-tx.mjs:28 is in a module nothing in the repository imports, names or runs (run by hand, "
            + "or by nothing): check nothing outside the repository starts it")
        #expect(EnvNeed.outsideProduction(["e2e/sign.spec.ts:3"], reads: [reads[1]]) == "read only outside production code: e2e/sign.spec.ts:3")
    }

    /// What a file names: tokens of strings (code) or of the whole text (other files), relative specifiers resolved.
    @Test func whatAFileNames() {
        func has(_ names: ModuleReach.Names, _ token: String) -> Bool { names.tokens.contains(CodeUnusedSymbols.hash(token)) }
        let js = ModuleReach.names(in: """
            import a from "./run/utils.mjs"; // see helper-one
            const b = require('../lib');
            /* "legacy-two" */ const c = `../components/webfield/${name}`;
            utils.forEach(x => x); const d = "@/lib/wallet-kit";
            """, path: "littercoin/init/deploy.mjs")
        #expect(js.relative == ["littercoin/init/run/utils.mjs", "littercoin/lib", "littercoin/components/webfield"])
        #expect(has(js, "wallet-kit") && has(js, "lib"))
        #expect(!has(js, "utils") && !has(js, "forEach") && !has(js, "helper-one") && !has(js, "legacy-two"))
        let py = ModuleReach.names(in: "from services.billing import (\n  charge,\n)\nimport os\nx = helpers.run('reports.weekly')  # cron_job\n",
                                   path: "app/main.py")
        #expect(has(py, "billing") && has(py, "charge") && has(py, "weekly") && has(py, "os"))
        #expect(!has(py, "helpers") && !has(py, "cron_job"))
        let yaml = ModuleReach.names(in: "volumes:\n  - \"./keycloak/wait.sh:/opt/wait.sh\"\ncommand: echo relay-worker\n", path: "deploy/compose.yml")
        #expect(yaml.relative == ["deploy/keycloak/wait.sh"])
        #expect(has(yaml, "relay-worker") && !has(yaml, "echo"))
        #expect(ModuleReach.resolve("../../x", from: "a") == nil)
        #expect(ModuleReach.resolve("./src/**/*.ts", from: "") == "src")
    }
}

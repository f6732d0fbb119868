import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit

/// Conditional env reads (issue 17, env-high precision): how a read is tested and the branch conditions it runs
/// under, each rule with examples that must and must not match. Most are reduced from documenso's false highs.
@Suite struct EnvConditionTests {
    /// `NAME@line kind if:COND,…` for every read of a text.
    static func reads(_ text: String, path: String = "src/f.ts") -> [String] {
        CodeReferences.reads(in: text, path: path).map { found in
            var out = "\(found.name)@\(found.line)"
            if let fallback = found.fallback { out += " \(fallback.kind.rawValue)" }
            if !found.conditions.isEmpty { out += " if:" + found.conditions.map(Self.condition).joined(separator: ",") }
            return out
        }
    }

    static func condition(_ c: CodeCondition) -> String {
        switch c.kind {
        case .set: return c.name
        case .unset: return "!" + c.name
        case .differs: return "\(c.name)≠\(c.value ?? "?")"
        default: return "\(c.name)=\(c.value ?? "?")"
        }
    }

    // MARK: the read is a test the code goes on after

    @Test(arguments: [
        // documenso deleted-account.ts: a presence guard, and the read inside its own guard.
        ("if (process.env.DELETED_ACCOUNT_EMAIL) {\n  return process.env.DELETED_ACCOUNT_EMAIL;\n}",
         ["DELETED_ACCOUNT_EMAIL@1 presence-check", "DELETED_ACCOUNT_EMAIL@2 presence-check"]),
        // telemetry-client.ts
        ("const HAS_LICENSE_KEY = !!process.env.LICENSE_KEY;", ["LICENSE_KEY@1 stored-switch"]),
        // langfuse shutdown.ts: `Boolean(x)` is `!!x`.
        ("export const isSigtermReceived = () =>\n  Boolean(process.env.NEXT_MANUAL_SIG_HANDLE) && globalThis.sigtermReceived;",
         ["NEXT_MANUAL_SIG_HANDLE@2 presence-check"]),
        // a cast to a boolean of the whole read: a switch, as `=== "true"` is
        ("const queueOn = toBoolean(process.env.SIDEKIQ_LIKE_QUEUE);", ["SIDEKIQ_LIKE_QUEUE@1 selector"]),
        ("if (isTruthy(process.env.ENABLE_CACHE)) { cache() }", ["ENABLE_CACHE@1 selector"]),
        // react-router.config.ts: a ternary whose test is the read (a regular expression in the branch).
        ("basename: process.env.BASE_PATH ? process.env.BASE_PATH.replace(/\\/$/, '') : '/',",
         ["BASE_PATH@1 presence-check", "BASE_PATH@1 presence-check"]),
        // get-certificate-pdf.ts: an alias tested before use.
        ("const browserlessUrl = env('BROWSERLESS_URL');\n\nif (browserlessUrl) {\n  browser = await connect(browserlessUrl);\n}",
         ["BROWSERLESS_URL@1 presence-check"]),
        // license-client.ts: an alias with an early return.
        ("const LICENSE = env('LICENSE_KEY');\nclass C {\n  ping() {\n    if (!LICENSE) {\n      return null;\n    }\n    send(LICENSE);\n  }\n}",
         ["LICENSE_KEY@1 presence-check"]),
        // prisma/index.ts: `if (!X) return …` then the rest of the block has it.
        ("function f() {\n  if (!process.env.REPLICA_URLS) {\n    return prisma;\n  }\n  const urls = process.env.REPLICA_URLS.split(',');\n}",
         ["REPLICA_URLS@2 presence-check", "REPLICA_URLS@5 presence-check"]),
        ("if (process.env.MODE === 'csc') { a() }", ["MODE@1 selector"]),
        ("const isDev = process.env.APP_STAGE !== 'live';", ["APP_STAGE@1 selector"]),
        // linkwarden archiveHandler.ts: a group of alternatives compared as a whole
        ("let skip =\n  (process.env.DISABLE_BROWSER || process.env.DISABLE_PRESERVATION) ===\n  \"true\";",
         ["DISABLE_BROWSER@2 selector", "DISABLE_PRESERVATION@2 selector"]),
        ("return (process.env.APP_MODE ?? process.env.MODE) !== 'live';", ["APP_MODE@1 selector", "MODE@1 selector"]),
        // a call's arguments are no group
        ("const ok = check(process.env.A_TOKEN || process.env.B_TOKEN) === true;", ["A_TOKEN@1", "B_TOKEN@1"]),
        ("if os.getenv('SENTRY_DSN'):\n    init(os.getenv('SENTRY_DSN'))\n", ["SENTRY_DSN@1 presence-check", "SENTRY_DSN@2 presence-check"]),
    ])
    func readIsATest(text: String, expected: [String]) {
        let path = text.contains("os.getenv") ? "app/settings.py" : "src/f.ts"
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    /// Held-out presence tests (session 25, reduced from batches 1–3's false highs): the code handles the variable
    /// unset, so the read is a test — and the same shapes that use the value stay plain reads.
    @Test(arguments: [
        // openpanel get-client-ip.ts: `process.env?.X` guards the body's read.
        ("if (typeof process !== 'undefined' && process.env?.IP_HEADER_ORDER) {\n  return process.env.IP_HEADER_ORDER.split(',');\n}",
         ["IP_HEADER_ORDER@1 presence-check", "IP_HEADER_ORDER@2 presence-check"]),
        // trigger.dev organization.server.ts: `typeof X === "string" && X.includes(id)` inside an if's condition.
        ("if (typeof process.env.BLOCKED_USERS === \"string\" && process.env.BLOCKED_USERS.includes(userId)) {\n  throw new Error('no');\n}",
         ["BLOCKED_USERS@1 presence-check", "BLOCKED_USERS@1 presence-check"]),
        ("const on = typeof process.env.FLAG_X !== 'undefined' && process.env.FLAG_X.length > 0;",
         ["FLAG_X@1 presence-check", "FLAG_X@1 presence-check"]),
        // rallly instance-settings/utils.ts: `X &&` at a line's end guards the next line.
        ("return (\n  process.env.INITIAL_ADMIN_EMAIL &&\n  email.toLowerCase() ===\n    process.env.INITIAL_ADMIN_EMAIL.toLowerCase()\n);",
         ["INITIAL_ADMIN_EMAIL@2 presence-check", "INITIAL_ADMIN_EMAIL@4 presence-check"]),
        // trigger.dev workerQueueResolver.ts: an alias through `override ?? read`, tested with an early return.
        ("function p(o?: string) {\n  const json = o ?? process.env.RUN_ENGINE_WORKER_QUEUE_OVERRIDES;\n  if (!json) {\n    return null;\n  }\n  return JSON.parse(json);\n}",
         ["RUN_ENGINE_WORKER_QUEUE_OVERRIDES@2 presence-check"]),
        ("function p(opts) {\n  const url = opts.config?.url || process.env.PROXY_URL;\n  if (url) { use(url) }\n}", ["PROXY_URL@2 presence-check"]),
        // a single read through `?.trim()` into an alias tested before use
        ("const serviceVersion = process.env.DD_VERSION?.trim()\nif (serviceVersion) {\n  add(serviceVersion)\n}",
         ["DD_VERSION@1 presence-check"]),
        // outline passport.ts: an operand that is not a read (a lower-case name) before the read
        ("function w(s) {\n  const proxy = process.env.https_proxy ?? process.env.HTTPS_PROXY;\n  if (!proxy) {\n    return s;\n  }\n  return wrap(s, proxy);\n}",
         ["HTTPS_PROXY@2 presence-check"]),
        ("function p() {\n  const key = load() ?? process.env.API_KEY_X;\n  if (!key) { return null }\n}", ["API_KEY_X@2 presence-check"]),
    ])
    func heldOutPresenceTests(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// The same shapes using the value: plain reads, or enforced.
    @Test(arguments: [
        // a type test that fails closed enforces; `typeof X === "undefined"` is an unset test
        ("if (typeof process.env.STRIPE_SECRET_KEY === 'undefined') {\n  throw new Error('missing');\n}", ["STRIPE_SECRET_KEY@1 enforced"]),
        ("if (typeof process.env.STRIPE_SECRET_KEY !== 'string') {\n  throw new Error('missing');\n}", ["STRIPE_SECRET_KEY@1 enforced"]),
        // `A && …` guards its own right operand only: the next statement is not in it
        ("const ok = process.env.SENTRY_DSN &&\n  init(process.env.SENTRY_DSN);\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY);",
         ["SENTRY_DSN@1 presence-check", "SENTRY_DSN@2 presence-check", "STRIPE_SECRET_KEY@3"]),
        ("const a = process.env.FEATURE_A && run();\nconst key = process.env.RESEND_API_KEY;\nsend(key);",
         ["FEATURE_A@1 presence-check", "RESEND_API_KEY@2"]),
        // an alias through `override ?? read` passed on as it is: a value
        ("function p(o?: string) {\n  const key = o ?? process.env.STRIPE_SECRET_KEY;\n  return new Stripe(key);\n}", ["STRIPE_SECRET_KEY@2"]),
        // an `A || B` group held by a const stays a group, judged as one (`A|B`), whatever tests the const: usesend's
        // TLS key and certificate paths open its SMTP relay's implicit-TLS ports (owners: true)
        ("const SSL_KEY_PATH =\n  process.env.USESEND_API_KEY_PATH ?? process.env.UNSEND_API_KEY_PATH;\nif (SSL_KEY_PATH) { listen(465) }",
         ["USESEND_API_KEY_PATH@2", "UNSEND_API_KEY_PATH@2"]),
        ("const db = process.env.DATABASE_URL ?? process.env.POSTGRES_URL;\nif (!db) { throw new Error('no database') }",
         ["DATABASE_URL@1", "POSTGRES_URL@1"]),
    ])
    func heldOutShapesThatUseTheValue(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// Must stay plain value reads (no test, no condition): the code uses the value.
    @Test(arguments: [
        ("const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);", ["STRIPE_SECRET_KEY@1"]),
        ("if (process.env.API_URL.startsWith('https')) { a() }", ["API_URL@1"]),
        ("if (isValid(process.env.API_URL)) { a() }", ["API_URL@1"]),
        ("const n = Number(process.env.WORKERS_COUNT);", ["WORKERS_COUNT@1"]),
        ("const b = Boolean(process.env.API_URL.length);", ["API_URL@1"]),
        // a boolean cast is a switch only of the whole lenient read, in JavaScript and C-like code, not in Python
        // (`strtobool(None)` raises)
        ("const on = toBoolean(process.env.API_URL + '');", ["API_URL@1"]),
        ("const on = toBoolean(requireEnv(\"STRICT_FLAG\"));", ["STRICT_FLAG@1 enforced"]),
        // the review of 2bb6ff3: assertions and validations throw on nothing; a failing branch on the cast enforces
        ("assert.truthy(process.env.DATABASE_URL);", ["DATABASE_URL@1"]),
        ("const on = booleanSchema.parse(process.env.FEATURE_ON);", ["FEATURE_ON@1"]),
        ("const on = validator.isBoolean(process.env.FEATURE_ON);", ["FEATURE_ON@1"]),
        ("const on = requireBool(process.env.FEATURE_ON);", ["FEATURE_ON@1"]),
        ("if (!parseBoolean(process.env.ACCEPT_LICENSE)) {\n  throw new Error('accept the licence');\n}", ["ACCEPT_LICENSE@1 enforced"]),
        ("DEBUG = strtobool(os.getenv('DEBUG_SQL'))\n", ["DEBUG_SQL@1"]),
        ("if (process.env.FLAG_A) { log() }\nconst c = connect(process.env.FLAG_A);", ["FLAG_A@1 presence-check", "FLAG_A@2"]),
        ("const key = env('API_KEY');\nclient.init(key);", ["API_KEY@1"]),
        // an alias's name reused by another function is another variable
        ("function a() {\n  const url = env('HOOK_URL');\n  post(url);\n}\nfunction b() {\n  const url = other();\n  if (url) { x() }\n}", ["HOOK_URL@2"]),
        // a check that throws enforces: the read after it is a plain read
        ("if (!process.env.STRIPE_KEY) {\n  throw new Error('missing');\n}\nconst s = new Stripe(process.env.STRIPE_KEY);",
         ["STRIPE_KEY@1 enforced", "STRIPE_KEY@4"]),
        ("if not os.getenv('SECRET_KEY'):\n    raise RuntimeError('x')\nKEY = os.getenv('SECRET_KEY')\n", ["SECRET_KEY@1 enforced", "SECRET_KEY@3"]),
        // dub's cron routes: without the secret every call is answered 401, so the route needs it (fails closed)
        ("if (!process.env.CRON_SECRET) {\n  return new Response('Unauthorized', { status: 401 });\n}\nconst ok = auth === process.env.CRON_SECRET;",
         ["CRON_SECRET@1 enforced", "CRON_SECRET@4"]),
    ])
    func readIsAValue(text: String, expected: [String]) {
        let path = text.contains("os.getenv") ? "app/settings.py" : "src/f.ts"
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    // MARK: a negated presence test whose branch fails closed

    /// Must be `enforced`: without the variable the branch answers an error status, or a request handler returns
    /// without answering — the feature needs it, as with `throw`.
    @Test(arguments: [
        // dub ai/sync-embeddings/route.ts: an alias, `||` with the auth test, a 401 answer.
        ("const secret = process.env.CRON_SECRET;\nif (!secret || authHeader !== `Bearer ${secret}`) {\n  return new Response('Unauthorized', { status: 401 });\n}",
         "CRON_SECRET@1 enforced"),
        // dub veriff/webhook/route.ts: a helper that answers, its status on a line of its own.
        ("const webhookSecret = process.env.VERIFF_SHARED_SECRET;\nif (!webhookSecret) {\n  return logAndRespond('not configured', {\n    status: 500,\n  });\n}",
         "VERIFF_SHARED_SECRET@1 enforced"),
        ("if (!process.env.STRIPE_WEBHOOK_SECRET) {\n  return res.status(500).json({ error: 'x' });\n}", "STRIPE_WEBHOOK_SECRET@1 enforced"),
        ("if (!process.env.CRON_SECRET) return res.sendStatus(401);", "CRON_SECRET@1 enforced"),
        ("if (!process.env.API_SECRET) {\n  return NextResponse.json({ error: 'x' }, { status: 503 });\n}", "API_SECRET@1 enforced"),
        ("if (!process.env.API_SECRET) return NextResponse.json({ error: 'Unauthorized' }, { status: 403 })", "API_SECRET@1 enforced"),
        // Hono (openstatus' server): the status is the last argument.
        ("if (!process.env.SLACK_SIGNING_SECRET) {\n  return c.json({ error: 'x' }, 400);\n}", "SLACK_SIGNING_SECRET@1 enforced"),
        ("if (!process.env.API_SECRET) return reply.code(401).send();", "API_SECRET@1 enforced"),
        // papermark pages/api/stripe/webhook.ts: a bare return in a `(req, res)` handler never answers the request.
        ("export default async function handler(\n  req: NextApiRequest,\n  res: NextApiResponse,\n) {\n  if (req.method === 'POST') {\n    const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;\n    try {\n      if (!sig || !webhookSecret) return;\n      verify(webhookSecret);\n    } catch (e) {}\n  }\n}",
         "STRIPE_WEBHOOK_SECRET@6 enforced"),
        ("app.post('/hook', (req, res) => {\n  if (!process.env.HOOK_SECRET) {\n    return;\n  }\n  res.send('ok');\n});", "HOOK_SECRET@2 enforced"),
        ("if not os.getenv('API_TOKEN'):\n    return jsonify(error='unauthorized'), 401\n", "API_TOKEN@1 enforced"),
        ("if not os.getenv('API_TOKEN'):\n    return Response(status=503)\n", "API_TOKEN@1 enforced"),
        ("if not os.getenv('API_TOKEN'):\n    return Response(status=status.HTTP_401_UNAUTHORIZED)\n", "API_TOKEN@1 enforced"),
        ("if not os.getenv('API_TOKEN'):\n    return HttpResponseForbidden()\n", "API_TOKEN@1 enforced"),
    ])
    func aBranchThatFailsClosedEnforces(text: String, read: String) {
        let path = text.contains("os.getenv") ? "app/views.py" : "src/route.ts"
        #expect(Self.reads(text, path: path).first == read, "\(Self.reads(text, path: path))")
    }

    /// `&&`/`||` count where they join the operand to the rest of the test: a parenthesised group or a call beside
    /// it is one operand (typebot's next.config.mjs: `if ((val && …) || VERCEL_ENV !== "preview" || !A || !B) return;`
    /// — what follows runs with A and B set). Must not: `&&` in the operand's own group, or at the top; a ternary.
    @Test(arguments: [
        ("function f(val) {\n  if (\n    (val && typeof val === 'string') ||\n    process.env.VERCEL_ENV !== 'preview' ||\n    !process.env.B_NAME ||\n"
         + "    !process.env.C_NAME\n  )\n    return;\n  use(process.env.B_NAME, process.env.C_NAME, process.env.D_NAME);\n}",
         ["VERCEL_ENV@4 presence-check", "B_NAME@5 presence-check", "C_NAME@6 presence-check",
          "B_NAME@9 presence-check if:C_NAME", "C_NAME@9 presence-check if:B_NAME", "D_NAME@9 if:B_NAME,C_NAME"]),
        ("function f() {\n  if (!process.env.B_NAME || isDisabled(a && b)) return;\n  use(process.env.C_NAME);\n}",
         ["B_NAME@2 presence-check", "C_NAME@3 if:B_NAME"]),
        ("function f() {\n  if (process.env.B_NAME && (a || b)) { use(process.env.C_NAME) }\n}", ["B_NAME@2 presence-check", "C_NAME@2 if:B_NAME"]),
        // must not
        ("function f() {\n  if ((a && !process.env.B_NAME) || b) return;\n  use(process.env.B_NAME);\n}", ["B_NAME@2 presence-check", "B_NAME@3"]),
        ("function f() {\n  if (a && !process.env.B_NAME || b) return;\n  use(process.env.C_NAME);\n}", ["B_NAME@2 presence-check", "C_NAME@3"]),
        ("function f() {\n  if (process.env.B_NAME && a || b) { use(process.env.C_NAME) }\n}", ["B_NAME@2 presence-check", "C_NAME@2"]),
        // a ternary picks which operand is tested; a negated comparison guards nothing after it (a nested `return`
        // in its body need not run)
        ("function f() {\n  if (!process.env.B_NAME || isEdge ? skip : run) return;\n  use(process.env.D_NAME);\n}",
         ["B_NAME@2 presence-check", "D_NAME@3"]),
        ("if (process.env.NODE_ENV !== 'development') {\n  app.use((req, res, next) => {\n    if (req.secure) return next();\n  });\n}\n"
         + "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);", ["NODE_ENV@1 presence-check", "STRIPE_SECRET_KEY@6"]),
    ])
    func anOperandsChainDecidesWhatItsTestGuards(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(Self.reads(text))")
    }

    /// A const alias used with a default after it, and nowhere passed on as it is, has that default (midday's CLI
    /// `const xdg = process.env.XDG_CONFIG_HOME; const base = xdg || path.join(…)`, its pool-stats interval
    /// `raw ?? "60000"`). Must not: another use passed on as it is, inside a call before `||`, or as the default of
    /// something else.
    @Test(arguments: [
        ("const xdg = process.env.XDG_CONFIG_HOME;\nconst base = xdg || path.join(os.homedir(), '.config');", ["XDG_CONFIG_HOME@1 computed"]),
        ("const raw = process.env.POOL_MS;\nconst ms = Number.parseInt(\n  raw ?? '60000',\n  10,\n);", ["POOL_MS@1 literal"]),
        ("const region = process.env.REGION_NAME;\nconst r = region?.trim() || 'eu';", ["REGION_NAME@1 literal"]),
        ("raw = os.getenv('POOL_MS')\nms = int(raw or '60000')\n", ["POOL_MS@1 literal"]),
        ("const key = process.env.MAIL_API_KEY;\nconst k = key || '';", ["MAIL_API_KEY@1 empty"]),
        // must not
        ("const raw = process.env.POOL_MS;\nuse(raw);", ["POOL_MS@1"]),
        ("const raw = process.env.POOL_MS;\nconst x = f(raw) || 5;", ["POOL_MS@1"]),
        ("const raw = process.env.POOL_MS;\nconst x = other || raw;", ["POOL_MS@1"]),
        // a default covers its own expression only: a use passing the value on as it is keeps the name required
        ("const url = process.env.DATABASE_URL;\nexport const db = new Pool({ connectionString: url });\n"
         + "export function safeRedirect(url) { return url || '/'; }", ["DATABASE_URL@1"]),
        ("const siteUrl = process.env.SITE_URL;\nexport const base = new URL(siteUrl || 'https://acme.com');\nexport const abs = (p) => `${siteUrl}${p}`;",
         ["SITE_URL@1"]),
        // documenso's email templates: a development default leaves production needing the value
        ("const WEBAPP_URL = env('NEXT_PUBLIC_WEBAPP_URL');\nconst signUpUrl = `${WEBAPP_URL ?? 'http://localhost:3000'}/signup`;",
         ["NEXT_PUBLIC_WEBAPP_URL@1"]),
        ("const url = process.env.REDIS_URL;\nconnect(url || 'redis://127.0.0.1:6379');", ["REDIS_URL@1"]),
    ])
    func anAliasUsedWithADefaultHasIt(text: String, expected: [String]) {
        let path = text.contains("os.getenv") ? "app/settings.py" : "src/f.ts"
        #expect(Self.reads(text, path: path) == expected, "\(Self.reads(text, path: path))")
    }

    @Test func aPreviewOnlyBranchMayRun() {
        let reads: [String: [CodeRead]] = ["PREVIEW_PROJECT_NAME": [CodeRead(location: "next.config.mjs:20", place: .production,
                                                                             conditions: [CodeCondition(kind: .equals, name: "VERCEL_ENV", value: "\"preview\"")])]]
        // a preview deployment's branch may run where production's value is unknown (`switch` fall-through,
        // `!(X === 'preview')`): possible, medium — not never
        #expect(EnvPrecisionTests.audit(defined: [], reads: reads) == ["env.referenced-missing medium env:production/PREVIEW_PROJECT_NAME"])
        let staging: [String: [CodeRead]] = ["PREVIEW_PROJECT_NAME": [CodeRead(location: "next.config.mjs:20", place: .production,
                                                                              conditions: [CodeCondition(kind: .equals, name: "VERCEL_ENV", value: "'production'")])]]
        #expect(EnvPrecisionTests.audit(defined: [], reads: staging) == ["env.referenced-missing high env:production/PREVIEW_PROJECT_NAME"])
    }

    /// A read reaches its test through a TypeScript cast (papermark's `const contactBookId = process.env.X as string`,
    /// then `if (!contactBookId) { …; return; }`) or through a parameter of a function the same file declares
    /// (langfuse's `cutoffFromEnv(process.env.X, "2026-05-20…")`, whose body starts `if (!override) return …`): tested
    /// as the parameter's uses are. A parameter with a default of its own is a default. Must not: a parameter the body
    /// only uses, a method of another object, a function the file does not declare.
    @Test(arguments: [
        ("const contactBookId = process.env.UNSEND_CONTACT_BOOK_ID as string;\nconst subscribe = async (email: string) => {\n"
         + "  if (!contactBookId) {\n    console.error('not set');\n    return;\n  }\n  await create(contactBookId, email);\n};",
         "UNSEND_CONTACT_BOOK_ID@1 presence-check"),
        ("const key = process.env.API_KEY! as unknown as string;\nif (!key) return null;", "API_KEY@1 presence-check"),
        ("function cutoffFromEnv(override: string | undefined, fallbackIso: string): Date {\n  if (!override) return new Date(fallbackIso);\n"
         + "  return new Date(override);\n}\nexport const CUTOFF = cutoffFromEnv(\n  process.env.NEXT_PUBLIC_CUTOFF,\n  \"2026-05-20T00:00:00.000Z\",\n);",
         "NEXT_PUBLIC_CUTOFF@6 presence-check"),
        ("const connect = (limits: Map<string, number>, url?: string) => {\n  if (!url) return null;\n  return open(url);\n};\nconnect(limits, process.env.CACHE_URL);",
         "CACHE_URL@5 presence-check"),
        // formbricks' next.config.mjs: a spread of the call's result
        ("const variants = (value) => {\n  if (!value) {\n    return [];\n  }\n  return [value];\n};\nconst sources = [...variants(process.env.WEBAPP_URL)];",
         "WEBAPP_URL@7 presence-check"),
        ("function baseUrl(url = 'http://localhost:3000') {\n  return url;\n}\nexport const BASE = baseUrl(process.env.BASE_URL);", "BASE_URL@4 computed"),
        ("function check(key: string) {\n  if (!key) throw new Error('missing');\n}\ncheck(process.env.API_KEY);", "API_KEY@4 enforced"),
        // must not
        ("function send(key: string) {\n  return post(key);\n}\nsend(process.env.API_KEY);", "API_KEY@4"),
        ("function send(key?: string) {\n  if (!key) return;\n}\nclient.send(process.env.API_KEY);", "API_KEY@4"),
        ("function send(key?: string) {\n  if (!key) return;\n}\nother(process.env.API_KEY);", "API_KEY@4"),
        ("function send(a?: string, key?: string) {\n  if (!a) return;\n  post(key);\n}\nsend(x, process.env.API_KEY);", "API_KEY@5"),
        ("const key = process.env.API_KEY as string;\npost(key);", "API_KEY@1"),
    ])
    func aReadIsTestedThroughACastOrAParameter(text: String, read: String) {
        #expect(Self.reads(text, path: "src/lib.ts").first == read, "\(Self.reads(text, path: "src/lib.ts"))")
    }

    /// Must stay a `presence-check` (handled unset): the branch hides a feature (404), answers success, or skips an
    /// optional integration outside a request handler.
    @Test(arguments: [
        // openstatus api/webhooks/workos/route.ts: SSO is optional; the route answers 404 when it is not configured.
        ("const secret = process.env.WORKOS_WEBHOOK_SECRET;\nif (!isWorkOSConfigured() || !secret) {\n  return new Response('Not found', { status: 404 });\n}",
         "WORKOS_WEBHOOK_SECRET@1 presence-check"),
        ("if (!process.env.SLACK_WEBHOOK_URL) {\n  return new Response('skipped', { status: 200 });\n}", "SLACK_WEBHOOK_URL@1 presence-check"),
        ("export function track(event) {\n  if (!process.env.POSTHOG_KEY) return;\n  send(event);\n}", "POSTHOG_KEY@2 presence-check"),
        // a callback inside a handler is not the handler
        ("app.post('/x', (req, res) => {\n  emitter.on('e', (data) => {\n    if (!process.env.SLACK_URL) return;\n    post(data);\n  });\n});", "SLACK_URL@3 presence-check"),
        ("if (!process.env.RETRY_KEY) {\n  await sleep(500);\n  return null;\n}", "RETRY_KEY@1 presence-check"),
        ("if (!process.env.LIMIT_KEY) {\n  limit = 500;\n  return null;\n}", "LIMIT_KEY@1 presence-check"),
        ("if (!process.env.API_KEY) {\n  if (res.status === 401) log();\n  return null;\n}", "API_KEY@1 presence-check"),
        ("if (!process.env.MAP_KEY) {\n  return res.redirect(302, '/');\n}", "MAP_KEY@1 presence-check"),
        ("if not os.getenv('SENTRY_DSN'):\n    return None\n", "SENTRY_DSN@1 presence-check"),
    ])
    func aBranchThatGoesOnIsHandledUnset(text: String, read: String) {
        let path = text.contains("os.getenv") ? "app/views.py" : "src/route.ts"
        #expect(Self.reads(text, path: path).first == read, "\(Self.reads(text, path: path))")
    }

    // MARK: the branch a read sits in

    @Test(arguments: [
        // s3-provider.ts: a CloudFront key read only when the distribution domain is set (inside a template literal).
        ("if (env('DISTRIBUTION_DOMAIN')) {\n  sign({ keyPairId: `${env('DISTRIBUTION_KEY_ID')}` });\n}",
         ["DISTRIBUTION_DOMAIN@1 presence-check", "DISTRIBUTION_KEY_ID@2 if:DISTRIBUTION_DOMAIN"]),
        // upload/providers/index.ts: a switch on the transport; the default throws.
        ("switch (env('UPLOAD_TRANSPORT')) {\n  case 's3':\n    return s3(env('S3_BUCKET'));\n  case 'azure-blob':\n    return azure(env('AZURE_KEY'));\n  default:\n    throw new Error('x');\n}",
         ["UPLOAD_TRANSPORT@1 enforced", "S3_BUCKET@3 if:UPLOAD_TRANSPORT='s3'", "AZURE_KEY@5 if:UPLOAD_TRANSPORT='azure-blob'"]),
        ("const transport = env('UPLOAD_TRANSPORT');\nswitch (transport) {\n  case 'azure-blob': return new Azure(env('AZURE_KEY'));\n}",
         ["UPLOAD_TRANSPORT@1 selector", "AZURE_KEY@3 if:UPLOAD_TRANSPORT='azure-blob'"]),
        // jobs/client/client.ts: ts-pattern
        ("this.p = match(env('JOBS_PROVIDER'))\n  .with('inngest', () => start(env('INNGEST_EVENT_KEY')))\n  .otherwise(() => local());",
         ["JOBS_PROVIDER@1 selector", "INNGEST_EVENT_KEY@2 if:JOBS_PROVIDER='inngest'"]),
        ("const t = process.env.MAILER === 'smtp' ? smtp(process.env.SMTP_HOST) : resend(process.env.RESEND_KEY);",
         ["MAILER@1 selector", "SMTP_HOST@1 if:MAILER='smtp'", "RESEND_KEY@1"]),
        ("const creds = process.env.ACCESS_KEY_ID && process.env.SECRET_ACCESS_KEY;",
         ["ACCESS_KEY_ID@1 presence-check", "SECRET_ACCESS_KEY@1 if:ACCESS_KEY_ID"]),
        ("if (process.env.MAILER === 'smtp' && process.env.SMTP_HOST) {\n  send(process.env.SMTP_PASSWORD);\n}",
         ["MAILER@1 selector", "SMTP_HOST@1 presence-check if:MAILER='smtp'", "SMTP_PASSWORD@2 if:MAILER='smtp',SMTP_HOST"]),
        ("if os.environ.get('EMAIL_BACKEND') == 'smtp':\n    host = os.environ['SMTP_HOST']\nkey = os.environ['SECRET_KEY']\n",
         ["EMAIL_BACKEND@1 selector", "SMTP_HOST@2 if:EMAIL_BACKEND='smtp'", "SECRET_KEY@3"]),
        ("match os.getenv('STORAGE'):\n    case 's3':\n        b = os.environ['S3_BUCKET']\n    case _:\n        pass\n",
         ["STORAGE@1 selector", "S3_BUCKET@3 if:STORAGE='s3'"]),
        // The else of a presence test whose branch needs other names: alternatives. The tested name is the primary
        // configuration (a plain read, in its own branch too); the else's reads run only with it unset.
        ("if (process.env.A_URL) {\n  a(process.env.A_URL);\n} else {\n  use(process.env.C_KEY);\n}",
         ["A_URL@1", "A_URL@2", "C_KEY@4 if:!A_URL"]),
        ("if (process.env.REDIS_URL) {\n  a();\n} else if (process.env.REDIS_HOST) {\n  b(process.env.REDIS_HOST);\n} else {\n  c(process.env.REDIS_SOCKET);\n}",
         ["REDIS_URL@1", "REDIS_HOST@3 if:!REDIS_URL", "REDIS_HOST@4 if:!REDIS_URL", "REDIS_SOCKET@6 if:!REDIS_HOST,!REDIS_URL"]),
        // plane's apps/api/plane/settings/common.py
        ("if bool(os.environ.get(\"DATABASE_URL\")):\n    DATABASES = {\"default\": dj_database_url.config()}\nelse:\n    DATABASES = {\n        \"NAME\": os.environ.get(\"POSTGRES_DB\"),\n        \"PORT\": os.environ.get(\"POSTGRES_PORT\", \"5432\"),\n    }\n",
         ["DATABASE_URL@1", "POSTGRES_DB@5 if:!DATABASE_URL", "POSTGRES_PORT@6 literal if:!DATABASE_URL"]),
        // flagsmith's api/app/settings/common.py
        ("if \"DATABASE_URL\" in os.environ:\n    DATABASES = parse(os.environ[\"DATABASE_URL\"])\nelif \"DJANGO_DB_NAME\" in os.environ:\n    DATABASES = {\"NAME\": os.environ[\"DJANGO_DB_NAME\"], \"USER\": os.environ[\"DJANGO_DB_USER\"]}\n",
         // the elif's reads run under its own test: the else needs no name for sure, so DATABASE_URL is a presence check
         ["DATABASE_URL@1 presence-check", "DATABASE_URL@2 presence-check", "DJANGO_DB_NAME@3 presence-check", "DJANGO_DB_NAME@4 presence-check",
          "DJANGO_DB_USER@4 if:DJANGO_DB_NAME"]),
    ])
    func readIsConditional(text: String, expected: [String]) {
        let path = text.contains("os.") ? "app/settings.py" : "src/f.ts"
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    // comp's QA routes (batch 37): `if (process.env.NODE_ENV === 'production') { return 404 }`, then the read: the
    // rest of the block runs only with NODE_ENV something else; a branch on `!==` runs only then too
    @Test(arguments: [
        ("export async function POST() {\n  if (process.env.NODE_ENV === 'production') {\n    return json({}, { status: 404 });\n  }\n  const s = process.env.QA_SECRET;\n}\nconst k = process.env.KEEP_KEY;",
         ["NODE_ENV@2 selector", "QA_SECRET@5 if:NODE_ENV≠'production'", "KEEP_KEY@7"]),
        ("function f() {\n  if (process.env.NODE_ENV === \"production\") throw new Error('dev only');\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@3 if:NODE_ENV≠\"production\""]),
        ("function f() {\n  if (process.env.NODE_ENV !== 'production') {\n    use(process.env.DEV_TOKEN);\n  }\n  use(process.env.LIVE_KEY);\n}",
         // (a `!==` test is where an unset variable goes: handled unset, as before)
         ["NODE_ENV@2 presence-check", "DEV_TOKEN@3 if:NODE_ENV≠'production'", "LIVE_KEY@5"]),
        ("function f() {\n  if (process.env.STORAGE !== 's3') return local();\n  return s3(process.env.S3_BUCKET);\n}",
         // (the rest after a `!==` exit is `equals` only for a name the platform sets: here it stays unconditioned)
         ["STORAGE@2 presence-check", "S3_BUCKET@3"]),
        // not an exit: a body that may go on, an exit inside a nested function or block, an `else`, a joined condition
        ("function f() {\n  if (process.env.NODE_ENV === 'production') {\n    log('live');\n  }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@5"]),
        ("function f() {\n  if (process.env.NODE_ENV === 'production') {\n    items.forEach(() => { return; });\n  }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@5"]),
        ("function f() {\n  if (process.env.NODE_ENV === 'production') {\n    if (late) { return; }\n  }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@5"]),
        ("function f() {\n  if (process.env.NODE_ENV === 'production') {\n    return a();\n  } else {\n    b();\n  }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@7"]),
        ("function f() {\n  if (process.env.NODE_ENV === 'production' && strict) {\n    return a();\n  }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@5"]),
        // a review of .69: an exit that is not the body's own last statement (a nested `if (x) return`, the word in
        // JSX text), an `else if`, a `case` of a switch, a hoisted function after the exit, the app's own stage variable
        ("function f() {\n  if (process.env.NODE_ENV === 'production') {\n    if (!user) return deny();\n  }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@5"]),
        ("function f() {\n  if (process.env.NODE_ENV === 'production') { banner = <B>Please return later</B> }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@3"]),
        ("function f() {\n  if (ok) { a() }\n  else if (process.env.NODE_ENV === 'production') { return deny() }\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@3 selector", "QA_SECRET@4"]),
        ("switch (p) {\n  case 'mock': if (process.env.NODE_ENV === 'production') throw new Error('x'); return mock();\n  case 'live': return live(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@3"]),
        // an `if` that is a statement of its own inside a case: the next case is not its rest
        ("switch (p) {\n  case 'mock':\n    log();\n    if (process.env.NODE_ENV === 'production') throw new Error('x');\n    return mock();\n  case 'live':\n    return live(process.env.QA_SECRET);\n}",
         ["NODE_ENV@4 selector", "QA_SECRET@7"]),
        ("function h() {\n  if (process.env.NODE_ENV === 'production') return live();\n  return dev();\n  function live() { return charge(process.env.QA_SECRET) }\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@4"]),
        ("function f() {\n  if (path.startsWith('/debug')) if (process.env.NODE_ENV === 'production') return 404;\n  use(process.env.QA_SECRET);\n}",
         ["NODE_ENV@2 selector", "QA_SECRET@3"]),
        ("function f() {\n  if (process.env.APP_ENV !== 'production') return;\n  track(process.env.SEGMENT_KEY);\n}",
         ["APP_ENV@2 presence-check", "SEGMENT_KEY@3"]),
        ("function f() {\n  if (process.env.NODE_ENV !== 'development') return;\n  use(process.env.DEV_TOKEN);\n}",
         ["NODE_ENV@2 presence-check", "DEV_TOKEN@3 if:NODE_ENV='development'"]),
        // the exit ends the guarded block only: what follows the enclosing block runs regardless
        ("function f() {\n  {\n    if (process.env.NODE_ENV === 'production') return;\n    a(process.env.QA_SECRET);\n  }\n}\nb(process.env.QA_SECRET);",
         ["NODE_ENV@3 selector", "QA_SECRET@4 if:NODE_ENV≠'production'", "QA_SECRET@7"]),
    ])
    func aComparisonThatExitsGuardsTheRest(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// Kotlin's one-line `if (…) return null else …` (a review of .69): the else goes on, so nothing after is guarded.
    @Test func aKotlinIfElseOnOneLineIsNoExit() {
        let text = "fun f(): String? {\n    if (System.getenv(\"NODE_ENV\") == \"production\") return null else println(\"dev\")\n    return System.getenv(\"K2\")\n}\n"
        #expect(Self.reads(text, path: "src/App.kt").last == "K2@3", "\(Self.reads(text, path: "src/App.kt"))")
        let exits = "fun f(): String? {\n    if (System.getenv(\"NODE_ENV\") == \"production\") return null\n    return System.getenv(\"K2\")\n}\n"
        #expect(Self.reads(exits, path: "src/App.kt").last == "K2@3 if:NODE_ENV≠\"production\"", "\(Self.reads(exits, path: "src/App.kt"))")
    }

    /// The primary name of `if X … else …` is one of a group with the names the else needs: production defining any of
    /// them settles it (a review found `DATABASE_URL` high with production defining the else's `PGHOST`).
    @Test(arguments: [
        ("if (process.env.DATABASE_URL) {\n  db = connect(process.env.DATABASE_URL);\n} else {\n  db = connect(process.env.PGHOST);\n}",
         ["DATABASE_URL@1 or PGHOST", "DATABASE_URL@2 or PGHOST", "PGHOST@4"]),
        ("if bool(os.environ.get(\"DATABASE_URL\")):\n    DATABASES = {}\nelse:\n    DATABASES = {\"NAME\": os.environ.get(\"POSTGRES_DB\"), \"USER\": os.environ.get(\"POSTGRES_USER\")}\n",
         ["DATABASE_URL@1 or POSTGRES_DB,POSTGRES_USER", "POSTGRES_DB@4", "POSTGRES_USER@4"]),
        // reads under another test inside the else, a final default: nothing needed
        ("if (process.env.DATABASE_URL) {\n  a();\n} else if (process.env.PGHOST) {\n  connect(process.env.PGHOST, process.env.PGPASSWORD);\n} else {\n  db = sqlite();\n}",
         ["DATABASE_URL@1", "PGHOST@3", "PGHOST@4", "PGPASSWORD@4"]),
        // a brace-less inner `if` does not take the outer `if`'s else
        ("if (globalThis.a) { if (process.env.XA) r = 1 }\nelse { r = process.env.YA }", ["XA@1", "YA@2"]),
        // the alias form: `url = os.getenv("DATABASE_URL")` then `if url: … else: …`
        ("url = os.getenv(\"DATABASE_URL\")\nif url:\n    DATABASES = parse(url)\nelse:\n    DATABASES = {\"HOST\": os.getenv(\"POSTGRES_HOST\")}\n",
         ["DATABASE_URL@1 or POSTGRES_HOST", "POSTGRES_HOST@5"]),
        ("const url = process.env.DATABASE_URL;\nif (url) {\n  db = connect(url);\n} else {\n  db = connect(process.env.PGHOST);\n}",
         ["DATABASE_URL@1 or PGHOST", "PGHOST@5"]),
        // an alias a use stops without forms no group: the else never runs with it unset
        ("const url = process.env.DATABASE_URL;\nif (!url) throw new Error('DATABASE_URL');\nif (url) {\n  db = connect(url);\n} else {\n  db = connect(process.env.PGHOST);\n}",
         ["DATABASE_URL@1", "PGHOST@6"]),
        // an alias passed on as it is needs its own name: no group
        ("url = os.getenv(\"DATABASE_URL\")\nengine = create_engine(url)\nif url:\n    mode = 1\nelse:\n    host = os.getenv(\"PGHOST\")\n",
         ["DATABASE_URL@1", "PGHOST@6"]),
        // every else of an alias counts, not only the first
        ("url = os.getenv(\"DATABASE_URL\")\nif url:\n    mode = \"url\"\nelse:\n    mode = \"none\"\nif url:\n    DB = {\"url\": url}\nelse:\n    DB = {\"host\": os.getenv(\"PGHOST\")}\n",
         ["DATABASE_URL@1 or PGHOST", "PGHOST@9"]),
        // the operating system's names are no alternative
        ("if (process.env.CACHE_DIR) {\n  use(process.env.CACHE_DIR);\n} else {\n  use(process.env.TMPDIR);\n}", ["CACHE_DIR@1", "CACHE_DIR@2", "TMPDIR@4"]),
    ])
    func thePrimaryOfAnElseIsOneOfAGroup(text: String, expected: [String]) {
        let path = text.contains("os.") ? "app/settings.py" : "src/f.ts"
        let found = CodeReferences.reads(in: text, path: path).map { read in
            "\(read.name)@\(read.line)" + (read.alternatives.isEmpty ? "" : " or " + read.alternatives.joined(separator: ","))
        }
        #expect(found == expected, "\(text)")
    }

    /// The file's budget of alias uses is spent only on uses that are tested: 63 aliases of 257 uses each (each tested
    /// at its first 256) leave the 64th its 201 uses, whose last tests it (a review finding of rules .45).
    @Test func onlyTestedAliasUsesSpendTheBudget() {
        let aliases = (0..<64).map { "const a\($0) = process.env.FLAG_\($0);\n" }.joined()
        let uses = (0..<63).map { k in String(repeating: "if (a\(k)) { f(); }\n", count: 257) }.joined()
        let last = String(repeating: "f(a63);\n", count: 200) + "if (a63) { f(); }\n"
        #expect(Self.reads(aliases + uses + last).prefix(64).last == "FLAG_63@64 presence-check")
    }

    /// Past the bound on regions per file an `if X … else …` is left as it is: X a presence check and the else's reads
    /// plain, never X one of a group whose else lost its condition (a review finding of rules .48).
    @Test func pastTheRegionBoundAnElseIsLeftWhole() {
        let aliases = (0..<17).map { "const a\($0) = process.env.FLAG_\($0);\n" }.joined()
        let uses = (0..<17).map { k in String(repeating: "if (a\(k)) { f(); }\n", count: 256) }.joined()
        let tail = "if (process.env.DATABASE_URL) {\n  db = connect(process.env.DATABASE_URL);\n} else {\n  db = connect(process.env.PGHOST);\n}\n"
        func reads(_ text: String) -> [String] {
            zip(Self.reads(text), CodeReferences.reads(in: text, path: "src/f.ts")).map { shown, read in
                shown + (read.alternatives.isEmpty ? "" : " or " + read.alternatives.joined(separator: ","))
            }
        }
        let line = 17 + 17 * 256 + 1
        #expect(reads(aliases + uses + tail).suffix(3) == [
            "DATABASE_URL@\(line) presence-check", "DATABASE_URL@\(line + 1) presence-check", "PGHOST@\(line + 3)"])
        // under the bound, the same else makes a group
        #expect(reads(tail) == ["DATABASE_URL@1 or PGHOST", "DATABASE_URL@2 or PGHOST", "PGHOST@4 if:!DATABASE_URL"])
    }

    /// A settings module holds hundreds of value aliases (surfsense's `config/__init__.py`): the one tested on line 82
    /// is tested as the first is.
    @Test func aSettingsModulesLateAliasIsStillTested() {
        let settings = (1...80).map { "    SETTING_\($0) = os.getenv(\"SETTING_\($0)\")\n" }.joined()
        let text = "class Config:\n" + settings + "    ETL_SERVICE = os.getenv(\"ETL_SERVICE\")\n    if ETL_SERVICE == \"UNSTRUCTURED\":\n"
            + "        KEY = os.getenv(\"UNSTRUCTURED_API_KEY\")\n"
        let reads = Self.reads(text, path: "app/config/__init__.py")
        #expect(reads.suffix(2) == ["ETL_SERVICE@82 selector", "UNSTRUCTURED_API_KEY@84 if:ETL_SERVICE=\"UNSTRUCTURED\""], "\(reads.suffix(2))")
    }

    /// An `else` that needs no other name (a default, a log) leaves the test a presence check: the name is optional.
    @Test(arguments: [
        ("if (process.env.SENTRY_DSN) {\n  init(process.env.SENTRY_DSN);\n} else {\n  log(process.env.LOG_LEVEL || 'info');\n}",
         ["SENTRY_DSN@1 presence-check", "SENTRY_DSN@2 presence-check", "LOG_LEVEL@4 literal"]),
        ("if 'SENTRY_DSN' in os.environ:\n    init(os.environ['SENTRY_DSN'])\nelse:\n    log('no sentry')\n",
         ["SENTRY_DSN@1 presence-check", "SENTRY_DSN@2 presence-check"]),
        ("if 'SENTRY_DSN' not in os.environ:\n    raise RuntimeError('SENTRY_DSN')\n", ["SENTRY_DSN@1 enforced"]),
        // `bool(…)` around a membership test keeps its `not`
        ("if bool('SENTRY_DSN' not in os.environ):\n    raise RuntimeError('SENTRY_DSN')\n", ["SENTRY_DSN@1 enforced"]),
        // nango's getServerPort: every other branch reads its name inside its own guard, or the platform's PORT, and the last returns a default
        ("if (process.env['SERVER_PORT']) {\n  return +process.env['SERVER_PORT'];\n} else if (process.env['NANGO_PORT']) {\n  return +process.env['NANGO_PORT'];\n} else {\n  return 3003;\n}",
         ["SERVER_PORT@1 presence-check", "SERVER_PORT@2 presence-check", "NANGO_PORT@3 presence-check", "NANGO_PORT@4 presence-check"]),
        ("if (process.env.SERVER_PORT) {\n  listen(process.env.SERVER_PORT);\n} else {\n  listen(process.env.PORT);\n}",
         ["SERVER_PORT@1 presence-check", "SERVER_PORT@2 presence-check", "PORT@4"]),
        ("DEBUG = 'DEBUG_SQL' in os.environ\n", ["DEBUG_SQL@1 presence-check"]),
        // healthchecks' hc/settings.py: a walrus in the test, and an else that needs no other name
        ("if v := os.getenv(\"ALLOWED_HOSTS\"):\n    ALLOWED_HOSTS = v.split(\",\")\nelse:\n    ALLOWED_HOSTS = [domain]\n", ["ALLOWED_HOSTS@1 presence-check"]),
    ])
    func anElseThatNeedsNothingLeavesAPresenceCheck(text: String, expected: [String]) {
        let path = text.contains("os.") ? "app/settings.py" : "src/f.ts"
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    /// Must not be conditional: the read runs whatever the other variable holds.
    @Test(arguments: [
        ("if (process.env.A_URL || process.env.B_URL) {\n  use(process.env.C_KEY);\n}", "C_KEY@2"),
        ("const x = process.env.MODE !== 'local' ? process.env.REMOTE_URL : null;", "REMOTE_URL@1"),
        ("if (!process.env.A_URL) {\n  use(process.env.C_KEY);\n}", "C_KEY@2"),
        ("if (process.env.A_URL && process.env.B_URL) {\n  a();\n} else {\n  use(process.env.C_KEY);\n}", "C_KEY@4"),
        ("if (process.env.MODE === 'x') {\n  a();\n} else {\n  use(process.env.C_KEY);\n}", "C_KEY@4"),
        ("if (!process.env.A_URL) {\n  a();\n} else {\n  use(process.env.C_KEY);\n}", "C_KEY@4"),
        ("if os.getenv('A_URL') or os.getenv('B_URL'):\n    a()\nelse:\n    use(os.environ['C_KEY'])\n", "C_KEY@4"),
        ("if (process.env.A_URL) {\n  a();\n}\nuse(process.env.C_KEY);", "C_KEY@4"),
        ("if (process.env.A_URL) { log(\"}\"); }\nuse(process.env.C_KEY);", "C_KEY@2"),
        ("if (process.env.A_URL) { a(); // }\n}\nuse(process.env.C_KEY);", "C_KEY@3"),
        ("switch (env('TRANSPORT')) {\n  case 's3': a(); break;\n  default: b(env('C_KEY'));\n}", "C_KEY@3"),
        ("if os.getenv('A_URL'):\n    a()\nuse(os.getenv('C_KEY'))\n", "C_KEY@3"),
    ])
    func readIsUnconditional(text: String, read: String) {
        let path = text.contains("os.") ? "app/settings.py" : "src/f.ts"
        #expect(Self.reads(text, path: path).contains(read), "\(Self.reads(text, path: path))")
    }

    // MARK: across files

    static func collect(_ files: [(String, String)]) -> [String: [CodeRead]] {
        var collector = CodeReferences.Collector()
        for (path, text) in files { collector.add(text, path: path) }
        return Dictionary(uniqueKeysWithValues: collector.references().map { ($0.name, $0.effectiveReads) })
    }

    static let selector = ("lib/upload/index.ts", """
        import { AzureBlobProvider } from './azure';
        export const getStorage = () => {
          const transport = env('UPLOAD_TRANSPORT');
          switch (transport) {
            case 's3': return new S3();
            case 'azure-blob': return new AzureBlobProvider();
            default: throw new Error('x');
          }
        };
        """)
    static let provider = ("lib/upload/azure.ts", """
        export class AzureBlobProvider {
          constructor() {
            this.key = String(env('AZURE_ACCOUNT_KEY'));
          }
        }
        """)

    @Test func aClassOnlyAGuardedBranchConstructsIsConditional() {
        let reads = Self.collect([Self.selector, Self.provider, ("lib/upload/azure.test.ts", "const p = new AzureBlobProvider();")])
        #expect(reads["AZURE_ACCOUNT_KEY"]?.first?.conditions == [CodeCondition(kind: .equals, name: "UPLOAD_TRANSPORT", value: "'azure-blob'")])
    }

    @Test func aClassAlsoConstructedUnguardedIsNot() {
        let reads = Self.collect([Self.selector, Self.provider, ("lib/api/upload.ts", "export const handler = () => new AzureBlobProvider();")])
        #expect(reads["AZURE_ACCOUNT_KEY"]?.first?.conditions == nil)
    }

    @Test func aModuleLevelInitializerRunsOnImport() {
        let client = ("lib/plain/client.ts", "export const plainClient = new PlainClient({ apiKey: env('PLAIN_API_KEY') ?? '' });")
        let user = ("lib/support.ts", "export const submit = () => {\n  if (env('SUPPORT_ENABLED')) {\n    plainClient.send();\n  }\n};")
        let reads = Self.collect([client, user])
        #expect(reads["PLAIN_API_KEY"]?.first?.conditions == nil)
    }

    /// openstatus' OIDC sign-in: `export const OIDCProvider = { clientId: process.env.AUTH_OIDC_ID, … }` is an object
    /// literal used only in `X ? [OIDCProvider] : []` of the NextAuth setup: its reads take that condition. A const used
    /// unguarded, a call or construction (`WorkOS({…})`, `new Stripe(read)`: they run when the module loads and may
    /// check their options there) and a value never used stay as they were.
    @Test func anObjectLiteralConstIsNeededWhereItIsUsed() {
        let providers = ("apps/dashboard/src/lib/auth/providers.ts", """
            export const OIDCProvider: OIDCConfig<Profile> = {
              id: "oidc",
              issuer: process.env.AUTH_OIDC_ISSUER,
              clientId: process.env.AUTH_OIDC_ID,
            };
            export const WorkOSProvider = WorkOS({
              clientId: process.env.AUTH_WORKOS_ID,
              clientSecret: process.env.AUTH_WORKOS_SECRET,
            });
            export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
            export const dbOptions = { url: process.env.DATABASE_URL };
            export const unused = { key: process.env.UNUSED_KEY };
            """)
        let index = ("apps/dashboard/src/lib/auth/index.ts", """
            import { OIDCProvider, WorkOSProvider, dbOptions, stripe } from "./providers";
            const hasWorkOS = Boolean(process.env.AUTH_WORKOS_ID && process.env.AUTH_WORKOS_SECRET);
            export const { handlers } = NextAuth({
              adapter: connect(dbOptions),
              providers: [
                ...(process.env.AUTH_OIDC_ISSUER ? [OIDCProvider] : []),
                ...(hasWorkOS ? [WorkOSProvider] : []),
              ],
            });
            export function charge() {
              if (process.env.BILLING_ENABLED) { return stripe.charges.create(); }
            }
            """)
        let reads = Self.collect([providers, index])
        func judged(_ name: String) -> [String] {
            (reads[name] ?? []).map { read in
                read.location + (read.fallback.map { " " + $0.kind.rawValue } ?? "")
                    + (read.conditions.map { " when " + $0.map(\.name).joined(separator: ",") } ?? "")
            }
        }
        #expect(judged("AUTH_OIDC_ID") == ["apps/dashboard/src/lib/auth/providers.ts:4 when AUTH_OIDC_ISSUER"])
        #expect(judged("AUTH_WORKOS_SECRET") == ["apps/dashboard/src/lib/auth/index.ts:2 presence-check when AUTH_WORKOS_ID",
                                                 "apps/dashboard/src/lib/auth/providers.ts:8"])
        #expect(judged("STRIPE_SECRET_KEY") == ["apps/dashboard/src/lib/auth/providers.ts:10"])
        #expect(judged("DATABASE_URL") == ["apps/dashboard/src/lib/auth/providers.ts:11"])
        #expect(judged("UNUSED_KEY") == ["apps/dashboard/src/lib/auth/providers.ts:12 unused-symbol"])  // `unused` is named nowhere
        // Judged: the OIDC client id is needed only where OIDC is set up; the database URL stays required.
        #expect(EnvNeed.judge("AUTH_OIDC_ID", reads: reads["AUTH_OIDC_ID"] ?? [], defined: [], marker: nil)
                == .conditional(reasons: ["read at apps/dashboard/src/lib/auth/providers.ts:4 only when AUTH_OIDC_ISSUER is set"
                                          + " (production does not define AUTH_OIDC_ISSUER)"], possible: false))
        #expect(EnvNeed.judge("DATABASE_URL", reads: reads["DATABASE_URL"] ?? [], defined: [], marker: nil)
                == .required(locations: ["apps/dashboard/src/lib/auth/providers.ts:11"]))
    }

    /// dub's Slack log hooks: an object-literal const the file alone uses, each use an element made an alias that is
    /// tested for presence (`const HOOK = logTypeToEnv[type]; if (!HOOK) return`), has its values handled unset. Must
    /// not: an exported const, a use that is not such an alias (a call's argument), an alias used untested, a value
    /// nested one level down, a value in an expression (its own fallback stands, or none), an alias shadowed where
    /// it is tested.
    @Test(arguments: [
        ("""
         const logTypeToEnv = {
           alerts: process.env.DUB_SLACK_HOOK_ALERTS,
           errors: process.env.DUB_SLACK_HOOK_ERRORS as string,
         };
         export const log = async ({ message, type }) => {
           const HOOK = logTypeToEnv[type];
           if (!HOOK) return;
           return await fetch(HOOK, { method: "POST", body: message });
         };
         """, ["DUB_SLACK_HOOK_ALERTS@2 presence-check", "DUB_SLACK_HOOK_ERRORS@3 presence-check"]),
        ("const hooks = { alerts: process.env.HOOK_ALERTS };\nfunction send() {\n  const url = hooks.alerts;\n  if (url) fetch(url);\n}",
         ["HOOK_ALERTS@1 presence-check"]),
        ("export const hooks = { alerts: process.env.HOOK_ALERTS };\nfunction send(t) {\n  const url = hooks[t];\n  if (!url) return;\n}",
         ["HOOK_ALERTS@1"]),
        ("const hooks = { alerts: process.env.HOOK_ALERTS };\nfunction send(t) {\n  const url = hooks[t];\n  if (!url) return;\n}\nregister(hooks);",
         ["HOOK_ALERTS@1"]),
        ("const hooks = { alerts: process.env.HOOK_ALERTS };\nfunction send(t) {\n  const url = hooks[t];\n  return fetch(url);\n}",
         ["HOOK_ALERTS@1"]),
        ("const hooks = { slack: { alerts: process.env.HOOK_ALERTS } };\nfunction send(t) {\n  const url = hooks[t];\n  if (!url) return;\n}",
         ["HOOK_ALERTS@1"]),
        ("const hooks = { alerts: process.env.HOOK_ALERTS || '' };\nfunction send(t) {\n  const url = hooks[t];\n  if (!url) return;\n}",
         ["HOOK_ALERTS@1 empty"]),
        ("const hooks = { alerts: process.env.HOOK_ALERTS.trim() };\nfunction send(t) {\n  const url = hooks[t];\n  if (!url) return;\n}",
         ["HOOK_ALERTS@1"]),
        // An inner declaration of the same name is another variable: its test says nothing about the alias.
        ("const hooks = { alerts: process.env.HOOK_ALERTS };\nexport async function notify(links) {\n  const url = hooks.alerts;\n"
         + "  for (const l of links) { const url = l.url; if (!url) continue; }\n  await fetch(url);\n}",
         ["HOOK_ALERTS@1"]),
    ])
    func anObjectLiteralsValuesAreTestedThroughAnElementAlias(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// Go: an `if` without parentheses, and `name := <read>` aliases (openstatus' `if url := os.Getenv("WORKFLOWS_URL");
    /// url != "" { return url }`). A body that stops (`log.Fatal…`, `os.Exit`, `panic`) or returns `fmt.Errorf(…)`
    /// enforces the variable; one that sets a default or goes on handles it unset; a value alias used as a value is
    /// a plain read.
    @Test(arguments: [
        ("func base() string {\n\tif url := os.Getenv(\"WORKFLOWS_URL\"); url != \"\" {\n\t\treturn url\n\t}\n\treturn \"https://x\"\n}",
         ["WORKFLOWS_URL@2 presence-check"]),
        ("func main() {\n\tport := os.Getenv(\"APP_PORT\")\n\tif port == \"\" {\n\t\tport = \"8080\"\n\t}\n\tserve(port)\n}", ["APP_PORT@2 presence-check"]),
        ("func main() {\n\tif os.Getenv(\"SENTRY_DSN\") != \"\" {\n\t\tinitSentry()\n\t}\n}", ["SENTRY_DSN@2 presence-check"]),
        ("func main() {\n\tdsn := os.Getenv(\"DATABASE_URL\")\n\tif dsn == \"\" {\n\t\tlog.Fatal(\"DATABASE_URL is required\")\n\t}\n}", ["DATABASE_URL@2 enforced"]),
        ("func main() {\n\tif os.Getenv(\"API_KEY\") == \"\" {\n\t\tlog.Fatalf(\"missing %s\", \"API_KEY\")\n\t}\n}", ["API_KEY@2 enforced"]),
        ("func main() {\n\tif os.Getenv(\"LICENSE_KEY\") == \"\" {\n\t\tos.Exit(1)\n\t}\n}", ["LICENSE_KEY@2 enforced"]),
        ("func setup() error {\n\tif key := os.Getenv(\"STRIPE_KEY\"); key == \"\" {\n\t\treturn fmt.Errorf(\"STRIPE_KEY not set\")\n\t}\n\treturn nil\n}",
         ["STRIPE_KEY@2 enforced"]),
        // Go's `strconv.ParseBool("")` is an error the code may treat as fatal: a plain read
        ("func main() {\n\ton, _ := strconv.ParseBool(os.Getenv(\"TRACE_ON\"))\n\tuse(on)\n}", ["TRACE_ON@2"]),
        ("func routes() {\n\ttoken := os.Getenv(\"TINYBIRD_TOKEN\")\n\tclient := tinybird.NewClient(http, token)\n\tuse(client)\n}", ["TINYBIRD_TOKEN@2"]),
        // `strings.TrimSpace`/`ToLower` keep an empty value empty: the alias is still the read's (unkey's Go tools)
        ("func cfg() {\n\tif p := strings.TrimSpace(os.Getenv(\"AWS_PROFILE\")); p != \"\" {\n\t\tuse(p)\n\t}\n}", ["AWS_PROFILE@2 presence-check"]),
        ("func cfg() {\n\traw := strings.TrimSpace(strings.ToLower(os.Getenv(\"LOG_LEVEL\")))\n\tif raw == \"\" {\n\t\traw = \"info\"\n\t}\n\tuse(raw)\n}",
         ["LOG_LEVEL@2 presence-check"]),
        // not a normaliser, or not the whole argument: a plain read
        ("func cfg() {\n\tif p := strings.Repeat(os.Getenv(\"PAD_CHAR\"), 2); p != \"\" {\n\t\tuse(p)\n\t}\n}", ["PAD_CHAR@2"]),
        ("func cfg() {\n\tif p := strings.TrimSpace(os.Getenv(\"API_HOST\") + \"/v1\"); p != \"\" {\n\t\tuse(p)\n\t}\n}", ["API_HOST@2"]),
        ("func cfg() {\n\tif p := mystrings.TrimSpace(os.Getenv(\"API_HOST\")); p != \"\" {\n\t\tuse(p)\n\t}\n}", ["API_HOST@2"]),
        ("func cfg() {\n\tkey := strings.TrimSpace(os.Getenv(\"WORKOS_API_KEY\"))\n\tclient := workos.New(key)\n\tuse(client)\n}", ["WORKOS_API_KEY@2"]),
    ])
    func goReadsAreTestedByTheirIfs(text: String, expected: [String]) {
        #expect(Self.reads(text, path: "internal/server/main.go") == expected, "\(text)")
    }

    /// dub's SMTP fallback and global Redis: a const that holds only presence tests joined by `&&` names their
    /// conjunction, and a branch it guards runs only when each is set — in the same file (a ternary) and, through a
    /// function only such branches call, in another. A const holding anything else (`|| …`, a comparison, a call), a
    /// plain value alias used as a value, and a use after the alias' block are not guards.
    @Test func aConstHoldingPresenceTestsGuardsWhatItsTestRuns() {
        let mailer = ("packages/email/src/send-via-nodemailer.ts", """
            export const sendViaNodeMailer = async (to) => {
              const transporter = nodemailer.createTransport({
                host: process.env.SMTP_HOST,
                auth: { user: process.env.SMTP_USER },
              });
              return transporter.sendMail({ to });
            };
            """)
        let index = ("packages/email/src/index.ts", """
            import { sendViaNodeMailer } from "./send-via-nodemailer";
            export const sendEmail = async (opts) => {
              if (resend) return sendViaResend(opts);
              const smtpConfigured = Boolean(
                process.env.SMTP_HOST && process.env.SMTP_PORT,
              );
              if (smtpConfigured) {
                return await sendViaNodeMailer(opts.to);
              }
            };
            """)
        let redis = ("apps/web/lib/upstash/redis.ts", """
            const hasGlobalRedisConfig =
              !!process.env.GLOBAL_REDIS_URL &&
              !!process.env.GLOBAL_REDIS_TOKEN;
            const redisConfig = {
              url: hasGlobalRedisConfig ? process.env.GLOBAL_REDIS_URL : process.env.REDIS_URL || "",
              token: hasGlobalRedisConfig ? process.env.GLOBAL_REDIS_TOKEN : process.env.REDIS_TOKEN || "",
            };
            const mixed = !!process.env.MIXED_A || process.env.MIXED_B;
            const compared = process.env.MODE_A === "on" && !!process.env.MODE_B;
            const plain = process.env.PLAIN_URL;
            export const a = mixed ? process.env.MIXED_B : "";
            export const b = compared ? process.env.MODE_B : "";
            export const c = new Client(plain);
            """)
        let reads = Self.collect([mailer, index, redis])
        func judged(_ name: String) -> [String] {
            (reads[name] ?? []).map { read in
                read.location + (read.fallback.map { " " + $0.kind.rawValue } ?? "")
                    + (read.conditions.map { " when " + $0.map(\.name).joined(separator: ",") } ?? "")
            }
        }
        // The mailer's reads run only when SMTP_HOST and SMTP_PORT are set: SMTP_HOST inside its own guard.
        #expect(judged("SMTP_HOST") == ["packages/email/src/index.ts:5 presence-check",
                                        "packages/email/src/send-via-nodemailer.ts:3 when SMTP_HOST,SMTP_PORT"])
        #expect(judged("SMTP_USER") == ["packages/email/src/send-via-nodemailer.ts:4 when SMTP_HOST,SMTP_PORT"])
        // Judged: SMTP_HOST is handled unset; SMTP_USER's branch cannot run in a production without SMTP_HOST.
        if case .optional = EnvNeed.judge("SMTP_HOST", reads: reads["SMTP_HOST"] ?? [], defined: [], marker: nil) {} else { Issue.record("SMTP_HOST not optional") }
        #expect(EnvNeed.judge("SMTP_USER", reads: reads["SMTP_USER"] ?? [], defined: [], marker: nil).isRequired == false)
        #expect(EnvNeed.judge("SMTP_USER", reads: reads["SMTP_USER"] ?? [], defined: [], marker: nil)
                == .conditional(reasons: ["read at packages/email/src/send-via-nodemailer.ts:4 only when SMTP_HOST is set and SMTP_PORT is set"
                                          + " (production does not define SMTP_HOST, SMTP_PORT)"], possible: false))
        // A production that sets up SMTP surely runs the mailer: then it needs SMTP_USER.
        #expect(EnvNeed.judge("SMTP_USER", reads: reads["SMTP_USER"] ?? [], defined: ["SMTP_HOST", "SMTP_PORT"], marker: nil)
                == .required(locations: ["packages/email/src/send-via-nodemailer.ts:4"]))
        #expect(judged("GLOBAL_REDIS_URL") == ["apps/web/lib/upstash/redis.ts:2 presence-check",
                                               "apps/web/lib/upstash/redis.ts:5 presence-check when GLOBAL_REDIS_TOKEN"])
        #expect(judged("GLOBAL_REDIS_TOKEN") == ["apps/web/lib/upstash/redis.ts:3 presence-check",
                                                 "apps/web/lib/upstash/redis.ts:6 presence-check when GLOBAL_REDIS_URL"])
        // Not guards: an `||` in the initializer, a comparison, a plain value alias used as a value.
        #expect(judged("MIXED_B").contains("apps/web/lib/upstash/redis.ts:11"))
        #expect(judged("MODE_B").contains("apps/web/lib/upstash/redis.ts:12"))
        #expect(judged("PLAIN_URL") == ["apps/web/lib/upstash/redis.ts:10"])
    }

    // formbricks' storage package: the reads are exported as consts, and the client tests them where it imports them.
    static let storageConstants = ("packages/storage/src/constants.ts", """
        export const S3_ACCESS_KEY = process.env.S3_ACCESS_KEY;
        export const S3_BUCKET_NAME = process.env.S3_BUCKET_NAME;
        export const S3_REGION = process.env.S3_REGION;
        export const S3_TOKEN = process.env.S3_TOKEN;
        const S3_INTERNAL = process.env.S3_INTERNAL;
        export const S3_SOURCE = process.env.S3_SOURCE || 'aws';
        """)
    static let storageClient = ("packages/storage/src/client.ts", """
        import { S3Client } from "@aws-sdk/client-s3";
        import { S3_ACCESS_KEY, S3_BUCKET_NAME as bucket, S3_REGION, S3_INTERNAL, type S3_TYPES } from "./constants";
        export const create = () => {
          if (!bucket) {
            return err({ code: "S3CredentialsError" });
          }
          const config = { region: S3_REGION };
          if (S3_ACCESS_KEY) { config.credentials = { accessKeyId: S3_ACCESS_KEY }; }
          if (S3_INTERNAL) { use(); }
          return new S3Client(config);
        };
        """)

    @Test func aReadExportedAsAConstIsJudgedWhereItIsImported() {
        let reads = Self.collect([Self.storageConstants, Self.storageClient,
                                  ("packages/other/src/uses.ts", "import { S3_TOKEN } from './tokens';\nif (S3_TOKEN) { go(); }\n")])
        // tested where imported: a presence check (`if (S3_ACCESS_KEY)`, `if (!bucket) return err(…)`)
        #expect(reads["S3_ACCESS_KEY"]?.first?.fallback == CodeFallback(kind: .presenceCheck))
        #expect(reads["S3_BUCKET_NAME"]?.first?.fallback == CodeFallback(kind: .presenceCheck))
        // used only as a value where imported: still required
        #expect(reads["S3_REGION"]?.first?.fallback == nil)
        // not exported (the import names nothing it exports), or imported from another module: still required
        #expect(reads["S3_INTERNAL"]?.first?.fallback == nil)
        #expect(reads["S3_TOKEN"]?.first?.fallback == nil)
        // its own fallback speaks for it
        #expect(reads["S3_SOURCE"]?.first?.fallback?.kind == .literal)
    }

    @Test func aReadExportedAsAConstTestedOnlyOutsideProductionStaysRequired() {
        // a production file using it as a value: required, whatever a test file tests
        let value = ("packages/storage/src/upload.ts", "import { S3_ACCESS_KEY } from './constants';\nconnect(S3_ACCESS_KEY);\n")
        let reads = Self.collect([Self.storageConstants, ("packages/storage/src/client.test.ts", Self.storageClient.1), value])
        #expect(reads["S3_ACCESS_KEY"]?.first?.fallback == nil)
        // named by tests only: no production code reads it (dead code), which a test's presence check does not change
        let onlyTests = Self.collect([Self.storageConstants, ("packages/storage/src/client.test.ts", Self.storageClient.1)])
        #expect(onlyTests["S3_ACCESS_KEY"]?.first?.fallback == CodeFallback(kind: .unusedSymbol, shown: "S3_ACCESS_KEY"))
    }

    @Test func aReadExportedAsAConstUsedOnlyInGuardedBranchesTakesTheirCondition() {
        let reads = Self.collect([Self.storageConstants, ("src/upload.ts", """
            import { S3_REGION } from "../packages/storage/src/constants";
            export const upload = () => {
              if (env('UPLOAD_TRANSPORT') === 's3') {
                return put({ region: S3_REGION });
              }
            };
            """)])
        #expect(reads["S3_REGION"]?.first?.conditions == [CodeCondition(kind: .equals, name: "UPLOAD_TRANSPORT", value: "'s3'")])
    }

    @Test(arguments: [
        ("import { A, B as C, type D } from './x/constants.js';", ["A>A@constants", "B>C@constants"]),
        ("import Def, { A } from \"@/lib/env\";", ["A>A@env"]),
        ("import type { A } from './t';", []),
        ("import * as all from './all';\nimport Def from './d';", []),
        ("const f = () => { import('./lazy') };", []),
    ])
    func namedImportsAreRead(text: String, expected: [String]) {
        let blocks = CodeBlocks(units: Array(text.utf16), syntax: .cLike)
        let found = CodeImports.imports(blocks, CodeSymbols.identifiers(blocks)).map { "\($0.exported)>\($0.local)@\($0.module)" }
        #expect(found == expected)
    }

    @Test func anIndexFileIsImportedByItsFolder() {
        #expect(CodeImports.moduleNames(of: "packages/storage/index.ts") == ["index", "storage"])
        #expect(CodeImports.moduleNames(of: "src/constants.ts") == ["constants"])
    }

    // MARK: bounds

    /// Hostile shapes finish quickly: deep nesting, thousands of guards and aliases, an endless switch.
    @Test(arguments: [
        ("200,000 open parentheses", String(repeating: "(", count: 200_000) + "process.env.A_KEY"),
        ("20,000 nested guards", String(repeating: "if (process.env.A_KEY) {\n", count: 20_000) + "use(process.env.B_KEY)"),
        ("20,000 aliases", String(repeating: "const a = env('A_KEY');\nif (a) { use(a) }\n", count: 20_000)),
        ("a 50,000-case switch", "switch (env('A_KEY')) {\n" + String(repeating: "case 'x': use(env('B_KEY'));\n", count: 50_000) + "}"),
        ("a 20,000-call match chain", "match(env('A_KEY'))" + String(repeating: ".with('x', () => env('B_KEY'))", count: 20_000)),
        ("50,000 open ternaries", String(repeating: "process.env.A_KEY ? ", count: 50_000)),
        ("5,000 nested Python ifs", String(repeating: "if os.getenv('A_KEY'):\n    ", count: 5_000) + "x = os.getenv('B_KEY')"),
        ("20,000 bare returns nested in a handler", "function h(req, res) {\n" + String(repeating: "{ if (!process.env.A_KEY) return;\n", count: 20_000)),
        ("10,000 imports of names used 10,000 times each",
         (0..<10_000).map { "import { N\($0) } from './c';" }.joined(separator: "\n") + "\nprocess.env.A_KEY\n"
         + String(repeating: "if (N1 && N2) { use(N3) }\n", count: 10_000)),
        ("20,000 negated tests answering statuses", String(repeating: "if (!process.env.A_KEY) { return c.json(x, 401, 500, 503); }\n", count: 20_000)),
    ])
    func hostileInputStaysBounded(label: String, text: String) {
        let clock = ContinuousClock()
        let started = clock.now
        let path = text.contains("os.getenv") ? "a.py" : "a.ts"
        var collector = CodeReferences.Collector()
        collector.add(text, path: path)
        #expect(!collector.references().isEmpty, "\(label)")
        #expect(clock.now - started < .seconds(20), "\(label)")
    }
}

/// django-environ's typed readers and a module-level switch made of one (rules 2026.12.89): bookwyrm's
/// `USE_S3 = env.bool("USE_S3", False)` then `if USE_S3:` around `AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID")` —
/// the keys are read only when the switch is on (held-out batch 65, owner-false highs).
@Suite struct EnvPythonSwitchTests {
    @Test(arguments: [
        // the typed readers are reads, with django-environ's default (positional or `default=`)
        ("PORT = env.int(\"PORT\", 8000)\nHOSTS = env.list(\"ALLOWED_HOSTS\")\nDEBUG = env.bool(\"DEBUG\", default=False)\n",
         ["PORT@1 literal", "ALLOWED_HOSTS@2", "DEBUG@3 literal"]),
        // a module-level switch guards its `if` or `elif` body (an annotated assignment too)
        ("USE_S3 = env.bool(\"USE_S3\", False)\n\nif USE_S3:\n    AWS_ACCESS_KEY_ID = env(\"AWS_ACCESS_KEY_ID\")\nelse:\n    MEDIA_ROOT = env(\"MEDIA_ROOT\")\n",
         ["USE_S3@1 literal", "AWS_ACCESS_KEY_ID@4 if:USE_S3", "MEDIA_ROOT@6"]),
        ("ENABLE_SENTRY: bool = env.bool(\"ENABLE_SENTRY\", default=False)\nif DEBUG:\n    pass\nelif ENABLE_SENTRY:\n    sentry_sdk.init(dsn=env(\"SENTRY_DSN\"))\n",
         ["ENABLE_SENTRY@1 literal", "SENTRY_DSN@5 if:ENABLE_SENTRY"]),
        // (only a whole condition, as for a read: `if ENABLE_SENTRY and not DEBUG:` guards nothing yet)
        ("ENABLE_SENTRY = env.bool(\"ENABLE_SENTRY\", default=False)\nif ENABLE_SENTRY and not DEBUG:\n    sentry_sdk.init(dsn=env(\"SENTRY_DSN\"))\n",
         ["ENABLE_SENTRY@1 literal", "SENTRY_DSN@3"]),
        ("USE_S3 = bool(os.getenv(\"USE_S3\"))\nif USE_S3:\n    KEY = os.environ[\"AWS_SECRET_ACCESS_KEY\"]\n",
         ["USE_S3@1 stored-switch", "AWS_SECRET_ACCESS_KEY@3 if:USE_S3"]),
        // must not: a negated use, a switch inside a function, a value that is not a switch, a name assigned again
        ("USE_S3 = env.bool(\"USE_S3\", False)\nif not USE_S3:\n    MEDIA_ROOT = env(\"MEDIA_ROOT\")\n",
         ["USE_S3@1 literal", "MEDIA_ROOT@3"]),
        ("def load():\n    use = env.bool(\"USE_S3\", False)\nif use:\n    KEY = env(\"AWS_KEY\")\n",
         ["USE_S3@2 literal", "AWS_KEY@4"]),
        ("def load():\n    USE = env.bool(\"USE_S3\", False)\nUSE = True\nif USE:\n    KEY = env(\"AWS_KEY\")\n",
         ["USE_S3@2 literal", "AWS_KEY@5"]),
        ("BUCKET = env(\"BUCKET\", default=\"media\")\nif BUCKET:\n    KEY = env(\"AWS_KEY\")\n",
         ["BUCKET@1 literal", "AWS_KEY@3"]),
        ("USE_S3 = env.bool(\"USE_S3\", False)\nUSE_S3 = True\nif USE_S3:\n    KEY = env(\"AWS_KEY\")\n",
         ["USE_S3@1 literal", "AWS_KEY@4"]),
        // a review of .89 (rules 2026.12.90): a switch on by default, a default from django-environ's scheme, a switch
        // that says production, and one forced on in a branch are no guards
        ("SENTRY_ENABLED = env.bool(\"SENTRY_ENABLED\", default=True)\nif SENTRY_ENABLED:\n    DSN = env(\"SENTRY_DSN\")\n",
         ["SENTRY_ENABLED@1 literal", "SENTRY_DSN@3"]),
        ("USE_REDIS = bool(os.getenv(\"USE_REDIS\", \"1\"))\nif USE_REDIS:\n    URL = os.environ[\"REDIS_URL\"]\n",
         ["USE_REDIS@1 literal", "REDIS_URL@3"]),
        // (since .93 the scheme's default is the read's too)
        ("env = environ.Env(USE_S3=(bool, True))\nUSE_S3 = env.bool(\"USE_S3\")\nif USE_S3:\n    KEY = env(\"AWS_KEY\")\n",
         ["USE_S3@2 literal", "AWS_KEY@4"]),
        ("IS_PRODUCTION = bool(os.getenv(\"IS_PRODUCTION\"))\nif IS_PRODUCTION:\n    SECRET_KEY = os.environ[\"SECRET_KEY\"]\n",
         ["IS_PRODUCTION@1 stored-switch", "SECRET_KEY@3"]),
        ("USE_S3 = env.bool(\"USE_S3\", False)\nif ENVIRONMENT == \"production\":\n    USE_S3 = True\nif USE_S3:\n    KEY = env(\"AWS_KEY\")\n",
         ["USE_S3@1 literal", "AWS_KEY@5"]),
        ("USE_S3 = env.bool(\"USE_S3\", default=\"off\")\nif USE_S3:\n    KEY = env(\"AWS_KEY\")\n",
         ["USE_S3@1 literal", "AWS_KEY@3 if:USE_S3"]),
        // a switch whose name says development is off in production whatever its default (courtlistener's settings)
        ("DEVELOPMENT = env.bool(\"DEVELOPMENT\", default=True)\nif DEVELOPMENT:\n    KEY = env(\"AWS_DEV_SECRET_ACCESS_KEY\", default=\"\")\n",
         ["DEVELOPMENT@1 literal", "AWS_DEV_SECRET_ACCESS_KEY@3 empty if:DEVELOPMENT"]),
    ])
    func aModuleSwitch(text: String, expected: [String]) {
        #expect(EnvConditionTests.reads(text, path: "app/settings.py") == expected)
    }

    /// An empty collection is no default for a credential (notify's `SECRET_KEY = env.list("SECRET_KEY", [])`), and is
    /// for any other name (`env.list("ALLOWED_ORIGINS", [])`).
    @Test func anEmptyListIsNoCredential() {
        let reads = CodeReferences.reads(in: "SECRET_KEY = env.list(\"SECRET_KEY\", [])\nORIGINS = env.list(\"ALLOWED_ORIGINS\", [])\n",
                                         path: "app/config.py")
        func judge(_ name: String) -> EnvNeed {
            let read = reads.first { $0.name == name }!
            return EnvNeed.judge(name, reads: [CodeRead(location: "app/config.py:\(read.line)", place: .production, fallback: read.fallback)],
                                 defined: [], marker: nil)
        }
        guard case .required = judge("SECRET_KEY") else { Issue.record("SECRET_KEY: \(judge("SECRET_KEY"))"); return }
        guard case .optional = judge("ALLOWED_ORIGINS") else { Issue.record("ALLOWED_ORIGINS: \(judge("ALLOWED_ORIGINS"))"); return }
    }
}

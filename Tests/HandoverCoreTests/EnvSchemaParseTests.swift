import Testing
@testable import HandoverCollect

/// A zod schema of settings parsed from an object of reads: the entry at the read's key path says what unset gives
/// (rules 2026.12.103; zero logement vacant's `server/src/infra/config.ts`, held-out batch 103).
struct EnvSchemaParseTests {
    static let schema = """
    const isProduction = process.env.NODE_ENV === 'production';
    const env = (key: string): string | undefined => process.env[key] || undefined;
    const envEnum = z.literal(['development', 'test', 'production']).default('development');
    export const configSchema = z.object({
      app: z.object({
        system: z.string().default('admin@example.org'),
        allowedOrigins: z.string().min(1).prefault(isProduction ? '' : 'http://localhost:3000'),
        env: envEnum,
        host: z.string().default('http://localhost:3001'),
        batch: z.coerce.number().int().default(10 * 60 * 1000)
      }),
      auth: z.object({ secret: z.string().min(1), bucket: z.string().min(1).prefault(isProduction ? '' : 'dev-bucket') }),
      cerema: z
        .object({
          enabled: z.stringbool().default(isProduction),
          api: z.url().default('https://getdf.example.org'),
          username: z.string().nullable().default(null),
          note: z.string().nullable().default(null)
        })
        .superRefine((val, ctx) => {
          if (val.enabled && !val.username) ctx.addIssue({ code: 'custom', path: ['username'] });
        }),
      mailer: z.discriminatedUnion('provider', [
        z.object({ provider: z.literal('smtp'), host: z.string().nullable().default(null) })
      ]),
      pool: z.object({ max: z.coerce.number().int().default(10) }),
      sentry: z.object({ dsn: z.string().optional() })
    });
    """

    static func judged(_ call: String) -> [String] {
        EnvPrecisionTests.reads(schema + "\n" + call).filter { !["NODE_ENV"].contains($0.split(separator: "@").first.map(String.init) ?? "") }
            .map { line in
                // the line number is the schema's length plus the call's own line: keep the name and what follows
                let parts = line.split(separator: " ", maxSplits: 1)
                let name = parts[0].split(separator: "@")[0]
                return parts.count > 1 ? "\(name) \(parts[1])" : String(name)
            }
    }

    @Test(arguments: [
        // a literal default, a helper's, a nested object's; `.optional()`
        ("const c = configSchema.parse({ app: { system: env('SYSTEM_ACCOUNT') } })", ["SYSTEM_ACCOUNT literal='admin@example.org'"]),
        ("const c = configSchema.parse({\n  app: {\n    env: env('APP_ENV'),\n  },\n})", ["APP_ENV literal='development'"]),
        ("const c = configSchema.parse({ pool: { max: env('DATABASE_POOL_MAX') } })", ["DATABASE_POOL_MAX literal=10"]),
        ("const c = configSchema.safeParse({ sentry: { dsn: process.env.SENTRY_DSN } })", ["SENTRY_DSN schema-optional"]),
        ("const c = configSchema.parse({ sentry: { dsn: env('SENTRY_DSN') } })", ["SENTRY_DSN schema-optional"]),
        ("const c = configSchema.safeParse({ pool: { max: env('DATABASE_POOL_MAX') } })", ["DATABASE_POOL_MAX literal=10"]),
        ("const c = configSchema.parse({ cerema: { api: env('CEREMA_API') } })", ["CEREMA_API literal='https://getdf.example.org'"]),
        // an absent default of a key the object's refinement does not name
        ("const c = configSchema.parse({ cerema: { note: env('CEREMA_NOTE') } })", ["CEREMA_NOTE absent"]),
        // a computed default is a default, shown as none
        ("const c = configSchema.parse({ app: { batch: env('BATCH_SIZE') } })", ["BATCH_SIZE computed"]),
    ])
    func theSchemaEntryGivesTheDefault(call: String, expected: [String]) {
        #expect(Self.judged(call) == expected, "\(call)")
    }

    @Test(arguments: [
        // required: no default; a default a condition chooses; a development host; a refined key's null
        ("const c = configSchema.parse({ auth: { secret: env('AUTH_SECRET') } })", ["AUTH_SECRET"]),
        ("const c = configSchema.parse({ app: { allowedOrigins: env('ALLOWED_ORIGINS') } })", ["ALLOWED_ORIGINS"]),
        ("const c = configSchema.parse({ app: { host: env('APP_HOST') } })", ["APP_HOST"]),
        ("const c = configSchema.parse({ auth: { bucket: env('S3_BUCKET') } })", ["S3_BUCKET"]),
        ("const c = configSchema.parse({ cerema: { username: env('CEREMA_USERNAME') } })", ["CEREMA_USERNAME"]),
        // an entry inside another shape, a key path the schema lacks, a different key at the same depth
        ("const c = configSchema.parse({ mailer: { host: env('MAILER_HOST') } })", ["MAILER_HOST"]),
        ("const c = configSchema.parse({ app: { nothing: env('NO_SUCH') } })", ["NO_SUCH"]),
        ("const c = configSchema.parse({ system: env('SYSTEM_ACCOUNT') })", ["SYSTEM_ACCOUNT"]),
        // not the whole value of its key; not an object literal argument; another schema's parse
        ("const c = configSchema.parse({ app: { system: env('SYSTEM_ACCOUNT') + '!' } })", ["SYSTEM_ACCOUNT"]),
        ("const c = configSchema.parse(f({ app: { system: env('SYSTEM_ACCOUNT') } }))", ["SYSTEM_ACCOUNT"]),
        ("const c = otherSchema.parse({ app: { system: env('SYSTEM_ACCOUNT') } })", ["SYSTEM_ACCOUNT"]),
        // an object that is no parse's argument
        ("const c = { app: { system: env('SYSTEM_ACCOUNT') } }", ["SYSTEM_ACCOUNT"]),
    ])
    func notADefault(call: String, expected: [String]) {
        #expect(Self.judged(call) == expected, "\(call)")
    }

    /// A review of .103: shapes it misjudged. Each text is a whole file.
    @Test(arguments: [
        // a name declared twice (a local `schema` in each of two loaders): the parsed one is not known
        ("function redis() {\n  const schema = z.object({ url: z.string().default('redis://cache:6379') })\n  return schema.parse({ url: process.env.REDIS_URL })\n}\n"
            + "function db() {\n  const schema = z.object({ url: z.string() })\n  return schema.parse({ url: process.env.DATABASE_URL })\n}",
         ["REDIS_URL@3", "DATABASE_URL@7"]),
        // a refinement of the top-level object
        ("const configSchema = z.object({ provider: z.enum(['local', 's3']).default('local'), bucket: z.string().optional() })\n"
            + "  .superRefine((val, ctx) => { if (val.provider === 's3' && !val.bucket) ctx.addIssue({ code: 'custom', path: ['bucket'] }) });\n"
            + "const c = configSchema.parse({ provider: process.env.STORAGE_PROVIDER, bucket: process.env.S3_BUCKET })",
         ["STORAGE_PROVIDER@3 literal='local'", "S3_BUCKET@3"]),
        // the keys of a refinement's issue path, not its message's words nor `path`/`message`
        ("const s = z.object({ smtp: z.object({ host: z.string().optional(), from: z.string().optional(), path: z.string().optional() })\n"
            + "  .refine((v) => !v.host || !!v.from, { message: 'from is needed when host is set', path: ['from'] }) })\n"
            + "s.parse({ smtp: { host: process.env.SMTP_HOST, from: process.env.SMTP_FROM, path: process.env.SMTP_PATH } })",
         ["SMTP_HOST@3 schema-optional", "SMTP_FROM@3", "SMTP_PATH@3 schema-optional"]),
        // a comment in the chain is no code
        ("const s = z.object({ secret: z.string()\n  // .optional() until 2024: now required\n  .min(32) })\ns.parse({ secret: process.env.SESSION_SECRET })",
         ["SESSION_SECRET@4"]),
        // an empty default its own check refuses; a condition's default with no empty branch is computed
        ("const s = z.object({ name: z.string().min(1).prefault(''), level: z.string().default(isProd ? 'info' : 'debug') })\n"
            + "s.parse({ name: process.env.APP_NAME, level: process.env.LOG_LEVEL })",
         ["APP_NAME@2", "LOG_LEVEL@2 computed"]),
        // `.partial()`, zod 4's `z.strictObject`, an async parse
        ("const s = z.object({ mode: z.string() }).partial()\ns.parse({ mode: process.env.APP_MODE })", ["APP_MODE@2 schema-optional"]),
        ("const s = z.strictObject({ port: z.coerce.number().default(3000) })\nawait s.parseAsync({ port: process.env.APP_PORT })",
         ["APP_PORT@2 literal=3000"]),
    ])
    func aReviewOf103(text: String, expected: [String]) {
        #expect(EnvPrecisionTests.reads(text) == expected, "\(text)")
    }
}

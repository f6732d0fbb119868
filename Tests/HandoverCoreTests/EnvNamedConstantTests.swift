import Testing
import HandoverModel
@testable import HandoverCollect

/// A read compared with a named constant is compared with a value fixed in code, as with a literal (rules 2026.12.91):
/// tbappointment's `if os.getenv('APP_ENV') == APP_ENV_DEV:` (held-out batch 59, an owner-false high) takes the other
/// branch when unset, and what its branch reads runs only where `APP_ENV` is set. Must match and must not match.
@Suite struct EnvNamedConstantTests {
    @Test(arguments: [
        ("if os.getenv('APP_ENV') == APP_ENV_DEV:\n    url = os.getenv('DEV_MAIL_URL')\n", "app/emails.py",
         ["APP_ENV@1 selector", "DEV_MAIL_URL@2 if:APP_ENV=APP_ENV_DEV"]),
        ("if os.getenv('AUTH_SCHEME') != AuthScheme.OIDC:\n    raise_for_password()\n", "app/auth.py", ["AUTH_SCHEME@1 selector"]),
        ("if (process.env.APP_MODE === Mode.SELF_HOSTED) { key = process.env.LICENSE_KEY }", "src/license.ts",
         ["APP_MODE@1 selector", "LICENSE_KEY@1 if:APP_MODE=Mode.SELF_HOSTED"]),
        ("const docs = process.env.DEPLOY_ENV !== Environment.Production", "src/docs.ts", ["DEPLOY_ENV@1 selector"]),
        ("if (process.env.STAGE === STAGES.PROD) start()", "src/a.ts", ["STAGE@1"]),
        // a value that varies, a call, an index, a member of an upper-case object, a boolean or null: none is a constant
        ("if (req.headers.token !== process.env.API_TOKEN) deny()\nif (process.env.CRON_SECRET === secret) run()", "src/cron.ts",
         ["API_TOKEN@1", "CRON_SECRET@2"]),
        ("if (process.env.API_KEY === KEYS[0]) run()\nif (process.env.API_KEY2 === CONFIG.token) run()\nif (process.env.API_KEY3 === Keys.get()) run()",
         "src/keys.ts", ["API_KEY@1", "API_KEY2@2", "API_KEY3@3"]),
        ("if os.getenv('WEBHOOK_SECRET') == SIGNATURE():\n    ok()\n", "app/hook.py", ["WEBHOOK_SECRET@1"]),
        // a capitalised name alone (a class, an import) and a lower-case object's member are values that vary
        ("if (process.env.SIGNING_KEY === Secret) sign()", "src/sign.ts", ["SIGNING_KEY@1"]),
        ("if os.getenv('ADMIN_TOKEN') == settings.ADMIN_TOKEN:\n    ok()\n", "app/admin.py", ["ADMIN_TOKEN@1"]),
        // a credential compared with an upper-case name is compared with a value that varies (a review of .91; rules
        // 2026.12.92): a request's header, a class's static member
        ("const PROVIDED_KEY = req.get('x-api-key')\nif (process.env.ADMIN_API_KEY === PROVIDED_KEY) next()", "src/admin.ts",
         ["ADMIN_API_KEY@2"]),
        ("if (process.env.WEBHOOK_TOKEN === Config.ExpectedToken) ok()", "src/hook.ts", ["WEBHOOK_TOKEN@1"]),
        ("TOKEN = request.headers.get('x-token')\nif os.getenv('INTERNAL_TOKEN') == TOKEN:\n    ok()\n", "app/t.py", ["INTERNAL_TOKEN@2"]),
        // …but with a literal it is still a selector, as before .91
        ("if (process.env.BASIC_AUTH_PASSWORD === 'off') skip()", "src/auth.ts", ["BASIC_AUTH_PASSWORD@1 selector"]),
        ("if os.getenv('FEATURE') == None:\n    off()\n", "app/f.py", ["FEATURE@1 presence-check"]),
    ])
    func aNamedConstantIsAValueFixedInCode(text: String, path: String, expected: [String]) {
        #expect(EnvConditionTests.reads(text, path: path) == expected, "\(text)")
    }
}

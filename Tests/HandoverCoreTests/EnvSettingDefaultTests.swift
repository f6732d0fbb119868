import Testing
@testable import HandoverCollect

/// A read that is the whole default of a setting kept elsewhere (issue 17, env-high precision): plane reads its
/// instance settings from a table and passes the environment only as each row's default (held-out batch 4, 12 false highs).
@Suite struct EnvSettingDefaultTests {
    @Test(arguments: [
        // plane magic_code.py / instance_value.py
        ("(EMAIL_HOST,) = get_configuration_value([\n    {\"key\": \"EMAIL_HOST\", \"default\": os.environ.get(\"EMAIL_HOST\")},\n])\n",
         "app/auth.py", ["EMAIL_HOST@2 setting-default"]),
        // a credential's empty default is no default, but the setting's default is one
        ("cfg = [{\"key\": \"GITLAB_CLIENT_SECRET\", \"default\": os.environ.get(\"GITLAB_CLIENT_SECRET\", \"\")}]\n",
         "app/auth.py", ["GITLAB_CLIENT_SECRET@1 setting-default"]),
        ("const field = { key: 'MAIL_FROM', defaultValue: process.env.MAIL_FROM, };", "src/f.ts", ["MAIL_FROM@1 setting-default"]),
    ])
    func isTheDefaultOfASetting(text: String, path: String, expected: [String]) {
        #expect(EnvConditionTests.reads(text, path: path) == expected, "\(text)")
    }

    /// Must stay what they were: not the whole value of a keyed setting's default, or a read that is the only source.
    @Test(arguments: [
        // the review of ce9ae22: the env var is the only source, or the read raises when unset
        ("p.add_argument(\"--api-key\", default=os.environ.get(\"OPENAI_API_KEY\"))\n", "app/cli.py", ["OPENAI_API_KEY@1"]),
        ("class S(BaseModel):\n    token: str = Field(default=os.getenv(\"SLACK_TOKEN\"))\n", "app/settings.py", ["SLACK_TOKEN@2"]),
        ("cfg = {\"key\": \"DATABASE_URL\", \"default\": os.environ[\"DATABASE_URL\"]}\n", "app/auth.py", ["DATABASE_URL@1"]),
        ("const o = { default: process.env.GITHUB_TOKEN, describe: 'token' };", "src/cli.ts", ["GITHUB_TOKEN@1"]),
        ("cfg = {\"key\": \"EMAIL_HOST\", \"value\": os.environ.get(\"EMAIL_HOST\")}\n", "app/auth.py", ["EMAIL_HOST@1"]),
        ("const f = { default: process.env.MAIL_FROM.trim() };", "src/f.ts", ["MAIL_FROM@1"]),
        ("const f = { default: new Client(process.env.API_KEY) };", "src/f.ts", ["API_KEY@1"]),
        ("if default == os.getenv(\"MODE\"):\n    pass\n", "app/x.py", ["MODE@1"]),
        ("const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);", "src/f.ts", ["STRIPE_SECRET_KEY@1"]),
    ])
    func isNot(text: String, path: String, expected: [String]) {
        #expect(EnvConditionTests.reads(text, path: path) == expected, "\(text)")
    }
}

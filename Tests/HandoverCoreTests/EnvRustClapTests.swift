import Testing
@testable import HandoverModel
@testable import HandoverCollect

/// clap's derive API reads a field from the env var its `#[arg(env)]` / `#[clap(env = "…")]` names (hook0's API and
/// output worker, held-out batch 91; rules 2026.12.101): required unless the field has a default, is an `Option`, a
/// `Vec` or a `bool` flag.
@Suite struct EnvRustClapTests {
    static let hook0 = """
        #[derive(Debug, Clone, Parser)]
        #[clap(author, about, version, name = "Hook0")]
        struct Config {
            /// [Monitoring] Optional value for OTLP `Authorization` header (for example: `Bearer mytoken`)
            #[clap(long, env, hide_env_values = true)]
            otlp_authorization: Option<String>,

            /// [Database] Database URL (with credentials)
            #[clap(long, env, hide_env_values = true)]
            database_url: String,

            /// [Database] Maximum number of connections to database
            #[clap(long, env, default_value = "5")]
            max_db_connections: u32,

            #[arg(long = "api-key", env = "HOOK0_API_KEY")]
            pub api_key: String,

            #[arg(long, env = "CORS_ORIGINS", value_delimiter = ',')]
            cors_origins: Vec<String>,

            #[arg(long, env, default_value_t = 8080)]
            port_number: u16,

            #[arg(long, env)]
            disable_registration: bool,

            #[arg(long, env, default_value_t = Duration::from_secs(30))]
            request_timeout: Duration,

            #[clap(long, hide_env_values = true)]
            secret_without_env: String,

            #[clap(flatten)]
            nested: NestedConfig,
        }
        """

    @Test func aClapFieldReadsItsVariableAndSaysWhatHappensUnset() {
        #expect(EnvPrecisionTests.reads(Self.hook0) == [
            "OTLP_AUTHORIZATION@6 absent",
            "DATABASE_URL@10",
            #"MAX_DB_CONNECTIONS@14 literal="5""#,
            "HOOK0_API_KEY@17",
            "CORS_ORIGINS@20 absent",
            "PORT_NUMBER@23 literal=8080",
            "DISABLE_REGISTRATION@26 literal=false",
            "REQUEST_TIMEOUT@29 computed",
        ])
    }

    /// Shapes a review of .101 found misjudged (clap's derive reference and `ArgAction`).
    @Test(arguments: [
        ("#[arg(long, env, required = true)]\nservers: Vec<Url>,\n", ["SERVERS@2"]),
        ("#[clap(value_enum, long = \"env\", env = \"SIRENE_ENV\")]\nenvironment: Env,\n", ["SIRENE_ENV@2"]),
        ("#[arg(long, env, value_parser = [\"off\", \"info\"], help = \"[docs] level\")]\nlog_level: String,\n", ["LOG_LEVEL@2"]),
        ("#[arg(short, long, env, action = clap::ArgAction::Count)]\nverbose: u8,\n", ["VERBOSE@2 literal=0"]),
        ("#[arg(long, env, action = ArgAction::Set)]\nenabled: bool,\n", ["ENABLED@2"]),
        ("#[arg(long, env, action = ArgAction::SetFalse)]\ncolor: bool,\n", ["COLOR@2 literal=true"]),
        ("#[arg(long, env)]\napi_key: std::option::Option<String>,\n", ["API_KEY@2"]),
        ("#[arg(long, env, default_missing_value = \"always\")]\ncolor_mode: String,\n", ["COLOR_MODE@2"]),
        ("struct C {\n    #[arg(long, env)]\n    last_field: String\n}\n", ["LAST_FIELD@3"]),
    ])
    func aReviewedShape(text: String, reads: [String]) {
        #expect(EnvPrecisionTests.reads(text) == reads, "\(text)")
    }

    @Test(arguments: [
        // a name clap takes from elsewhere (a const, a lower-case name): skipped, not guessed
        "#[clap(long, env = RELAY_URL_ENV)]\nrelay_url: String,\n",
        "#[clap(long, env = \"http_proxy\")]\nproxy: String,\n",
        // `env` inside a help text, and an attribute behind a comment
        "#[arg(long, help = \"read from env\")]\nkey: String,\n",
        "// #[arg(long, env)]\nkey: String,\n",
        // `env` only as part of another word, a call or a path: no read
        "#[arg(long, hide_env_values = true)]\nkey: String,\n",
        "#[arg(long, env_prefix = \"X\")]\nkey: String,\n",
        "#[arg(long, value_parser = env::parse)]\nkey: String,\n",
        "#[arg(long, value_name = \"envelope\")]\nkey: String,\n",
        // not clap's attribute, and text that only looks like one
        "#[serde(env)]\nkey: String,\n",
        "// #[arg(long, env)]\n",
    ])
    func notAClapEnvRead(text: String) {
        #expect(EnvPrecisionTests.reads(text) == [], "\(text)")
    }
}

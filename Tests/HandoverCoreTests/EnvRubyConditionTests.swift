import Testing
@testable import HandoverCollect

/// Ruby's presence tests (issue 17, env-high precision): Rails apps guard optional integrations with `.present?`,
/// modifiers and `||=`. Reduced from maybe's false highs (held-out batch 4, labelled false by the owners' reading).
@Suite struct EnvRubyConditionTests {
    static func reads(_ text: String) -> [String] { EnvConditionTests.reads(text, path: "config/environments/production.rb") }

    /// Must be tests: the code goes on without the variable, or fails without it (`enforced`).
    @Test(arguments: [
        // maybe production.rb: the cache store switches to Redis only when it is set
        ("if ENV[\"CACHE_REDIS_URL\"].present?\n  config.cache_store = :redis_cache_store, { url: ENV[\"CACHE_REDIS_URL\"] }\nend\n",
         ["CACHE_REDIS_URL@1 presence-check", "CACHE_REDIS_URL@2 presence-check"]),
        // maybe puma.rb: a modifier guards the statement before it
        ("pidfile ENV[\"PIDFILE\"] if ENV[\"PIDFILE\"]\n", ["PIDFILE@1 presence-check", "PIDFILE@1 presence-check"]),
        // maybe invitable.rb: compared with a literal, unset takes the other branch
        ("self_hosted? ? a : ENV[\"REQUIRE_INVITE_CODE\"] == \"true\"\n", ["REQUIRE_INVITE_CODE@1 selector"]),
        // maybe boot.rb: `||=` gives it a default
        ("ENV[\"BUNDLE_GEMFILE\"] ||= File.expand_path(\"../Gemfile\", __dir__)\n", ["BUNDLE_GEMFILE@1 assigned"]),
        ("timeout = ENV.fetch(\"RACK_TIMEOUT\") { 15 }\n", ["RACK_TIMEOUT@1 literal"]),
        // maybe production.rb: `x = if A.present? && B.present?` … `else` logs to STDOUT
        ("base = if ENV[\"LOGTAIL_API_KEY\"].present? && ENV[\"LOGTAIL_INGESTING_HOST\"].present?\n  create(ENV[\"LOGTAIL_API_KEY\"])\nelse\n  stdout(ENV[\"LOG_FORMAT\"])\nend\n",
         ["LOGTAIL_API_KEY@1 presence-check", "LOGTAIL_INGESTING_HOST@1 presence-check",
          "LOGTAIL_API_KEY@2 presence-check if:LOGTAIL_INGESTING_HOST", "LOG_FORMAT@4"]),
        // an alias tested where it is used
        ("dsn = ENV[\"SENTRY_DSN\"]\nif dsn.present?\n  Sentry.init { |c| c.dsn = dsn }\nend\n", ["SENTRY_DSN@1 presence-check"]),
        ("ENV[\"STRIPE_KEY\"].present? ? Stripe.new(ENV[\"STRIPE_KEY\"]) : nil\n", ["STRIPE_KEY@1 presence-check", "STRIPE_KEY@1 presence-check"]),
        // simple-server's whitelabel switch: a bare read as a ternary's test, its own value in the true branch
        ("config.whitelabel_app = ENV[\"WHITELABEL_APP\"] ? ActiveModel::Type::Boolean.new.cast(ENV[\"WHITELABEL_APP\"].downcase) : false\n",
         ["WHITELABEL_APP@1 presence-check", "WHITELABEL_APP@1 presence-check"]),
        ("url = ENV[\"CDN_HOST\"] ? \"https://#{ENV[\"CDN_HOST\"]}\" : nil\n", ["CDN_HOST@1 presence-check", "CDN_HOST@1 presence-check"]),
        ("if ENV[\"STORAGE\"] == \"s3\"\n  s3\nelsif ENV[\"GCS_BUCKET\"].present?\n  gcs(ENV[\"GCS_BUCKET\"])\nend\n",
         ["STORAGE@1 selector", "GCS_BUCKET@3 presence-check", "GCS_BUCKET@4 presence-check"]),
        ("def notify\n  return unless ENV[\"SLACK_WEBHOOK_URL\"]\n  post(ENV[\"SLACK_WEBHOOK_URL\"])\nend\n",
         ["SLACK_WEBHOOK_URL@2 presence-check", "SLACK_WEBHOOK_URL@3 presence-check"]),
        ("unless ENV[\"FLAG_X\"].present? && ENV[\"FLAG_Y\"].present?\n  puts \"off\"\nend\n",
         ["FLAG_X@1 presence-check", "FLAG_Y@1 presence-check"]),
        // fails closed: the code needs it
        ("raise \"SECRET_KEY_BASE missing\" unless ENV[\"SECRET_KEY_BASE\"].present?\n", ["SECRET_KEY_BASE@1 enforced"]),
        ("if ENV[\"SMTP_ADDRESS\"].blank?\n  raise \"no smtp\"\nend\n", ["SMTP_ADDRESS@1 enforced"]),
        ("abort(\"missing\") unless ENV[\"DATABASE_URL\"] && ENV[\"REDIS_URL\"]\n", ["DATABASE_URL@1 enforced", "REDIS_URL@1 enforced"]),
        ("fail \"missing\" unless ENV[\"SECRET_TOKEN\"]\n", ["SECRET_TOKEN@1 enforced"]),
        ("raise \"force ssl\" unless ActiveModel::Type::Boolean.new.cast(ENV[\"FORCE_SSL\"])\n", ["FORCE_SSL@1 enforced"]),
        // lago (batch 5): nil-safe steps keep an unset read nil for `||`; a boolean cast is a switch unset leaves off
        ("interval = ENV[\"LAGO_WALLET_REFRESH_SECONDS\"].presence || 5.minutes\n", ["LAGO_WALLET_REFRESH_SECONDS@1 literal"]),
        ("Parallel.map(xs, in_threads: ENV[\"LAGO_THREADS\"]&.to_i || 0)\n", ["LAGO_THREADS@1 literal"]),
        ("m = ENV.fetch(\"MASTER_NAME\", nil)&.strip.presence || DEFAULT_NAME\n", ["MASTER_NAME@1 absent"]),
        ("ids = ENV[\"ORG_IDS\"]&.split(\",\").map(&:strip) || []\n", ["ORG_IDS@1 literal"]),
        ("queue_as do\n  if ActiveModel::Type::Boolean.new.cast(ENV[\"SIDEKIQ_BILLING\"])\n    :billing\n  else\n    :default\n  end\nend\n",
         ["SIDEKIQ_BILLING@2 selector"]),
    ])
    func rubyTests(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// Must stay plain value reads: the code uses the value.
    @Test(arguments: [
        ("Stripe.api_key = ENV[\"STRIPE_SECRET_KEY\"]\n", ["STRIPE_SECRET_KEY@1"]),
        ("if ENV[\"API_URL\"].start_with?(\"https\")\n  a\nend\n", ["API_URL@1"]),
        ("client = Client.new(ENV[\"LAGO_API_KEY\"]) if ready?\n", ["LAGO_API_KEY@1"]),
        ("if valid?(ENV[\"API_URL\"])\n  a\nend\n", ["API_URL@1"]),
        ("key = ENV[\"OPENAI_ACCESS_TOKEN\"]\nOpenAI::Client.new(access_token: key)\n", ["OPENAI_ACCESS_TOKEN@1"]),
        // a comment is no test, and a read in it is none
        ("url = ENV[\"REDIS_URL\"] # if ENV[\"REDIS_URL\"] is set\nRedis.new(url: url)\n", ["REDIS_URL@1"]),
        // the review of ce9ae22: a `#` after code is no comment (a backtick or %() string's `#{…}`, `/#/`, `?#`)
        ("system(`aws s3 cp x s3://#{ENV[\"S3_BUCKET\"]}/`)\n", ["S3_BUCKET@1"]),
        ("REDIS = %(redis://#{ENV[\"REDIS_HOST\"]}:6379)\n", ["REDIS_HOST@1"]),
        ("x = line =~ /#/ ? 1 : ENV[\"AFTER_REGEX\"]\n", ["AFTER_REGEX@1"]),
        ("c = ?#; y = ENV[\"AFTER_CHAR\"]\n", ["AFTER_CHAR@1"]),
        // `.to_i` and `.to_s` turn nil into 0 and "": the `||` after them never applies
        ("n = ENV[\"POOL_SIZE\"].to_i || 5\n", ["POOL_SIZE@1"]),
        ("ids = ENV[\"ORG_LIST\"].to_s.split(\",\") || []\n", ["ORG_LIST@1"]),
        ("add_sentinels(config, sentinels: ENV[\"REDIS_SENTINELS\"].presence)\n", ["REDIS_SENTINELS@1"]),
        // a strict read inside a cast still stops the app unset; a cast of part of the value is a value use
        ("on = ActiveModel::Type::Boolean.new.cast(ENV.fetch(\"BILLING_ON\"))\n", ["BILLING_ON@1"]),
        // a strict `ENV.fetch` raises before any nil-safe step runs
        ("MAIL_HOST = ENV.fetch(\"SMTP_HOST\").presence || \"localhost\"\n", ["SMTP_HOST@1"]),
        ("on = ActiveModel::Type::Boolean.new.cast(ENV[\"MODE\"] + \"x\")\n", ["MODE@1"]),
    ])
    func rubyValues(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }
}

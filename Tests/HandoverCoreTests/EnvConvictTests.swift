import Testing
@testable import HandoverCollect

/// A convict schema's leaves are reads of the names their `env` gives, judged by their `default` (rules 2026.12.105;
/// opengovsg's askgovsg and verifySG, held-out batch 112).
struct EnvConvictTests {
    static let header = "import convict, { Schema } from 'convict'\n"

    @Test(arguments: [
        // a literal default, an empty one, a nullable null, a computed one
        ("const s = {\n  serverPort: { doc: 'Port', format: 'port', default: 6174, env: 'SERVER_PORT' },\n}", ["SERVER_PORT@3 literal=6174"]),
        ("const s = { banner: { format: String, default: '', env: 'BANNER_MESSAGE' } }", ["BANNER_MESSAGE@2 empty"]),
        ("const s = { key: { format: String, default: null, nullable: true, env: 'DD_API_KEY' } }", ["DD_API_KEY@2 absent"]),
        ("const s = { nodeEnv: { format: Object.values(Environment), default: Environment.Prod, env: 'NODE_ENV' } }", ["NODE_ENV@2 computed"]),
        ("const s = { ttl: { format: 'nat', default: 10 * 60, env: 'CACHE_TTL' } }", ["CACHE_TTL@2 computed"]),
        // nested leaves, `env` before `default`, double quotes
        ("const s = { db: { password: { env: \"DB_PASSWORD\", sensitive: true, format: String, default: null } } }", ["DB_PASSWORD@2"]),
        // required: a null default that is not nullable, a development host
        ("const s = { secret: { format: String, default: null, env: 'SESSION_SECRET' } }", ["SESSION_SECRET@2"]),
        ("const s = { host: { format: String, default: 'localhost', env: 'DB_HOST' } }", ["DB_HOST@2"]),
        // a review of .105: an empty default a format refuses; a null a format accepts; `undefined`
        ("const s = { api: { format: 'url', default: '', env: 'API_URL' } }", ["API_URL@2"]),
        ("const s = { token: { format: 'required-string', default: '', env: 'API_TOKEN' } }", ["API_TOKEN@2"]),
        ("const s = { lvl: { format: ['', 'debug'], default: '', env: 'LOG_LEVEL_X' } }", ["LOG_LEVEL_X@2 empty"]),
        ("const s = { key: { format: '*', default: null, env: 'DD_API_KEY' } }", ["DD_API_KEY@2 absent"]),
        ("const s = { key: { default: null, env: 'DD_API_KEY' } }", ["DD_API_KEY@2 absent"]),
        ("const s = { key: { format: 'url', default: undefined, env: 'DD_URL' } }", ["DD_URL@2 absent"]),
    ])
    func aLeafIsARead(text: String, expected: [String]) {
        #expect(EnvPrecisionTests.reads(Self.header + text) == expected, "\(text)")
    }

    @Test(arguments: [
        // not convict's: a file that does not name it, an `env` with no `default` beside it, a lower-case name,
        // an `env` key of another object, a commented leaf
        ("const s = { port: { default: 6174, env: 'SERVER_PORT' } }", false),
        ("const s = { run: { env: 'SERVER_PORT', cmd: 'x' } }", true),
        ("const s = { proxy: { default: '', env: 'http_proxy' } }", true),
        ("spawn('x', { env: 'SERVER_PORT', default: 1 })", true),
        ("// port: { default: 6174, env: 'SERVER_PORT' }", true),
    ])
    func notALeaf(text: String, namesConvict: Bool) {
        #expect(EnvPrecisionTests.reads((namesConvict ? Self.header : "") + text) == [], "\(text)")
    }
}

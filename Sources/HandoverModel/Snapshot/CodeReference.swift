/// A name referenced in code at HEAD, with every place it is used.
package struct CodeReference: Codable, Sendable, Equatable {
    package var name: String
    /// `path:line`, sorted.
    package var locations: [String]
    /// Every read (one per location, same order) with where it sits and what the code does when the variable is
    /// unset. Nil in snapshots written before these facts were recorded: every read then counts as a required
    /// production read.
    package var reads: [CodeRead]?

    package init(name: String, locations: [String], reads: [CodeRead]? = nil) {
        self.name = name
        self.locations = locations
        self.reads = reads
    }

    /// The recorded reads, or one required production read per location for an older snapshot.
    package var effectiveReads: [CodeRead] {
        reads ?? locations.map { CodeRead(location: $0, place: .production) }
    }
}

/// One read of an env var in code: where it sits and what happens when the variable is unset.
package struct CodeRead: Codable, Sendable, Equatable, Hashable {
    /// A `path:line` location in its parts: a path may hold colons of its own, so only a numeric tail after the last
    /// one is a line (`a:b.ts:3` → `a:b.ts`, 3; `notes.md` → `notes.md`, nil).
    package static func parts(of location: String) -> (path: String, line: Int?) {
        if let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...]) {
            return (String(location[..<colon]), line)
        }
        return (location, nil)
    }

    /// The file of ``location``.
    package var path: String { Self.parts(of: location).path }

    /// `path:line`.
    package var location: String
    package var place: CodePlace
    /// What the code falls back to when the variable is unset; nil when it does not (the read requires it).
    package var fallback: CodeFallback?
    /// Other names read in the same expression (`process.env.A || process.env.B`): any one of them will do.
    package var alternatives: [String]?
    /// What must hold for the code around the read to run at all, innermost first: the branch of an
    /// `if (process.env.A)`, a `case 'azure':` of a switch on another variable, or a function only such branches call.
    /// Nil when the read runs unconditionally (or older snapshots).
    package var conditions: [CodeCondition]?
    /// Not the project's code but a library it imports reads the name, by that library's documented convention
    /// (`@vercel/blob` reads `BLOB_READ_WRITE_TOKEN`); `location` is the import. Only for names no code reads itself.
    package var library: String?
    /// True when the read, which has no fallback, also says the code requires the variable: a required entry of an env
    /// schema, an accessor that fails when it is unset (`os.environ["X"]`, `ENV.fetch("X")`, Rust's `.expect(…)`), an
    /// operand that gives up (`?? throwMissing()`), TypeScript's `process.env.X!` or `as string`. Nil otherwise (and
    /// in older snapshots): a plain read that yields nothing when unset.
    package var asserted: Bool?
    /// The module of a browser client that can only search (`algoliasearch/lite`), when the read is given whole as the
    /// key it is built with: the key the app searches with, which the vendor issues for browsers. Nil otherwise.
    package var searchOnlyClient: String?
    /// True when the read, which has no fallback, makes a broken value of an unset variable rather than none: built
    /// into a string (`redis://h/${process.env.REDIS_DB}`, an f-string, `"…" + read`), converted (`int(os.getenv(…))`,
    /// Ruby's `.to_i`, Go's `strconv.Atoi`) or the port a server listens on (``CodeBrokenUse``). Nil otherwise.
    package var unsetBreaks: Bool?

    package init(location: String, place: CodePlace, fallback: CodeFallback? = nil, alternatives: [String]? = nil,
                conditions: [CodeCondition]? = nil, library: String? = nil, asserted: Bool? = nil, searchOnlyClient: String? = nil,
                unsetBreaks: Bool? = nil) {
        self.location = location
        self.place = place
        self.fallback = fallback
        self.alternatives = alternatives
        self.conditions = conditions
        self.library = library
        self.asserted = asserted
        self.searchOnlyClient = searchOnlyClient
        self.unsetBreaks = unsetBreaks
    }
}

/// A condition on another env variable under which a read runs: set (`if (process.env.A)`, `A && …`, `A ? … : …`)
/// or equal to a literal (`=== 'azure'`, `case 'smtp':`, ts-pattern's `.with('inngest', …)`). The literal is source
/// code, shown only when safe (as a default is), never an env value.
package struct CodeCondition: Codable, Sendable, Equatable, Hashable {
    package enum Kind: String, Codable, Sendable, LenientRawEnum {
        /// The branch runs only when the variable is set (non-empty).
        case set
        /// The branch runs only when the variable equals `value`.
        case equals
        /// The branch runs only when the variable does not equal `value` (unset included): `if (X !== 'production')`,
        /// or what follows `if (process.env.NODE_ENV === 'production') { return … }` in its block.
        case differs
        /// The branch runs only when the variable is unset or empty: the `else` of a presence test whose branches
        /// read other variables (`if DATABASE_URL: … else: POSTGRES_HOST …`), an alternative to it.
        case unset
        case unknown
    }

    package var kind: Kind
    /// The variable that selects the branch.
    package var name: String
    /// For `equals`: the literal compared with, as written in code (quotes included), when safe to show.
    package var value: String?

    package init(kind: Kind, name: String, value: String? = nil) {
        self.kind = kind
        self.name = name
        self.value = value
    }
}

/// What kind of file a read sits in, decided from its path: only `production` reads mean production needs the name.
package enum CodePlace: String, Codable, Sendable, CaseIterable, LenientRawEnum {
    /// Application code: what runs in production.
    case production
    /// Tests, e2e specs, fixtures, mocks and test configuration.
    case test
    /// `scripts/` and other one-off tooling run by a developer.
    case script
    /// Storybook configuration and stories.
    case storybook
    /// Documentation folders.
    case docs
    /// Example and sample code.
    case example
    /// Seeds and migration tooling configuration (`seed.ts`, `drizzle.config.ts`, `seeds/`).
    case tooling
    /// Production code by its path, in a module nothing in the repository imports, names or runs: run by hand, or by
    /// nothing (decided from the whole repository, not the path alone).
    case unreached
    /// Production code by its path, in a module only hand-run code imports or names: scripts, tooling, docs, examples,
    /// a package.json script a person runs (`seed`, `db:sync-content`) — and nothing of production.
    case handRun = "hand-run"
    case unknown
}

/// What the code uses when a variable is unset. The default shown is source code, never an env value: it is kept
/// only when it is a short literal that matches no credential rule and the name does not look like a credential.
package struct CodeFallback: Codable, Sendable, Equatable, Hashable {
    package enum Kind: String, Codable, Sendable, LenientRawEnum {
        /// A literal default: `?? 'info'`, `os.getenv('PORT', '8000')`, `ENV.fetch('X', 3)`.
        case literal
        /// An empty string: `|| ''`. The code goes on, usually with nothing useful.
        case empty
        /// An explicit nothing: `ENV.fetch('X', nil)`, `os.environ.get('X', None)`, Rust's `.ok()`.
        case absent
        /// A credential's default that is a placeholder (`z.string().default('example-token')`, `getenv('DB_PASSWORD',
        /// 'changeme')`): no credential, so production needs the value as if there were none. Never shown.
        case placeholder
        /// A default computed in code: `?? config.port`, `unwrap_or_else(…)`.
        case computed
        /// An env schema says so: zod's `.optional()` / `.nullish()` in a t3-env or `z.object` env schema.
        case schemaOptional = "schema-optional"
        /// The read is a test the code goes on after: `if (process.env.X)`, `!!process.env.X`, `X ? a : b`,
        /// `if (!x) return …`, or a read inside its own presence guard.
        case presenceCheck = "presence-check"
        /// The read selects a branch by value (`=== 'csc'`, `switch`, `match(…).with(…).otherwise(…)`): unset takes
        /// the other branch.
        case selector
        /// The code tests it and stops when unset (`if (!process.env.X) throw …`, a `switch` whose `default:`
        /// throws, `.exhaustive()`): no fallback; a feature gate when another read handles it unset.
        case enforced
        /// An option of an SDK setup that runs without it (`Sentry.init({ dsn: process.env.X })`: no DSN, no Sentry).
        case setupOption = "setup-option"
        /// A t3-env schema that skips validation (`skipValidation: true`) declares it, and no production code uses
        /// the name (`env.X`, `const { X } = env`): the declaration and its runtimeEnv line require nothing.
        case unvalidatedSchema = "unvalidated-schema"
        /// An env schema entry whose default is an empty string (`QSTASH_TOKEN: z.string().prefault("")`), and no
        /// production code uses the name: the schema never fails without it and nothing reads the empty value.
        case unusedSchemaDefault = "unused-schema-default"
        /// The whole value of an object property that a TypeScript type of the same file declares optional
        /// (`advancedBucket?: string` … `{ advancedBucket: process.env.X }`): the compiler makes its users handle it unset.
        case optionalField = "optional-field"
        /// The whole value of a key of next.config's `env: { … }` (`env: { NEXTAUTH_URL: process.env.NEXTAUTH_URL }`):
        /// Next.js inlines what the build sees into the bundle, and inlines nothing when it is unset.
        case buildPassThrough = "build-pass-through"
        /// The whole value of a `default`/`fallback` key (`{"key": "EMAIL_HOST", "default": os.environ.get("EMAIL_HOST")}`,
        /// `Field(default=os.getenv("X"))`): the default of a setting whose value comes from elsewhere (a database row, a file).
        case settingDefault = "setting-default"
        /// A read inside a top-level function, class or exported const of a JavaScript or TypeScript module that no
        /// production file names (``shown`` holds the symbol's name): dead code, it never runs.
        case unusedSymbol = "unused-symbol"
        /// A Laravel config file's setting of a driver whose PHP library the project's `composer.lock` does not install
        /// (``shown`` holds the library): no driver can use it (`PUSHER_APP_KEY` without `pusher/pusher-php-server`).
        case missingLibrary = "missing-library"
        /// The code gives the variable itself a value when it is unset: `process.env.X ??= 'd'`, `process.env.X ||= 'd'`,
        /// `process.env.X = process.env.X || 'd'`, `os.environ.setdefault('X', 'd')`, Ruby's `ENV['X'] ||= 'd'`. Every read
        /// of the name in the process after it has a value (keybr's and Django projects' startup defaults).
        case assigned
        /// The read's presence is stored as a switch the code branches on (`export const enabled = !!process.env.X`,
        /// `ENABLE_TRACKING = ENV['X'].present?`, `ENABLED = bool(os.getenv('X'))`): the code runs with it unset.
        case storedSwitch = "stored-switch"
        /// The whole value of a property of an exported config object (`export const ENVS = { FAIR_VERSION:
        /// import.meta.env.X }`) that a module importing the object defaults or tests where it uses the property
        /// (`ENVS.FAIR_VERSION || "v0.1"`, `if (clientConfig.tracking.hotjarId)`); ``shown`` holds the property and that
        /// use's location (`ENVS.FAIR_VERSION at src/constants/config.ts:65`).
        case handledWhereUsed = "handled-where-used"
        case unknown
    }

    package var kind: Kind
    /// The literal as written in code (`'info'`, `3000`), when it is safe to show; nil otherwise.
    package var shown: String?

    package init(kind: Kind, shown: String? = nil) {
        self.kind = kind
        self.shown = shown
    }
}

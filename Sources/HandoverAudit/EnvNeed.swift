import Foundation
import HandoverModel
import HandoverCollect

/// How much production needs one env var name, judged from the code's reads of it and the reference file: the
/// judgement the env checks share (the collectors only record reads, fallbacks, alternatives and markers).
enum EnvNeed: Equatable {
    /// A production read has no fallback and no alternative.
    case required(locations: [String])
    /// Every unsatisfied production read is `A || B`-style and production defines none of the group.
    case oneOf(names: [String], locations: [String])
    /// Every production read left runs only under a condition on other variables (a provider choice, a presence
    /// guard): `possible` when production defines every selecting variable, so the branch may run (its value is
    /// not known); otherwise the branch cannot run in production.
    case conditional(reasons: [String], possible: Bool)
    /// The code or the reference file says production can do without it.
    case optional(because: [String])
    /// Only tests, scripts, stories, docs, examples or tooling read it.
    case notInProduction(locations: [String])
    /// Every production read has an alternative production defines.
    case satisfied
    /// No code of the project reads it, but a library it imports does by convention (`@vercel/blob` reads
    /// `BLOB_READ_WRITE_TOKEN`): needed wherever that library is used.
    case byLibrary(library: String, imports: [String])
    /// Every read that would require it sits in one integration's code (`lib/integrations/slack/env.ts`,
    /// `packages/notifications/telegram/…`): needed when that integration is used, which the code does not say.
    case integration(folder: String, locations: [String])
    /// A setting whose name says production can do without it (``NameSort``), read without a default: a medium risk,
    /// not a high one.
    case lesser(NameSort, word: String, locations: [String])
    /// The code does not read it (or was not scanned).
    case unread

    var isRequired: Bool { if case .required = self { return true } else { return false } }
    /// Required, lowered by its name or its integration: the name has a finding of its own, which a group it belongs
    /// to need not repeat (defining the name settles the group).
    var hasOwnFinding: Bool {
        switch self {
        case .required, .lesser, .integration: return true
        default: return false
        }
    }

    /// Names the platform sets, which production never needs to define.
    static func isProvided(_ name: String) -> Bool { CodeReferences.runtimeNames.contains(name) }
    /// Names the platform or the operating system sets: never flagged as missing.
    static func isNeverDefined(_ name: String) -> Bool { isProvided(name) || CodeReferences.systemNames.contains(name) }

    /// The need for `name` in an environment that defines `defined`.
    /// `modelProviders`: the model vendors whose keys production code reads (``modelProviders(_:)``).
    static func judge(_ name: String, reads: [CodeRead], defined: Set<String>, marker: EnvOptionalName?,
                      modelProviders: Set<String> = []) -> EnvNeed {
        // a `null` value is no mark of optional: the checks lower what it leaves required (``nullInReference(reads:marker:)``)
        let markerReason = marker.flatMap { $0.marker == .nullValue ? nil : "the reference file marks it optional (\(words($0.marker)), \($0.location))" }
        guard !reads.isEmpty else { return markerReason.map { .optional(because: [$0]) } ?? .unread }
        if let library = reads.first?.library, reads.allSatisfy({ $0.library != nil }) {
            return markerReason.map { .optional(because: [$0]) } ?? .byLibrary(library: library, imports: reads.map(\.location))
        }
        let production = reads.filter { $0.place == .production || $0.place == .unknown }
        guard !production.isEmpty else { return .notInProduction(locations: reads.map(\.location)) }
        // The code gives it a value when unset (`process.env.X ??= 'd'`, `os.environ.setdefault('X', 'd')`): every read has one.
        let assigning = production.filter { $0.fallback?.kind == .assigned }
        if !assigning.isEmpty { return .optional(because: assigning.prefix(3).map { describe($0) } + [markerReason].compactMap { $0 }) }
        // The code stores whether it is set (`const enabled = !!process.env.X`) and branches on that, wherever it reads it —
        // unless a check stops without it (lmnr's `this.useRedis = !!process.env.REDIS_URL` beside the Slack broker's
        // `if (!process.env.REDIS_URL) throw`: one feature refuses to run without it).
        let switches = production.filter { $0.fallback?.kind == .storedSwitch }
        if !switches.isEmpty, !production.contains(where: { $0.fallback?.kind == .enforced }) { return .optional(because: switches.prefix(3).map { describe($0) } + [markerReason].compactMap { $0 }) }
        var required: [CodeRead] = [], group: [CodeRead] = [], defaults: [CodeRead] = [], enforced: [CodeRead] = []
        var conditional: [(read: CodeRead, chance: Chance)] = []
        for read in production {
            if CodeReferences.isRuntimeProvided(name, at: read.location) { continue }  // set by the platform that runs it
            if let alternatives = read.alternatives, alternatives.contains(where: { defined.contains($0) || isProvided($0) }) { continue }
            if let fallback = read.fallback, usable(fallback, for: name) { defaults.append(read); continue }
            let conditions = read.conditions ?? []
            // Inside its own guard (`if (process.env.X) { … process.env.X … }`, or a function only such branches call).
            // (Not `if (X !== 'a')`, which runs with X unset too.)
            if conditions.contains(where: { $0.name == name && $0.kind != .differs }) { defaults.append(read); continue }
            let chance = conditions.map { Self.chance($0, defined: defined) }.min() ?? .sure
            if chance != .sure { conditional.append((read, chance)); continue }
            if read.fallback?.kind == .enforced { enforced.append(read); continue }
            if read.alternatives?.isEmpty == false { group.append(read) } else { required.append(read) }
        }
        // `if (!X) throw` where another read handles X unset (`!!X`, `if (!x) return`) gates one feature, not the app.
        let handled = production.filter { $0.fallback?.kind == .presenceCheck || $0.fallback?.kind == .selector }
        if !enforced.isEmpty {
            if handled.isEmpty {
                required += enforced
            } else {
                defaults.append(contentsOf: enforced)
            }
        }
        if let markerReason, !(required.isEmpty && group.isEmpty && conditional.isEmpty) {
            let reads = required + group + conditional.map(\.read)
            return .optional(because: [markerReason + "; the code reads it without a default at " + list(reads.map(\.location))])
        }
        // A switch (`NEXT_DEBUG_AUTH`, `…_ENABLED`, `USE_…`): unset reads as off, so production runs without it.
        if !required.isEmpty, let word = EnvNameTokens.flagWord(name) {
            return .optional(because: ["a flag (\(word)): unset reads as off, read at " + list(required.map(\.location))])
        }
        if !required.isEmpty, let (sort, word) = NameSort.of(name, required, modelProviders: modelProviders) {
            return .lesser(sort, word: word, locations: required.map(\.location))
        }
        if !required.isEmpty {
            if let folder = integrationFolder(required.map(\.location)) { return .integration(folder: folder, locations: required.map(\.location)) }
            return .required(locations: required.map(\.location))
        }
        if !group.isEmpty {
            let names = Set(group.flatMap { $0.alternatives ?? [] } + [name]).sorted()
            return .oneOf(names: names, locations: group.map(\.location))
        }
        if !conditional.isEmpty {
            let possible = conditional.contains { $0.chance == .maybe }
            return .conditional(reasons: conditional.prefix(3).map { describe($0.read, defined: defined) }
                + (conditional.count > 3 ? ["and \(conditional.count - 3) more"] : []), possible: possible)
        }
        if !defaults.isEmpty {
            let gates = enforced.isEmpty ? [] : ["the check at \(list(enforced.map(\.location))) stops only that path (it is handled unset at \(list(handled.map(\.location))))"]
            return .optional(because: defaults.filter { $0.fallback?.kind != .enforced }.map { describe($0) } + gates + [markerReason].compactMap { $0 })
        }
        return .satisfied
    }

    /// Why a required read is only a medium risk, or nil when it is a high one. A high needs evidence that the app
    /// needs the name beyond a read that yields nothing when it is unset: the project's reference file, which it
    /// keeps and was read, lists it (one of `names`, for a group), or a read at `locations` says the code requires
    /// it (``CodeRead/asserted``: a required schema entry, `os.environ["X"]`, `ENV.fetch("X")`, Rust's `.expect(…)`,
    /// `process.env.X!`; or a check that stops). On 32 labelled held-out repositories such highs were needed by the owners'
    /// production 41 % of the time (117 of 287), and 16 % on a batch measured after the rule (docs/precision.md, session 27).
    /// `unrecorded`: the names whose references carry no recorded reads (a snapshot older than them), which cannot
    /// say whether a read asserts: they stay highs.
    static func unconfirmed(_ names: [String], reads: [String: [CodeRead]], unrecorded: Set<String>, at locations: [String],
                            inventory: EnvInventory) -> String? {
        guard let reference = inventory.reference, reference.status == .read,
              !names.contains(where: inventory.referenceNames.contains), unrecorded.isDisjoint(with: names) else { return nil }
        let at = Set(locations)
        let asserts = names.contains { name in
            (reads[name] ?? []).contains { at.contains($0.location) && ($0.asserted == true || $0.fallback?.kind == .enforced) }
        }
        guard !asserts else { return nil }
        return "not in the reference file (\(reference.path)), and no read asserts it is set (a schema entry, `!`, `os.environ[…]`, "
            + "`ENV.fetch(…)`, a check that stops): it may be optional — medium until one of them says the app needs it"
    }

    /// Why a required read of a name the reference file sets to `null` (`REDIS_PASSWORD=null`, Laravel's skeleton) is
    /// only a medium risk, or nil. `null` is what Laravel's `env()` reads as no value: the example configuration runs
    /// without the name, yet the code may need it once a feature is on (SMTP credentials beside `MAIL_MAILER=smtp`), so
    /// it is not optional either. Only when every production read is PHP's, and none asserts the name is set. On 24 labelled names of held-out
    /// repositories set to null, 7 were needed by the owners' production (docs/precision.md, session 34).
    static func nullInReference(reads: [CodeRead], marker: EnvOptionalName?) -> String? {
        let production = reads.filter { $0.place == .production || $0.place == .unknown }
        // only PHP's dotenv and Laravel's `env()` read `null` as no value: node's `process.env.X` is the string "null"
        guard let marker, marker.marker == .nullValue, !production.isEmpty,
              production.allSatisfy({ $0.path.hasSuffix(".php") }),
              !production.contains(where: { $0.asserted == true || $0.fallback?.kind == .enforced })
        else { return nil }
        return "the reference file sets it to null (\(marker.location)), which Laravel's env() reads as no value: the example configuration "
            + "runs without it — medium until a read asserts it is set"
    }

    /// Folders that hold one integration each, below them (`integrations/slack/`, `notifications/telegram/`).
    static let integrationFolders: Set<String> = ["integrations", "integration", "notifications"]

    /// The integration folder every location sits in (`lib/integrations/slack`), when they all sit in one.
    static func integrationFolder(_ locations: [String]) -> String? {
        var found: String?
        for location in locations {
            let path = CodeRead.parts(of: location).path
            let parts = path.split(separator: "/").map(String.init)
            // the integration's own folder: the one below `integrations/` (not the file itself)
            guard let index = parts.dropLast().lastIndex(where: { integrationFolders.contains($0.lowercased()) }), index + 2 < parts.count
            else { return nil }
            let folder = parts[...(index + 1)].joined(separator: "/")
            if let found, found != folder { return nil }
            found = folder
        }
        return found
    }

    /// `read only by the integration in lib/integrations/slack (…): needed when it is used`.
    static func integrationText(_ folder: String, _ locations: [String]) -> String {
        "read only by the integration in \(folder) (at \(list(locations))), without a default: needed when that integration is used"
    }

    /// Whether a condition holds in production: never (its variable is not defined there), maybe (defined, value
    /// unknown) or surely (set and defined, or a platform name such as `NODE_ENV === 'production'`).
    enum Chance: Int, Comparable {
        case never, maybe, sure
        static func < (a: Chance, b: Chance) -> Bool { a.rawValue < b.rawValue }
    }

    static func chance(_ condition: CodeCondition, defined: Set<String>) -> Chance {
        // the else of `if X … else …`: production may define X instead, so the branch runs at most maybe; a name the
        // platform sets is set, so its else never runs
        if condition.kind == .unset { return defined.contains(condition.name) || isProvided(condition.name) ? .never : .maybe }
        if isProvided(condition.name) {
            guard condition.kind == .equals || condition.kind == .differs else { return .sure }
            let value = condition.value?.lowercased() ?? ""
            let production = value.contains("prod")
            let other = ["dev", "development", "test", "local", "staging"].contains(value.trimmingCharacters(in: .init(charactersIn: "'\"`")))
            // production's value is production's (`VERCEL_ENV`), or none (`CI`): it differs from any other
            if condition.kind == .differs { return production ? .never : .sure }
            return production ? .sure : other ? .never : .maybe
        }
        // a `differs` branch of the app's own variable is taken as running: unset differs from any value, and a defined
        // one (a kill switch, `if (MAINTENANCE_MODE === 'true') return 503`) usually differs (a review of .69)
        if condition.kind == .differs { return .sure }
        guard defined.contains(condition.name) else { return .never }
        return condition.kind == .set ? .sure : .maybe
    }

    /// `NAME is 'azure-blob'` / `NAME is set` / `NAME is a certain value`.
    static func words(_ condition: CodeCondition) -> String {
        switch condition.kind {
        case .equals: return condition.name + (condition.value.map { " is \($0)" } ?? " has a certain value")
        case .differs: return condition.name + (condition.value.map { " is not \($0)" } ?? " does not have a certain value")
        case .unset: return condition.name + " is unset (an alternative to it)"
        case .set, .unknown: return condition.name + " is set"
        }
    }

    /// `read at a.ts:3 only when X is 'azure' (production does not define X)`.
    static func describe(_ read: CodeRead, defined: Set<String>) -> String {
        let conditions = read.conditions ?? []
        let never = conditions.filter { chance($0, defined: defined) == .never }
        let missing = never.filter { $0.kind != .unset && !isProvided($0.name) }.map(\.name)
        let platform = never.filter { $0.kind != .unset && isProvided($0.name) }.map(\.name)
        let present = never.filter { $0.kind == .unset }.map(\.name)
        let text = "read at \(read.location) only when " + conditions.map(words).joined(separator: " and ")
        return text + (missing.isEmpty ? "" : " (production does not define \(missing.joined(separator: ", ")))")
            + (platform.isEmpty ? "" : " (production runs with \(platform.joined(separator: ", ")) set for production)")
            + (present.isEmpty ? "" : " (production defines \(present.joined(separator: ", ")))")
    }

    /// Whether a fallback lets production run without the variable: an empty string or nil is not enough for a
    /// credential (`process.env.STRIPE_SECRET_KEY || ''` only postpones the failure).
    static func usable(_ fallback: CodeFallback, for name: String) -> Bool {
        switch fallback.kind {
        case .empty, .absent: return !EnvNameTokens.namesCredential(name)
        case .placeholder: return false
        // an empty collection is an empty default: notify's `SECRET_KEY = env.list("SECRET_KEY", [])` (rules 2026.12.89)
        case .literal where fallback.shown == "[]" || fallback.shown == "{}": return !EnvNameTokens.namesCredential(name)
        case .enforced: return false
        // not a default: GitHub's fallback for it, which production may or may not have set (``NameSort/gitHubRedirect``)
        case .setupOption where fallback.shown == CodeSetupOptions.socialiteGitHub: return false
        default: return true
        }
    }

    static func describe(_ read: CodeRead) -> String {
        if read.fallback == nil || read.fallback?.kind == .enforced, let own = read.conditions?.first {
            return "read at \(read.location) inside a branch on \(words(own))"
        }
        guard let fallback = read.fallback else { return "read at \(read.location)" }
        switch fallback.kind {
        case .literal: return fallback.shown.map { "defaults to \($0) at \(read.location)" } ?? "has a default in code at \(read.location)"
        case .empty: return "falls back to an empty string at \(read.location)"
        case .placeholder: return "falls back to a placeholder at \(read.location), which is no credential"
        case .absent: return "handles it unset at \(read.location)"
        case .schemaOptional: return "optional in the env schema at \(read.location)"
        case .presenceCheck: return "checked for presence, and handled unset, at \(read.location)"
        case .selector: return "compared with a value or read as a switch at \(read.location) (unset takes the other branch)"
        case .enforced: return "checked at \(read.location)"
        case .setupOption: return "an option of Sentry's setup at \(read.location), which runs without it"
        case .unvalidatedSchema: return "declared at \(read.location) in an env schema that skips validation, and no production code uses it"
        case .unusedSchemaDefault: return "declared at \(read.location) in an env schema with an empty default, and no production code uses it"
        case .optionalField: return "the value of a field its type declares optional (`key?:`) at \(read.location): its users handle it unset"
        case .missingLibrary:
            return "read at \(read.location) for a Laravel driver whose library (\(fallback.shown ?? "?")) composer.lock does not install: no driver uses it"
        case .unusedSymbol: return "read at \(read.location) inside `\(fallback.shown ?? "?")`, which no production code names (dead code)"
        case .settingDefault: return "the default of a setting at \(read.location) (`default: …`), whose value comes from elsewhere"
        case .buildPassThrough:
            return "handed as it is to the bundle by the build's config at \(read.location) (next.config's `env`, a bundler's define), which inlines nothing when it is unset"
        case .assigned:
            return fallback.shown.map { "the code sets it to \($0) when it is unset, at \(read.location)" } ?? "the code sets it when it is unset, at \(read.location)"
        case .storedSwitch: return "the code stores whether it is set, as a switch it branches on, at \(read.location)"
        case .handledWhereUsed:
            return "read at \(read.location) into an exported config object, whose property the code defaults or checks for presence where it uses it (\(fallback.shown ?? "?"))"
        case .computed, .unknown: return "has a default in code at \(read.location)"
        }
    }

    static func words(_ marker: EnvOptionalName.Marker) -> String {
        switch marker {
        case .comment: return "a comment says optional"
        case .section: return "under an optional section header"
        case .commentedOut: return "commented out"
        case .documentedDefault: return "empty, with a documented default"
        case .testSection: return "under a header for tests"
        case .nullValue: return "set to null"
        case .unknown: return "marked"
        }
    }

    /// Where a name is read when no read is production code's; a module nothing reaches is said so (``CodePlace/unreached``).
    static func outsideProduction(_ locations: [String], reads: [CodeRead]) -> String {
        let unreached = reads.filter { $0.place == .unreached }.map(\.location)
        let handRun = reads.filter { $0.place == .handRun }.map(\.location)
        var text = "read only outside production code: " + list(locations)
        if !unreached.isEmpty {
            text += "; " + list(unreached) + (unreached.count == 1 ? " is in a module" : " are in modules")
                + " nothing in the repository imports, names or runs (run by hand, or by nothing): check nothing outside the repository starts it"
        }
        if !handRun.isEmpty {
            text += "; " + list(handRun) + (handRun.count == 1 ? " is in a module" : " are in modules")
                + " only scripts, tooling or a package.json script a person runs (seed, import, migrate, …) import or name:"
                + " check no deployment or scheduler runs them"
        }
        return text
    }

    /// `a, b, c and 2 more`.
    static func list(_ locations: [String], limit: Int = 3) -> String {
        locations.prefix(limit).joined(separator: ", ") + (locations.count > limit ? " and \(locations.count - limit) more" : "")
    }
}

/// Settings whose names say production can do without them, though the code reads them without a default. On every
/// labelled held-out batch and the six (docs/precision.md, session 34), none of such highs was needed by the owners'
/// production as measured with rules .61: 18 tuning and logging settings, 10 named for tests, 45 of enterprise identity providers;
/// nor, with rules .71, 6 telemetry export settings in 4 repositories (of the 12 `OTEL`/`OTLP` names labelled at any time, in
/// 8 repositories, none was needed).
enum NameSort: Equatable {
    /// A tuning or logging setting (``EnvNameTokens/tuningWord(_:)``: `…_TIMEOUT_SEC`, `REDIS_CLUSTER_TTL`, `LOG_LEVEL`):
    /// the code or the library it configures usually has a working value. A read that asserts it is set, or a check
    /// that stops, keeps it high.
    case tuning
    /// Where telemetry is exported (``EnvNameTokens/telemetryWord(_:)``: `OTEL_EXPORTER_OTLP_ENDPOINT`): the service runs
    /// without it. A read that asserts it is set, or a check that stops, keeps it high.
    case telemetry
    /// Named for the test suite or a test mode (``EnvNameTokens/testWord(_:)``: `DB_TEST_PASSWORD`).
    case tests
    /// An enterprise identity provider's (``EnvNameTokens/identityProvider(_:)``: `OKTA_CLIENT_SECRET`): a sign-in the
    /// deployment offers only when configured. Its reads often assert (`process.env.OKTA_CLIENT_ID!` inside the branch
    /// that adds the provider), so an assertion does not keep it high.
    case identityProvider
    /// The key of one of several language-model vendors the code reads keys for (``EnvNameTokens/modelProvider(_:)``,
    /// at least ``modelProviderCount`` of them): a multi-provider AI app offers a vendor's models when its key is set, and
    /// runs on the others without it. On 15 labelled repositories reading keys of three or more vendors, 38 of 82 such
    /// highs were needed by the owners' production (46 %): each repository's default vendor, rarely the rest
    /// (docs/precision.md, session 39; rules 2026.12.86). OpenAI's key stays high: it is the default vendor of most such
    /// apps (8 of its 11 labelled highs there were needed). A check that stops without it keeps it high.
    case modelProvider
    /// Named for a development or staging environment (``EnvNameTokens/developmentWord(_:)``: `M365_LOCAL_DEV_CLIENT_ID`,
    /// `DEV_ADMIN_SUPABASE_KEY`). A read that asserts it is set, or a check that stops, keeps it high.
    case development
    /// What every client library has a standard value for (``EnvNameTokens/standardValue(_:)``: a Redis database
    /// number, a mail server's port). A read that asserts it is set, a check that stops, or a read that makes a broken
    /// value of it unset (``CodeRead/unsetBreaks``, since rules .92) keeps it high.
    case standardValue
    /// The redirect of Laravel Socialite's GitHub sign-in (``CodeSetupOptions/isSocialiteGitHubRedirect(_:read:path:)``):
    /// unset, GitHub sends users to the callback URL registered with the OAuth app, which may or may not be production's.
    /// Of seven such highs labelled in Laravel apps (held-out batches 45–59), three were needed by the owners' production.
    case gitHubRedirect
    /// A setting of Sentry's build-time source-map upload (``EnvNameTokens/sourceMapUploadWord(_:)``: `SENTRY_AUTH_TOKEN`,
    /// `SENTRY_ORG`, `SENTRY_PROJECT`, `SENTRY_URL`): the app runs without it. A read that asserts it is set, or a check
    /// that stops, keeps it high.
    case sourceMapUpload

    static let modelProviderCount = 3

    /// The model vendors whose keys production code reads.
    static func modelProviders(_ reads: [String: [CodeRead]]) -> Set<String> {
        Set(reads.compactMap { name, reads in
            reads.contains { $0.place == .production || $0.place == .unknown } ? EnvNameTokens.modelProvider(name) : nil
        })
    }

    /// The sort of `name` and the word that decides it, given its required production reads; nil for any other name.
    /// A check that stops without the name (`if (!process.env.KEYCLOAK_ISSUER) throw …`) keeps any of them high.
    static func of(_ name: String, _ required: [CodeRead], modelProviders: Set<String> = []) -> (NameSort, String)? {
        guard !required.contains(where: { $0.fallback?.kind == .enforced }) else { return nil }
        if let word = EnvNameTokens.testWord(name),
           !(EnvNameTokens.doubleWords.contains(word) && required.contains(where: { $0.asserted == true })) { return (.tests, word) }
        if let word = EnvNameTokens.developmentWord(name), !required.contains(where: { $0.asserted == true }) { return (.development, word) }
        if let vendor = EnvNameTokens.identityProvider(name) { return (.identityProvider, vendor) }
        if let vendor = EnvNameTokens.modelProvider(name), vendor != "OPENAI", modelProviders.count >= NameSort.modelProviderCount {
            return (.modelProvider, "\(vendor), one of \(modelProviders.count): " + modelProviders.sorted().prefix(6).joined(separator: ", ")
                + (modelProviders.count > 6 ? ", …" : ""))
        }
        if let word = EnvNameTokens.tuningWord(name), !required.contains(where: { $0.asserted == true }) { return (.tuning, word) }
        if let word = EnvNameTokens.telemetryWord(name), !required.contains(where: { $0.asserted == true }) { return (.telemetry, word) }
        if let word = EnvNameTokens.sourceMapUploadWord(name), !required.contains(where: { $0.asserted == true }) { return (.sourceMapUpload, word) }
        // a read that makes a broken value of it unset (`redis://…/${REDIS_DB}`, `int(…)`, `listen(…)`) keeps it high too
        if let what = EnvNameTokens.standardValue(name), !required.contains(where: { $0.asserted == true || $0.unsetBreaks == true }) {
            return (.standardValue, what)
        }
        if !required.isEmpty, required.allSatisfy({ $0.fallback?.kind == .setupOption && $0.fallback?.shown == CodeSetupOptions.socialiteGitHub }) {
            return (.gitHubRedirect, "GitHub")
        }
        return nil
    }

    /// The sort every member of a group (`A || B`) shares, judged from the group's reads; nil when they differ.
    static func of(group names: [String], _ reads: [CodeRead]) -> (NameSort, String)? {
        let sorts = names.map { of($0, reads) }
        guard let first = sorts.first ?? nil, sorts.allSatisfy({ $0?.0 == first.0 }) else { return nil }
        return first
    }

    /// The sort and its reason for a group read at `locations`, from the reads of its members there; nil when they differ.
    static func groupReason(_ names: [String], reads: [String: [CodeRead]], at locations: [String]) -> String? {
        guard let (sort, word) = of(group: names, names.flatMap { reads[$0] ?? [] }.filter { locations.contains($0.location) }) else { return nil }
        return sort.reason(word)
    }

    /// Why the finding is medium, after where it is read.
    func text(_ word: String, _ locations: [String]) -> String {
        "read at \(EnvNeed.list(locations)) without a default; " + reason(word)
    }

    /// Why the finding is medium.
    func reason(_ word: String) -> String {
        switch self {
        case .tuning:
            return "a tuning or logging setting (\(word)), which the code or the library it configures usually has a working value "
                + "for: medium until a read asserts it is set"
        case .telemetry:
            return "a telemetry export setting (\(word)): the service runs without it and its traces, metrics or logs go nowhere "
                + "or to a default — medium until a read asserts it is set; check your telemetry arrives"
        case .tests:
            return "its name says it is for tests or a test mode (\(word)): production runs with its live settings — medium, check it"
        case .modelProvider:
            return "the key of one model vendor among several whose keys the code reads (\(word)): the app offers that vendor's models "
                + "when the key is set and runs on the others without it — medium unless production serves them"
        case .standardValue:
            return "\(word) in every client library: the code hands on nothing when it is unset, and the library uses that — "
                + "medium until a read asserts it is set; check production's provider needs another"
        case .development:
            return "its name says it is for a development or staging environment (\(word)): production runs with its own settings — "
                + "medium until a read asserts it is set"
        case .sourceMapUpload:
            return "a setting of Sentry's build-time source-map upload (\(word)), which the app's SDK does not read: a build without it "
                + "uploads no source maps and the app runs — medium until a read asserts it is set; check your errors' stack traces are readable"
        case .gitHubRedirect:
            return "the redirect of \(CodeSetupOptions.socialiteGitHub): unset, Socialite sends none and GitHub uses the callback URL "
                + "registered with the OAuth app — medium, check that URL is production's"
        case .identityProvider:
            return "a setting of an enterprise identity provider (\(word)), one sign-in for the whole deployment that it offers only "
                + "when configured — medium unless production offers that sign-in"
        }
    }
}

extension EnvInventory {
    /// The names of `environment`'s `missingFromReference` that production really needs: not marked optional by the
    /// reference file, not optional or test-only in the code, not covered by an alternative it defines.
    package func missingRequired(in environment: EnvironmentInventory) -> [String] {
        let defined = Set(environment.variables.map(\.name))
        let reads = readsByName, markers = optionalMarkers
        let providers = NameSort.modelProviders(reads)
        return environment.missingFromReference.filter { name in
            switch EnvNeed.judge(name, reads: reads[name] ?? [], defined: defined, marker: markers[name], modelProviders: providers) {
            case .required, .oneOf, .unread, .byLibrary: return true
            case .conditional, .optional, .notInProduction, .satisfied, .integration, .lesser: return false
            }
        }
    }

    /// The code's reads of each name (older snapshots: every location a required production read).
    var readsByName: [String: [CodeRead]] {
        Dictionary((codeReferences ?? []).map { ($0.name, $0.effectiveReads) }, uniquingKeysWith: { a, b in a + b })
    }

    /// The names production code reads itself (not only a library by convention) that a deployer defines (not names the
    /// platform or the system sets): what "production defines every variable the code reads" is about, as
    /// `env.referenced-missing` judges it.
    package var namesTheCodeReads: Set<String> {
        Set((codeReferences ?? []).filter { reference in
            !EnvNeed.isNeverDefined(reference.name) && reference.effectiveReads.contains { $0.place == .production && $0.library == nil }
        }.map(\.name))
    }

    /// The reference file's optional marker of each name.
    var optionalMarkers: [String: EnvOptionalName] {
        Dictionary((referenceOptional ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Edit {
    /// The reference file lists `names` too (an example of one check: `missingFromReference`, which
    /// `env.missing-in-production` reads, is left as it is).
    package static func listedInReference(_ s: inout Snapshot, _ names: [String]) {
        guard let listed = s.env.data?.referenceNames else { return }
        s.env.data?.referenceNames = Array(Set(listed).union(names)).sorted()
    }

    /// The code at HEAD reads every name production defines (so nothing else is flagged) and each of `reads`' names
    /// with the given reads.
    package static func codeReads(_ s: inout Snapshot, _ reads: [String: [CodeRead]]) {
        let defined = s.env.data?.environments.filter(\.production).flatMap { $0.variables.map(\.name) } ?? []
        var references = Set(defined).subtracting(reads.keys).map { CodeReference(name: $0, locations: ["src/config.ts:1"]) }
        references += reads.map { CodeReference(name: $0.key, locations: $0.value.map(\.location), reads: $0.value) }
        s.env.data?.codeReferences = references.sorted { $0.name < $1.name }
    }
}

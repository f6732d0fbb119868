import Foundation
import HandoverModel
import HandoverCollect

/// A name with a client-bundle prefix (NEXT_PUBLIC_, VITE_, …) whose final words name a secret: its value ships to
/// every browser.
///
/// The name's words are judged, not its substrings. Severity follows how surely the name is a server secret: a final
/// `SECRET`, `PASSWORD`, `PRIVATE_KEY`, `SECRET_KEY`, `CLIENT_SECRET`…, a word such as `PRIVATE` or `SERVICE`, or the
/// `API_KEY`/`TOKEN` of a vendor that issues no browser keys (`VITE_OPENAI_API_KEY`) is a blocker; any other vendor's
/// final `API_KEY`, `TOKEN`, `ACCESS_KEY` or `ACCESS_TOKEN` is medium (Google Maps, Giphy, ingest-only logging tokens
/// are issued for browsers); a bare final `KEY` is medium (as often a publishable key as a secret one); flags
/// (`NEXT_PUBLIC_DISABLE_PASSWORD_LOGIN`) and keys public by design (publishable, anon, site and client keys,
/// analytics and maps project keys) are not findings, nor is a name the reference file sets to a switch word
/// (`# NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS=true`: "use the default credential chain", an on/off setting; sim's, a
/// false blocker in held-out batch 6; rules 2026.12.38).
package enum EnvClientExposedSecretCheck: AuditCheck {
    package static let id = "env.client-exposed-secret"
    package static let severity = Severity.blocker
    package static let title = "Secret-looking env var bundled into client code"
    package static let impact = "Anyone can read the value in the page's JavaScript: the key is public the moment you deploy."
    package static let remediation = "Rename it without the public prefix, read it on the server only, and rotate the key (it has already shipped)."
    package static let reference = "Next.js: Bundling environment variables for the browser; Vite: Env variables and modes"
    package static let sections: [SectionName] = [.env]

    static func why(_ exposure: EnvNameTokens.ClientExposure) -> String {
        switch exposure.confidence {
        case .certain: "`\(exposure.prefix)` ships it to the browser and its words name a server secret (`\(exposure.secretWords)`)"
        case .vendorKey: "`\(exposure.prefix)` ships it to the browser and it ends in `\(exposure.secretWords)`: a secret unless its vendor "
            + "issues it for browsers (a maps key, an ingest-only token) — check which, and restrict it by origin"
        case .possible: "`\(exposure.prefix)` ships it to the browser and it ends in `KEY`: a secret unless it is a publishable key"
        }
    }

    /// Blocker only when the name says a server secret; a key some vendors issue for browsers is medium.
    static func severity(_ exposure: EnvNameTokens.ClientExposure) -> Severity? {
        exposure.confidence == .certain ? nil : .medium
    }

    /// Every read gives the name whole to a browser client that can only search (``CodeRead/searchOnlyClient``): the
    /// code searches with it, so it holds the key the vendor issues for browsers, whatever its words say. Medium: the
    /// value is still worth a look. Nil — the blocker stands — when any read outside tests does more (a script indexing
    /// with the full client is given a write key), when its words say a server role beyond `SECRET` (`ADMIN`, `PRIVATE`,
    /// `WRITE`, …), or when the reference file sets it from another variable (`"${ALGOLIA_SECRET}"`: the server's key,
    /// handed to the bundle) (rules 2026.12.80, a review of .79).
    static func searchOnly(_ name: String, _ reads: [CodeRead], external: Set<String>) -> String? {
        let counted = reads.filter { $0.place != .test }
        guard let first = counted.first?.searchOnlyClient, counted.allSatisfy({ $0.searchOnlyClient != nil }),
              !external.contains(name), !EnvNameTokens.saysServerRole(name) else { return nil }
        return "every read passes it as the key of `\(first)`'s client, which can only search: the search-only key the vendor "
            + "issues for browsers — check that the value is that key, never an admin or write key"
    }

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let inventory = c.snapshot.env.collectedValue else { return [] }
        var out: [Observation] = []
        var seen: Set<String> = []
        // a name the reference file sets to `true` or `off` holds a switch, not a secret
        let switches = Set(inventory.referenceSwitches ?? [])
        let codeReads = Dictionary((inventory.codeReferences ?? []).map { ($0.name, $0.effectiveReads) }, uniquingKeysWith: { $0 + $1 })
        let external = Set(inventory.referenceExternal ?? [])
        for env in inventory.environments {
            for variable in env.variables where !switches.contains(variable.name) {
                guard let exposure = EnvNameTokens.clientExposedSecret(variable.name) else { continue }
                seen.insert(variable.name)
                if readOnlyByServerCode(codeReads[variable.name] ?? []) { continue }
                var evidence = ["defined in \(variable.definitions.map(\.file).joined(separator: ", "))", why(exposure)]
                var severity = severity(exposure)
                if severity == nil, let search = searchOnly(variable.name, codeReads[variable.name] ?? [], external: external) {
                    severity = .medium
                    evidence.append(search)
                }
                out.append(Observation("env:\(env.name)/\(variable.name)", evidence, severity: severity))
            }
        }
        let defined = Set(inventory.environments.flatMap { $0.variables.map(\.name) })
        // the reference file (not as optional) or a CI workflow naming it says someone sets it: at build time, it ships
        let optional = Set((inventory.referenceOptional ?? []).filter { $0.marker != .nullValue }.map(\.name))
        let named = Set(inventory.referenceNames.filter { !optional.contains($0) }).union(inventory.namesCINames)
        for ref in inventory.codeReferences ?? [] where !seen.contains(ref.name) && !switches.contains(ref.name) {
            guard let exposure = EnvNameTokens.clientExposedSecret(ref.name) else { continue }
            // Only application code ships to browsers; a test or a script reading the name does not.
            let production = ref.effectiveReads.filter { $0.place == .production || $0.place == .unknown }.map(\.location)
            guard !production.isEmpty, !readOnlyByServerCode(ref.effectiveReads) else { continue }
            var evidence = ["read at " + production.prefix(3).joined(separator: ", "), why(exposure)]
            if let handed = inventory.ciReferences.first(where: { $0.assignedTo?.contains(ref.name) == true }) {
                evidence.append("a CI workflow sets it from \(handed.kind == .variable ? "vars" : "secrets").\(handed.name) at "
                    + handed.locations.prefix(2).joined(separator: ", ") + ": the build it feeds ships it")
            }
            var severity = severity(exposure)
            if severity == nil, let search = searchOnly(ref.name, ref.effectiveReads, external: external) {
                severity = .medium
                evidence.append(search)
            }
            // No environment defines it, neither the reference file nor a CI workflow names it, and the code runs
            // without it: nothing has shipped, and nothing will until someone sets it (a blocker then, from the
            // environment that defines it).
            if severity == nil, !named.contains(ref.name), runsUnset(ref, defined: defined) {
                severity = .medium
                evidence.append("no environment defines it and every read handles it unset: nothing ships until it is set — "
                    + "if it is, it ships to every browser")
            }
            out.append(Observation("code:\(ref.name)", evidence, severity: severity))
        }
        return out
    }

    /// What a bundler builds for the browser: JavaScript and TypeScript, and the components and pages it compiles.
    static let bundledExtensions: Set<String> = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts", "vue", "svelte", "astro", "html", "htm",
                                                 "mdx"]

    /// Whether the name's production reads are all in server languages: only what a bundler builds reaches a browser, so
    /// such a name ships nowhere, whatever its prefix (a Django API's `PUBLIC_DATA_AWS_SECRET_ACCESS_KEY`, read by Python
    /// alone — `PUBLIC_` is SvelteKit's and Astro's prefix; held-out batch 89, rules 2026.12.97). False when nothing reads
    /// it: the name alone is then the only evidence.
    static func readOnlyByServerCode(_ reads: [CodeRead]) -> Bool {
        let production = reads.filter { $0.place == .production || $0.place == .unknown }
        return !production.isEmpty && !production.contains { isBundledSource($0.location) }
    }

    /// `web/src/app.ts:12` → true; `api/settings.py:4` → false.
    static func isBundledSource(_ location: String) -> Bool {
        guard let file = CodeRead.parts(of: location).path.split(separator: "/").last, let dot = file.lastIndex(of: ".") else { return false }
        return bundledExtensions.contains(file[file.index(after: dot)...].lowercased())
    }

    /// Every production read runs without it: the name is optional, or each read has a default, even an empty one
    /// (`import.meta.env.VITE_ACCESS_TOKEN || ''`; for a credential an empty default does not make it optional, but it
    /// does say the bundle builds and runs with nothing in it; airweave's, a false blocker in held-out batch 28).
    static func runsUnset(_ ref: CodeReference, defined: Set<String>) -> Bool {
        if case .optional = EnvNeed.judge(ref.name, reads: ref.effectiveReads, defined: defined, marker: nil) { return true }
        let production = ref.effectiveReads.filter { $0.place == .production || $0.place == .unknown }
        return !production.isEmpty && production.allSatisfy { read in
            guard let kind = read.fallback?.kind else { return false }
            return kind != .enforced && (read.conditions ?? []).isEmpty && (read.alternatives ?? []).isEmpty
        }
    }

    static func define(_ s: inout Snapshot, _ name: String) {
        s.env.data?.environments[0].variables.append(EnvVariable(name: name, definitions: [EnvDefinition(file: ".env.production", line: 9, shape: .looksFine)]))
    }

    package static let examples: [CheckExample] = [
        .triggers("NEXT_PUBLIC_STRIPE_SECRET_KEY") { s in define(&s, "NEXT_PUBLIC_STRIPE_SECRET_KEY") },
        .triggers("VITE_OPENAI_API_KEY in code", alsoFires: [EnvReferencedMissingCheck.id]) { s in Edit.codeReads(&s, "VITE_OPENAI_API_KEY", at: "src/ai.ts:2") },
        .triggers("NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY") { s in define(&s, "NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY") },
        .triggers("REACT_APP_DB_PASSWORD") { s in define(&s, "REACT_APP_DB_PASSWORD") },
        .triggers("EXPO_PUBLIC_GITHUB_TOKEN") { s in define(&s, "EXPO_PUBLIC_GITHUB_TOKEN") },
        .triggers("VUE_APP_AWS_SECRET_ACCESS_KEY") { s in define(&s, "VUE_APP_AWS_SECRET_ACCESS_KEY") },
        .triggers("NEXT_PUBLIC_GOOGLE_CLIENT_SECRET") { s in define(&s, "NEXT_PUBLIC_GOOGLE_CLIENT_SECRET") },
        .triggers("NEXT_PUBLIC_POSTHOG_PERSONAL_API_KEY") { s in define(&s, "NEXT_PUBLIC_POSTHOG_PERSONAL_API_KEY") },
        .triggers("a bare KEY may be publishable (medium)", severity: .medium) { s in define(&s, "NEXT_PUBLIC_STRIPE_KEY") },
        .triggers("an API key some vendors issue for browsers (medium)", severity: .medium) { s in define(&s, "NEXT_PUBLIC_GIPHY_API_KEY") },
        .triggers("a token some vendors issue for browsers (medium)", severity: .medium) { s in define(&s, "NEXT_PUBLIC_AXIOM_TOKEN") },
        .triggers("an AI vendor's API key is never a browser key") { s in define(&s, "NEXT_PUBLIC_ANTHROPIC_API_KEY") },
        .passes("a publishable key") { s in define(&s, "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY") },
        .passes("a Supabase anon key") { s in define(&s, "NEXT_PUBLIC_SUPABASE_ANON_KEY") },
        .passes("a reCAPTCHA site key") { s in define(&s, "NEXT_PUBLIC_RECAPTCHA_SITE_KEY") },
        .passes("a PostHog project key") { s in define(&s, "NEXT_PUBLIC_POSTHOG_KEY") },
        .passes("a Firebase web API key") { s in define(&s, "NEXT_PUBLIC_FIREBASE_API_KEY") },
        .passes("a Mapbox public token") { s in define(&s, "NEXT_PUBLIC_MAPBOX_TOKEN") },
        .passes("a Datadog RUM client token") { s in define(&s, "NEXT_PUBLIC_DATADOG_CLIENT_TOKEN") },
        .passes("Paddle's client-side token, which Paddle.js is initialised with") { s in define(&s, "NEXT_PUBLIC_PADDLE_TOKEN") },
        .triggers("Paddle's API key is its server key") { s in define(&s, "NEXT_PUBLIC_PADDLE_API_KEY") },
        .passes("a flag that mentions a password") { s in define(&s, "NEXT_PUBLIC_DISABLE_PASSWORD_LOGIN") },
        .passes("a setting that mentions a token") { s in define(&s, "VITE_AUTH_TOKEN_HEADER") },
        .passes("a public key by name") { s in define(&s, "NEXT_PUBLIC_VAPID_PUBLIC_KEY") },
        .passes("BYPASS is not PASS") { s in define(&s, "NEXT_PUBLIC_CACHE_BYPASS") },
        .passes("a server-side secret") { _ in },
        .passes("read only by server code (a Django API): its prefix ships nothing", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["PUBLIC_DATA_AWS_SECRET_ACCESS_KEY": [CodeRead(location: "config/settings/base.py:470", place: .production)]])
        },
        .passes("defined in production, read only by server code") { s in
            define(&s, "PUBLIC_DATA_AWS_SECRET_ACCESS_KEY")
            Edit.codeReads(&s, ["PUBLIC_DATA_AWS_SECRET_ACCESS_KEY": [CodeRead(location: "config/settings/base.py:470", place: .production)]])
        },
        .triggers("read by server code and by a Svelte page: it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["PUBLIC_DATA_SECRET": [CodeRead(location: "api/settings.py:4", place: .production),
                                                       CodeRead(location: "web/src/routes/+page.svelte:3", place: .production)]])
        },
        .triggers("defined in production, read by a Vue component: it ships") { s in
            define(&s, "VUE_APP_AWS_SECRET_ACCESS_KEY")
            Edit.codeReads(&s, ["VUE_APP_AWS_SECRET_ACCESS_KEY": [CodeRead(location: "src/components/Upload.vue:12", place: .production)]])
        },
        .passes("a switch: the reference file sets it to `true`", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, "NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS", at: "src/blocks.ts:3")
            s.env.data?.referenceSwitches = ["NEXT_PUBLIC_BEDROCK_DEFAULT_CREDENTIALS"]
        },
        .passes("a switch defined in production too") { s in
            define(&s, "NEXT_PUBLIC_AUTH_TOKEN_REQUIRED_SECRET")
            s.env.data?.referenceSwitches = ["NEXT_PUBLIC_AUTH_TOKEN_REQUIRED_SECRET"]
        },
        .triggers("read in code only where it is handled unset, and defined nowhere: nothing ships yet (medium)", severity: .medium,
                  alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
        },
        .triggers("handled unset, but the reference file lists it: someone will set it, and it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
            Edit.listedInReference(&s, ["NEXT_PUBLIC_GATEWAY_SECRET"])
        },
        .triggers("handled unset, listed in the reference file as optional: nothing ships yet (medium)", severity: .medium,
                  alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
            Edit.listedInReference(&s, ["NEXT_PUBLIC_GATEWAY_SECRET"])
            s.env.data?.referenceOptional = [EnvOptionalName(name: "NEXT_PUBLIC_GATEWAY_SECRET", marker: .comment, location: ".env.example:9")]
        },
        .triggers("handled unset, listed in the reference file as null: someone may set it, and it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
            Edit.listedInReference(&s, ["NEXT_PUBLIC_GATEWAY_SECRET"])
            s.env.data?.referenceOptional = [EnvOptionalName(name: "NEXT_PUBLIC_GATEWAY_SECRET", marker: .nullValue, location: ".env.example:9")]
        },
        .triggers("handled unset, but a CI workflow passes it to the build: it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
            s.env.data?.ciReferences.append(CIReference(name: "NEXT_PUBLIC_GATEWAY_SECRET", kind: .secret, locations: [".github/workflows/deploy.yml:30"]))
        },
        .triggers("handled unset, but a CI workflow hands a secret to it under this name: it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
            s.env.data?.ciReferences.append(CIReference(name: "GATEWAY_SECRET", kind: .secret, locations: [".github/workflows/deploy.yml:30"],
                                                        assignedTo: ["NEXT_PUBLIC_GATEWAY_SECRET"]))
        },
        .triggers("handled unset; CI hands a secret to another name only: nothing ships yet (medium)", severity: .medium,
                  alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
            s.env.data?.ciReferences.append(CIReference(name: "GATEWAY_SECRET", kind: .secret, locations: [".github/workflows/deploy.yml:30"],
                                                        assignedTo: ["GATEWAY_SECRET"]))
        },
        .triggers("read with an empty default, defined nowhere: the bundle runs without it, nothing ships yet (medium)", severity: .medium,
                  alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ACCESS_TOKEN": [CodeRead(location: "frontend/src/config/env.ts:22", place: .production, fallback: CodeFallback(kind: .empty))]])
        },
        .triggers("a check that stops without it is no default: it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ACCESS_TOKEN": [CodeRead(location: "frontend/src/config/env.ts:22", place: .production, fallback: CodeFallback(kind: .enforced))]])
        },
        .triggers("read in code without a default: production will set it, and it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["NEXT_PUBLIC_GATEWAY_SECRET": [CodeRead(location: "src/client.ts:4", place: .production)]])
        },
        .triggers("given whole as the key of a search-only browser client: the search key by design (medium)", severity: .medium,
                  alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                 searchOnlyClient: "algoliasearch/lite")]])
        },
        .triggers("one read given to the search client, another used otherwise: it ships as a secret", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                 searchOnlyClient: "algoliasearch/lite"),
                                                        CodeRead(location: "resources/js/admin.js:8", place: .production)]])
        },
        .triggers("defined in production, and the code gives it only to a search-only client (medium)", severity: .medium) { s in
            define(&s, "VITE_ALGOLIA_SECRET")
            Edit.codeReads(&s, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                 searchOnlyClient: "algoliasearch/lite")]])
        },
        .triggers("given to the search client here, to the full client by a script: a write key, it ships", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                 searchOnlyClient: "algoliasearch/lite"),
                                                        CodeRead(location: "scripts/index-posts.mjs:4", place: .script)]])
        },
        .triggers("given to the search client, but its words say admin", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ALGOLIA_ADMIN_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                       searchOnlyClient: "algoliasearch/lite")]])
        },
        .triggers("given to the search client, but the reference file sets it from the server's key", alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                 searchOnlyClient: "algoliasearch/lite")]])
            s.env.data?.referenceExternal = ["VITE_ALGOLIA_SECRET"]
        },
        .triggers("a test reading it another way changes nothing: the search key by design (medium)", severity: .medium,
                  alsoFires: [EnvReferencedMissingCheck.id]) { s in
            Edit.codeReads(&s, ["VITE_ALGOLIA_SECRET": [CodeRead(location: "resources/js/search.js:3", place: .production,
                                                                 searchOnlyClient: "algoliasearch/lite"),
                                                        CodeRead(location: "tests/search.test.js:2", place: .test)]])
        },
        .passes("read only by a test", alsoFires: []) { s in
            Edit.codeReads(&s, ["VITE_OPENAI_API_KEY": [CodeRead(location: "src/ai.test.ts:2", place: .test)]])
        },
    ]
}

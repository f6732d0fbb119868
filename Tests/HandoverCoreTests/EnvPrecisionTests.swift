import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverAudit
@testable import HandoverFixtures

/// Env findings precision (issue 17): what the reference file and the code say about optional variables,
/// alternatives and where a read sits, each with examples that must and must not match.
@Suite struct EnvPrecisionTests {
    /// `NAME:marker` for every name a dotenv text marks optional.
    static func optional(_ text: String) -> [String] {
        let result = DotenvParser.parse(Array(text.utf8), file: ".env.example")
        return EnvCollector.optionalNames(result, path: ".env.example").map { "\($0.name):\($0.marker.rawValue)" }
    }

    @Test(arguments: [
        // A comment above the line, or on it.
        ("# OPTIONAL: error tracking\nSENTRY_DSN=\n\nDATABASE_URL=\n", ["SENTRY_DSN:comment"]),
        ("# optional\nSENTRY_DSN=\n", ["SENTRY_DSN:comment"]),
        ("# optional\nSENTRY_DSN=x\n\nSENTRY_ORG=\n", ["SENTRY_DSN:comment"]),
        ("SENTRY_DSN= # optional\nDATABASE_URL=\n", ["SENTRY_DSN:comment"]),
        ("# Error tracking (optional)\nSENTRY_DSN=\nSENTRY_ORG=\n# Billing\nSTRIPE_KEY=\n", ["SENTRY_DSN:comment", "SENTRY_ORG:comment"]),
        // A short title naming the first name's first word covers its whole run (kan's `# SMTP (optional)`).
        ("# SMTP (optional)\nSMTP_HOST=\nSMTP_PORT=465\nEMAIL_FROM=\n\nSTRIPE_KEY=\n",
         ["EMAIL_FROM:comment", "SMTP_HOST:comment", "SMTP_PORT:comment"]),
        ("# S3 storage (optional)\nS3_REGION=\n# S3_UPLOAD_LIMIT=2097152\nNEXT_PUBLIC_STORAGE_URL=\n# Billing\nSTRIPE_KEY=\n",
         ["NEXT_PUBLIC_STORAGE_URL:comment", "S3_REGION:comment", "S3_UPLOAD_LIMIT:commented-out"]),
        // A block that says optional, however long, describes its whole run up to a blank line or the next comment
        // (restorephotos' `# Optional, if you're doing auth`, linkwarden's `# Additional Optional Settings`; 2026.12.40);
        // entries commented out inside the run do not end it.
        ("# Optional, if you're doing auth\nGOOGLE_CLIENT_ID=\nGOOGLE_CLIENT_SECRET=\nDATABASE_URL=\n\nREPLICATE_API_KEY=\n",
         ["DATABASE_URL:comment", "GOOGLE_CLIENT_ID:comment", "GOOGLE_CLIENT_SECRET:comment"]),
        ("# Optional: Sentry reports errors once you set it up\nSENTRY_DSN=\n# SENTRY_ORG=acme\nSENTRY_PROJECT=\n",
         ["SENTRY_DSN:comment", "SENTRY_ORG:commented-out", "SENTRY_PROJECT:comment"]),
        ("# SMTP (optional)\n# set these to send email\nSMTP_HOST=\nEMAIL_FROM=\n# Payments\nSTRIPE_KEY=\n",
         ["EMAIL_FROM:comment", "SMTP_HOST:comment"]),
        ("# Sentry reports errors here when you set it up (optional)\nSENTRY_DSN=\nSTRIPE_KEY=\n", ["SENTRY_DSN:comment", "STRIPE_KEY:comment"]),
        // A note on one name inside such a run (more than six words) does not end it; a short title, a note that says
        // required, a drawn header and a blank line do (defillama's `# Optional runtime integrations.`; 2026.12.88).
        ("# Optional runtime integrations.\nCG_KEY=\n# Stable id for this deployment, defaults to defillama if unset\nOPS_TARGET_ID=x\nREDIS_URL=\n\nDATABASE_URL=\n",
         ["CG_KEY:comment", "OPS_TARGET_ID:comment", "REDIS_URL:comment"]),
        ("# Optional runtime integrations.\nCG_KEY=\n# This one is required for every deployment we run\nAPI_SECRET=\n",
         ["CG_KEY:comment"]),
        ("# Optional runtime integrations.\nCG_KEY=\n# --- Core ---\nAPI_SECRET=\n", ["CG_KEY:comment"]),
        // an optional sentence on one name heads no run (a review of .88; rules 2026.12.90)
        ("# Optional. Leave empty to disable error reporting to Sentry.\nSENTRY_DSN=\n# The secret used to sign sessions, generate one with openssl\nSECRET_KEY=\n",
         ["SENTRY_DSN:comment"]),
        // Other prose describes only the names sharing its first word.
        ("# Log level; defaults to info when unset\nLOG_LEVEL=\nLOG_FORMAT=\nPORT=\n", ["LOG_FORMAT:documented-default", "LOG_LEVEL:documented-default"]),
        // A section header holds until the next header, across blank lines.
        ("# [[AUTH OPTIONAL]]\nGITHUB_ID=\n\nGOOGLE_ID=\n# [[DATABASE]]\nDATABASE_URL=\n", ["GITHUB_ID:section", "GOOGLE_ID:section"]),
        ("# --- Optional ---\nA_X=\nB_Y=\n\n# --- Required ---\nC_Z=\n", ["A_X:section", "B_Y:section"]),
        ("# Optional settings\n\nA_X=\n# a note about B\nB_Y=\n\n# Core\n\nC_Z=\n", ["A_X:section", "B_Y:section"]),
        ("##########\n# Optional\n##########\nA_X=\n", ["A_X:section"]),
        // as French reference files write it (phospho's `(OPTIONNAL)`; rules 2026.12.103), and not when negated
        ("# (OPTIONNAL) Services and Integrations\nRESEND_API_KEY=\nSLACK_URL=\n", ["RESEND_API_KEY:comment", "SLACK_URL:comment"]),
        ("# Clé Sentry (facultatif)\nSENTRY_DSN=\n\nDATABASE_URL=\n", ["SENTRY_DSN:comment"]),
        ("# non optionnel\nDATABASE_URL=\n", []),
        ("# optionnel mais obligatoire en production\nDATABASE_URL=\n", []),
        // a comment above the first assignment that says every name is optional speaks for the whole file, whatever
        // headers follow (nuxt.com's `# Everything in this file is OPTIONAL.`; rules 2026.12.106); not when negated, said
        // of a part, or written after an assignment
        ("# =====\n# Everything in this file is OPTIONAL.\n# =====\n\n# --- Docs ---\nNUXT_V3_PATH=\n\n# --- Site ---\nNUXT_PUBLIC_SITE_URL=\n",
         ["NUXT_PUBLIC_SITE_URL:section", "NUXT_V3_PATH:section"]),
        ("# All variables are optional\nA_X=\n\n# Core\nB_Y=\n", ["A_X:comment", "B_Y:section"]),
        ("# Not all of these are optional\nA_X=\n\nB_Y=\n", ["A_X:comment"]),
        ("# Most of all, these are optional\nA_X=\n\nB_Y=\n", ["A_X:comment"]),
        ("A_X=\n# Everything below is optional\nB_Y=\n\nC_Z=\n", ["B_Y:comment"]),
        ("# Everything here is required\nA_X=\n\nB_Y=\n", []),
        // (a review of .106) only a file-wide subject; a required mark and `except` win
        ("# All values below are examples; optional ones are commented out\n\n# --- Database ---\nDATABASE_URL=\n", []),
        ("# All OAuth providers are optional\nGITHUB_CLIENT_ID=\n# --- Database ---\nDATABASE_URL=\n", ["GITHUB_CLIENT_ID:comment"]),
        ("# Everything in this file is optional.\n\n# --- Required in production ---\nSECRET_KEY=\n", []),
        ("# Everything in this file is optional, except DATABASE_URL\n\n# --- Database ---\nDATABASE_URL=\n", []),
        // a need said of a feature: `not necessary unless`, `only necessary if` (payload's website; rules 2026.12.106);
        // not a need said of production or a need only local development lacks
        ("# This is not necessary unless you want to work with Algolia Docsearch\nNEXT_PUBLIC_ALGOLIA_DOCSEARCH_KEY=\n\nDATABASE_URL=\n",
         ["NEXT_PUBLIC_ALGOLIA_DOCSEARCH_KEY:comment"]),
        ("# Algolia Community Help Search - Only necessary if you want to use this feature\nNEXT_PUBLIC_ALGOLIA_CH_ID=\nNEXT_PRIVATE_ALGOLIA_API_KEY=\n\nDATABASE_URL=\n",
         ["NEXT_PRIVATE_ALGOLIA_API_KEY:comment", "NEXT_PUBLIC_ALGOLIA_CH_ID:comment"]),
        ("# Only required if you want S3 uploads\nS3_BUCKET=\n\nDATABASE_URL=\n", ["S3_BUCKET:comment"]),
        ("# Webhooks: isn't needed unless you sell plans\nSTRIPE_WEBHOOK_SECRET=\n\nDATABASE_URL=\n", ["STRIPE_WEBHOOK_SECRET:comment"]),
        ("# Not needed for local development\nSECRET_KEY=\n", []),
        ("# Only needed when you deploy to production\nSECRET_KEY=\n", []),
        ("# Needed for sessions, only the server reads it\nSECRET_KEY=\n", []),
        // (a review of .106) a need said of the value's form or of the browser; a REQUIRED beside it
        ("# Public URL. A trailing slash is not needed.\nAPP_URL=\n", []),
        ("# Server-side only, never needed in the browser\nSUPABASE_SERVICE_ROLE_KEY=\n", []),
        ("# REQUIRED. The https:// prefix is not needed unless you use a port\nAPP_DOMAIN=\n", []),
        // a negated `required` says optional; `plus`/`jamais`/`never` negate (a review of .103)
        ("# Optionnel (pas obligatoire)\nSENTRY_DSN=\n\nDATABASE_URL=\n", ["SENTRY_DSN:comment"]),
        ("# not required\nSENTRY_DSN=\n\nDATABASE_URL=\n", ["SENTRY_DSN:comment"]),
        ("# Ce n'est plus optionnel\nDATABASE_URL=\n", []),
        ("# never optional\nDATABASE_URL=\n", []),
        // Prose above entries commented out describes them: a blank line after them opens no section (inbox-zero's
        // `# Optional Docker Compose host port overrides:` above `# WEB_PORT=3000`; 2026.12.42); it ends the one
        // before (postiz's `# === Common optional Settings` holds only up to its entries commented out).
        ("# Docker Compose credentials\n# POSTGRES_USER=postgres\n# Optional host port overrides:\n# WEB_PORT=3000\n\nUPSTASH_REDIS_URL=\nGOOGLE_CLIENT_ID=\n",
         ["POSTGRES_USER:commented-out", "WEB_PORT:commented-out"]),
        ("# --- Optional ---\nA_X=\n# B_Y=1\n\nC_Z=\n", ["A_X:section", "B_Y:commented-out"]),
        ("# === Common optional Settings\n\n## A dummy key\n#RESEND_API_KEY=x\n\n# Where icons go\nSTORAGE_PROVIDER=local\n",
         ["RESEND_API_KEY:commented-out"]),
        ("# ===== Optional =====\n# FOO_X=1\n\nBAR_Y=\n", ["BAR_Y:section", "FOO_X:commented-out"]),
        // A commented-out assignment, unless the name is defined for real.
        ("# SENTRY_DSN=\nDATABASE_URL=postgres://x\n# DATABASE_URL=mysql://y\n", ["SENTRY_DSN:commented-out"]),
        ("#export REDIS_URL=redis://x\n", ["REDIS_URL:commented-out"]),
        // Needed only where production is not (dub's `NEXTAUTH_URL=… # (only needed for localhost)`).
        ("NEXTAUTH_URL=http://localhost:8888 # (only needed for localhost)\nNEXTAUTH_SECRET=\n", ["NEXTAUTH_URL:comment"]),
        // The app runs without it (rubyevents' `.env.sample`, batch 55; rules 2026.12.84).
        ("GITHUB_CLIENT_ID=x # useful for github login but the app can run without it using the developer OAuth login\nDATABASE_URL=\n",
         ["GITHUB_CLIENT_ID:comment"]),
        ("# Everything works without this; it only adds previews\nOG_API_KEY=\n", ["OG_API_KEY:comment"]),
        ("YOUTUBE_API_KEY= # the server starts without them\n", ["YOUTUBE_API_KEY:comment"]),
        ("# Sentry: the app works perfectly fine without it\nSENTRY_DSN=\n", ["SENTRY_DSN:comment"]),
        ("# Only required in local development\nMAILPIT_URL=\n", ["MAILPIT_URL:comment"]),
        // An empty value documented as defaulting.
        ("PORT= # defaults to 3000\n", ["PORT:documented-default"]),
        ("# Log level; defaults to info when unset\nLOG_LEVEL=\n", ["LOG_LEVEL:documented-default"]),
        // A value of `null`, which Laravel's `env()` reads as no value (its skeleton's `REDIS_PASSWORD=null`; rules
        // 2026.12.62), quoted or not, in any case; an optional comment says more and wins.
        ("REDIS_PASSWORD=null\nMAIL_USERNAME=\"null\"\nMAIL_PASSWORD=NULL # set for smtp\nAWS_KEY=(null)\n",
         ["AWS_KEY:null-value", "MAIL_PASSWORD:null-value", "MAIL_USERNAME:null-value", "REDIS_PASSWORD:null-value"]),
        ("SESSION_DOMAIN=null # optional\n", ["SESSION_DOMAIN:comment"]),
        // a comment that says required keeps a null-valued name unmarked; a value with more than null is a value
        ("MAIL_PASSWORD=null # required\n# required in production\nREDIS_PASSWORD=null\nA_SPACE=\" null \"\nB_QUOTES=\"'null'\"\nC_X=null\n",
         ["C_X:null-value"]),
        // A header only about tests (documenso's `# [[E2E Tests]]`).
        ("# [[E2E Tests]]\nE2E_TEST_USER=\nE2E_TEST_PASSWORD=\n\n# [[STRIPE]]\nSTRIPE_KEY=\n", ["E2E_TEST_PASSWORD:test-section", "E2E_TEST_USER:test-section"]),
        ("# --- Playwright tests ---\nPW_BASE_URL=\n", ["PW_BASE_URL:test-section"]),
        // `optional` as an adjective of a header is still one (`# Some optional integrations`), and a part word that is
        // not the subject of `are optional` does not make it said of a part
        ("# Some optional integrations\n\nSLACK_URL=\n", ["SLACK_URL:section"]),
        ("# These are optional for some setups\n\nSLACK_URL=\n", ["SLACK_URL:section"]),
        ("# For some setups, the following are optional\n\nSLACK_URL=\n", ["SLACK_URL:section"]),
        ("# Most of the optional settings\n\nSLACK_URL=\n", ["SLACK_URL:section"]),
        // the part's own names, commented out, keep their mark
        ("# Some are optional and are commented out by default.\n\nURL=http://localhost\n# SENTRY_DSN=x\n",
         ["SENTRY_DSN:commented-out"]),
        // a part word with a noun, or without saying the part is commented out, keeps the mark: the names below belong
        // to optional features (the review of .78, rules 2026.12.80)
        ("# Integrations\n# Some features are optional. Set the variables below to enable them.\n\nSLACK_WEBHOOK_URL=\nGITHUB_APP_PRIVATE_KEY=\n",
         ["GITHUB_APP_PRIVATE_KEY:section", "SLACK_WEBHOOK_URL:section"]),
        ("# Certain features are optional and are enabled by setting the variables below.\n\nSENTRY_DSN=\n", ["SENTRY_DSN:section"]),
        ("# Storage: some of these are optional. If S3_BUCKET is empty, files are kept on local disk.\n\nS3_BUCKET=\n", ["S3_BUCKET:section"]),
        ("# Some of the keys are optional and commented out\n\nURL=\n", ["URL:section"]),
        ("# Most are optional\n\nURL=\n", ["URL:section"]),
        // a later `optional` on the line still marks it
        ("# Some are optional and are commented out; this whole section is optional\n\nSMTP_HOST=\n", ["SMTP_HOST:section"]),
    ])
    func referenceMarksOptional(text: String, expected: [String]) {
        #expect(Self.optional(text) == expected)
    }

    /// Must not mark anything optional.
    @Test(arguments: [
        "# Required\nDATABASE_URL=\n",
        "# not optional\nDATABASE_URL=\n",
        "# Required (the app is optional-free)\nDATABASE_URL=\n",
        "PORT=3000 # defaults to 3000\n",  // a value given: nothing to default
        "# Note: see the docs, e.g. https://x.example/a=b\nA=1\n",
        "# mode=fast is a note, not a name\nA=1\n",
        "A=\"# optional\"\n",
        "# -> set this\nSTRIPE_KEY=\n",
        "# only needed for billing\nSTRIPE_KEY=\n",
        // the app does not run without it
        "# the app can't run without it\nDATABASE_URL=\n",
        "# won't start without this\nDATABASE_URL=\n",
        "# the worker cannot work without it\nREDIS_URL=\n",
        "# does not run without them\nDATABASE_URL=\n",
        "# Without it, nothing works\nDATABASE_URL=\n",
        "# run the migrations without it set first\nDATABASE_URL=\n",
        "# the proxy works without TLS in development; set the certificate in production\nTLS_CERT=\n",
        "# required; the only local setting\nDATABASE_URL=\n",
        // Words beside the test words: a note about test keys, not a tests section.
        "# Use test keys in development\n\nSTRIPE_KEY=\n",
        "# [[Stripe (test mode)]]\nSTRIPE_KEY=\n",
        // A title that is not optional covers nothing, however short.
        "# SMTP (required)\nSMTP_HOST=\nEMAIL_FROM=\n",
        "# SMTP\nSMTP_HOST=\nEMAIL_FROM=\n",
        // A long block that does not say optional covers nothing either.
        "# Not optional: the app needs every one of these to start\nDATABASE_URL=\nREDIS_URL=\n",
        "# Required by the API; the optional ones are further down\nDATABASE_URL=\nREDIS_URL=\n",
        // a value that only starts or ends with null, or holds it, is a value
        "DB_DRIVER=nullable\nCACHE=null-store\nLOG_CHANNEL=devnull\nMODE=\"not null\"\n",
        // A sentence saying some are optional says which (the ones commented out), not that the names under it are
        // (simplelogin's `example.env` preamble above `URL=`, read as `os.environ["URL"]`; batch 44, rules 2026.12.78)
        "# This file contains all available options.\n# Some are optional and are commented out by default.\n\n# Server url\nURL=http://localhost:7777\n",
        "# Some of these are optional (commented out below)\n\nURL=\n",
        "# Most are optional and commented out\nURL=\nEMAIL_DOMAIN=\n",
        "# A few of them is optional: those commented out\n\nURL=\n",
    ])
    func referenceDoesNotMarkOptional(text: String) {
        #expect(Self.optional(text) == [], "\(text)")
    }

    /// The names read as the key of a search-only browser client (``SearchOnlyClients``), with its module.
    static func searchKeys(_ text: String, path: String = "resources/js/search.js") -> [String] {
        CodeReferences.reads(in: text, path: path).compactMap { read in read.searchOnlyClient.map { "\(read.name)@\(read.line) \($0)" } }
    }

    @Test(arguments: [
        // laravel.io's (batch 46), Algolia v5: `liteClient` under another name
        ("import { liteClient as algoliasearch } from \"algoliasearch/lite\";\nconst client = algoliasearch(import.meta.env.VITE_ALGOLIA_APP_ID, import.meta.env.VITE_ALGOLIA_SECRET);\n",
         ["VITE_ALGOLIA_SECRET@2 algoliasearch/lite"]),
        // v5 under its own name, v4's default import, a require, a Vue component's script, inside instantsearch's options
        ("import { liteClient } from 'algoliasearch/lite'\nconst c = liteClient(process.env.NEXT_PUBLIC_ALGOLIA_APP_ID, process.env.NEXT_PUBLIC_ALGOLIA_SECRET)\n",
         ["NEXT_PUBLIC_ALGOLIA_SECRET@2 algoliasearch/lite"]),
        ("import algoliasearch from 'algoliasearch/lite';\nexport const search = algoliasearch('APP', import.meta.env.VITE_ALGOLIA_KEY);\n",
         ["VITE_ALGOLIA_KEY@2 algoliasearch/lite"]),
        ("const algoliasearch = require('algoliasearch/lite');\nconst c = algoliasearch(a,\n  process.env.REACT_APP_ALGOLIA_SECRET);\n",
         ["REACT_APP_ALGOLIA_SECRET@3 algoliasearch/lite"]),
        ("instantsearch({ searchClient: liteClient(import.meta.env.VITE_A, import.meta.env.VITE_B) })\nimport { liteClient } from \"algoliasearch/lite\"\n",
         ["VITE_B@1 algoliasearch/lite"]),
    ])
    func aSearchOnlyClientsKey(text: String, expected: [String]) {
        #expect(Self.searchKeys(text) == expected)
        #expect(Self.searchKeys(text, path: "src/components/Search.vue") == expected)
    }

    /// Must not be taken for a search-only client's key.
    @Test(arguments: [
        // the full client also writes; the lite module's other exports; the app id; an expression; another callee;
        // the import only in a comment or a string
        "import { algoliasearch } from 'algoliasearch'\nconst c = algoliasearch(import.meta.env.VITE_A, import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "import algoliasearch from 'algoliasearch'\nconst c = algoliasearch(import.meta.env.VITE_A, import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "import { searchClient } from 'algoliasearch/lite'\nconst c = searchClient(import.meta.env.VITE_A, import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "import { liteClient } from 'algoliasearch/lite'\nconst c = liteClient(import.meta.env.VITE_ALGOLIA_SECRET, 'x')\n",
        "import { liteClient } from 'algoliasearch/lite'\nconst c = liteClient('app', import.meta.env.VITE_ALGOLIA_SECRET || '')\n",
        "import { liteClient } from 'algoliasearch/lite'\nconst c = other('app', import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "import { liteClient } from 'algoliasearch/lite'\nconst c = api.liteClient('app', import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "// import { liteClient } from 'algoliasearch/lite'\nconst c = liteClient('app', import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "const s = \"import { liteClient } from 'algoliasearch/lite'\"\nconst c = liteClient('app', import.meta.env.VITE_ALGOLIA_SECRET)\n",
        // an import inside a block comment binds nothing (the review of .79)
        "/*\n  import { liteClient as algoliasearch } from 'algoliasearch/lite'\n*/\nimport { algoliasearch } from 'algoliasearch'\nconst c = algoliasearch('app', import.meta.env.VITE_ALGOLIA_SECRET)\n",
        "/*\nconst algoliasearch = require('algoliasearch/lite')\n*/\nconst c = algoliasearch('app', process.env.REACT_APP_ALGOLIA_SECRET)\n",
    ])
    func notASearchOnlyClientsKey(text: String) {
        #expect(Self.searchKeys(text) == [], "\(text)")
    }

    /// `NAME@line fallback-kind[=shown] alt:…` for every read of a text.
    static func reads(_ text: String) -> [String] {
        CodeReferences.reads(in: text).map { found in
            var out = "\(found.name)@\(found.line)"
            if let fallback = found.fallback { out += " \(fallback.kind.rawValue)" + (fallback.shown.map { "=\($0)" } ?? "") }
            if !found.alternatives.isEmpty { out += " alt:" + found.alternatives.joined(separator: ",") }
            return out
        }
    }

    @Test(arguments: [
        ("const l = process.env.LOG_LEVEL ?? 'info'", ["LOG_LEVEL@1 literal='info'"]),
        ("const p = process.env.PORT_NUMBER || 3000", ["PORT_NUMBER@1 literal=3000"]),
        ("w = os.getenv('WORKERS', '4')", ["WORKERS@1 literal='4'"]),
        ("w = os.getenv('WORKERS', default='4')", ["WORKERS@1 literal='4'"]),
        // `from os import getenv`: its second argument is a default (foiflow's report service); PHP's is a flag
        ("w = getenv('WAIT_DAYS', 5)", ["WAIT_DAYS@1 literal=5"]),
        ("w = getenv('JARO_CUTOFF', default=0.8)", ["JARO_CUTOFF@1 literal=0.8"]),
        ("$h = getenv('REDIS_HOST', true) ?: 'localhost';", ["REDIS_HOST@1 literal='localhost'"]),
        ("$h = getenv('REDIS_HOST', false);", ["REDIS_HOST@1"]),
        ("w = getenv('DEBUG_SQL', True)", ["DEBUG_SQL@1"]),
        ("w = getenv('TRUENAS_HOST', true_host)", ["TRUENAS_HOST@1 computed"]),
        ("$h = getenv('REDIS_HOST');", ["REDIS_HOST@1"]),
        (#"l = os.environ.get("LOG_LEVEL", "info")"#, [#"LOG_LEVEL@1 literal="info""#]),
        ("l = os.environ.get('SENTRY_DSN', None)", ["SENTRY_DSN@1 absent"]),
        ("c = ENV.fetch('WEB_CONCURRENCY', 2)", ["WEB_CONCURRENCY@1 literal=2"]),
        ("c = ENV.fetch('WEB_CONCURRENCY') { 2 }", ["WEB_CONCURRENCY@1 literal=2"]),
        ("c = ENV.fetch('RAILS_MAX_THREADS', nil)", ["RAILS_MAX_THREADS@1 absent"]),
        ("r = ENV['REDIS_URL'] || 'redis://localhost:6379'", ["REDIS_URL@1 literal='redis://localhost:6379'"]),
        ("const u = Deno.env.get('SITE_URL') ?? 'http://localhost:8000'", ["SITE_URL@1 literal='http://localhost:8000'"]),
        ("'driver' => env('MAIL_MAILER', 'smtp'),", ["MAIL_MAILER@1 literal='smtp'"]),
        ("$h = getenv('REDIS_HOST') ?: '127.0.0.1';", ["REDIS_HOST@1 literal='127.0.0.1'"]),
        ("const api = import.meta.env.VITE_API_URL ?? '/api'", ["VITE_API_URL@1 literal='/api'"]),
        (#"let d = std::env::var("LOG_DIR").unwrap_or("logs".into());"#, [#"LOG_DIR@1 literal="logs""#]),
        (#"let d = std::env::var("LOG_DIR").ok();"#, ["LOG_DIR@1 absent"]),
        // Rust makes the code say what happens unset: a destructured or matched Result/Option, a test, a kept Option
        (#"let Ok(dir) = std::env::var("DUMP_DIR") else { return; };"#, ["DUMP_DIR@1 presence-check"]),
        (#"if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") { load(p); }"#, ["ORT_DYLIB_PATH@1 presence-check"]),
        (#"if let Ok(v) = env::var("TRACE_FILTER") { set(v); }"#, ["TRACE_FILTER@1 presence-check"]),
        (#"let m = match std::env::var("RUN_MODE") { Ok(v) => v, Err(_) => "web".into() };"#, ["RUN_MODE@1 presence-check"]),
        (#"if std::env::var_os("NO_MODIFY_PATH").is_some() { return; }"#, ["NO_MODIFY_PATH@1 absent"]),
        (#"let lib = std::env::var_os("ORT_DYLIB_PATH");"#, ["ORT_DYLIB_PATH@1 absent"]),
        (#"let a = std::env::var("API_BASE").map(|v| v.trim().to_string()).unwrap_or_default();"#, ["API_BASE@1 computed"]),
        (#"v, ok := os.LookupEnv("SENTRY_DSN")"#, ["SENTRY_DSN@1 absent"]),
        ("const o = process.env.ALLOWED_ORIGINS?.split(',') ?? []", ["ALLOWED_ORIGINS@1 literal=[]"]),
        ("const t = process.env.TIMEOUT_MS ?? config.timeout", ["TIMEOUT_MS@1 computed"]),
        ("const s = process.env.STRIPE_SECRET_KEY || ''", ["STRIPE_SECRET_KEY@1 empty"]),
        // a credential's placeholder default is none (zero logement vacant's `'example-token'`; rules 2026.12.106); a
        // development word or another name's placeholder-like default stays a default
        ("const t = process.env.METABASE_TOKEN ?? 'example-token'", ["METABASE_TOKEN@1 placeholder"]),
        ("p = os.getenv('DB_PASSWORD', 'changeme')", ["DB_PASSWORD@1 placeholder"]),
        ("const k = process.env.OPENAI_API_KEY || 'put-your-key-here'", ["OPENAI_API_KEY@1 placeholder"]),
        ("const k = process.env.JWT_SECRET || 'dev-secret'", ["JWT_SECRET@1 literal"]),
        ("const m = process.env.SEARCH_MODE ?? 'example'", ["SEARCH_MODE@1 literal='example'"]),
        // (a review of .106) camel case, a run of x, `...`, express-session's documented secret; not a path
        ("const s = process.env.JWT_SECRET || 'yourSecretKey'", ["JWT_SECRET@1 placeholder"]),
        ("const k = process.env.OPENAI_API_KEY || 'sk-xxxxxxxxxxxxxxxx'", ["OPENAI_API_KEY@1 placeholder"]),
        ("const k = process.env.OPENAI_API_KEY || 'sk-...'", ["OPENAI_API_KEY@1 placeholder"]),
        ("const s = process.env.SESSION_SECRET || 'keyboard cat'", ["SESSION_SECRET@1 placeholder"]),
        ("const k = process.env.S3_KEY ?? 'uploads/sample.csv'", ["S3_KEY@1 literal"]),
        ("const l = process.env.LOG_LEVEL\n  ?? 'info'", ["LOG_LEVEL@1 literal='info'"]),
        // A numeric conversion of an unset variable is NaN, which `||` replaces (midday's rate limits).
        ("limit: Number(process.env.API_RATE_LIMIT) || 1000,", ["API_RATE_LIMIT@1 literal=1000"]),
        ("const n = Number.parseInt(process.env.WORKERS, 10) || 4", ["WORKERS@1 literal=4"]),
        ("const r = parseFloat( process.env.SAMPLE_RATE ) || 0.5", ["SAMPLE_RATE@1 literal=0.5"]),
        ("const n = Number(process.env.RATE_LIMIT!) || 60", ["RATE_LIMIT@1 literal=60"]),
        ("const n = Number(process.env.RATE_LIMIT || 60)", ["RATE_LIMIT@1 literal=60"]),
        // PHP: a helper's result that `??` or `?:` defaults (osu-web's config); not a method's, nor a second argument's
        ("'stale_days' => get_int(env('STORE_STALE_DAYS')) ?? 14,", ["STORE_STALE_DAYS@1 literal=14"]),
        ("'check' => get_bool(env( 'CLIENT_CHECK_VERSION' ))\n    ?? true,", ["CLIENT_CHECK_VERSION@1 literal=true"]),
        ("$n = intval(getenv('PHP_WORKERS')) ?: 4;", ["PHP_WORKERS@1 literal=4"]),
        ("'cost' => (int) presence(env('RUNNING_COST'), 3141592),", ["RUNNING_COST@1"]),
        ("$k = $cfg->get(env('APP_SIGNING_KEY')) ?? 'a';", ["APP_SIGNING_KEY@1"]),
        ("$k = Str::of(env('APP_TITLE')) ?? 'a';", ["APP_TITLE@1"]),
        ("$k = trim(env('APP_LABEL')) . ' ?? 1';", ["APP_LABEL@1"]),
        // (a review of .75) a built-in that never returns null, whose `??` never applies; one whose result is truthy
        // for null, whose `?:` never applies; an operand that is no literal
        ("$p = intval(env('REDIS_PORT')) ?? 6379;", ["REDIS_PORT@1"]),
        ("$p = IntVal(env('REDIS_DB')) ?? 1;", ["REDIS_DB@1"]),  // PHP's function names ignore case
        ("$h = \\trim(env('PARTNER_API_BASE')) ?? 'https://partner.example';", ["PARTNER_API_BASE@1"]),
        ("$f = storage_path(env('GOOGLE_KEY_FILE')) ?: 'gcs.json';", ["GOOGLE_KEY_FILE@1"]),
        ("$w = intval(env('QUEUE_WORKERS')) ?: $defaultWorkers;", ["QUEUE_WORKERS@1"]),
        ("$w = get_int(env('WORKER_PORT')) ?? report_missing('WORKER_PORT');", ["WORKER_PORT@1"]),
        ("$w = intval(env('QUEUE_SIZE')) ?: 8;", ["QUEUE_SIZE@1 literal=8"]),
        // Alternatives.
        ("const db = process.env.DATABASE_URL || process.env.POSTGRES_URL", ["DATABASE_URL@1 alt:POSTGRES_URL", "POSTGRES_URL@1 alt:DATABASE_URL"]),
        ("db = os.getenv('DATABASE_URL') or os.getenv('PG_URL')", ["DATABASE_URL@1 alt:PG_URL", "PG_URL@1 alt:DATABASE_URL"]),
        ("const u = process.env.A_URL ?? process.env.B_URL ?? 'http://x'",
         ["A_URL@1 literal='http://x' alt:B_URL", "B_URL@1 literal='http://x' alt:A_URL"]),
        // through `globalThis.` (chef's loader) and Rust's `.or_else` / `.or` (triagebot's deprecated token names)
        ("const c = process.env.VITE_CONVEX_URL || globalThis.process.env.CONVEX_URL!",
         ["VITE_CONVEX_URL@1 alt:CONVEX_URL", "CONVEX_URL@1 alt:VITE_CONVEX_URL"]),
        ("const c = process.env.A_URL ?? global.process.env.B_URL", ["A_URL@1 alt:B_URL", "B_URL@1 alt:A_URL"]),
        (#"std::env::var("GITHUB_TOKEN")\#n    .or_else(|_| std::env::var("GITHUB_API_TOKEN"))\#n    .expect("no token")"#,
         ["GITHUB_TOKEN@1 alt:GITHUB_API_TOKEN", "GITHUB_API_TOKEN@2 alt:GITHUB_TOKEN"]),
        (#"let s = env::var("ZULIP_WEBHOOK_SECRET").or(env::var("ZULIP_TOKEN"))?;"#,
         ["ZULIP_WEBHOOK_SECRET@1 alt:ZULIP_TOKEN", "ZULIP_TOKEN@1 alt:ZULIP_WEBHOOK_SECRET"]),
        (#"let s = env::var("A_KEY").or_else(move |_e| { env::var("B_KEY") }).unwrap();"#, ["A_KEY@1 alt:B_KEY", "B_KEY@1 alt:A_KEY"]),
        // an options object that names the value unset gives (arbitrum's bridge, oneuptime's limits); not a nested
        // object's `default`, not an object that is no call's argument, not the read that is the default itself
        ("return load({\n  env: process.env.ALCHEMY_KEY_BASE,\n  fallback: defaultKey\n})", ["ALCHEMY_KEY_BASE@2 computed"]),
        ("const n = parse({ value: process.env[\"FETCH_LIMIT\"], defaultValue: 250, min: 1 })", ["FETCH_LIMIT@1 literal=250"]),
        ("const n = parse(x, { min: 1, value: process.env.FETCH_LIMIT, default: 'a,b' })", ["FETCH_LIMIT@1 literal='a,b'"]),
        ("const k = load({ env: process.env.API_TOKEN, fallback: '' })", ["API_TOKEN@1 empty"]),
        // its default shown only where safe, as a read's own (a credential's never)
        ("const k = load({ env: process.env.JWT_SECRET, fallback: 'dev-secret' })", ["JWT_SECRET@1 literal"]),
        ("const k = load({ env: process.env.LOG_LEVEL, fallback: 'sk_live_51HqLyjWDarjtT1zdp7dcXmPq' })", ["LOG_LEVEL@1 literal"]),
        ("const c = f({ value: process.env.TIER_ID, rateLimit: { max: 1, default: 5 } })", ["TIER_ID@1"]),
        ("const c = f({ value: process.env.TIER_ID, note: 'x, default: 5' })", ["TIER_ID@1"]),
        ("const c = f({ value: process.env.TIER_ID + '-x', default: 5 })", ["TIER_ID@1"]),
        ("const c = [1, { value: process.env.TIER_ID, default: 5 }]", ["TIER_ID@1"]),
        ("const c = f(a ? { value: process.env.TIER_ID, default: 5 } : b)", ["TIER_ID@1"]),
        ("export const config = { value: process.env.TIER_ID, default: 5 }", ["TIER_ID@1"]),
        ("const c = f({ value: process.env.TIER_ID, note: 'default: 5' })", ["TIER_ID@1"]),
        ("const c = f({ default: process.env.TIER_ID, other: 1 })", ["TIER_ID@1"]),
        ("const c = f({ value: g(process.env.TIER_ID), fallback: 1 })", ["TIER_ID@1"]),
        // (a review of .96) a `default` that is another case's value, not the read's: React Native's platforms, an
        // environment switch, i18next's missing translation, a flag lookup's key
        ("const k = Platform.select({ ios: process.env.EXPO_PUBLIC_RC_IOS_KEY, default: '' })", ["EXPO_PUBLIC_RC_IOS_KEY@1"]),
        ("const u = byEnv({ production: process.env.PROD_API_URL, default: 'http://localhost:3000' })", ["PROD_API_URL@1"]),
        ("t('welcome', { appName: process.env.NEXT_PUBLIC_APP_NAME, defaultValue: 'Welcome' })", ["NEXT_PUBLIC_APP_NAME@1"]),
        ("flags.get({ key: process.env.FLAG_KEY, defaultValue: false })", ["FLAG_KEY@1"]),
        // not an alternative: another value in the closure, a read that is only an argument of what the closure calls
        (#"let s = env::var("A_KEY").or_else(|_| read_file()).unwrap();"#, ["A_KEY@1"]),
        (#"let s = env::var("A_KEY").or_else(|_| load(env::var("B_KEY"))).unwrap();"#, ["A_KEY@1", "B_KEY@1"]),
        ("const c = process.env.A_URL || globalThis.config.B_URL", ["A_URL@1 computed"]),
        // Defaults never shown: for a credential-like name, a credential shape, a URL with a user part, a long one.
        ("const s = process.env.JWT_SECRET || 'dev-secret'", ["JWT_SECRET@1 literal"]),
        ("const k = process.env.LOG_LEVEL ?? 'sk_live_51HqLyjWDarjtT1zdp7dcXmPq'", ["LOG_LEVEL@1 literal"]),
        ("const d = process.env.DATABASE_URL ?? 'postgres://u:pw@localhost/db'", ["DATABASE_URL@1 literal"]),
        ("const d = process.env.BANNER_TEXT ?? 'this default is far longer than forty characters'", ["BANNER_TEXT@1 literal"]),
    ])
    func codeReadsWithFallbacks(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected)
    }

    /// Must not record a usable fallback or an alternative (`enforced`, a check that throws, is none; a comparison
    /// with a literal is a `selector`: unset takes the other branch).
    /// A read in a comment is not a read; one in code beside a comment, a string or a template literal is.
    @Test(arguments: [
        ("// const k = process.env.OLD_KEY\nconst n = process.env.NEW_KEY", ["NEW_KEY@2"]),
        ("/* process.env.A_KEY */ const b = process.env.B_KEY", ["B_KEY@1"]),
        ("/**\n * Client code must read `process.env.NEXT_PUBLIC_*` directly.\n */\nexport {}", []),
        ("const u = `${process.env.API_URL}/v1`; // process.env.NOT_READ", ["API_URL@1"]),
        ("call(a, // process.env.NOT_READ\n  process.env.B_KEY)", ["B_KEY@2"]),
        // an opener after anything else may be markup or a regular expression: the read is kept
        ("const a = 1 // process.env.KEPT_KEY", ["KEPT_KEY@1"]),
        // a comment's later lines belong to their own opener: a line comment below a trailing one is surely one
        ("const PORT = 3000 // default\n// const PORT = process.env.PORT", []),
        ("const a = b /* process.env.PORT_X ?? 3000 */", ["PORT_X@1"]),
        ("const x = a // process.env.FLAG_X\n  && use(process.env.OTHER_KEY)", ["FLAG_X@1", "OTHER_KEY@2"]),
        // a read kept in what may be a comment is plain: the code around it (a ternary's `?` on the next line) says nothing
        ("export const baseUrl = process.env.VERCEL_URL // else process.env.APP_URL\n  ? `https://x` : 'http://localhost:3000'",
         ["VERCEL_URL@1 presence-check", "APP_URL@1"]),
        ("const strip = (p) => /\\/*$/.test(p);\nconst k = import.meta.env.VITE_OPENAI_API_KEY;", ["VITE_OPENAI_API_KEY@2"]),
        ("const u = 'http://x' + process.env.API_PATH", ["API_PATH@1"]),
    ])
    func aReadInACommentIsNotARead(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// A read in the text of a JavaScript or TypeScript string or template literal is none: latitude's onboarding
    /// snippets (`` return `…new CohereClient({ token: process.env.COHERE_API_KEY! })…` ``), an error message naming the
    /// variable. A template's `${…}` is code; markup text and languages that interpolate in quotes keep their reads.
    @Test(arguments: [
        ("function snippet() {\n  return `import { Client } from 'x'\nconst c = new Client({ token: process.env.COHERE_API_KEY! })\n`\n}\n"
            + "const k = process.env.REAL_KEY", "f.ts", ["REAL_KEY@6"]),
        ("if (!process.env.DATABASE_URL) throw new Error('process.env.DATABASE_URL is not set')", "f.ts", ["DATABASE_URL@1 enforced"]),
        ("const u = `${process.env.API_URL}/v1, not process.env.NOT_READ`", "f.js", ["API_URL@1"]),
        // the text after a nested template resumes as the outer one's
        ("const s = `a ${f(`b ${g()}`)} process.env.NOT_READ`; const k = process.env.K_KEY", "f.mjs", ["K_KEY@1"]),
        ("const q = sql`select process.env.NOT_READ`, c = styled(B)`process.env.NOT_READ`", "f.ts", []),
        ("export default { define: { 'process.env.API_URL': JSON.stringify(process.env.API_URL) } }", "vite.config.ts", ["API_URL@1 build-pass-through"]),
        ("console.log(`set process.env.NOT_READ`); const t = () => 'process.env.NOT_READ'", "f.cjs", []),
        // markup text may open what looks like a string: the read is kept
        ("export const P = () => <p>Don't forget {process.env.NEXT_PUBLIC_SITE_NAME}</p>", "page.tsx", ["NEXT_PUBLIC_SITE_NAME@1"]),
        ("export const P = () => <p>{name}'s site: {process.env.NEXT_PUBLIC_SITE_NAME}</p>", "page.jsx", ["NEXT_PUBLIC_SITE_NAME@1"]),
        ("export const Q = () => <p>'{process.env.NEXT_PUBLIC_SITE_NAME}' is ours</p>", "page.tsx", ["NEXT_PUBLIC_SITE_NAME@1"]),
        // a misread opener swaps every later opener and closer; a closer that would surely open one was misread, and
        // the reads in its literal are kept: a lone backtick in markup text, a quote in it before a template
        ("export const K = () => <p>Press <kbd>`</kbd> to open the console.</p>\nconst REGION = `eu-west-1`\n"
            + "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)\nconst r = { ok: `yes` }", "page.tsx", ["STRIPE_SECRET_KEY@3"]),
        ("export const L = () => <p className=\"lead\">We'll be in touch {`soon,\n  promise`}</p>\n"
            + "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)\nconst y = `done`", "page.tsx", ["STRIPE_SECRET_KEY@3"]),
        // a regular expression after an arrow or `return` is one, not a division
        ("const isFence = (l: string) => /^```/.test(l)\nconst headers = { Authorization: `Bearer token` }\n"
            + "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)\nconst y = `done`", "f.ts", ["STRIPE_SECRET_KEY@3"]),
        // a JSX expression's whole body is code, even where markup text put it inside quotes
        ("export const E = () => <p>Environment: \"{process.env.NEXT_PUBLIC_VERCEL_ENV}\"</p>", "page.tsx", ["NEXT_PUBLIC_VERCEL_ENV@1"]),
        ("const s = `<p>{process.env.NOT_READ}</p>`", "f.ts", []),
        // a sample's text ending in `;` or `{` is still text
        ("const s = `const c = new Client(process.env.NOT_READ!);\n`\nconst t = `if (process.env.NOT_READ) {`", "f.ts", []),
        // a schema's quoted key declares its name
        ("import { createEnv } from '@t3-oss/env-nextjs'\nimport { z } from 'zod'\nexport const env = createEnv({ server: {\n'DATABASE_URL': z.string(),\n} })",
         "env.ts", ["DATABASE_URL@4"]),
        // quotes that interpolate
        ("$dsn = \"pgsql:host={$_ENV['DB_HOST']}\";", "db.php", ["DB_HOST@1"]),
        ("url = f\"https://{os.environ['API_HOST']}/v1\"", "app.py", ["API_HOST@1"]),
    ])
    func aReadInAStringIsNotARead(text: String, path: String, expected: [String]) {
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    @Test func markupTextThatLooksLikeACommentHidesNoRead() {
        let tsx = "export const P = () => <p>Every route under <code>/api/*</code> needs a token.</p>;\n"
            + "const s = new Stripe(process.env.STRIPE_SECRET_KEY!);\n"
            + "const V = () => <p>Docs at https://docs.acme.dev v{process.env.NEXT_PUBLIC_APP_VERSION}</p>;"
        #expect(CodeReferences.reads(in: tsx, path: "app/page.tsx").map(\.name) == ["STRIPE_SECRET_KEY", "NEXT_PUBLIC_APP_VERSION"])
    }

    /// Setting a variable is not reading it: trigger.dev's build extension `process.env.PYTHON_BIN_PATH = …`, typebot's
    /// next.config setting `process.env.NEXT_PUBLIC_VIEWER_URL` on previews. Comparisons and `||=` still read.
    @Test(arguments: [
        ("process.env.PYTHON_BIN_PATH = resolved;", "f.ts", [String]()),
        ("process.env.NEXT_PUBLIC_VIEWER_URL =\n  `https://${process.env.VERCEL_BRANCH_URL}`;", "next.config.mjs", ["VERCEL_BRANCH_URL"]),
        ("os.environ['DJANGO_SETTINGS_MODULE'] = 'app.settings'\n", "manage.py", []),
        ("process.env['SENTRY_RELEASE'] = sha", "f.ts", []),
        ("const same = process.env.APP_MODE == 'x'", "f.ts", ["APP_MODE"]),
        ("process.env.CACHE_DIR ||= '/tmp'", "f.ts", ["CACHE_DIR"]),
        ("const v = process.env.LOG_LEVEL?.x = 1", "f.ts", ["LOG_LEVEL"]),
    ])
    func settingAVariableIsNotReadingIt(text: String, path: String, expected: [String]) {
        #expect(CodeReferences.reads(in: text, path: path).map(\.name) == expected, "\(text)")
    }

    @Test func aPythonCommentHoldsNoRead() {
        let found = CodeReferences.reads(in: "# os.getenv('OLD_KEY')\nk = os.getenv('NEW_KEY')  # os.environ['NOT_READ']", path: "app.py")
        #expect(found.map(\.name) == ["NEW_KEY"])
    }

    @Test(arguments: [
        ("const k = process.env.STRIPE_KEY", ["STRIPE_KEY@1"]),
        ("const k = process.env.STRIPE_KEY!", ["STRIPE_KEY@1"]),
        ("if (!process.env.A_KEY || !process.env.B_KEY) throw new Error('missing')", ["A_KEY@1 enforced", "B_KEY@1 enforced"]),
        ("if not os.getenv('A_KEY') or not os.getenv('B_KEY'): raise", ["A_KEY@1", "B_KEY@1"]),
        ("const prod = process.env.VERCEL_ENV === 'production' || process.env.APP_ENV === 'production'", ["VERCEL_ENV@1 selector", "APP_ENV@1 selector"]),
        ("const k = process.env.API_KEY ?? throwMissing('API_KEY')", ["API_KEY@1"]),
        ("const k = process.env.API_KEY || process.exit(1)", ["API_KEY@1"]),
        ("foo(process.env.API_URL) || 'x'", ["API_URL@1"]),
        ("const n = Number(process.env.RATE_LIMIT) ?? 1000", ["RATE_LIMIT@1"]),
        ("const n = toNumber(process.env.RATE_LIMIT) || 1000", ["RATE_LIMIT@1"]),
        ("const n = Number(process.env.RATE_LIMIT) + 1 || 5", ["RATE_LIMIT@1"]),
        ("const n = x.Number(process.env.RATE_LIMIT) || 5", ["RATE_LIMIT@1"]),
        ("const n = Number(process.env.RATE_LIMIT, other) || 5", ["RATE_LIMIT@1"]),
        ("k = os.environ['SECRET_KEY']", ["SECRET_KEY@1"]),
        ("k = os.getenv('SECRET_KEY')", ["SECRET_KEY@1"]),
        // Rust: `.unwrap()`, `.expect(…)` and `?` stop when unset, whatever follows
        (#"let db = std::env::var("DATABASE_URL").expect("DATABASE_URL must be set");"#, ["DATABASE_URL@1"]),
        (#"let db = std::env::var("DATABASE_URL")?;"#, ["DATABASE_URL@1"]),
        (#"let k = env::var("API_KEY").unwrap();"#, ["API_KEY@1"]),
        (#"let k = env::var_os("API_KEY").unwrap();"#, ["API_KEY@1"]),
        (#"let x = parse(std::env::var("API_KEY").unwrap()).ok();"#, ["API_KEY@1"]),
        (#"let k = std::env::var("API_KEY").map(|v| v.trim().to_string())?;"#, ["API_KEY@1"]),
        (#"let v = Some(std::env::var("API_KEY").unwrap());"#, ["API_KEY@1"]),
        // destructuring what an unwrap or a `?` already took out is no test of the variable
        (#"let Ok(port) = std::env::var("APP_PORT").unwrap().parse::<u16>() else { return; };"#, ["APP_PORT@1"]),
        (#"let m = match std::env::var("RUN_MODE")? { ref v if v == "a" => 1, _ => 2 };"#, ["RUN_MODE@1"]),
    ])
    func codeReadsWithoutFallbacks(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected)
    }

    /// A read without a default that also says the code requires the name (`CodeRead.asserted`): what makes a name
    /// the reference file leaves out a high (``EnvNeed/unconfirmed(_:reads:unrecorded:at:inventory:)``). Must and must not match.
    @Test(arguments: [
        ("const s = new Stripe(process.env.STRIPE_SECRET_KEY!)", "src/stripe.ts", true),
        ("clientId: process.env.GITHUB_CLIENT_ID as string,", "src/auth.ts", true),
        ("const k = process.env.API_KEY ?? throwMissing('API_KEY')", "src/k.ts", true),
        ("const k = process.env.API_KEY || process.exit(1)", "src/k.ts", true),
        ("export const env = createEnv({\n  server: {\n    RESEND_API_KEY: z.string().min(1),\n  },\n})", "src/env.ts", true),
        ("host = os.environ[\"REDIS_HOST\"]", "app/settings.py", true),
        ("key = ENV.fetch(\"SECRET_KEY_BASE\")", "config/initializers/keys.rb", true),
        ("let db = std::env::var(\"DATABASE_URL\").expect(\"set it\");", "src/main.rs", true),
        ("let k = std::env::var_os(\"API_KEY\").unwrap();", "src/main.rs", true),
        // Elixir's runtime config: `fetch_env!` raises, and so does `|| raise` (papercups)
        ("secret = System.fetch_env!(\"SECRET_KEY_BASE\")", "config/runtime.exs", true),
        ("url =\n  System.get_env(\"DATABASE_URL\") ||\n    raise \"\"\"\n    DATABASE_URL is missing.\n    \"\"\"", "config/runtime.exs", true),
        // a plain read yields nothing when unset; a default, a test or a group is no assertion
        ("const u = process.env.SLACK_WEBHOOK_URL", "src/notify.ts", false),
        ("const u = process.env.SLACK_WEBHOOK_URL as string | undefined", "src/notify.ts", false),
        ("const u = process.env.SLACK_WEBHOOK_URL as stringish", "src/notify.ts", false),
        ("if (process.env.MODE !== 'x') run()", "src/run.ts", false),
        ("const u = process.env.A_URL ?? process.env.B_URL!", "src/db.ts", false),
        ("export const env = createEnv({\n  server: {\n    RESEND_API_KEY: z.string().optional(),\n  },\n})", "src/env.ts", false),
        ("host = os.getenv(\"REDIS_HOST\")", "app/settings.py", false),
        ("key = ENV[\"SECRET_KEY_BASE\"]", "config/initializers/keys.rb", false),
        ("key = ENV.fetch(\"SECRET_KEY_BASE\", nil)", "config/initializers/keys.rb", false),
        ("let lib = std::env::var_os(\"ORT_DYLIB_PATH\");", "src/main.rs", false),
        ("port = System.get_env(\"PORT\")", "config/runtime.exs", false),
        ("val url = System.getenv(\"JDBC_URL\")", "src/main/kotlin/App.kt", false),
        ("var urls = Environment.GetEnvironmentVariable(\"ASPNETCORE_URLS\");", "Program.cs", false),
    ])
    func aReadThatAssertsTheNameIsRecorded(text: String, path: String, asserted: Bool) {
        let found = CodeReferences.reads(in: text, path: path)
        #expect(!found.isEmpty && found.allSatisfy { $0.asserted == asserted }, "\(text) → \(found)")
    }

    /// Elixir's, the JVM's and C#'s reads, with the defaults they take (rules 2026.12.39): papercups' `config/runtime.exs`
    /// was read, but none of its reads was found, so its reference names were "read by no code".
    @Test(arguments: [
        ("port = String.to_integer(System.get_env(\"PORT\") || \"4000\")", "PORT", CodeFallback.Kind.literal),
        ("pool = System.get_env(\"POOL_SIZE\", \"10\")", "POOL_SIZE", CodeFallback.Kind.literal),
        ("val port = System.getenv(\"PORT\") ?: \"8080\"", "PORT", CodeFallback.Kind.literal),
        ("var env = Environment.GetEnvironmentVariable(\"APP_ENV\") ?? \"production\";", "APP_ENV", CodeFallback.Kind.literal),
    ])
    func otherLanguagesDefaults(text: String, name: String, kind: CodeFallback.Kind) {
        let found = CodeReferences.reads(in: text, path: name == "APP_ENV" ? "Program.cs" : (text.hasPrefix("val") ? "App.kt" : "config/runtime.exs"))
        #expect(found.map(\.name) == [name] && found.first?.fallback?.kind == kind, "\(text) → \(found)")
    }

    /// Two plain reads of one name on one line are one read: the asserting one speaks for the line, whichever comes first.
    @Test(arguments: ["connect(process.env.BROKER_URL, process.env.BROKER_URL!)", "connect(process.env.BROKER_URL!, process.env.BROKER_URL)"])
    func anAssertingReadSpeaksForItsLine(text: String) {
        var collector = CodeReferences.Collector()
        collector.add(text + "\n", path: "src/queue.ts")
        let reads = collector.references().first { $0.name == "BROKER_URL" }?.effectiveReads ?? []
        #expect(reads.map(\.location) == ["src/queue.ts:1"] && reads.first?.asserted == true, "\(reads)")
    }

    /// Two reads on one line, one the key of a search-only client: the other speaks for the line, whichever comes first.
    @Test(arguments: ["liteClient('a', import.meta.env.VITE_ALGOLIA_SECRET); full('a', import.meta.env.VITE_ALGOLIA_SECRET)",
                      "full('a', import.meta.env.VITE_ALGOLIA_SECRET); liteClient('a', import.meta.env.VITE_ALGOLIA_SECRET)"])
    func aSearchKeyReadDoesNotSpeakForItsLine(text: String) {
        var collector = CodeReferences.Collector()
        collector.add("import { liteClient } from 'algoliasearch/lite'\n" + text + "\n", path: "src/search.js")
        let reads = collector.references().first { $0.name == "VITE_ALGOLIA_SECRET" }?.effectiveReads ?? []
        #expect(reads.map(\.location) == ["src/search.js:2"] && reads.first?.searchOnlyClient == nil, "\(reads)")
    }

    /// A deploy recipe is the deploy tool's unless it hands values to the deployed app, or is not a recipe (the review
    /// of .77, rules 2026.12.80).
    @Test(arguments: [
        // listed's recipe; Capistrano's stock template, its `default_env` commented out
        ("config/deploy/production.rb", "server ENV.fetch('LISTED_SSH_SERVER'), user: ENV.fetch('LISTED_SSH_USER'), roles: %w{app db web}\nset :deploy_to, ENV.fetch('LISTED_SSH_DEPLOY_TO')\n", CodePlace.tooling),
        ("config/deploy.rb", "lock '~> 3.17'\nset :application, 'x'\n# Default value for default_env is {}\n# set :default_env, { path: \"/opt/ruby/bin:$PATH\" }\nset :ssh_options, { keys: ENV.fetch('SSH_KEY_PATH') }\n", .tooling),
        // a recipe that forwards values to the app: `default_env`, a Puma unit's env, a Mina command writing `.env`
        ("config/deploy.rb", "set :application, 'x'\nset :default_env, { \"RAILS_MASTER_KEY\" => ENV[\"RAILS_MASTER_KEY\"] }\n", .production),
        ("config/deploy.rb", "set :application, 'x'\nset :puma_service_unit_env_vars, [\"SECRET_KEY_BASE=#{ENV.fetch('SECRET_KEY_BASE')}\"]\n", .production),
        ("config/deploy.rb", "set :domain, 'x'\ntask :setup do\n  command %{echo \"DATABASE_URL=#{ENV['DATABASE_URL']}\" >> shared/.env}\nend\n", .production),
        ("config/deploy/production.rb", "server 'a', roles: %w{app}\nset :default_environment, { 'REDIS_URL' => ENV['REDIS_URL'] }\n", .production),
        // Puma's own config kept under config/deploy/: not a recipe
        ("config/deploy/puma.rb", "workers ENV.fetch('WEB_CONCURRENCY')\nport ENV.fetch('PORT')\n", .production),
    ])
    func aDeployRecipeIsTheDeployToolsUnlessItForwards(path: String, text: String, place: CodePlace) {
        #expect(CodePlace.of(path, text: text) == place, "\(path): \(text)")
    }

    /// Only what a bundler builds reaches a browser: a client prefix read by server code alone ships nothing (market
    /// access's Django API; rules .97).
    @Test(arguments: [
        ("web/src/app.ts:12", true), ("src/components/Upload.vue:3", true), ("src/routes/+page.svelte:9", true),
        ("src/pages/index.astro:2", true), ("index.html:5", true), ("content/post.mdx:4", true), ("lib/a.MJS:1", true),
        ("config/settings/base.py:470", false), ("app/models/user.rb:3", false), ("config/services.php:12", false),
        ("cmd/api/main.go:9", false), ("README.md:3", false), ("Makefile:2", false), ("src/app.ts", true), ("ts:12", false), ("pages:x.ts", true),
    ])
    func aBundledSource(location: String, bundled: Bool) {
        #expect(EnvClientExposedSecretCheck.isBundledSource(location) == bundled, "\(location)")
    }

    /// A read's `path:line` in its parts, as every check splits it: only a numeric tail after the last colon is a line.
    @Test func aLocationsParts() {
        #expect(CodeRead.parts(of: "web/src/app.ts:12") == ("web/src/app.ts", 12))
        #expect(CodeRead.parts(of: "pages:x.ts:3") == ("pages:x.ts", 3))
        #expect(CodeRead.parts(of: "pages:x.ts") == ("pages:x.ts", nil))
        #expect(CodeRead.parts(of: "notes.md") == ("notes.md", nil))
        #expect(CodeRead.parts(of: "a.ts:") == ("a.ts:", nil))
        #expect(CodeRead(location: "config/services.php:12", place: .production).path == "config/services.php")
    }

    /// Devise's `config.secret_key = ENV["X"]`: unset, Devise takes the app's secret_key_base (farmbot, if-me). Not a
    /// read that stops when unset, one the line goes on with, another option, `||=`, or another file.
    @Test(arguments: [
        ("config/initializers/devise.rb", "Devise.setup do |config|\n  config.secret_key = ENV['DEVISE_SECRET_KEY']\nend\n", true),
        ("config/initializers/devise.rb", "Devise.setup do |config|\n  config.secret_key = ENV.fetch('DEVISE_SECRET_KEY', nil) # rotate\nend\n", true),
        ("apps/api/config/initializers/devise.rb", "  config.secret_key = ENV[\"DEVISE_SECRET_KEY\"]\n", true),
        ("config/initializers/devise.rb", "  config.secret_key = ENV.fetch('DEVISE_SECRET_KEY')\n", false),
        ("config/initializers/devise.rb", "  config.secret_key = ENV['DEVISE_SECRET_KEY'] + 'x'\n", false),
        ("config/initializers/devise.rb", "  config.pepper = ENV['DEVISE_SECRET_KEY']\n", false),
        ("config/initializers/devise.rb", "  config.secret_key ||= ENV['DEVISE_SECRET_KEY']\n", false),
        ("config/initializers/devise.rb", "  secret_key = ENV['DEVISE_SECRET_KEY']\n", false),
        ("config/initializers/other.rb", "  config.secret_key = ENV['DEVISE_SECRET_KEY']\n", false),
        ("config/initializers/omni_devise.rb", "  config.secret_key = ENV['DEVISE_SECRET_KEY']\n", false),
        ("config/initializers/devise.rb", "  config.jwt do |jwt|\n    jwt.secret_key = ENV['DEVISE_SECRET_KEY']\n  end\n", false),
        ("config/initializers/devise.rb", "Devise.secret_key = ENV['DEVISE_SECRET_KEY']\n", true),
        ("config/initializers/devise.rb", "  config.secret_key == ENV['DEVISE_SECRET_KEY']\n", false),
    ])
    func devisesSecretKeyFallsBackToSecretKeyBase(path: String, text: String, optional: Bool) {
        let found = CodeReferences.reads(in: text, path: path).first { $0.name == "DEVISE_SECRET_KEY" }
        #expect((found?.fallback?.shown == CodeSetupOptions.deviseSecretKey) == optional, "\(path): \(text) \(String(describing: found?.fallback))")
    }

    /// The usual line reads the app's own secret_key_base into Devise: no fallback but itself (a review of .96).
    @Test(arguments: ["SECRET_KEY_BASE", "RAILS_SECRET_KEY_BASE"])
    func devisesSecretKeyBaseIsNoFallbackOfItself(name: String) {
        let found = CodeReferences.reads(in: "Devise.setup do |config|\n  config.secret_key = ENV['\(name)']\nend\n", path: "config/initializers/devise.rb")
        #expect(found.map(\.name) == [name] && found.first?.fallback == nil, "\(found)")
    }

    /// A program that imports an infrastructure-as-code library describes the deployment and runs when it is deployed:
    /// its reads are the deploy's (the Business Navigator's CDK stacks; held-out batch 83). Not a Lambda handler or a
    /// server that only names such a library in a comment or a string, nor one that imports the AWS SDK.
    @Test(arguments: [
        ("api/cdk/lib/apiStack.ts", "import * as cdk from \"aws-cdk-lib\";\nimport { Construct } from \"constructs\";\nconst vpcId = process.env.VPC_ID;\n", CodePlace.tooling),
        ("api/cdk/bin/app.ts", "import { App } from 'aws-cdk-lib/core';\nconst role = process.env.COGNITO_AUTH_ROLE_ARN;\n", .tooling),
        ("infra/index.ts", "import * as aws from \"@pulumi/aws\";\nconst db = process.env.DB_PASSWORD;\n", .tooling),
        ("infra/stack.js", "const cdk = require('aws-cdk-lib');\nmodule.exports = process.env.CERT_ARN;\n", .tooling),
        ("infra/app.py", "import aws_cdk as cdk\nvpc = os.environ['VPC_ID']\n", .tooling),
        ("infra/__main__.py", "import pulumi\nfrom pulumi_aws import s3\n", .tooling),
        // the deployed code: a handler, a server using the SDK; a comment or string naming the library
        ("api/src/handler.ts", "import { S3Client } from \"@aws-sdk/client-s3\";\nconst b = process.env.BUCKET;\n", .production),
        ("api/src/server.ts", "// deployed with aws-cdk-lib:\n// import * as cdk from \"aws-cdk-lib\";\nconst b = process.env.BUCKET;\n", .production),
        ("src/docs.ts", "const text = `\nimport * as cdk from \"aws-cdk-lib\";\n`;\n", .production),
        ("src/settings.py", "import pulumix\nfrom cdktfx import y\nx = \"import pulumi\"\n", .production),
        // (a review of .96) Pulumi's Automation API, which a web service embeds to run deployments for its users
        ("server/src/server.ts", "import { LocalWorkspace } from \"@pulumi/pulumi/automation\";\nconst db = process.env.DATABASE_URL;\n", .production),
        ("app/main.py", "from pulumi import automation as auto\nimport pulumi.automation\n", .production),
    ])
    func anInfrastructureProgramIsTheDeploys(path: String, text: String, place: CodePlace) {
        #expect(CodePlace.of(path, text: text) == place, "\(path): \(text)")
    }

    /// The audit: a plain read of a name the reference file leaves out is medium, saying why; listed, asserted or
    /// enforced it is high.
    @Test func aHighNeedsTheReferenceFileOrAnAssertion() {
        let plain = ["SLACK_WEBHOOK_URL": [CodeRead(location: "src/notify.ts:3", place: .production)]]
        #expect(Self.audit(defined: [], reads: plain, listed: false) == ["env.referenced-missing medium env:production/SLACK_WEBHOOK_URL"])
        #expect(Self.audit(defined: [], reads: plain) == ["env.referenced-missing high env:production/SLACK_WEBHOOK_URL"])
        let asserted = ["SLACK_WEBHOOK_URL": [CodeRead(location: "src/notify.ts:3", place: .production, asserted: true)]]
        #expect(Self.audit(defined: [], reads: asserted, listed: false) == ["env.referenced-missing high env:production/SLACK_WEBHOOK_URL"])
        var s = HealthyExample.snapshot()
        Edit.codeReads(&s, plain)
        let finding = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now)).findings.first { $0.id == "env.referenced-missing" }
        #expect(finding?.evidence.sorted() == ["not in the reference file (.env.example), and no read asserts it is set (a schema entry, `!`, `os.environ[…]`, "
                                      + "`ENV.fetch(…)`, a check that stops): it may be optional — medium until one of them says the app needs it",
                                               "read at src/notify.ts:3"])
    }

    @Test func aT3EnvSchemaSaysWhatIsOptional() {
        let schema = """
            import { createEnv } from "@t3-oss/env-nextjs";
            import { z } from "zod";
            export const env = createEnv({
              server: {
                DATABASE_URL: z.string().url(),
                SENTRY_DSN: z.string().optional(),
                LOG_LEVEL: z.enum(["debug", "info"]).default("info"),
                RESEND_API_KEY: z
                  .string()
                  .optional(),
              },
              runtimeEnv: {
                DATABASE_URL: process.env.DATABASE_URL,
                SENTRY_DSN: process.env.SENTRY_DSN,
              },
            });
            """
        #expect(Self.reads(schema) == [
            "DATABASE_URL@5", "SENTRY_DSN@6 schema-optional", #"LOG_LEVEL@7 literal="info""#, "RESEND_API_KEY@8 schema-optional",
            "DATABASE_URL@13", "SENTRY_DSN@14 schema-optional",
        ])
        // Without a schema call, `NAME: z…` is just an object literal.
        #expect(Self.reads("const shape = {\n  DATABASE_URL: z.string(),\n}\n").isEmpty)
    }

    /// A library imported by production code reads its documented names (dub's `new Receiver()` of `@upstash/qstash`,
    /// an Auth.js provider): each becomes a read at the import, unless the project's code reads the name itself.
    /// Imports in tests do not count, nor do libraries without such a convention.
    @Test func aLibrarysConventionIsAReadOnlyOfNamesNothingElseReads() {
        var collector = CodeReferences.Collector()
        collector.add("import { Receiver } from \"@upstash/qstash\";\nconst receiver = new Receiver();\n", path: "apps/web/lib/cron/verify-qstash.ts")
        collector.add("import { Client } from '@upstash/qstash'\nexport const q = new Client({ token: process.env.QSTASH_TOKEN || '' })\n", path: "lib/cron/index.ts")
        collector.add("import GitHub from \"next-auth/providers/github\";\nimport AzureAD from 'next-auth/providers/azure-ad'\n", path: "src/auth.ts")
        collector.add("import { put } from '@vercel/blob'\n", path: "e2e/upload.spec.ts")
        collector.add("import Stripe from 'stripe'\nimport OpenAI from 'openai/helpers'\n", path: "src/pay.ts")
        collector.add("from anthropic import Anthropic\n", path: "worker/llm.py")
        let found = collector.references().map { ref in
            "\(ref.name) " + ref.effectiveReads.map { "\($0.location)" + ($0.library.map { " by \($0)" } ?? "") }.joined(separator: ", ")
        }
        #expect(found == [
            "ANTHROPIC_API_KEY worker/llm.py:1 by anthropic",
            "AUTH_AZURE_AD_ID src/auth.ts:2 by next-auth/providers", "AUTH_AZURE_AD_SECRET src/auth.ts:2 by next-auth/providers",
            "AUTH_GITHUB_ID src/auth.ts:1 by next-auth/providers", "AUTH_GITHUB_SECRET src/auth.ts:1 by next-auth/providers",
            // A provider's subpath is next-auth's too.
            "AUTH_SECRET src/auth.ts:1 by next-auth", "NEXTAUTH_SECRET src/auth.ts:1 by next-auth",
            "OPENAI_API_KEY src/pay.ts:2 by openai",
            "QSTASH_CURRENT_SIGNING_KEY apps/web/lib/cron/verify-qstash.ts:1 by @upstash/qstash",
            "QSTASH_NEXT_SIGNING_KEY apps/web/lib/cron/verify-qstash.ts:1 by @upstash/qstash",
            "QSTASH_TOKEN lib/cron/index.ts:2",  // QSTASH_URL is not listed: the library has a default
        ])
        // From reads to findings: a reference name read by a library stays high and says so; one nothing reads is medium.
        let reads = Dictionary(collector.references().map { ($0.name, $0.effectiveReads) }, uniquingKeysWith: +)
        let audit = Self.audit(defined: [], missing: ["QSTASH_NEXT_SIGNING_KEY", "WORKSPACES_HIDE_URL"], reads: reads)
        #expect(audit.filter { $0.contains("QSTASH_NEXT") || $0.contains("WORKSPACES") } == [
            "env.missing-in-production high env:production/QSTASH_NEXT_SIGNING_KEY",
            "env.missing-in-production medium env:production/WORKSPACES_HIDE_URL",
        ])
    }

    /// The convention names one production file leaves to its libraries (`NAME by library`), sorted.
    static func conventionReads(_ text: String, path: String = "src/lib/clients.ts") -> [String] {
        var collector = CodeReferences.Collector()
        collector.add(text, path: path)
        return collector.references().flatMap { ref in ref.effectiveReads.compactMap { $0.library.map { "\(ref.name) by \($0)" } } }
    }

    static let signingKeys = ["QSTASH_CURRENT_SIGNING_KEY by @upstash/qstash", "QSTASH_NEXT_SIGNING_KEY by @upstash/qstash"]
    static let allQStash = signingKeys + ["QSTASH_TOKEN by @upstash/qstash"]

    /// A library reads its names only when the project constructs its client without them: openstatus' screenshot
    /// service gives `Receiver` its own keys, so `@upstash/qstash` never reads `QSTASH_CURRENT_SIGNING_KEY` there, and
    /// `Receiver` never reads `QSTASH_TOKEN`. Whatever handover cannot see through keeps every name. (One file alone:
    /// an env name passed in the library's place is read nowhere else, so it may be unset and the library's own
    /// names stay read; `aPassedValueThatMayBeUnsetLeavesTheNamesToTheLibrary` weighs them across files.)
    @Test(arguments: [
        // string literals: nothing left to the library
        ("import { Receiver } from '@upstash/qstash'\nnew Receiver({ \"currentSigningKey\": \"sig1\", 'nextSigningKey': 'sig2' })\n", []),
        ("import { Receiver as R } from '@upstash/qstash'\nnew R({ currentSigningKey: \"sig1\", nextSigningKey: `sig2` })\n", []),
        ("import { Client } from '@upstash/qstash'\nexport const q = new Client({ ...options, token: \"tok\" })\n", []),
        ("import { Redis } from '@upstash/redis'\nexport const redis = new Redis({ url: env.KV_URL, token: env.KV_TOKEN })\n", []),
        ("import OpenAI from 'openai'\nconst openai = new OpenAI({ apiKey: \"k1\" })\n", []),
        ("import { Anthropic } from '@anthropic-ai/sdk'\nconst ai = new Anthropic({ apiKey: 'k1' })\n", []),
        ("import { Resend } from 'resend'\nexport const resend = new Resend(\"k1\")\n", []),
        // a local variable, a call or a template with a hole: handover cannot follow what it holds
        ("import { Receiver as R } from '@upstash/qstash'\nnew R({ currentSigningKey, nextSigningKey })\n", signingKeys),
        ("import { Resend } from 'resend'\nconst key = env.MAIL_KEY\nexport const resend = new Resend(key)\n", ["RESEND_API_KEY by resend"]),
        ("import { Resend } from 'resend'\nexport const resend = new Resend(readKey())\n", ["RESEND_API_KEY by resend"]),
        ("import { Resend } from 'resend'\nexport const resend = new Resend(`${prefix}`)\n", ["RESEND_API_KEY by resend"]),
        // an env name passed in its place, read nowhere else: it may be unset, and the library falls back to its own
        ("import { Receiver } from \"@upstash/qstash\";\nconst receiver = new Receiver({\n  currentSigningKey: env.QSTASH_SIGNING_SECRET,\n  nextSigningKey: env.QSTASH_NEXT_SIGNING_SECRET,\n});\n", signingKeys),
        ("import { Resend } from 'resend'\nexport const resend = new Resend(env.MAIL_KEY)\n", ["RESEND_API_KEY by resend"]),
        // the library takes the config's keys only when both are given, and an empty value is none
        ("import { Receiver } from '@upstash/qstash'\nnew Receiver({ currentSigningKey: a })\n", signingKeys),
        ("import { Receiver } from '@upstash/qstash'\nnew Receiver({ currentSigningKey: \"\", nextSigningKey: \"sig2\" })\n", signingKeys),
        ("import { Receiver } from '@upstash/qstash'\nnew Receiver({ currentSigningKey: null, nextSigningKey: \"sig2\" })\n", signingKeys),
        ("import { Receiver } from '@upstash/qstash'\nnew Receiver({ currentSigningKey: a, nextSigningKey: b } as ReceiverConfig)\n", signingKeys),
        // dub's verify-qstash.ts: `new Receiver()` reads both, and only those
        ("import { Receiver, SignatureError } from \"@upstash/qstash\";\nconst receiver = new Receiver();\n", allQStash),
        ("import { Receiver } from \"@upstash/qstash\";\nconst receiver = new Receiver();\n", signingKeys),
        // an imported binding with no use handover sees keeps its names (markup it reads as text may hide one)
        ("import { Client, Receiver } from '@upstash/qstash'\nexport const q = new Client({ baseUrl: u, token: \"tok\" })\n", signingKeys),
        ("import { Redis } from '@upstash/redis'\n", ["UPSTASH_REDIS_REST_TOKEN by @upstash/redis", "UPSTASH_REDIS_REST_URL by @upstash/redis"]),
        ("import { Client } from '@upstash/qstash'\nexport const q = new Client({ ...options })\n", ["QSTASH_TOKEN by @upstash/qstash"]),
        ("import { Client } from '@upstash/qstash'\nexport const q = new Client({ ...{ token: t } })\n", ["QSTASH_TOKEN by @upstash/qstash"]),
        ("import { Client } from '@upstash/qstash'\nexport const q = new Client(config)\n", ["QSTASH_TOKEN by @upstash/qstash"]),
        ("import { Client } from '@upstash/qstash'\nexport const q = new Client({ headers: { accept: a, token: t } })\n", ["QSTASH_TOKEN by @upstash/qstash"]),
        ("import { Client } from '@upstash/qstash'\nconst a = new Client({ token: t })\nconst b = new Client()\n", ["QSTASH_TOKEN by @upstash/qstash"]),
        ("import { Client } from '@upstash/qstash'\nconst a = new Client({ token: t })\nexport { Client }\n", ["QSTASH_TOKEN by @upstash/qstash"]),
        // what the library exports beyond its clients, a namespace, a subpath, require, a re-export: every name
        ("import { PublishBatchRequest } from '@upstash/qstash'\n", allQStash),
        ("import OpenAI, { toFile } from 'openai'\nconst openai = new OpenAI({ apiKey: key })\n", ["OPENAI_API_KEY by openai"]),
        ("import * as qstash from '@upstash/qstash'\nnew qstash.Receiver({ currentSigningKey: a, nextSigningKey: b })\n", allQStash),
        ("import { verifySignatureAppRouter } from '@upstash/qstash/nextjs'\n", allQStash),
        ("const { Receiver } = require('@upstash/qstash')\nnew Receiver({ currentSigningKey: a, nextSigningKey: b })\n", allQStash),
        ("export { Receiver } from '@upstash/qstash'\n", allQStash),
        // types are not code
        ("import type { PublishRequest } from '@upstash/qstash'\n", []),
        ("import { type PublishRequest } from '@upstash/qstash'\n", []),
        // `new Redis({…})` reads nothing from the environment; `Redis.fromEnv()` reads both names
        ("import { Redis } from '@upstash/redis'\nexport const redis = Redis.fromEnv()\n",
         ["UPSTASH_REDIS_REST_TOKEN by @upstash/redis", "UPSTASH_REDIS_REST_URL by @upstash/redis"]),
        ("import OpenAI from 'openai'\nconst openai = new OpenAI({ baseURL: u })\n", ["OPENAI_API_KEY by openai"]),
        ("import Anthropic from '@anthropic-ai/sdk'\nconst ai = new Anthropic()\n", ["ANTHROPIC_API_KEY by @anthropic-ai/sdk"]),
        ("import { Resend } from 'resend'\nexport const resend = new Resend()\n", ["RESEND_API_KEY by resend"]),
        ("import { Resend } from 'resend'\nexport const resend = new Resend(undefined)\n", ["RESEND_API_KEY by resend"]),
        ("import { Resend } from 'resend'\nexport const resend = new Resend('')\n", ["RESEND_API_KEY by resend"]),
        // a library without a table of constructors keeps its import as the read
        ("import { put } from '@vercel/blob'\nawait put(name, body, { token: t })\n", ["BLOB_READ_WRITE_TOKEN by @vercel/blob"]),
    ] as [(String, [String])])
    func aLibraryGivenItsNamesDoesNotReadThem(text: String, expected: [String]) {
        #expect(Self.conventionReads(text) == expected, "\(text)")
    }

    static let qstashSchema = """
        import { createEnv } from "@t3-oss/env-nextjs";
        export const env = createEnv({
          server: {
            QSTASH_CURRENT_SIGNING_KEY: z.string().min(1),
            QSTASH_NEXT_SIGNING_KEY: z.string().min(1),
          },
          runtimeEnv: {
            QSTASH_CURRENT_SIGNING_KEY: process.env.QSTASH_CURRENT_SIGNING_KEY,
            QSTASH_NEXT_SIGNING_KEY: process.env.QSTASH_NEXT_SIGNING_KEY,
          },
          skipValidation: true,
        });
        """

    static func screenshotService(_ entry: String) -> [(String, String)] {
        [("apps/screenshot-service/src/env.ts",
          "import { createEnv } from \"@t3-oss/env-core\";\nexport const env = createEnv({\n  server: {\n    QSTASH_SIGNING_SECRET: z.string()\(entry),\n"
          + "    QSTASH_NEXT_SIGNING_SECRET: z.string()\(entry),\n  },\n  runtimeEnv: process.env,\n});\n"),
         ("apps/screenshot-service/src/index.ts",
          "import { Receiver } from \"@upstash/qstash\";\nimport { env } from \"./env\";\nconst receiver = new Receiver({\n"
          + "  currentSigningKey: env.QSTASH_SIGNING_SECRET,\n  nextSigningKey: env.QSTASH_NEXT_SIGNING_SECRET,\n});\n")]
    }

    static func signingKeyReads(_ files: [(String, String)]) -> [String] {
        (EnvConditionTests.collect(files)["QSTASH_CURRENT_SIGNING_KEY"] ?? []).map { $0.location + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") }
    }

    /// openstatus: apps/web declares the QStash names in a schema that skips validation and nothing there uses them;
    /// the only import of `@upstash/qstash` is the screenshot service's, which gives `Receiver` its own keys — keys its
    /// schema requires. The declarations are unused (info); dub's bare `new Receiver()` in any app keeps them required.
    @Test func anUnusedDeclarationStaysUnusedWhenTheLibraryIsGivenItsKeys() {
        let required = [("apps/web/src/env.ts", Self.qstashSchema)] + Self.screenshotService(".min(1)")
        #expect(Self.signingKeyReads(required) == ["apps/web/src/env.ts:4 unvalidated-schema", "apps/web/src/env.ts:8 unvalidated-schema"])
        #expect(Self.signingKeyReads(required + [("apps/worker/src/verify.ts", "import { Receiver } from \"@upstash/qstash\";\nconst receiver = new Receiver();\n")])
                == ["apps/web/src/env.ts:4", "apps/web/src/env.ts:8"])
    }

    /// The library falls back to its own names when a value passed in their place is empty: a passed name the app may
    /// leave unset (`.optional()` in its schema, `|| ""`, read nowhere) keeps the library's names read.
    @Test func aPassedValueThatMayBeUnsetLeavesTheNamesToTheLibrary() {
        for entry in [".optional()", ".default(\"\")"] {
            let files = [("apps/web/src/env.ts", Self.qstashSchema)] + Self.screenshotService(entry)
            #expect(Self.signingKeyReads(files) == ["apps/web/src/env.ts:4", "apps/web/src/env.ts:8"], "\(entry)")
        }
        // a default in code, or a check that stops the app, makes sure it holds a value
        for entry in [".default(\"k\")"] {
            let files = [("apps/web/src/env.ts", Self.qstashSchema)] + Self.screenshotService(entry)
            #expect(Self.signingKeyReads(files) == ["apps/web/src/env.ts:4 unvalidated-schema", "apps/web/src/env.ts:8 unvalidated-schema"], "\(entry)")
        }
        // Judged after the later rules: an exported const the importing file tests for presence, or a check that stops the
        // app beside a presence check elsewhere, leave the passed name possibly unset.
        let exported = [("apps/web/src/env.ts", Self.qstashSchema),
                        ("apps/screenshot-service/src/config.ts", "export const QSTASH_SIGNING_SECRET = process.env.QSTASH_SIGNING_SECRET;\n"
                         + "export const QSTASH_NEXT_SIGNING_SECRET = process.env.QSTASH_NEXT_SIGNING_SECRET;\n"),
                        ("apps/screenshot-service/src/index.ts", "import { Receiver } from \"@upstash/qstash\";\n"
                         + "import { QSTASH_SIGNING_SECRET, QSTASH_NEXT_SIGNING_SECRET } from \"./config\";\n"
                         + "export const verifying = !!QSTASH_SIGNING_SECRET;\n"
                         + "const receiver = new Receiver({ currentSigningKey: QSTASH_SIGNING_SECRET, nextSigningKey: QSTASH_NEXT_SIGNING_SECRET });\n")]
        #expect(Self.signingKeyReads(exported) == ["apps/web/src/env.ts:4", "apps/web/src/env.ts:8"])
        let checked = [("apps/web/src/env.ts", Self.qstashSchema),
                       ("apps/screenshot-service/src/index.ts", "import { Receiver } from \"@upstash/qstash\";\n"
                        + "if (!process.env.QSTASH_SIGNING_SECRET) throw new Error(\"unset\");\n"
                        + "const receiver = new Receiver({ currentSigningKey: process.env.QSTASH_SIGNING_SECRET, nextSigningKey: process.env.QSTASH_SIGNING_SECRET });\n")]
        #expect(Self.signingKeyReads(checked) == ["apps/web/src/env.ts:4 unvalidated-schema", "apps/web/src/env.ts:8 unvalidated-schema"])
        #expect(Self.signingKeyReads(checked + [("apps/server/src/health.ts", "export const ok = () => !!process.env.QSTASH_SIGNING_SECRET;\n")])
                == ["apps/web/src/env.ts:4", "apps/web/src/env.ts:8"])
        // Nothing else reads the library's name: the import is the read when the passed name may be unset.
        var collector = CodeReferences.Collector()
        collector.add("import { Resend } from 'resend'\nexport const resend = new Resend(process.env.MAIL_KEY || '')\n", path: "src/mail.ts")
        #expect(collector.references().map(\.name) == ["MAIL_KEY", "RESEND_API_KEY"])
        collector = CodeReferences.Collector()
        collector.add("import { Resend } from 'resend'\nexport const resend = new Resend(process.env.MAIL_KEY)\n", path: "src/mail.ts")
        #expect(collector.references().map(\.name) == ["MAIL_KEY"])
    }

    /// openstatus' apps/workflows parses `process.env` with `QSTASH_TOKEN: z.string().prefault("")` and nothing uses
    /// `QSTASH_TOKEN`: the schema never fails without it and nothing reads the empty value, so it requires nothing. An
    /// empty default on a credential the code uses stays required (the client built with "" fails later).
    @Test func anEmptySchemaDefaultNothingUsesRequiresNothing() {
        let workflows = """
            import { z } from "zod";
            export const env = () =>
              z.object({
                  QSTASH_TOKEN: z.string().prefault(""),
                  RESEND_API_KEY: z.string().prefault(""),
                  CRON_SECRET: z.string().default(""),
                  TINYBIRD_URL: z.string().prefault("https://api.tinybird.co"),
                  TWILIO_AUTH_TOKEN: z.string().prefault(""),
                })
                .parse(process.env);
            """
        let web = """
            import { createEnv } from "@t3-oss/env-nextjs";
            export const env = createEnv({
              server: {
                STRIPE_SECRET_KEY: z.string().default(""),
              },
              runtimeEnv: {
                STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
              },
            });
            // a plain read beside the schema is no entry of it: its users are not followed
            export const legacyToken = process.env.LEGACY_TOKEN || "";
            """
        let files: [(String, String)] = [
            ("apps/workflows/src/env.ts", workflows), ("apps/web/src/env.ts", web),
            ("apps/workflows/src/mail.ts", "import { env } from \"./env\";\nexport const resend = new Resend(env().RESEND_API_KEY);\n"),
            // not uses: a test, a comment
            ("apps/workflows/src/cron.test.ts", "import { env } from \"./env\";\nexpect(env().CRON_SECRET).toBe(\"\");\n"),
            ("apps/workflows/src/cron.ts", "// env().TWILIO_AUTH_TOKEN is read by the channel\n"),
            // a plain read with an empty default outside a schema is judged as before
            ("apps/web/src/lib/upload.ts", "export const token = process.env.BLOB_TOKEN || \"\";\n"),
        ]
        func judged(_ files: [(String, String)]) -> [String] {
            let reads = EnvConditionTests.collect(files)
            return ["BLOB_TOKEN", "CRON_SECRET", "LEGACY_TOKEN", "QSTASH_TOKEN", "RESEND_API_KEY", "STRIPE_SECRET_KEY", "TINYBIRD_URL", "TWILIO_AUTH_TOKEN"].map { name in
                name + " " + (reads[name] ?? []).map { ($0.location) + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") }.joined(separator: ", ")
            }
        }
        #expect(judged(files) == [
            "BLOB_TOKEN apps/web/src/lib/upload.ts:1 empty",
            "CRON_SECRET apps/workflows/src/env.ts:6 unused-schema-default",
            "LEGACY_TOKEN apps/web/src/env.ts:11 empty",
            "QSTASH_TOKEN apps/workflows/src/env.ts:4 unused-schema-default",
            "RESEND_API_KEY apps/workflows/src/env.ts:5 empty",
            "STRIPE_SECRET_KEY apps/web/src/env.ts:4 unused-schema-default, apps/web/src/env.ts:7 unused-schema-default",
            #"TINYBIRD_URL apps/workflows/src/env.ts:7 literal"#,
            "TWILIO_AUTH_TOKEN apps/workflows/src/env.ts:8 unused-schema-default",
        ])
        // The schema's own file uses it beside the schema, or reads it plainly: a use.
        let sameFile = """
            import { z } from "zod";
            import Stripe from "stripe";
            const env = z.object({
              RESEND_API_KEY: z.string().default(""),
              STRIPE_SECRET_KEY: z.string().default(""),
            }).parse(process.env);
            export const resend = new Resend(env.RESEND_API_KEY);
            export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
            """
        let own = EnvConditionTests.collect([("src/lib/clients.ts", sameFile)])
        #expect((own["RESEND_API_KEY"] ?? []).map { $0.location + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") } == ["src/lib/clients.ts:4 empty"])
        #expect((own["STRIPE_SECRET_KEY"] ?? []).map { $0.location + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") }
                == ["src/lib/clients.ts:5 unused-schema-default", "src/lib/clients.ts:8 empty"])
        #expect(Self.audit(defined: [], reads: own) == [
            "env.referenced-missing high env:production/RESEND_API_KEY", "env.referenced-missing high env:production/STRIPE_SECRET_KEY",
        ])
        // `const { X } = env` beside the schema, `env["X"]` anywhere and a Worker's `c.env.X` are uses too.
        let uses = EnvConditionTests.collect([
            ("src/lib/env.ts", "const env = z.object({\n  A_TOKEN: z.string().default(\"\"),\n  B_TOKEN: z.string().default(\"\"),\n  C_TOKEN: z.string().default(\"\"),\n  D_TOKEN: z.string().default(\"\"),\n}).parse(process.env);\nconst { A_TOKEN } = env;\nexport const a = new A(A_TOKEN);\n"
             + "export const handler = (c) => new C(c.env.C_TOKEN);\nexport const d = process.env.D_TOKEN;\n"),
            ("src/lib/b.ts", "export const b = new B(env[\"B_TOKEN\"]);\n"),
        ])
        #expect(["A_TOKEN", "B_TOKEN", "C_TOKEN", "D_TOKEN"].map { (uses[$0] ?? []).compactMap { $0.fallback?.kind.rawValue } } == [
            ["empty"], ["empty"], ["empty"], ["empty", "unused-schema-default"],
        ])
        // A library that reads the name by its convention uses it.
        let withClient = files + [("apps/server/src/queue.ts", "import { Client } from \"@upstash/qstash\";\nexport const q = new Client();\n")]
        #expect(judged(withClient)[3] == "QSTASH_TOKEN apps/workflows/src/env.ts:4 empty")
        // From reads to findings: the unused entry is info and says why; the used one stays high.
        let audit = Self.audit(defined: [], missing: ["QSTASH_TOKEN", "RESEND_API_KEY"], reads: EnvConditionTests.collect(files))
        #expect(audit.filter { $0.contains("QSTASH_TOKEN") || $0.contains("RESEND_API_KEY") } == [
            "env.missing-in-production high env:production/RESEND_API_KEY",
            "env.missing-in-production info env:production/QSTASH_TOKEN",
        ])
    }

    /// A Prisma schema's datasource is read by the Prisma client at run time: `env("DATABASE_URL")` is a production read;
    /// its `shadowDatabaseUrl` is not (only `prisma migrate dev` uses it).
    @Test func aPrismaSchemaReadsItsDatasource() {
        #expect(CodeReferences.isSource("packages/database/prisma/schema.prisma"))
        // The shadow database serves `prisma migrate dev` only.
        let schema = "datasource db {\n  provider  = \"postgresql\"\n  url       = env(\"DATABASE_URL\")\n  directUrl = env(\"DIRECT_URL\")\n"
            + "  shadowDatabaseUrl = env(\"POSTGRES_PRISMA_SHADOW_URL\")\n}\n"
        #expect(CodeReferences.scan(schema, path: "prisma/schema.prisma").map { "\($0.name) \($0.location)" } == [
            "DATABASE_URL prisma/schema.prisma:3", "DIRECT_URL prisma/schema.prisma:4",
        ])
        #expect(CodePlace.of("prisma/schema.prisma") == .production)
    }

    /// Names built in template literals (papermark's storage config) and a project's own accessor (dub's `assertEnv`)
    /// are reads, judged like any other: a throw when unset enforces, a default is a default.
    @Test func templateNamesAndAccessorsAreReads() {
        let config = """
            const getAccessKeyId = () => {
              const keyVar = `NEXT_PRIVATE_UPLOAD_ACCESS_KEY_ID${suffix}`;
              const key = process.env[keyVar];
              if (!key) {
                throw new Error(`Missing environment variable: ${keyVar}`);
              }
              return key;
            };
            const getRegion = () => {
              const regionVar = `NEXT_PRIVATE_UPLOAD_REGION${suffix}`;
              return process.env[regionVar] || "eu-central-1";
            };
            export const endpoint = process.env[`NEXT_PRIVATE_UPLOAD_ENDPOINT${suffix}`];
            """
        #expect(Self.reads(config) == [
            "NEXT_PRIVATE_UPLOAD_ACCESS_KEY_ID@3 enforced", "NEXT_PRIVATE_UPLOAD_REGION@11 literal",  // PRIVATE: not shown
            "NEXT_PRIVATE_UPLOAD_ENDPOINT@13",
        ])
        // An accessor that asserts is `if (!X) throw` in a function: enforced (a feature gate when another read handles
        // the name unset); one that only gets is a plain read.
        let client = "headers: { Authorization: `Bearer ${assertEnv(\"AHREFS_API_KEY\")}` },\nconst level = getEnv('LOG_LEVEL', 'info')\n"
            + "const a = getEnv('YOUTUBE_API_KEY'); const b = requireEnvVar('DATABASE_URL'); const c = getEnvOrThrow('X_TOKEN')"
        #expect(Self.reads(client) == ["AHREFS_API_KEY@1 enforced", "LOG_LEVEL@2 literal='info'", "YOUTUBE_API_KEY@3", "DATABASE_URL@3 enforced", "X_TOKEN@3 enforced"])

        // a typed accessor names the type, then the default (latitude's Effect `parseEnv`, `…Sync`); another accessor's
        // type word is a type only before a default; `…Optional` returns nothing unset
        let typed = "const url = yield* parseEnv(\"LAT_DATABASE_URL\", \"string\")\nconst port = yield* parseEnv('LAT_PORT', 'number', 3000)\n"
            + "const dsn = yield* parseEnvOptional(\"LAT_SENTRY_DSN\", \"string\"); const n = getEnv('LAT_FORMAT', 'json')\n"
            + "const pool = parseEnvOptionalSync('LAT_PG_POOL_MAX', 'number'); const u = parseEnvSync('LAT_REPLICA_URL', 'string')\n"
            + "const l = getEnv('LAT_LEVEL', 'string', 'info')"
        #expect(Self.reads(typed) == ["LAT_DATABASE_URL@1", "LAT_PORT@2 literal=3000", "LAT_SENTRY_DSN@3 absent", "LAT_FORMAT@3 literal='json'",
                                      "LAT_PG_POOL_MAX@4 absent", "LAT_REPLICA_URL@4", "LAT_LEVEL@5 literal='info'"])
    }

    /// An option given to Sentry's setup runs without the variable (langfuse's `Sentry.init({ environment: … })`,
    /// `withSentryConfig(config, { org: … })`, openstatus' Hono `sentry({ dsn: … })`, and its next.config's `const
    /// sentryConfig = { authToken: … }` passed whole); the same read anywhere else, in an expression, inside a callback
    /// of the setup, or in a const used any other way is judged as usual.
    @Test(arguments: [
        ("Sentry.init({\n  dsn: process.env.NEXT_PUBLIC_SENTRY_DSN,\n  environment: process.env.SENTRY_ENVIRONMENT,\n})",
         ["NEXT_PUBLIC_SENTRY_DSN@2 setup-option", "SENTRY_ENVIRONMENT@3 setup-option"]),
        // openpanel's apps/start/vite.config.ts (TanStack Start)
        ("export default wrapVinxiConfigWithSentry(config, {\n  authToken: process.env.SENTRY_AUTH_TOKEN,\n})", ["SENTRY_AUTH_TOKEN@2 setup-option"]),
        ("export default wrapVinxiConfigWithSentry({ base: process.env.BASE_PATH }, {})", ["BASE_PATH@1"]),
        ("export default withSentryConfig(nextConfig, { org: process.env.SENTRY_ORG, project: process.env.SENTRY_PROJECT })",
         ["SENTRY_ORG@1 setup-option", "SENTRY_PROJECT@1 setup-option"]),
        ("app.use('*', sentry({ dsn: process.env.SENTRY_DSN }));", ["SENTRY_DSN@1 setup-option"]),
        ("Sentry.init({ integrations: [x], tracesSampleRate: 1, release: process.env.BUILD_ID })", ["BUILD_ID@1 setup-option"]),
        ("Sentry.init({ dsn: process.env.SENTRY_DSN! })", ["SENTRY_DSN@1"]),  // not a bare value: judged as usual
        // openstatus' next.config: the options in a const passed whole to the setup, and used nowhere else
        ("const sentryConfig = {\n  silent: !process.env.CI,\n  org: \"o\",\n  authToken: process.env.SENTRY_AUTH_TOKEN,\n};\n"
            + "export default withSentryConfig(nextConfig, sentryConfig);",
         ["CI@2 presence-check", "SENTRY_AUTH_TOKEN@4 setup-option"]),
        ("const opts = { dsn: process.env.SENTRY_DSN };\nSentry.init(opts);", ["SENTRY_DSN@1 setup-option"]),
        // Must not: an exported const, one also used another way or as an element, one given to another call.
        ("export const sentryConfig = { authToken: process.env.SENTRY_AUTH_TOKEN };\nexport default withSentryConfig(c, sentryConfig);",
         ["SENTRY_AUTH_TOKEN@1"]),
        ("const opts = { token: process.env.API_TOKEN };\nwithSentryConfig(c, opts);\nfetch(u, opts);", ["API_TOKEN@1"]),
        ("const opts = { dsn: process.env.SENTRY_DSN };\nSentry.init(opts.dsn);", ["SENTRY_DSN@1"]),
        ("const opts = { token: process.env.API_TOKEN };\nexport default createClient(opts);", ["API_TOKEN@1"]),
        ("const opts = { token: process.env.API_TOKEN };\nSentry.init(wrap(opts));", ["API_TOKEN@1"]),
        ("const opts = { token: process.env.API_TOKEN };\nSentry.init(x + opts);", ["API_TOKEN@1"]),
        ("const opts = { token: process.env.API_TOKEN };", ["API_TOKEN@1"]),  // never used
        ("const opts = { dsn: process.env.SENTRY_DSN! };\nSentry.init(opts);", ["SENTRY_DSN@1"]),  // not a bare value
        // withSentryConfig's first argument is the app's own config, inline or in a const; only a Sentry call counts
        ("const nextConfig = { basePath: process.env.BASE_PATH };\nexport default withSentryConfig(nextConfig, { org: process.env.SENTRY_ORG });",
         ["BASE_PATH@1", "SENTRY_ORG@2 setup-option"]),
        ("module.exports = withSentryConfig({ basePath: process.env.BASE_PATH }, { silent: true });", ["BASE_PATH@1"]),
        ("const db = { url: process.env.DATABASE_URL };\nexport const pool = initSentryAndDatabase(db);", ["DATABASE_URL@1"]),
        ("sentryClient.request(u, { token: process.env.API_TOKEN })", ["API_TOKEN@1"]),
        // Must not: another SDK, an expression, a callback of the setup, a read outside any call.
        ("new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024' })", ["STRIPE_SECRET_KEY@1"]),
        ("createClient({ url: process.env.REDIS_URL })", ["REDIS_URL@1"]),
        ("Sentry.init({ dsn: process.env.SENTRY_DSN.trim() })", ["SENTRY_DSN@1"]),
        ("Sentry.init({ beforeSend(e) { send(process.env.WEBHOOK_URL); return e } })", ["WEBHOOK_URL@1"]),
        ("Sentry.init({ dsn: dsnFor(process.env.API_KEY) })", ["API_KEY@1"]),
        ("const sentryDsn = process.env.SENTRY_DSN;", ["SENTRY_DSN@1"]),
    ])
    func anOptionOfSentrysSetupRunsWithoutIt(text: String, expected: [String]) {
        #expect(Self.reads(text) == expected, "\(text)")
    }

    /// A Vue file's template uses the script's names inside attribute strings, which handover does not read as uses:
    /// an options const there is judged as usual, since another use may be out of sight.
    @Test func anOptionsConstInAVueFileIsJudgedAsUsual() {
        let script = "<script setup>\nconst config = { dsn: process.env.SENTRY_DSN };\nSentry.init(config);\n</script>\n"
            + "<template><ApiClient :base=\"config.dsn\"/></template>\n"
        #expect(EnvConditionTests.reads(script, path: "src/App.vue") == ["SENTRY_DSN@2"])
        #expect(EnvConditionTests.reads(script, path: "src/app.ts") == ["SENTRY_DSN@2 setup-option"])
    }

    /// A read that is the whole value of a field the file's own TypeScript type declares optional (papermark's
    /// `StorageConfig`: `advancedBucket?: string` … `advancedBucket: process.env[…]`) is handled unset by every user of
    /// the field: `optional-field`. A key declared required (here or in another type of the file), an expression
    /// around the read, an optional parameter or a comment that looks like a member, and JavaScript change nothing.
    @Test(arguments: [
        // papermark's shape: an interface, then the object built from reads (template names, a getter that throws).
        ("""
         export interface StorageConfig {
           bucket: string;
           advancedBucket?: string;
           readonly endpoint?: string; // S3-compatible
           distributionKeyId?: string
         }
         export function getStorageConfig(suffix: string): StorageConfig {
           return {
             bucket: getBucket(),
             advancedBucket: process.env[`NEXT_PRIVATE_ADVANCED_UPLOAD_BUCKET${suffix}`],
             endpoint: process.env.NEXT_PRIVATE_UPLOAD_ENDPOINT,
             distributionKeyId:
               process.env[`NEXT_PRIVATE_UPLOAD_DISTRIBUTION_KEY_ID${suffix}`],
           };
         }
         """, "f.ts",
         ["NEXT_PRIVATE_ADVANCED_UPLOAD_BUCKET@10 optional-field", "NEXT_PRIVATE_UPLOAD_ENDPOINT@11 optional-field",
          "NEXT_PRIVATE_UPLOAD_DISTRIBUTION_KEY_ID@13 optional-field"]),
        ("export type Mailer = {\n  host: string\n  replyTo?: string\n}\nconst mailer: Mailer = { host: 'smtp', replyTo: process.env.REPLY_TO }",
         "f.tsx", ["REPLY_TO@5 optional-field"]),
        // Must not: a required key, a key required by another type, an expression, an optional parameter, a comment, JS.
        ("interface C { region: string; url?: string }\nconst c: C = { region: process.env.AWS_REGION, url: process.env.URL }",
         "f.ts", ["AWS_REGION@2", "URL@2 optional-field"]),
        ("interface A { token?: string }\ninterface B { token: string }\nconst b: B = { token: process.env.API_TOKEN }", "f.ts", ["API_TOKEN@3"]),
        ("interface C { key?: string }\nconst c = { key: process.env.STRIPE_KEY! }", "f.ts", ["STRIPE_KEY@2"]),
        ("interface C { key?: string }\nconst c = { key: process.env.STRIPE_KEY.trim() }", "f.ts", ["STRIPE_KEY@2"]),
        ("interface C { key?: string }\nconst c = { key: sign(process.env.STRIPE_KEY) }", "f.ts", ["STRIPE_KEY@2"]),
        ("function connect(url?: string) { return db(url) }\nconst options = { url: process.env.DATABASE_URL }", "f.ts", ["DATABASE_URL@2"]),
        ("interface C {\n  // url?: string\n  name: string\n}\nconst c = { url: process.env.DATABASE_URL }", "f.ts", ["DATABASE_URL@5"]),
        ("interface C { url?: string }\nconst c = { url: process.env.DATABASE_URL }", "f.js", ["DATABASE_URL@2"]),
        ("interface C { url?: string }\nconst c = { x: flag ? url : process.env.DATABASE_URL }", "f.ts", ["DATABASE_URL@2"]),
        ("type Region = 'eu' | 'us'\nconst c: Config = {\n  url: process.env.DATABASE_URL,\n}\ninterface Config { url: string }",
         "f.ts", ["DATABASE_URL@3"]),
    ])
    func aFieldItsTypeDeclaresOptionalIsHandledUnset(text: String, path: String, expected: [String]) {
        #expect(Self.reads(text, path: path) == expected, "\(text)")
    }

    /// `NAME@line fallback-kind` for every read of a file at `path`.
    static func reads(_ text: String, path: String) -> [String] {
        CodeReferences.reads(in: text, path: path).map { found in
            "\(found.name)@\(found.line)" + (found.fallback.map { " \($0.kind.rawValue)" } ?? "")
        }
    }

    /// next.config's `env: { KEY: process.env.KEY }` hands what the build sees to the bundle (formbricks'
    /// `NEXTAUTH_URL`), in the config object itself, a plugin wrapper's argument or a config function's result; unset,
    /// it inlines nothing. Must not: a renamed key (the app reads the other name), the same object outside a Next.js
    /// config, an expression, another key's object (`serverRuntimeConfig`), a call's options, a `const env = {…}`.
    @Test(arguments: [
        ("const nextConfig = {\n  env: {\n    NEXTAUTH_URL: process.env.NEXTAUTH_URL, // TODO: remove\n    API_HOST: process.env.PUBLIC_API_HOST\n  },\n};",
         "apps/web/next.config.mjs", ["NEXTAUTH_URL@3 build-pass-through", "PUBLIC_API_HOST@4"]),
        ("module.exports = { env: { SITE_URL: process.env.SITE_URL } }", "next.config.js", ["SITE_URL@1 build-pass-through"]),
        ("module.exports = withBundleAnalyzer({ env: { SITE_URL: process.env.SITE_URL } })", "next.config.js", ["SITE_URL@1 build-pass-through"]),
        ("export default (phase) => ({ env: { SITE_URL: process.env.SITE_URL } })", "next.config.mjs", ["SITE_URL@1 build-pass-through"]),
        ("module.exports = { serverRuntimeConfig: { env: { DB_URL: process.env.DB_URL } } }", "next.config.js", ["DB_URL@1"]),
        ("execSync('pnpm build', { env: { TOKEN: process.env.TOKEN } })\nmodule.exports = {}", "next.config.js", ["TOKEN@1"]),
        ("export default { env: { SITE_URL: process.env.SITE_URL as string } }", "next.config.ts", ["SITE_URL@1 build-pass-through"]),
        ("module.exports = { env: { SITE_URL: process.env.SITE_URL } }", "src/config.ts", ["SITE_URL@1"]),
        ("module.exports = { env: { SITE_URL: process.env.SITE_URL.trim() } }", "next.config.js", ["SITE_URL@1"]),
        ("module.exports = { env: { SITE_URL: clean(process.env.SITE_URL) } }", "next.config.js", ["SITE_URL@1"]),
        ("module.exports = { publicRuntimeConfig: { SITE_URL: process.env.SITE_URL } }", "next.config.js", ["SITE_URL@1"]),
        ("const env = { SITE_URL: process.env.SITE_URL }\nmodule.exports = { env }", "next.config.js", ["SITE_URL@1"]),
        ("module.exports = { images: { domains: [process.env.IMAGE_HOST] } }", "next.config.js", ["IMAGE_HOST@1"]),
        // a bundler's define under the same name (rules 2026.12.104): sf dahlia web's webpack config, Vite's `define`
        ("plugins.unshift(\n  new webpack.DefinePlugin({\n    \"process.env\": {\n      TOP_MESSAGE: JSON.stringify(process.env.TOP_MESSAGE),\n    }\n  })\n)",
         "config/webpack/base.js", ["TOP_MESSAGE@4 build-pass-through"]),
        ("new DefinePlugin({ 'process.env.API_URL': JSON.stringify(process.env.API_URL) })", "webpack.config.js", ["API_URL@1 build-pass-through"]),
        ("export default defineConfig({ define: { 'import.meta.env.APP_VERSION': JSON.stringify(process.env.APP_VERSION) } })",
         "vite.config.ts", ["APP_VERSION@1 build-pass-through"]),
        // must not: a renamed key, an expression, another call, an object of no define
        ("new DefinePlugin({ 'process.env.API_URL': JSON.stringify(process.env.BACKEND_URL) })", "webpack.config.js", ["BACKEND_URL@1"]),
        ("new DefinePlugin({ \"process.env\": { API_URL: JSON.stringify(process.env.BACKEND_URL) } })", "webpack.config.js", ["BACKEND_URL@1"]),
        ("new DefinePlugin({ 'process.env.API_URL': JSON.stringify(process.env.API_URL || 'x') })", "webpack.config.js", ["API_URL@1 literal"]),
        ("new DefinePlugin({ 'process.env.API_URL': JSON.stringify(process.env.API_URL + '/v1') })", "webpack.config.js", ["API_URL@1"]),
        ("new Other({ 'process.env.API_URL': JSON.stringify(process.env.API_URL) })", "webpack.config.js", ["API_URL@1"]),
        ("const body = { API_URL: JSON.stringify(process.env.API_URL) }", "src/send.ts", ["API_URL@1"]),
        ("fetch(u, { body: JSON.stringify(process.env.API_URL) })", "src/send.ts", ["API_URL@1"]),
    ])
    func nextConfigsEnvHandsValuesThrough(text: String, path: String, expected: [String]) {
        #expect(Self.reads(text, path: path) == expected, "\(path): \(text)")
    }

    /// From reads to findings: a name next.config only hands through, read nowhere else, is info and says why.
    @Test func aNameNextConfigOnlyHandsThroughIsNotAHigh() {
        let config = "module.exports = {\n  env: { NEXTAUTH_URL: process.env.NEXTAUTH_URL },\n  images: { domains: [process.env.IMAGE_HOST] },\n}"
        let reads = EnvConditionTests.collect([("apps/web/next.config.js", config)])
        #expect(Self.audit(defined: [], missing: ["NEXTAUTH_URL", "IMAGE_HOST"], reads: reads) == [
            "env.missing-in-production high env:production/IMAGE_HOST",
            "env.missing-in-production info env:production/NEXTAUTH_URL",
        ])
        #expect(EnvNeed.judge("NEXTAUTH_URL", reads: reads["NEXTAUTH_URL"] ?? [], defined: [], marker: nil) == .optional(because: [
            "handed as it is to the bundle by the build's config at apps/web/next.config.js:2 (next.config's `env`, a bundler's define), which inlines nothing when it is unset",
        ]))
        // A library that reads the name by its convention still needs it: handing it through changes nothing there.
        let withLibrary = EnvConditionTests.collect([
            ("next.config.js", "module.exports = { env: { OPENAI_API_KEY: process.env.OPENAI_API_KEY } }"),
            ("src/ai.ts", "import OpenAI from \"openai\"\nexport const client = new OpenAI()"),
        ])
        #expect(EnvNeed.judge("OPENAI_API_KEY", reads: withLibrary["OPENAI_API_KEY"] ?? [], defined: [], marker: nil)
                == .required(locations: ["src/ai.ts:1"]))
        // Without a pass-through the convention stays as it was: a name the code reads (here only a seed script) is
        // judged by those reads (langfuse's OPENAI_API_KEY).
        let seedOnly = EnvConditionTests.collect([
            ("scripts/seed.ts", "const key = process.env.OPENAI_API_KEY"),
            ("src/ai.ts", "import OpenAI from \"openai\"\nexport const client = new OpenAI({ apiKey: userKey })"),
        ])
        #expect(EnvNeed.judge("OPENAI_API_KEY", reads: seedOnly["OPENAI_API_KEY"] ?? [], defined: [], marker: nil)
                == .notInProduction(locations: ["scripts/seed.ts:1"]))
    }

    /// From reads to findings: a name read only as an optional field's value is info and says why; the required field
    /// beside it stays high.
    @Test func anOptionalFieldsVariableIsNotAHigh() {
        let config = "interface C { region: string; url?: string }\nexport const c: C = { region: process.env.AWS_REGION, url: process.env.CDN_URL }"
        let reads = EnvConditionTests.collect([("lib/storage/config.ts", config), ("lib/storage/index.ts", "import { c } from './config';\nupload(c);\n")])
        #expect(Self.audit(defined: [], missing: ["AWS_REGION", "CDN_URL"], reads: reads) == [
            "env.missing-in-production high env:production/AWS_REGION",
            "env.missing-in-production info env:production/CDN_URL",
        ])
        #expect(EnvNeed.judge("CDN_URL", reads: reads["CDN_URL"] ?? [], defined: [], marker: nil) == .optional(because: [
            "the value of a field its type declares optional (`key?:`) at lib/storage/config.ts:2: its users handle it unset",
        ]))
    }

    /// A schema entry whose value is a zod helper declared at the top of the same file says what the helper says
    /// (langfuse's `AUTH_OKTA_CHECKS: zAuthChecks`, formbricks' `ZOptionalNonEmptyString`), and makes the
    /// runtimeEnv read of the name optional with it. A helper that is required, or a name that is not a zod helper,
    /// changes nothing. (`AUTH_OKTA_METHOD`'s default is not shown: `AUTH` is a credential word.)
    /// create-t3-app's `schema.mjs` before t3-env (agentgpt's) is not read as an env schema: its `z.object`s are parsed
    /// in another file, and rule R6 (docs/precision.md, session 28), which read them, failed its registered test —
    /// agentgpt's `.optional()` OAuth ids are needed by the owners' hosted sign-in. Its reads stay plain reads. A zod
    /// object of upper-case keys in a file without env reads declares nothing; a schema parsing `process.env` keeps a
    /// long chain's default (nango's `JOBS_PROCESSOR_CONFIG`, whose `.default([…])` ends 500 units on).
    @Test func onlyASchemaThatParsesTheEnvironmentDeclares() {
        let schema = """
            import { z } from "zod";
            export const serverSchema = z.object({
              DATABASE_URL: z.string().url(),
              OPENAI_API_KEY: z.string().min(1).trim().optional(),
            });
            export const serverEnv = {
              DATABASE_URL: process.env.DATABASE_URL,
              OPENAI_API_KEY: process.env.OPENAI_API_KEY,
            };
            """
        #expect(Self.reads(schema) == ["DATABASE_URL@7", "OPENAI_API_KEY@8"])
        #expect(Self.reads("export const Body = z.object({\n  ID: z.string(),\n  TOKEN: z.string().optional(),\n});\n") == [])
        let long = "export const ENVS = z.object({\n  JOBS_CONFIG: z\n    .string()\n    .transform((s) => {\n"
            + String(repeating: "      // a comment line inside the transform, long enough to push the default further\n", count: 6)
            + "      return JSON.parse(s);\n    })\n    .default([{ pattern: 'sync*', max: 200 }]),\n  OTHER: z.string(),\n});\n"
            + "export const envs = ENVS.parse(process.env);\n"
        #expect(Self.reads(long) == ["JOBS_CONFIG@2 computed", "OTHER@14"])
        #expect(CodeReferences.reads(in: long).filter(\.asserted).map(\.name) == ["OTHER"])
    }

    @Test func aSchemaEntryNamingAZodHelperSaysWhatTheHelperSays() {
        let schema = """
            import { createEnv } from "@t3-oss/env-nextjs";
            import { z } from "zod";
            const zAuthChecks = z
              .string()
              .optional()
              .transform((s) => s?.split(","));

            const zAuthMethod = z.enum(["basic", "post"]).optional().default("basic");
            export const ZOptionalNonEmptyString: z.ZodType = z.preprocess(blank, z.string().min(1).optional());
            const zUrl = z.string().url();
            const notZod = makeSchema();
            const isSelfHost = z.stringbool().catch(false).parse(process.env.SELF_HOST);
            export const env = createEnv({
              server: {
                AUTH_OKTA_CHECKS: zAuthChecks,
                AUTH_OKTA_METHOD: zAuthMethod,
                CUBEJS_JWT_ISSUER: ZOptionalNonEmptyString,
                DATABASE_URL: zUrl,
                SENTRY_DSN: zUrl.optional(),
                OTHER_THING: notZod,
                STRIPE_SECRET_KEY: isSelfHost ? z.string().optional() : z.string(),
              },
              runtimeEnv: {
                AUTH_OKTA_CHECKS: process.env.AUTH_OKTA_CHECKS,
                DATABASE_URL: process.env.DATABASE_URL,
                OTHER_THING: process.env.OTHER_THING,
                STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
              },
            });
            """
        // zod 4's prefault and catch are defaults (openstatus' workflows); a runtimeEnv `A ?? B` takes A's schema.
        let zod4 = """
            export const env = () => z.object({
              SITE_URL: z.string().prefault("http://localhost:3000"),
              TINYBIRD_NOOP: z.stringbool().catch(false),
              SCREENSHOT_SERVICE_URL: z.string(),
            }).parse(process.env);
            export const env2 = createEnv({
              server: { SENTRY_DSN: z.string().optional(),
                AUTH_AZURE_AD_CHECKS: z.string().optional(),
              },
              runtimeEnv: {
                AUTH_AZURE_AD_CHECKS: process.env.AUTH_AZURE_AD_CHECKS ?? process.env.AUTH_AZURE_CHECKS,
              },
            });
            """
        // SCREENSHOT_SERVICE_URL's chain ends at its comma: the next object's `.optional()` is not its own.
        #expect(Self.reads(zod4) == [
            #"SITE_URL@2 literal="http://localhost:3000""#, "TINYBIRD_NOOP@3 literal=false", "SCREENSHOT_SERVICE_URL@4",
            "AUTH_AZURE_AD_CHECKS@8 schema-optional",
            "AUTH_AZURE_AD_CHECKS@11 schema-optional alt:AUTH_AZURE_CHECKS", "AUTH_AZURE_CHECKS@11 schema-optional alt:AUTH_AZURE_AD_CHECKS",
        ])
        // openstatus' `isSelfHost ? … : …` is a value, not a helper: the key stays required (as before the rule).
        #expect(Self.reads(schema) == [
            "SELF_HOST@12",
            "AUTH_OKTA_CHECKS@15 schema-optional", "AUTH_OKTA_METHOD@16 literal", "CUBEJS_JWT_ISSUER@17 schema-optional",
            "DATABASE_URL@18", "SENTRY_DSN@19 schema-optional",
            "AUTH_OKTA_CHECKS@24 schema-optional", "DATABASE_URL@25", "OTHER_THING@26", "STRIPE_SECRET_KEY@27",
        ])
    }

    @Test(arguments: [
        ("src/app.ts", CodePlace.production), ("apps/web/lib/env.ts", .production), ("src/testimonials.ts", .production),
        ("test/app.test.ts", .test), ("src/__tests__/x.ts", .test), ("src/auth.spec.ts", .test), ("e2e/login.ts", .test),
        ("apps/web/playwright/fixtures.ts", .test), ("cypress/support/e2e.js", .test), ("tests/conftest.py", .test),
        ("app/models/user_test.go", .test), ("pkg/test_settings.py", .test), ("playwright.config.ts", .test), ("vitest.config.mts", .test),
        ("src/__mocks__/stripe.ts", .test), ("spec/rails_helper.rb", .test),
        // openstatus' notification fixtures: `packages/notifications/discord/src/mock.ts`.
        ("packages/notifications/discord/src/mock.ts", .test), ("packages/platform/testkit/src/database/test-database.ts", .test), ("src/stripe.mock.ts", .test),
        ("src/mockups/page.tsx", .production), ("src/mock-data-banner.tsx", .production),
        // test-support packages and Go's testdata; a product's own `testimonials` or `helpers` folder is not one
        ("server/internal/testutil/testutil.go", .test), ("pkg/testhelpers/db.go", .test), ("spec/test_helpers/auth.rb", .test),
        ("internal/parser/testdata/config.go", .test), ("src/helpers/db.ts", .production), ("src/testimonials/list.ts", .production),
        ("lighthouserc.cjs", .tooling), ("apps/web/lighthouserc.js", .tooling), ("src/lighthouse.ts", .production),
        // migrations run once, by hand or by the deploy; a name like it is not one
        ("packages/contentful/migrations/0073-use-category-suggest-app.cjs", .tooling), ("apps/worker/src/migrations/20240101-import.ts", .tooling),
        ("api/migrations/versions/7fa7_update.py", .tooling), ("db/migration/V1__init.sql.ts", .tooling),
        ("migrations/Version20250611102552.php", .tooling), ("app/accounts/migrations/0001_initial.py", .tooling),
        ("src/migrationsUtils.ts", .production), ("src/features/data-migrations/page.tsx", .production),
        // (a review of .96) a product's migration feature, a migration runner's own code
        ("src/features/migrations/importer.ts", .production), ("apps/web/app/api/migrations/notion/route.ts", .production),
        ("core/server/data/migrations/utils.js", .production), ("apps/worker/src/migrations/pirsch-data-import.ts", .production),
        ("src/migrations/lib/2fa.ts", .production),
        // (rules .106) a migration by its verb, a top-level folder of migrations by its compound name (erxes); not the
        // runner alone, nor a feature folder deeper in a source tree
        ("backend/plugins/frontline_api/src/migrations/migrateCdrDates.ts", .tooling), ("app/migrations/migrate_users.py", .tooling),
        ("backend/saas-migrations/frontline/commands/migrateForms.ts", .tooling), ("data-migrations/run.ts", .tooling),
        ("src/migrations/migrate.ts", .production), ("src/migrations/migrationHelpers.ts", .production),
        ("src/sync/migrateUsers.ts", .production),
        // (a review of .106) a feature folder in a source tree; a workspace package's own migrations; runner names
        ("src/account-migration/account-migration.service.ts", .production), ("app/account-migration/page.tsx", .production),
        ("apps/api/data-migrations/run.ts", .tooling), ("src/migrations/migrateToLatest.ts", .production),
        ("src/migrations/migrate-on-boot.ts", .production),
        ("scripts/migrate.ts", .script), ("packages/db/scripts/seed.ts", .script),
        (".storybook/main.ts", .storybook), ("src/Button.stories.tsx", .storybook),
        ("docs/snippets/config.ts", .docs), ("examples/next/app.ts", .example),
        ("prisma/seed.ts", .tooling), ("drizzle.config.ts", .tooling), ("drizzle.turso.config.ts", .tooling), ("vitest.e2e.config.mts", .test),
        ("src/drizzle.client.ts", .production), ("src/seed.prod.ts", .production),
        // formbricks reads SOME_VAR in its lint rules: `apps/web/eslint.config.mjs`.
        ("apps/web/eslint.config.mjs", .tooling), ("prettier.config.js", .tooling), ("src/eslint-rules.ts", .production),
        // unkey's `tools/pricing`; inbox-zero's `packages/cli`; trigger.dev's `packages/cli-v3`. Deeper `tools` folders
        // are the product's (formbricks' `apps/web/modules/mcp/tools/`, inbox-zero's AI assistant tools).
        ("packages/cli/src/setup-aws.ts", .tooling), ("packages/cli-v3/src/commands/deploy.ts", .tooling), ("apps/acme-cli/src/index.ts", .tooling),
        // an AI agent's top-level tools and an SDK package the server may import stay production
        ("tools/search.py", .production), ("tools/pricing/main.go", .production),
        ("apps/web/modules/mcp/tools/surveys.ts", .production), ("apps/web/utils/ai/assistant/tools/search.ts", .production),
        ("src/tools/index.ts", .production), ("tools.ts", .production), ("packages/client/src/index.ts", .production),
        ("packages/clinic/src/index.ts", .production), ("apps/web/cli/run.ts", .production),
        ("packages/hoppscotch-cli/src/index.ts", .tooling),
        // an SDK package is a client customers run (openpanel's `packages/sdks/web`, firecrawl's `apps/js-sdk`,
        // supermemory's `packages/cartesia-sdk-python`; rules 2026.12.34); an `sdk` folder inside a package is its own code
        ("packages/sdk/src/index.ts", .tooling), ("packages/sdks/web/src/index.ts", .tooling), ("apps/js-sdk/firecrawl/src/v2/client.ts", .tooling),
        ("packages/cartesia-sdk-python/src/agent.py", .tooling), ("python_sdk/client.py", .tooling),
        ("packages/runner/lib/sdk/sdk.ts", .production), ("apps/web/lib/sdk.ts", .production), ("packages/sdkwork/src/a.ts", .production),
        // a deploy tree may hold a product service (agentops' `app/deploy/jockey/`, its Deploy feature's backend): production
        ("app/deploy/jockey/api/run.py", .production), ("src/infra/db.ts", .production),
        // a Django management command (saleor's `createsuperuser`); a `management` package elsewhere is the app's
        ("saleor/account/management/commands/createsuperuser.py", .tooling), ("app/management/views.py", .production),
        ("src/management/commands/run.ts", .production),
        // cap's desktop recorder: a program customers install; a web app's desktop-named page is not one
        ("apps/desktop/src/utils/analytics.ts", .tooling), ("apps/desktop/src-tauri/src/web_api.rs", .tooling),
        ("crates/app/src-tauri/src/main.rs", .tooling), ("packages/electron-app/main.ts", .tooling),
        ("apps/web/app/api/desktop/route.ts", .production), ("apps/web/components/desktop/Download.tsx", .production),
        ("apps/desktops-admin/src/index.ts", .production), ("apps/remote-desktop/src/server.ts", .production),
        ("apps/desktop-api/src/index.ts", .production), ("packages/hoppscotch-desktop/src/main.ts", .production),
        // polar's load tests, Terraform module code and developer environment; Rails' per-environment files
        ("server/load_tests/config.py", .test), ("k6/checkout.js", .test), ("terraform/modules/redis_private_link/refresh.py", .tooling),
        // a Cargo build script runs when the crate compiles (trieve's `server/build.rs` reads `OUT_DIR`); a build module
        // of the app's own is not one
        ("server/build.rs", .tooling), ("build.rs", .tooling), ("src/build.ts", .production), ("src/build/mod.rs", .production),
        ("src/routes/build.rs", .production), ("crates/api/src/build.rs", .production),
        ("dev/cli/analytics.py", .tooling), ("config/environments/test.rb", .test), ("config/environments/development.rb", .tooling),
        // a deeper `dev` folder, a dev-named file, and Rails' production or staging file stay production
        ("apps/web/dev/tools.ts", .production), ("src/dev.ts", .production), ("devtools/x.ts", .production),
        ("config/environments/production.rb", .production), ("config/environments/staging.rb", .production),
        // Elixir's per-environment config: test and dev are not production's; prod and runtime are
        ("config/test.exs", .test), ("config/dev.exs", .tooling), ("apps/api/config/test.exs", .test), ("config/prod.exs", .production),
        ("config/runtime.exs", .production), ("lib/app/test.exs", .production),
        ("app/models/test.rb", .production), ("src/loadtest-results.ts", .production),
        // a file named as an example (supermemory's `claude-memory-simple-example.ts`), in any case style
        ("packages/tools/src/claude-memory-simple-example.ts", .example), ("src/example_usage.py", .example),
        ("src/basicExample.ts", .example), ("src/Examples.tsx", .example), ("lib/example.go", .example),
        // a word that only contains it, or a template's second extension, stays production
        ("src/counterexample.ts", .production), ("src/exampled.ts", .production), ("config.example.ts", .production),
        ("src/examplify.ts", .production),
        // developer tools' folders (civitai's Claude skill, batch 37; airweave's editor script; teable's git hook)
        (".claude/skills/clickhouse-query/query.mjs", .tooling), ("apps/event-engine/.claude/skills/q/query.mjs", .tooling),
        (".vscode/run_worker_reload.py", .tooling), (".husky/install.mjs", .tooling), (".github/scripts/notify.js", .tooling),
        (".cursor/rules/x.ts", .tooling), (".devcontainer/setup.py", .tooling),
        // a served `.well-known` file, a folder merely named like one, and a dot-config of the app stay production
        ("public/.well-known/route.ts", .production), ("src/claude/client.ts", .production), ("src/github/app.ts", .production),
        ("src/.config/app.ts", .production),
        // Capistrano's deploy recipe and its stages run on the deploying machine (listed, batch 46); an app's own
        // `deploy` model, a `deploy.rb` elsewhere, a JavaScript `config/deploy/` file and Rails' environments do not
        ("config/deploy.rb", .tooling), ("config/deploy/production.rb", .tooling), ("apps/api/config/deploy/staging.rb", .tooling),
        ("app/models/deploy.rb", .production), ("lib/deploy.rb", .production), ("config/deploy/index.ts", .production),
        ("config/initializers/deploy.rb", .production), ("config/deploy.yml", .production),
    ])
    func whereAReadSits(path: String, place: CodePlace) {
        #expect(CodePlace.of(path) == place, "\(path)")
    }

    /// A tuning setting's name (rules 2026.12.63; refly's Scalebox knobs, novu's Redis cluster TTL, relaticle's trace
    /// sample rate, opnform's log level): must-match and must-not-match examples.
    @Test(arguments: [
        ("SCALEBOX_LOCK_WAIT_TIMEOUT_SEC", "TIMEOUT"), ("REDIS_CLUSTER_TTL", "TTL"), ("SCALEBOX_AUTO_PAUSE_DELAY_MS", "DELAY"),
        ("SCALEBOX_LOCK_POLL_INTERVAL_MS", "INTERVAL"), ("SCALEBOX_MAX_QUEUE_SIZE", "SIZE"), ("SCALEBOX_MAX_SANDBOXES", "MAX"),
        ("NEXT_PUBLIC_MAX_LOOPS", "MAX"), ("SENTRY_TRACES_SAMPLE_RATE", "SAMPLE_RATE"), ("SQLALCHEMY_LOG_LEVEL", "LOG"),
        ("LOG_LEVEL", "LOG"), ("LOG_FILE", "LOG"), ("APP_LOG_QUERIES", "LOG"), ("LOGGING_FORMAT", "LOGGING"), ("TIMEOUT", "TIMEOUT"), ("UPLOAD_SIZE_LIMIT_MB", "LIMIT"), ("WORKER_MIN_REPLICAS", "MIN"),
        ("HTTP_RETRIES", "RETRIES"),
        // credentials and non-tuning names
        ("SESSION_TIMEOUT", nil), ("JWT_TTL", nil), ("API_KEY_TTL", nil), ("TOKEN_LIMIT", nil), ("EXCHANGE_RATE", nil),
        ("ACCESS_LEVEL", nil), ("MAX", nil), ("MS", nil), ("DATABASE_URL", nil), ("SIZE_CHART_URL", nil), ("SUPABASE_S3_LOGS_BUCKET", nil), ("LOG_DRAIN_TOKEN", nil),
        ("MAX_API_KEY", nil), ("TIMEOUT_URL", nil), ("RATE", nil), ("SAMPLE_RATE_URL", nil), ("BLOG_LEVEL", nil),
        // a resource or a billing id, whatever its words (a review of .64)
        ("AUDIT_LOG_DATABASE_URL", nil), ("LOG_BUCKET", nil), ("STRIPE_PRICE_NO_LIMIT", nil), ("MAX_HOST", nil), ("PLAN_SIZE_ID", nil),
        ("LOG_CHANNEL", nil),
    ] as [(String, String?)])
    func aTuningSettingsName(name: String, word: String?) {
        #expect(EnvNameTokens.tuningWord(name) == word, "\(name)")
    }

    /// A telemetry export setting's name (rules 2026.12.72; monitor's and daily-api's OTLP endpoint, logflare's OTel
    /// token, novu's telemetry URL): must-match and must-not-match examples, and what the audit makes of them.
    @Test func telemetryExportSettings() {
        let names = ["OTEL_EXPORTER_OTLP_ENDPOINT": "OTEL", "LOGFLARE_OTEL_ACCESS_TOKEN": "OTEL", "LOGFLARE_OTEL_SOURCE_UUID": "OTEL",
                     "LAT_OBSERVABILITY_OTLP_TRACES_ENDPOINT": "OTLP", "OTEL_SERVICE_NAME": "OTEL", "OTEL_EXPORTER_OTLP_HEADERS": "OTEL"]
        for (name, word) in names { #expect(EnvNameTokens.telemetryWord(name) == word, "\(name)") }
        // a store or pipeline the app keeps data in (a review of .72: an LLM-tracing product's traces, a fleet's vehicle
        // telemetry), telemetry words that name a product's data as often, and names that only contain the letters
        for name in ["CLICKHOUSE_TRACES_DB", "TRACES_BUCKET", "OTEL_SPANS_TABLE", "OTEL_TRACES_DATABASE_URL", "OTLP_INGEST_SECRET",
                     "OTEL_COLLECTOR_URL", "OTEL_CLICKHOUSE_PASSWORD", "TRACES_DATABASE_URL", "TELEMETRY_INGEST_SECRET",
                     "VEHICLE_TELEMETRY_API_KEY", "OS_TELEMETRY_URL", "LANGSMITH_TRACING", "HOTEL_API_KEY", "TRACE_ID", "MOTEL_URL",
                     "DATABASE_URL"] {
            #expect(EnvNameTokens.telemetryWord(name) == nil, "\(name)")
        }
        let reads: [String: [CodeRead]] = [
            "OTEL_EXPORTER_OTLP_ENDPOINT": [CodeRead(location: "src/config.ts:130", place: .production)],
            "LOGFLARE_OTEL_ACCESS_TOKEN": [CodeRead(location: "config/runtime.exs:476", place: .production)],
            // an assertion or a check that stops keeps it high
            "OTEL_EXPORTER_OTLP_HEADERS": [CodeRead(location: "src/otel.ts:4", place: .production, asserted: true)],
            "OTEL_SERVICE_NAME": [CodeRead(location: "src/otel.ts:2", place: .production, fallback: CodeFallback(kind: .enforced))],
            "CLICKHOUSE_TRACES_DB": [CodeRead(location: "src/db.ts:2", place: .production)],
        ]
        #expect(Self.audit(defined: [], missing: ["OTEL_EXPORTER_OTLP_ENDPOINT", "CLICKHOUSE_TRACES_DB"], reads: reads) == [
            "env.missing-in-production high env:production/CLICKHOUSE_TRACES_DB",
            "env.referenced-missing high env:production/OTEL_EXPORTER_OTLP_HEADERS",
            "env.referenced-missing high env:production/OTEL_SERVICE_NAME",
            "env.missing-in-production medium env:production/OTEL_EXPORTER_OTLP_ENDPOINT",
            "env.referenced-missing medium env:production/LOGFLARE_OTEL_ACCESS_TOKEN",
        ])
    }

    /// Names for tests and of enterprise identity providers (rules 2026.12.64): must-match and must-not-match examples.
    @Test func namesForTestsAndIdentityProviders() {
        for name in ["DB_TEST_PASSWORD", "STRIPE_SECRET_KEY_TEST", "TESTS_ORG", "UNIT_TEST_AUTUMN_SECRET_KEY", "TESTING_API_URL",
                     "OMNIAUTH_ENTRAID_MOCK_PASSWORD", "DATA_ACCESS_API_MOCK_BEARER_TOKEN", "FAKE_SMS_SECRET", "STUB_PAYMENTS_KEY"] {
            #expect(EnvNameTokens.testWord(name) != nil, "\(name)")
        }
        for name in ["LATEST_VERSION", "ATTEST_KEY", "CONTEST_ID", "TESTIMONIALS_URL", "STRIPE_SECRET_KEY", "AB_TEST_API_KEY", "SPLIT_TESTING_KEY",
                     "MOCKINGBIRD_API_KEY", "STUBHUB_API_KEY", "FAKER_SEED", "NGINX_STUB_STATUS_URL"] {
            #expect(EnvNameTokens.testWord(name) == nil, "\(name)")
        }
        let providers = ["OKTA_CLIENT_SECRET": "OKTA", "AUTH_KEYCLOAK_ISSUER": "KEYCLOAK", "AUTH_AZURE_AD_TENANT_ID": "AZURE_AD",
                         "KEEP_AZUREAD_CLIENT_ID": "AZUREAD", "BACKEND_OIDC_CLIENT_SECRET": "OIDC", "SAML_IDP_METADATA_URL": "SAML",
                         "ONELOGIN_ISSUER": "ONELOGIN", "LDAP_BIND_PASSWORD": "LDAP"]
        for (name, vendor) in providers { #expect(EnvNameTokens.identityProvider(name) == vendor, "\(name)") }
        for name in ["AUTH0_CLIENT_SECRET", "CLERK_SECRET_KEY", "COGNITO_USER_POOL_ID", "AZURE_OPENAI_API_KEY", "AZURE_STORAGE_ADDRESS",
                     "GOOGLE_CLIENT_ID", "OKTAGON_URL", "DATABASE_URL", "AWS_OIDC_ROLE_ARN", "AZURE_AD_B2C_CLIENT_SECRET", "GCP_WORKLOAD_OIDC_PROVIDER"] {
            #expect(EnvNameTokens.identityProvider(name) == nil, "\(name)")
        }
        // an assertion inside the branch that adds a provider keeps nothing high; a test name's neither
        let reads: [String: [CodeRead]] = [
            "AUTH_OKTA_CLIENT_ID": [CodeRead(location: "frontend/lib/auth.ts:158", place: .production, asserted: true)],
            "DB_TEST_PASSWORD": [CodeRead(location: "config/database.php:90", place: .production, asserted: true)],
            "AUTH0_CLIENT_SECRET": [CodeRead(location: "auth.config.ts:130", place: .production, asserted: true)],
        ]
        #expect(Self.audit(defined: [], missing: ["DB_TEST_PASSWORD"], reads: reads) == [
            "env.referenced-missing high env:production/AUTH0_CLIENT_SECRET",
            "env.missing-in-production medium env:production/DB_TEST_PASSWORD",
            "env.referenced-missing medium env:production/AUTH_OKTA_CLIENT_ID",
        ])
        // a check that stops without it keeps any such name high: the app cannot start
        let stops: [String: [CodeRead]] = [
            "KEYCLOAK_ISSUER": [CodeRead(location: "src/auth.ts:3", place: .production, fallback: CodeFallback(kind: .enforced))],
            "E2E_TEST_SEED": [CodeRead(location: "src/boot.ts:2", place: .production, fallback: CodeFallback(kind: .enforced))],
        ]
        #expect(Self.audit(defined: [], missing: ["KEYCLOAK_ISSUER"], reads: stops) == [
            "env.missing-in-production high env:production/KEYCLOAK_ISSUER",
            "env.referenced-missing high env:production/E2E_TEST_SEED",
        ])
    }

    /// A group one of whose members has a finding of its own (lowered or not) is not reported again; a group whose
    /// members share a sort is lowered with them (a review of .64).
    @Test func groupsOfLowerSortsAreLowerToo() {
        let reads: [String: [CodeRead]] = [
            "OKTA_ISSUER": [CodeRead(location: "src/a.ts:1", place: .production, asserted: true),
                            CodeRead(location: "src/b.ts:2", place: .production, alternatives: ["OIDC_ISSUER"])],
            "OIDC_ISSUER": [CodeRead(location: "src/b.ts:2", place: .production, alternatives: ["OKTA_ISSUER"])],
            "HTTP_TIMEOUT_MS": [CodeRead(location: "src/c.ts:3", place: .production, alternatives: ["REQUEST_TIMEOUT_MS"])],
            "REQUEST_TIMEOUT_MS": [CodeRead(location: "src/c.ts:3", place: .production, alternatives: ["HTTP_TIMEOUT_MS"])],
            "DB_TEST_URL": [CodeRead(location: "src/d.ts:4", place: .production, alternatives: ["DATABASE_URL"])],
            "DATABASE_URL": [CodeRead(location: "src/d.ts:4", place: .production, alternatives: ["DB_TEST_URL"])],
        ]
        #expect(Self.audit(defined: [], missing: ["OKTA_ISSUER", "OIDC_ISSUER", "HTTP_TIMEOUT_MS", "REQUEST_TIMEOUT_MS"], reads: reads) == [
            "env.referenced-missing high env:production/DATABASE_URL|DB_TEST_URL",
            "env.missing-in-production medium env:production/HTTP_TIMEOUT_MS|REQUEST_TIMEOUT_MS",
            "env.missing-in-production medium env:production/OKTA_ISSUER",
        ])
        // the same when the reference file lists none of them: env.referenced-missing's
        #expect(Self.audit(defined: [], missing: [], reads: reads) == [
            "env.referenced-missing high env:production/DATABASE_URL|DB_TEST_URL",
            "env.referenced-missing medium env:production/HTTP_TIMEOUT_MS|REQUEST_TIMEOUT_MS",
            "env.referenced-missing medium env:production/OKTA_ISSUER",
        ])
    }

    /// A tuning setting read without a default is a medium of whichever check owns it, and no gap of `env --exit-code`;
    /// a credential-like name with a tuning word stays high.
    @Test func aTuningSettingIsAMediumRisk() throws {
        let reads: [String: [CodeRead]] = [
            "SCALEBOX_LOCK_WAIT_TIMEOUT_SEC": [CodeRead(location: "apps/api/src/app.config.ts:388", place: .production)],
            "REDIS_CLUSTER_TTL": [CodeRead(location: "libs/dal/src/redis.ts:53", place: .production)],
            "SESSION_TIMEOUT": [CodeRead(location: "src/session.ts:2", place: .production)],
        ]
        #expect(Self.audit(defined: [], missing: ["SCALEBOX_LOCK_WAIT_TIMEOUT_SEC"], reads: reads) == [
            "env.referenced-missing high env:production/SESSION_TIMEOUT",
            "env.missing-in-production medium env:production/SCALEBOX_LOCK_WAIT_TIMEOUT_SEC",
            "env.referenced-missing medium env:production/REDIS_CLUSTER_TTL",
        ])
        #expect(try Self.gaps(missing: ["SCALEBOX_LOCK_WAIT_TIMEOUT_SEC"], reads: reads) == [])
    }

    /// A file its path calls production but that imports a test framework is test code: formbricks' integration harness
    /// `apps/web/integration/setup.ts` (a vitest `setupFiles` entry) sets `process.env.BETTER_AUTH_SECRET ??= "…"`.
    /// A commented-out import, a string naming the framework or a library whose name merely starts the same does not count.
    @Test(arguments: [
        ("/* harness */\nimport { vi } from \"vitest\";\nprocess.env.BETTER_AUTH_SECRET ??= \"x\";\n", "apps/web/integration/setup.ts", CodePlace.test),
        ("import {\n  describe,\n  expect,\n} from 'vitest'\n", "apps/web/vitestSetup.ts", .test),
        ("import '@testing-library/jest-dom/vitest'\n", "src/setup.ts", .test),
        ("import { vi } from 'vitest/dist/index.js'\n", "src/test-setup-dom.ts", .test),
        ("const { expect } = require('chai')\n", "lib/check.js", .test),
        ("import type { Mock } from \"vitest\";\n", "src/lib/helpers.ts", .test),
        ("import pytest\n", "app/conftest_helpers.py", .test),
        ("// import { vi } from \"vitest\";\nexport const key = process.env.STRIPE_SECRET_KEY;\n", "src/lib/stripe.ts", .production),
        ("const runner = \"vitest\";\nimport { x } from './vitest-utils'\n", "src/lib/run.ts", .production),
        ("import { z } from 'zod'\nimport chalk from 'chalk'\nimport mochaReporter from 'mocha-junit-reporter'\n", "src/lib/log.ts", .production),
        ("x = 'import pytest'\n", "app/settings.py", .production),
        // an import in a block comment or a template literal is text, not code
        ("/*\nimport { vi } from \"vitest\";\n*/\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n", "src/lib/stripe.ts", .production),
        ("export const snippet = `\nimport { describe } from \"vitest\";\n`;\n", "src/components/snippet.tsx", .production),
        ("\"\"\"\nimport pytest\n\"\"\"\n", "app/docs_text.py", .production),
        // a build config that takes vitest's config helper, and a service driving Playwright's browser, are production
        ("import { defineConfig } from \"vitest/config\";\nexport default defineConfig({ define: { __API__: JSON.stringify(process.env.API_URL) } });\n", "vite.config.ts", .production),
        ("import { chromium } from \"@playwright/test\";\n", "apps/screenshot-service/src/index.ts", .production),
        ("import { createVitest } from \"vitest/node\";\n", "src/run-tests.ts", .production),
        // an import inside a Python function does not make the module a test
        ("DATABASE_URL = os.environ[\"DATABASE_URL\"]\n\ndef selftest():\n    import pytest\n", "app/cli.py", .production),
        // a test path stays what its path says
        ("import { vi } from 'vitest'\n", "scripts/check.ts", .script),
    ] as [(String, String, CodePlace)])
    func aFileImportingATestFrameworkIsATest(text: String, path: String, place: CodePlace) {
        #expect(CodePlace.of(path, text: text) == place, "\(path)")
    }

    @Test func aTestHarnessesReadsAreTestReads() {
        var collector = CodeReferences.Collector()
        collector.add("import { vi } from \"vitest\";\nprocess.env.BETTER_AUTH_SECRET ??= \"x\";\n", path: "apps/web/integration/setup.ts")
        collector.add("export const secret = process.env.BETTER_AUTH_SECRET;\n", path: "apps/web/lib/auth.ts")
        collector.add("import { secret } from './auth';\nsign(secret);\n", path: "apps/web/lib/session.ts")
        #expect(collector.references().flatMap(\.effectiveReads) == [
            CodeRead(location: "apps/web/integration/setup.ts:2", place: .test, fallback: CodeFallback(kind: .assigned)),
            CodeRead(location: "apps/web/lib/auth.ts:1", place: .production),
        ])
    }

    @Test func theCollectorKeepsOneReadPerLineTheRequiredOneWinning() {
        var collector = CodeReferences.Collector()
        collector.add("const a = process.env.X_URL ?? 'd'; const b = process.env.X_URL\n", path: "src/a.ts")
        collector.add("process.env.X_URL\n", path: "e2e/a.spec.ts")
        let references = collector.references()
        #expect(references.map(\.name) == ["X_URL"])
        #expect(references[0].locations == ["e2e/a.spec.ts:1", "src/a.ts:1"])
        #expect(references[0].reads == [CodeRead(location: "e2e/a.spec.ts:1", place: .test), CodeRead(location: "src/a.ts:1", place: .production)])
    }

    /// Audits a snapshot whose production defines `defined` and whose code makes `reads`, returning
    /// `id severity subject` of the env findings.
    /// The env findings for code `reads` in the healthy example whose production defines `defined`; `missing` are
    /// the reference file's names production lacks. Every name read is listed in the reference file too unless
    /// `listed` is false (then a plain read of it is a medium: ``EnvNeed/unconfirmed(_:reads:unrecorded:at:inventory:)``).
    /// linkwarden's `(process.env.DISABLE_BROWSER || process.env.DISABLE_PRESERVATION) === "true"`: two switches, off
    /// when unset — info, not a high group (a false high of held-out batch 6).
    @Test func aGroupComparedAsAWholeIsASwitch() {
        let reads = EnvConditionTests.collect([("apps/worker/lib/archiveHandler.ts",
                                                "let skip =\n  (process.env.DISABLE_BROWSER || process.env.DISABLE_PRESERVATION) ===\n  \"true\";\n")])
        let found = Self.audit(defined: [], missing: ["DISABLE_BROWSER"], reads: reads)
        #expect(found.allSatisfy { $0.contains(" info ") } && !found.isEmpty, "\(found)")
    }

    /// What `handover env --exit-code`'s judgement (``EnvInventory/missingRequired(in:)``) calls missing when production
    /// defines nothing, `missing` is what the reference file lists, and the code reads `reads`.
    static func gaps(missing: [String], reads: [String: [CodeRead]]) throws -> [String] {
        var s = HealthyExample.snapshot()
        s.env.data?.environments[0].missingFromReference = missing
        Edit.codeReads(&s, reads)
        let env = try #require(s.env.data)
        return env.missingRequired(in: env.environments[0])
    }

    static func audit(defined: [String], missing: [String] = [], reads: [String: [CodeRead]], optional: [EnvOptionalName]? = nil,
                      listed: Bool = true) -> [String] {
        var s = HealthyExample.snapshot()
        s.env.data?.environments[0].variables = defined.map { EnvVariable(name: $0, definitions: [EnvDefinition(file: ".env.production", line: 1, shape: .looksFine)]) }
        s.env.data?.environments[0].missingFromReference = missing
        if listed, let names = s.env.data?.referenceNames { s.env.data?.referenceNames = Array(Set(names + missing + reads.keys)).sorted() }
        s.env.data?.referenceOptional = optional
        Edit.codeReads(&s, reads)
        let report = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        return report.findings.filter { $0.id.hasPrefix("env.") && $0.id != "env.unreferenced" }.map { "\($0.id) \($0.severity.rawValue) \($0.subject)" }
    }

    /// Names the hosting platform sets on every deployment (Vercel's system variables and their `NEXT_PUBLIC_` copies,
    /// AWS ECS's metadata URI, Fly's, Render's, Railway's) are not the deployer's to define: the code reading them raises
    /// no `env.referenced-missing`. A name that only looks like one (`TEAM_ID_VERCEL`, `VERCEL_API_KEY`: the deployer's
    /// own credentials for Vercel's API) still does.
    @Test func namesThePlatformSetsAreNotMissing() {
        let read = { (file: String) in [CodeRead(location: "\(file):1", place: .production)] }
        let provided = ["VERCEL_PROJECT_ID", "VERCEL_REGION", "NEXT_PUBLIC_VERCEL_GIT_COMMIT_SHA", "VERCEL_AUTOMATION_BYPASS_SECRET",
                        "ECS_CONTAINER_METADATA_URI_V4", "FLY_MACHINE_ID", "RENDER_EXTERNAL_URL", "RAILWAY_PUBLIC_DOMAIN",
                        // Heroku's dyno metadata (the Mozilla Foundation's Sentry release tag)
                        "HEROKU_RELEASE_VERSION", "HEROKU_SLUG_COMMIT",
                        // the operating system's (sim's sandbox forwards Windows' folders; cap's recorder reads the display)
                        "SYSTEMROOT", "COMSPEC", "TEMP", "LC_ALL", "DISPLAY", "XDG_SESSION_TYPE", "LOCALAPPDATA", "TMUX_PANE",
                        // the machine's proxy settings (rallly's outbound proxy)
                        "HTTPS_PROXY", "NO_PROXY", "HTTP_PROXY", "ALL_PROXY",
                        // a GitHub Actions runner's, read by a script a workflow runs (cognee's failure mail)
                        "GITHUB_ACTOR", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH", "RUNNER_TEMP",
                        // Cargo's, read by a procedural macro or a build script (jsr, trieve)
                        "CARGO_MANIFEST_DIR", "CARGO_PKG_VERSION", "OUT_DIR"]
        // an app's own GitHub settings keep their findings: its API token, the repository it files issues in, a GitHub
        // Enterprise URL, the commit or run a build passes into its image as the release
        let own = ["TEAM_ID_VERCEL", "VERCEL_API_KEY", "VERCEL_PROJECT", "RENDER_API_KEY", "HEROKU_API_KEY", "HEROKU_APP_NAME", "TEMP_BUCKET", "DISPLAY_NAME", "PROXY_URL",
                   "OPENAI_PROXY", "GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_SHA", "GITHUB_RUN_NUMBER", "GITHUB_REF_NAME",
                   // a build script's generic names, and an app's own names that start like Cargo's
                   "TARGET", "PROFILE", "CARGO_API_KEY", "OUT_DIR_BUCKET"]
        var reads: [String: [CodeRead]] = [:]
        for name in provided + own { reads[name] = read("lib/\(name.lowercased()).ts") }
        #expect(Self.audit(defined: [], reads: reads) == own.sorted().map { "env.referenced-missing high env:production/\($0)" })
    }

    /// Supabase's Edge Functions get their project's URL and keys from the runtime: read under `supabase/functions/`
    /// they are not missing (chatgpt-your-files, batch 14). Read by the app elsewhere, or another name read there, they are.
    @Test func namesAFunctionPlatformSetsForItsFolderAreNotMissing() {
        let reads: [String: [CodeRead]] = [
            "SUPABASE_URL": [CodeRead(location: "supabase/functions/chat/index.ts:12", place: .production, asserted: true)],
            "SUPABASE_SERVICE_ROLE_KEY": [CodeRead(location: "apps/web/supabase/functions/embed/index.ts:9", place: .production)],
            "SUPABASE_ANON_KEY": [CodeRead(location: "supabase/functions/chat/index.ts:13", place: .production),
                                  CodeRead(location: "lib/supabase.ts:4", place: .production)],
            "OPENAI_API_KEY": [CodeRead(location: "supabase/functions/chat/index.ts:20", place: .production)],
            "NEXT_RUNTIME": [CodeRead(location: "src/instrumentation.ts:3", place: .production)],
        ]
        #expect(Self.audit(defined: [], reads: reads) == ["env.referenced-missing high env:production/OPENAI_API_KEY",
                                                          "env.referenced-missing high env:production/SUPABASE_ANON_KEY"])
        #expect(EnvNeed.judge("SUPABASE_ANON_KEY", reads: reads["SUPABASE_ANON_KEY"] ?? [], defined: [], marker: nil)
                == .required(locations: ["lib/supabase.ts:4"]))
        #expect(!CodeReferences.isRuntimeProvided("SUPABASE_URL", at: "src/supabase/functionsx/a.ts:1"))
    }

    /// An operating-system name is never missing, but unlike a platform's it is not taken as set: a branch on
    /// `DISPLAY` may not run on a server.
    @Test func aConditionOnAnOperatingSystemNameIsNotSure() {
        #expect(EnvNeed.chance(CodeCondition(kind: .set, name: "DISPLAY"), defined: []) == .never)
        #expect(EnvNeed.chance(CodeCondition(kind: .set, name: "NODE_ENV"), defined: []) == .sure)
    }

    @Test func alternativesNeedOneOfThem() {
        let a = CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["POSTGRES_URL"])
        let b = CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["DATABASE_URL"])
        let reads = ["DATABASE_URL": [a], "POSTGRES_URL": [b]]
        #expect(Self.audit(defined: ["POSTGRES_URL"], missing: ["DATABASE_URL"], reads: reads) == [])
        #expect(Self.audit(defined: [], missing: ["DATABASE_URL"], reads: reads) == [
            "env.missing-in-production high env:production/DATABASE_URL|POSTGRES_URL",
        ])
        // A member production needs anyway (read elsewhere without an alternative) carries the finding alone.
        let required = ["DATABASE_URL": [a, CodeRead(location: "src/migrate.ts:4", place: .production)], "POSTGRES_URL": [b]]
        #expect(Self.audit(defined: [], reads: required) == ["env.referenced-missing high env:production/DATABASE_URL"])
    }

    /// openstatus' `createEnv({ …, skipValidation: true })`: the schema checks nothing at start, so a declaration (and
    /// its runtimeEnv line) requires a name only when production code uses it — `env.X`, `const { X } = env`, another
    /// file's own read. Uses in tests, comments and strings do not count; a schema that validates in production
    /// (`skipValidation: !!process.env.SKIP_ENV_VALIDATION`) or whose `skipValidation: true` is commented out keeps
    /// every entry required.
    @Test func anUnvalidatedSchemaRequiresOnlyWhatCodeUses() {
        func schema(_ skip: String) -> String {
            """
            import { createEnv } from "@t3-oss/env-nextjs";
            import { z } from "zod";
            export const env = createEnv({
              server: {
                RESEND_API_KEY: z.string().min(1),
                CLICKHOUSE_URL: z.string(),
                QSTASH_TOKEN: z.string(),
                TINYBIRD_TOKEN: z.string(),
                UNKEY_TOKEN: z.string(),
                UPSTASH_REDIS_REST_URL: z.string().min(1),
                BLOB_READ_WRITE_TOKEN: z.string(),
              },
              runtimeEnv: {
                RESEND_API_KEY: process.env.RESEND_API_KEY,
                CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
                QSTASH_TOKEN: process.env.QSTASH_TOKEN,
                TINYBIRD_TOKEN: process.env.TINYBIRD_TOKEN,
                UNKEY_TOKEN: process.env.UNKEY_TOKEN,
              },
              \(skip)
            });
            """
        }
        let others: [(String, String)] = [
            ("apps/web/src/lib/email.ts", "import { env } from \"@/env\";\nexport const resend = new Resend(env.RESEND_API_KEY);\n"),
            ("apps/web/src/lib/unkey.ts", "import { env } from \"@/env\";\nconst { UNKEY_TOKEN } = env;\nexport const unkey = new Unkey({ token: UNKEY_TOKEN });\n"),
            ("packages/tb/client.ts", "export const tb = new Tinybird({ token: process.env.TINYBIRD_TOKEN });\n"),
            // a library that reads it by its own convention, in another app of the monorepo or in shared code
            ("apps/server/src/libs/clients.ts", "import { Redis } from \"@upstash/redis\";\nexport const redis = Redis.fromEnv();\n"),
            ("packages/cache/src/blob.ts", "import { put } from \"@vercel/blob\";\nexport const upload = (f) => put(f.name, f);\n"),
            // not uses: a test, a comment, a string
            ("apps/web/src/lib/queue.test.ts", "import { env } from \"@/env\";\nexpect(env.QSTASH_TOKEN).toBeDefined();\n"),
            ("apps/web/src/lib/queue.ts", "// env.QSTASH_TOKEN is read by the SDK\nconst name = \"CLICKHOUSE_URL\";\n"),
        ]
        func judged(_ skip: String) -> [String] {
            let reads = EnvConditionTests.collect([("apps/web/src/env.ts", schema(skip))] + others)
            return ["BLOB_READ_WRITE_TOKEN", "CLICKHOUSE_URL", "QSTASH_TOKEN", "RESEND_API_KEY", "TINYBIRD_TOKEN", "UNKEY_TOKEN", "UPSTASH_REDIS_REST_URL"].map { name in
                name + " " + (reads[name] ?? []).map { ($0.location) + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") }.joined(separator: ", ")
            }
        }
        #expect(judged("skipValidation: true,") == [
            // (locations sorted as text: line 14 before line 5)
            // Any import of a library that reads the name counts, in whichever app, unless that file gives the library
            // the value instead (`aLibraryGivenItsNamesDoesNotReadThem`): a need of another app's process must not hide
            // behind this app's unused declaration.
            "BLOB_READ_WRITE_TOKEN apps/web/src/env.ts:11",
            "CLICKHOUSE_URL apps/web/src/env.ts:15 unvalidated-schema, apps/web/src/env.ts:6 unvalidated-schema",
            "QSTASH_TOKEN apps/web/src/env.ts:16 unvalidated-schema, apps/web/src/env.ts:7 unvalidated-schema",
            "RESEND_API_KEY apps/web/src/env.ts:14, apps/web/src/env.ts:5",
            "TINYBIRD_TOKEN apps/web/src/env.ts:17, apps/web/src/env.ts:8, packages/tb/client.ts:1",
            "UNKEY_TOKEN apps/web/src/env.ts:18, apps/web/src/env.ts:9",
            "UPSTASH_REDIS_REST_URL apps/web/src/env.ts:10",
        ])
        // A use in the schema's own file as a ternary's branch or a renamed destructuring is a use; a runtimeEnv line
        // with `as string`, `!` or a quoted key is still the schema's.
        let ownUses = EnvConditionTests.collect([("src/env.ts", "export const env = createEnv({ server: {\n  DATABASE_URL: z.string(),\n  RESEND_API_KEY: z.string(),\n"
            + "  A_URL: z.string(),\n  B_URL: z.string(),\n  C_URL: z.string(),\n}, runtimeEnv: {\n  A_URL: process.env.A_URL as string,\n  B_URL: process.env.B_URL!,\n  \"C_URL\": process.env.C_URL,\n}, skipValidation: true });\n"
            + "export const db = drizzle(process.env.VERCEL ? env.DATABASE_URL : \"file:dev.db\");\n"
            + "const { RESEND_API_KEY: apiKey } = env;\n")])
        #expect(["DATABASE_URL", "RESEND_API_KEY", "A_URL", "B_URL", "C_URL"].map { (ownUses[$0] ?? []).map { $0.location + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") } } == [
            ["src/env.ts:2"], ["src/env.ts:3"],
            ["src/env.ts:4 unvalidated-schema", "src/env.ts:8 unvalidated-schema"],
            ["src/env.ts:5 unvalidated-schema", "src/env.ts:9 unvalidated-schema"],
            ["src/env.ts:10 unvalidated-schema", "src/env.ts:6 unvalidated-schema"],
        ])
        // A plain read beside the schema, in its own file, is judged as usual: not a declaration.
        let plain = EnvConditionTests.collect([("src/env.ts", "export const env = createEnv({ server: {\n  STRIPE_SECRET_KEY: z.string(),\n}, runtimeEnv: process.env, skipValidation: true });\n"
                                                + "export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n")])
        #expect((plain["STRIPE_SECRET_KEY"] ?? []).map { $0.location + ($0.fallback.map { " " + $0.kind.rawValue } ?? "") }
                == ["src/env.ts:2 unvalidated-schema", "src/env.ts:4"])
        for validating in ["skipValidation: !!process.env.SKIP_ENV_VALIDATION,", "// skipValidation: true,", "skipValidation: false,"] {
            #expect(judged(validating).allSatisfy { !$0.contains("unvalidated") }, "\(validating)")
        }
        // From reads to findings: the unused declaration is info at most and says why; a used one stays high.
        let reads = EnvConditionTests.collect([("apps/web/src/env.ts", schema("skipValidation: true,"))] + others)
        let audit = Self.audit(defined: [], missing: ["CLICKHOUSE_URL", "RESEND_API_KEY"], reads: reads)
        #expect(audit.filter { $0.contains("CLICKHOUSE_URL") || $0.contains("RESEND_API_KEY") } == [
            "env.missing-in-production high env:production/RESEND_API_KEY",
            "env.missing-in-production info env:production/CLICKHOUSE_URL",
        ])
        #expect(EnvNeed.judge("CLICKHOUSE_URL", reads: reads["CLICKHOUSE_URL"] ?? [], defined: [], marker: nil) == .optional(because: [
            "declared at apps/web/src/env.ts:15 in an env schema that skips validation, and no production code uses it",
            "declared at apps/web/src/env.ts:6 in an env schema that skips validation, and no production code uses it",
        ]))
    }

    /// dub's Slack, HubSpot and Google Ads apps, openstatus' notification channels: credentials read only in one
    /// integration's folder are needed when that integration is used — medium, and not a gate.
    @Test func anIntegrationsCredentialIsNeededWhenItIsUsed() throws {
        let reads: [String: [CodeRead]] = [
            "SLACK_CLIENT_SECRET": [CodeRead(location: "apps/web/lib/integrations/slack/oauth.ts:12", place: .production),
                                    CodeRead(location: "apps/web/lib/integrations/slack/install.ts:3", place: .production)],
            "TELEGRAM_BOT_TOKEN": [CodeRead(location: "packages/notifications/telegram/src/index.ts:82", place: .production)],
            // two integrations read it: no one integration's
            "SHARED_WEBHOOK_KEY": [CodeRead(location: "lib/integrations/slack/a.ts:1", place: .production),
                                   CodeRead(location: "lib/integrations/hubspot/b.ts:1", place: .production)],
            // read by the app too: required
            "RESEND_API_KEY": [CodeRead(location: "lib/integrations/resend/a.ts:1", place: .production),
                               CodeRead(location: "lib/email.ts:4", place: .production)],
            // a file directly in `integrations/` is the integrations' shared code, not one integration
            "INTEGRATIONS_SECRET": [CodeRead(location: "lib/integrations/index.ts:2", place: .production)],
        ]
        #expect(Self.audit(defined: [], missing: ["SLACK_CLIENT_SECRET"], reads: reads) == [
            "env.referenced-missing high env:production/INTEGRATIONS_SECRET",
            "env.referenced-missing high env:production/RESEND_API_KEY",
            "env.referenced-missing high env:production/SHARED_WEBHOOK_KEY",
            "env.missing-in-production medium env:production/SLACK_CLIENT_SECRET",
            "env.referenced-missing medium env:production/TELEGRAM_BOT_TOKEN",
        ])
        #expect(try Self.gaps(missing: ["SLACK_CLIENT_SECRET"], reads: reads) == [])
    }

    @Test func optionalAndTestOnlyNamesAreInfoAtMost() throws {
        let reads: [String: [CodeRead]] = [
            "LOG_LEVEL": [CodeRead(location: "src/log.ts:1", place: .production, fallback: CodeFallback(kind: .literal, shown: "'info'"))],
            "E2E_PASSWORD": [CodeRead(location: "e2e/a.spec.ts:1", place: .test)],
            "SENTRY_DSN": [CodeRead(location: "src/sentry.ts:1", place: .production)],
            "STRIPE_SECRET_KEY": [CodeRead(location: "src/pay.ts:1", place: .production, fallback: CodeFallback(kind: .empty))],
            "SENTRY_ORG": [CodeRead(location: "next.config.mjs:9", place: .production, fallback: CodeFallback(kind: .setupOption))],
        ]
        let marker = EnvOptionalName(name: "SENTRY_DSN", marker: .commentedOut, location: ".env.example:4")
        let found = Self.audit(defined: [], missing: ["LOG_LEVEL", "E2E_PASSWORD"], reads: reads, optional: [marker])
        #expect(found == [
            "env.referenced-missing high env:production/STRIPE_SECRET_KEY",
            "env.missing-in-production info env:production/E2E_PASSWORD",
            "env.missing-in-production info env:production/LOG_LEVEL",
            "env.referenced-missing info env:production/SENTRY_DSN",
            "env.referenced-missing info env:production/SENTRY_ORG",
        ])
        var s = HealthyExample.snapshot()
        s.env.data?.environments[0].variables = []
        Edit.codeReads(&s, reads)
        let report = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let log = try #require(report.findings.first { $0.id == "env.referenced-missing" && $0.subject.hasSuffix("/LOG_LEVEL") })
        #expect(log.evidence == ["optional: defaults to 'info' at src/log.ts:1"])
        let org = try #require(report.findings.first { $0.id == "env.referenced-missing" && $0.subject.hasSuffix("/SENTRY_ORG") })
        #expect(org.evidence == ["optional: an option of Sentry's setup at next.config.mjs:9, which runs without it"])
    }

    /// From code to finding: a route that answers an error status without the variable keeps it required (dub's
    /// `CRON_SECRET`, read by a helper that throws and a route that answers 401); one that answers 404 hides an
    /// optional feature (openstatus' WorkOS webhook).
    @Test func aRouteThatFailsClosedNeedsTheVariable() {
        var collector = CodeReferences.Collector()
        collector.add("const cronSecret = process.env.CRON_SECRET;\nexport const verify = async (req: Request) => {\n  if (!cronSecret) {\n    throw new ApiError('not set');\n  }\n};",
                      path: "apps/web/lib/cron/verify-vercel.ts")
        collector.add("export const POST = async (req: Request) => {\n  const secret = process.env.CRON_SECRET;\n  if (!secret || auth !== `Bearer ${secret}`) {\n    return new Response('Unauthorized', { status: 401 });\n  }\n};",
                      path: "apps/web/app/api/ai/sync-embeddings/route.ts")
        collector.add("export async function POST(req: NextRequest) {\n  const secret = process.env.WORKOS_WEBHOOK_SECRET;\n  if (!isWorkOSConfigured() || !secret) {\n    return new Response('Not found', { status: 404 });\n  }\n}",
                      path: "apps/dashboard/src/app/api/webhooks/workos/route.ts")
        let reads = Dictionary(uniqueKeysWithValues: collector.references().map { ($0.name, $0.effectiveReads) })
        #expect(Self.audit(defined: [], reads: reads) == [
            "env.referenced-missing high env:production/CRON_SECRET",
            "env.referenced-missing info env:production/WORKOS_WEBHOOK_SECRET",
        ])
    }

    @Test func clientExposedNamesAreJudgedByTheirWords() {
        let secret = ["NEXT_PUBLIC_STRIPE_SECRET_KEY", "VITE_OPENAI_API_KEY", "REACT_APP_DB_PASSWORD", "EXPO_PUBLIC_GITHUB_TOKEN",
                      "NUXT_PUBLIC_AWS_SECRET_ACCESS_KEY", "GATSBY_CONTENTFUL_ACCESS_TOKEN", "PUBLIC_SUPABASE_SERVICE_ROLE_KEY",
                      "NEXT_PUBLIC_AUTH0_CLIENT_SECRET", "VUE_APP_SMTP_PASS", "NEXT_PUBLIC_STRIPE_KEY"]
        for name in secret { #expect(CodeReferences.isClientExposedSecret(name), "\(name)") }
        let notSecret = ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "NEXT_PUBLIC_SUPABASE_ANON_KEY", "VITE_API_URL", "STRIPE_SECRET_KEY",
                         "NEXT_PUBLIC_RECAPTCHA_SITE_KEY", "RECAPTCHA_SITE_KEY", "NEXT_PUBLIC_DISABLE_PASSWORD_LOGIN", "NEXT_PUBLIC_POSTHOG_KEY",
                         "NEXT_PUBLIC_FIREBASE_API_KEY", "NEXT_PUBLIC_GOOGLE_MAPS_API_KEY", "NEXT_PUBLIC_MAPBOX_TOKEN", "NEXT_PUBLIC_TOKEN_URL",
                         "NEXT_PUBLIC_PASSWORD_MIN_LENGTH", "VITE_ENABLE_API_KEY_AUTH", "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
                         "NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY", "NEXT_PUBLIC_SEGMENT_WRITE_KEY", "NEXT_PUBLIC_GOOGLE_CLIENT_ID",
                         "NEXT_PUBLIC_TURNSTILE_SITE_KEY", "PUBLIC_KEY", "NEXT_PUBLIC_KEYCLOAK_URL", "NEXT_PUBLIC_SECRETS_PAGE_URL",
                         // a captcha site key whichever vendor issues it (refly's Cloudflare Turnstile key, batch 7)
                         "PUBLIC_CLOUDFLARE_SITE_KEY", "NEXT_PUBLIC_CF_SITEKEY",
                         // a public demo's login, shown to visitors (linkwarden, batch 6)
                         "NEXT_PUBLIC_DEMO_PASSWORD", "NEXT_PUBLIC_DEMO_USER_PASSWORD",
                         // an anon or publishable key whatever the words before it (chat-langchain's regional Supabase
                         // projects, batch 14: `AWS` names where the project runs)
                         "NEXT_PUBLIC_SUPABASE_AWS_ANON_KEY", "VITE_SUPABASE_EU_ANON_KEY", "NEXT_PUBLIC_AWS_PUBLISHABLE_KEY",
                         // Paddle's client-side token, which Paddle.js is initialised with (civitai, batch 37)
                         "NEXT_PUBLIC_PADDLE_TOKEN", "VITE_PADDLE_TOKEN", "NEXT_PUBLIC_PADDLE_CLIENT_TOKEN", "NEXT_PUBLIC_PADDLE_SANDBOX_TOKEN"]
        for name in notSecret { #expect(!CodeReferences.isClientExposedSecret(name), "\(name)") }
        #expect(EnvNameTokens.clientExposedSecret("NEXT_PUBLIC_STRIPE_KEY")?.confidence == .possible)
        // severity follows confidence: a key some vendors issue for browsers is not a blocker; a server vendor's is
        let vendorKeys = ["NEXT_PUBLIC_GIPHY_API_KEY", "NEXT_PUBLIC_GOOGLE_API_KEY", "NEXT_PUBLIC_AXIOM_TOKEN", "NEXT_PUBLIC_UNSPLASH_ACCESS_KEY",
                          "GATSBY_CONTENTFUL_ACCESS_TOKEN", "NEXT_PUBLIC_PEXELS_API_KEY", "NEXT_PUBLIC_GOOGLE_FONTS_API_KEY"]
        for name in vendorKeys { #expect(EnvNameTokens.clientExposedSecret(name)?.confidence == .vendorKey, "\(name)") }
        let certain = ["VITE_OPENAI_API_KEY", "EXPO_PUBLIC_GITHUB_TOKEN", "NEXT_PUBLIC_GEMINI_API_KEY", "NEXT_PUBLIC_STRIPE_API_KEY",
                       "NEXT_PUBLIC_SENTRY_AUTH_TOKEN", "NEXT_PUBLIC_ADMIN_TOKEN", "REACT_APP_DB_PASSWORD", "NEXT_PUBLIC_AUTH0_CLIENT_SECRET",
                       "NEXT_PUBLIC_GOOGLE_PRIVATE_KEY", "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN", "VITE_AWS_ACCESS_KEY",
                       // Paddle's server key and its other tokens are not its browser token
                       "NEXT_PUBLIC_PADDLE_API_KEY", "NEXT_PUBLIC_PADDLE_ACCESS_TOKEN", "NEXT_PUBLIC_PADDLE_WEBHOOK_TOKEN",
                       "NEXT_PUBLIC_PADDLE_SECRET_TOKEN", "NEXT_PUBLIC_PADDLE_BACKEND_TOKEN", "NEXT_PUBLIC_PADDLE_API_TOKEN",
                       "NEXT_PUBLIC_PADDLE_LIVE_API_TOKEN", "NEXT_PUBLIC_PADDLE_NOTIFICATION_TOKEN", "NEXT_PUBLIC_PADDLE_SIGNING_TOKEN",
                       "NEXT_PUBLIC_PADDLE_VENDOR_TOKEN",
                       // the review's misses: a vendor split in words, AI and search APIs, role words, no vendor at all
                       "NEXT_PUBLIC_OPEN_AI_API_KEY", "VITE_GOOGLE_GENERATIVE_AI_API_KEY", "NEXT_PUBLIC_TAVILY_API_KEY",
                       "NEXT_PUBLIC_LEMONSQUEEZY_API_KEY", "NEXT_PUBLIC_SANITY_API_WRITE_TOKEN", "NEXT_PUBLIC_CONTENTFUL_MANAGEMENT_TOKEN",
                       "NEXT_PUBLIC_TWITTER_BEARER_TOKEN", "NEXT_PUBLIC_INTERNAL_API_KEY", "VITE_API_KEY", "VITE_APIKEY", "NEXT_PUBLIC_API_TOKEN",
                       "VITE_OPENAI_KEY", "NEXT_PUBLIC_FAL_KEY"]
        for name in certain { #expect(EnvNameTokens.clientExposedSecret(name)?.confidence == .certain, "\(name)") }
        // a payment provider's bare KEY may be its publishable key; Segment's write key is public by design
        #expect(EnvNameTokens.clientExposedSecret("NEXT_PUBLIC_STRIPE_KEY")?.confidence == .possible)
        #expect(EnvNameTokens.clientExposedSecret("NEXT_PUBLIC_SEGMENT_WRITE_KEY") == nil)
        // a public word does not make an AI or search vendor's key public
        for name in ["NEXT_PUBLIC_TAVILY_SEARCH_API_KEY", "NEXT_PUBLIC_OPENAI_CLIENT_TOKEN", "VITE_ANTHROPIC_BROWSER_KEY",
                     // a site's secret, or a server word before the site key, is no site key
                     "PUBLIC_CLOUDFLARE_SITE_SECRET", "PUBLIC_CLOUDFLARE_SITE_SECRET_KEY", "NEXT_PUBLIC_CLOUDFLARE_PRIVATE_SITE_KEY",
                     "PUBLIC_CLOUDFLARE_API_KEY",
                     // a demo word does not make a server or AI vendor's secret public
                     "NEXT_PUBLIC_DEMO_ADMIN_PASSWORD", "NEXT_PUBLIC_DEMO_OPENAI_API_KEY", "VITE_DEMO_SERVICE_ROLE_KEY",
                     // an anon word elsewhere, or a server word with it, is no anon key
                     "NEXT_PUBLIC_AWS_ANON_SECRET_KEY", "NEXT_PUBLIC_SUPABASE_SERVICE_ANON_KEY", "VITE_ANON_OPENAI_API_KEY"] {
            #expect(EnvNameTokens.clientExposedSecret(name)?.confidence == .certain, "\(name)")
        }
        #expect(EnvNameTokens.clientExposedSecret("NEXT_PUBLIC_STRIPE_SECRET_KEY") == .init(prefix: "NEXT_PUBLIC_", secretWords: "SECRET_KEY", confidence: .certain))
    }
}

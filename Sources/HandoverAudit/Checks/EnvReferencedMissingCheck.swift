import Foundation
import HandoverModel

/// Code at HEAD reads a name a production environment does not define.
///
/// Only production reads count: reads in tests, e2e specs, fixtures, scripts, stories, docs and examples do not. A read
/// with a default in code (`process.env.X ?? 'd'`, `os.getenv('X', 'd')`) or a name the reference file marks optional
/// is info; `process.env.A || process.env.B` needs one of them: nothing when production defines either, one finding
/// naming both when it defines neither. A high needs evidence that the app needs the name: the reference file lists it,
/// or a read says the code requires it (``CodeRead/asserted``, a check that stops); a plain read of a name the kept
/// reference file leaves out is medium, saying so (``EnvNeed/unconfirmed(_:reads:unrecorded:at:inventory:)``).
///
/// One variable, one finding: a name the reference file lists is `env.missing-in-production`'s, which cites the same
/// reads, so this check reports only the names (and groups) the reference file leaves out.
package enum EnvReferencedMissingCheck: AuditCheck {
    package static let id = "env.referenced-missing"
    package static let severity = Severity.high
    package static let title = "Code reads an env var production does not define"
    package static let impact = "The code path that reads it (often login, checkout or a webhook) fails or falls back to a default in production."
    package static let remediation = "Set the variable in production, or remove the reference; platform-set names (PORT, NODE_ENV, …) are not flagged."
    package static let reference = "docs/manifest.md: environments; The Twelve-Factor App §III"
    package static let sections: [SectionName] = [.env]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let inventory = c.snapshot.env.collectedValue, inventory.codeReferences != nil else { return [] }
        let reads = inventory.readsByName, markers = inventory.optionalMarkers
        let unrecorded = Set((inventory.codeReferences ?? []).filter { $0.reads == nil }.map(\.name))
        let providers = NameSort.modelProviders(reads)
        return inventory.environments.filter { $0.production && $0.hasInventory }.flatMap { env -> [Observation] in
            let defined = Set(env.variables.map(\.name)), reported = Set(env.missingFromReference)
            let needs = reads.keys.filter { !defined.contains($0) && !EnvNeed.isNeverDefined($0) }.sorted().map { name in
                (name, EnvNeed.judge(name, reads: reads[name] ?? [], defined: defined, marker: markers[name], modelProviders: providers))
            }
            let requiredNames = Set(needs.filter { $0.1.hasOwnFinding }.map(\.0))
            // a high, or a medium saying why nothing shows the app needs it (``EnvNeed/unconfirmed``)
            func needed(_ names: [String], _ evidence: String, at locations: [String]) -> Observation {
                let subject = "env:\(env.name)/\(names.joined(separator: "|"))"
                guard let doubt = EnvNeed.unconfirmed(names, reads: reads, unrecorded: unrecorded, at: locations, inventory: inventory)
                else { return Observation(subject, [evidence]) }
                return Observation(subject, [evidence, doubt], severity: .medium)
            }
            var groups: Set<String> = []
            return needs.compactMap { name, need -> Observation? in
                // `env.missing-in-production` reports it; a group, when it judges a listed member one of the group too
                // (a member the reference file marks optional is that check's info, and the group stays here)
                if case .oneOf(let names, _) = need {
                    let owned = names.contains { member in
                        guard reported.contains(member), case .oneOf = EnvNeed.judge(member, reads: reads[member] ?? [], defined: defined,
                                                                                   marker: markers[member], modelProviders: providers)
                        else { return false }
                        return true
                    }
                    if owned { return nil }
                } else if reported.contains(name) { return nil }
                switch need {
                case .required(let locations):
                    return needed([name], "read at " + EnvNeed.list(locations), at: locations)
                case .oneOf(let names, let locations):
                    // A member production needs anyway has its own finding; defining it settles the group.
                    guard requiredNames.isDisjoint(with: names), groups.insert(names.joined(separator: "|")).inserted else { return nil }
                    let text = "read at \(EnvNeed.list(locations)) as one of \(names.joined(separator: ", ")); production defines none of them"
                    if let reason = NameSort.groupReason(names, reads: reads, at: locations) {
                        return Observation("env:\(env.name)/\(names.joined(separator: "|"))", [text, reason], severity: .medium)
                    }
                    return needed(names, text, at: locations)
                case .conditional(let reasons, let possible):
                    return Observation("env:\(env.name)/\(name)", ["conditional: " + reasons.joined(separator: "; ")], severity: possible ? .medium : .info)
                case .optional(let because):
                    return Observation("env:\(env.name)/\(name)", ["optional: " + because.joined(separator: "; ")], severity: .info)
                case .lesser(let sort, let word, let locations):
                    return Observation("env:\(env.name)/\(name)", [sort.text(word, locations)], severity: .medium)
                case .integration(let folder, let locations):
                    return Observation("env:\(env.name)/\(name)", [EnvNeed.integrationText(folder, locations)], severity: .medium)
                case .notInProduction, .satisfied, .unread, .byLibrary:
                    // A library's convention is not the project's read: only the reference file's name is judged.
                    return nil
                }
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("REDIS_URL read, not defined") { s in Edit.codeReads(&s, "REDIS_URL", at: "src/queue.ts:3") },
        .triggers("a flag read without a default: unset is off (info)", severity: .info) { s in
            Edit.codeReads(&s, "NEXT_DEBUG_AUTH", at: "lib/debugger.ts:7")
        },
        .triggers("a tuning setting read without a default (medium)", severity: .medium) { s in
            Edit.codeReads(&s, "REDIS_CLUSTER_TTL", at: "libs/dal/src/redis.ts:53")
        },
        .triggers("a flag word does not excuse a credential", severity: .high) { s in
            Edit.codeReads(&s, "FEATURE_FLAGS_API_KEY", at: "lib/flags.ts:2")
        },
        .passes("listed in the reference file too: one finding, env.missing-in-production's", alsoFires: [EnvMissingInProductionCheck.id]) { s in
            Edit.codeReads(&s, "REDIS_URL", at: "src/queue.ts:3")
            s.env.data?.environments[0].missingFromReference = ["REDIS_URL"]
        },
        .passes("a group with a listed name: env.missing-in-production's", alsoFires: [EnvMissingInProductionCheck.id]) { s in
            Edit.codeReads(&s, ["POSTGRES_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["PG_URL"])],
                                "PG_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["POSTGRES_URL"])]])
            s.env.data?.environments[0].missingFromReference = ["PG_URL"]
        },
        .triggers("a group whose listed member the reference file marks optional: the group stays here",
                  alsoFires: [EnvMissingInProductionCheck.id]) { s in
            Edit.codeReads(&s, ["STORE_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["KV_URL"])],
                                "KV_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["STORE_URL"])]])
            s.env.data?.environments[0].missingFromReference = ["KV_URL"]
            Edit.listedInReference(&s, ["KV_URL"])
            s.env.data?.referenceOptional = [EnvOptionalName(name: "KV_URL", marker: .comment, location: ".env.example:3")]
        },
        .passes("PORT is set by the platform") { s in Edit.codeReads(&s, "PORT", at: "server.js:1") },
        .passes("defined") { s in Edit.codeReads(&s, "DATABASE_URL", at: "db.ts:1") },
        .triggers("a default in code (info)", severity: .info) { s in
            Edit.codeReads(&s, ["LOG_FORMAT": [CodeRead(location: "src/log.ts:2", place: .production, fallback: CodeFallback(kind: .literal, shown: "'json'"))]])
        },
        .triggers("optional in the reference, read without a default (info)", severity: .info) { s in
            Edit.codeReads(&s, ["POSTHOG_HOST": [CodeRead(location: "src/analytics.ts:4", place: .production)]])
            s.env.data?.referenceOptional = [EnvOptionalName(name: "POSTHOG_HOST", marker: .section, location: ".env.example:20")]
        },
        .triggers("an empty fallback does not make a credential optional") { s in
            Edit.codeReads(&s, ["RESEND_API_KEY": [CodeRead(location: "src/mail.ts:1", place: .production, fallback: CodeFallback(kind: .empty))]])
            Edit.listedInReference(&s, ["RESEND_API_KEY"])
        },
        .triggers("a placeholder default is no credential (rules 2026.12.106)") { s in
            Edit.codeReads(&s, ["METABASE_TOKEN": [CodeRead(location: "src/config.ts:186", place: .production, fallback: CodeFallback(kind: .placeholder))]])
            Edit.listedInReference(&s, ["METABASE_TOKEN"])
        },
        .triggers("an empty fallback makes a setting optional (info)", severity: .info) { s in
            Edit.codeReads(&s, ["SENTRY_ENVIRONMENT": [CodeRead(location: "src/sentry.ts:1", place: .production, fallback: CodeFallback(kind: .empty))]])
        },
        .passes("read only in tests, e2e specs and scripts") { s in
            Edit.codeReads(&s, ["E2E_USER_PASSWORD": [CodeRead(location: "e2e/login.spec.ts:3", place: .test),
                                                      CodeRead(location: "scripts/seed.ts:9", place: .script)]])
        },
        .passes("A || B with B defined") { s in
            Edit.codeReads(&s, ["POSTGRES_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["DATABASE_URL"])]])
        },
        .triggers("read only in a branch another variable selects, which production does not define (info)", severity: .info) { s in
            Edit.codeReads(&s, ["AZURE_ACCOUNT_KEY": [CodeRead(location: "src/azure.ts:3", place: .production,
                                                               conditions: [CodeCondition(kind: .equals, name: "UPLOAD_TRANSPORT", value: "'azure'")])]])
        },
        .triggers("read only where NODE_ENV is not 'production' (a dev-only route; info)", severity: .info) { s in
            Edit.codeReads(&s, ["QA_SECRET": [CodeRead(location: "app/api/qa/route.ts:31", place: .production,
                                                       conditions: [CodeCondition(kind: .differs, name: "NODE_ENV", value: "'production'")])]])
        },
        .triggers("read only where NODE_ENV is not 'development': production runs it", severity: .high) { s in
            Edit.codeReads(&s, ["SENTRY_AUTH": [CodeRead(location: "src/report.ts:8", place: .production,
                                                         conditions: [CodeCondition(kind: .differs, name: "NODE_ENV", value: "'development'")])]])
            Edit.listedInReference(&s, ["SENTRY_AUTH"])
        },
        .triggers("read only where a variable production does not define is not 's3': production runs it", severity: .high) { s in
            Edit.codeReads(&s, ["UPLOAD_DIR": [CodeRead(location: "src/store.ts:8", place: .production,
                                                        conditions: [CodeCondition(kind: .differs, name: "STORAGE", value: "'s3'")])]])
            Edit.listedInReference(&s, ["UPLOAD_DIR"])
        },
        .triggers("read after `if (VERCEL_ENV === 'preview') return`: production's value is another", severity: .high) { s in
            Edit.codeReads(&s, ["CRON_SECRET": [CodeRead(location: "app/api/cron/route.ts:6", place: .production,
                                                         conditions: [CodeCondition(kind: .differs, name: "VERCEL_ENV", value: "'preview'")])]])
            Edit.listedInReference(&s, ["CRON_SECRET"])
        },
        .triggers("read after a kill switch production defines (`if (MAINTENANCE_MODE === 'true') return 503`)", severity: .high) { s in
            Edit.codeReads(&s, ["STRIPE_KEY": [CodeRead(location: "app/api/pay/route.ts:6", place: .production,
                                                        conditions: [CodeCondition(kind: .differs, name: "MAINTENANCE_MODE", value: "'true'")])],
                                "MAINTENANCE_MODE": [CodeRead(location: "app/api/pay/route.ts:3", place: .production,
                                                              fallback: CodeFallback(kind: .selector))]])
            Edit.listedInReference(&s, ["STRIPE_KEY"])
            s.env.data?.environments[0].variables.append(EnvVariable(name: "MAINTENANCE_MODE",
                                                                     definitions: [EnvDefinition(file: ".env.production", line: 3, shape: .looksFine)]))
        },
        .triggers("read inside its own `!==` test: unset passes that test, so it is still needed", severity: .high) { s in
            Edit.codeReads(&s, ["REGION_CODE": [CodeRead(location: "src/geo.ts:4", place: .production,
                                                         conditions: [CodeCondition(kind: .differs, name: "REGION_CODE", value: "'eu'")])]])
            Edit.listedInReference(&s, ["REGION_CODE"])
        },
        .triggers("read only in a branch selected by a value production may have (medium)", severity: .medium) { s in
            Edit.codeReads(&s, ["LOG_DRAIN_TOKEN": [CodeRead(location: "src/log.ts:9", place: .production,
                                                             conditions: [CodeCondition(kind: .equals, name: "LOG_LEVEL", value: "'debug'")])]])
        },
        .triggers("read under a presence guard production satisfies: needed") { s in
            Edit.codeReads(&s, ["STRIPE_WEBHOOK_SIGNING": [CodeRead(location: "src/billing.ts:4", place: .production,
                                                                    conditions: [CodeCondition(kind: .set, name: "STRIPE_SECRET_KEY")])]])
            Edit.listedInReference(&s, ["STRIPE_WEBHOOK_SIGNING"])
        },
        .triggers("read only in the else of another name's presence test, which production does not define: an alternative (medium)",
                  severity: .medium) { s in
            Edit.codeReads(&s, ["POSTGRES_HOST": [CodeRead(location: "settings.py:12", place: .production, conditions: [CodeCondition(kind: .unset, name: "PRIMARY_DB_URL")])]])
            Edit.listedInReference(&s, ["POSTGRES_HOST"])
        },
        .triggers("read only in the else of a presence test production satisfies: never runs (info)", severity: .info) { s in
            // the healthy example's production defines DATABASE_URL
            Edit.codeReads(&s, ["POSTGRES_HOST": [CodeRead(location: "settings.py:12", place: .production, conditions: [CodeCondition(kind: .unset, name: "DATABASE_URL")])]])
            Edit.listedInReference(&s, ["POSTGRES_HOST"])
        },
        .triggers("conditional here, unconditional elsewhere: needed") { s in
            Edit.codeReads(&s, ["AZURE_ACCOUNT_KEY": [
                CodeRead(location: "src/azure.ts:3", place: .production, conditions: [CodeCondition(kind: .equals, name: "UPLOAD_TRANSPORT", value: "'azure'")]),
                CodeRead(location: "src/boot.ts:1", place: .production)]])
            Edit.listedInReference(&s, ["AZURE_ACCOUNT_KEY"])
        },
        .triggers("read inside its own presence guard (info)", severity: .info) { s in
            Edit.codeReads(&s, ["REPLICA_URLS": [CodeRead(location: "src/db.ts:8", place: .production, conditions: [CodeCondition(kind: .set, name: "REPLICA_URLS")])]])
        },
        .triggers("a check that throws where another read handles it unset gates a feature (info)", severity: .info) { s in
            Edit.codeReads(&s, ["LICENSE_KEY": [CodeRead(location: "src/gate.ts:4", place: .production, fallback: CodeFallback(kind: .enforced)),
                                                CodeRead(location: "src/telemetry.ts:2", place: .production, fallback: CodeFallback(kind: .presenceCheck))]])
        },
        .triggers("a check that throws, and no read handles it unset: needed") { s in
            Edit.codeReads(&s, ["STRIPE_PRICE_ID": [CodeRead(location: "src/checkout.ts:4", place: .production, fallback: CodeFallback(kind: .enforced))]])
        },
        .triggers("A || B with neither defined: one finding naming both") { s in
            Edit.codeReads(&s, ["POSTGRES_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["PG_URL"])],
                                "PG_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["POSTGRES_URL"])]])
            Edit.listedInReference(&s, ["PG_URL"])
        },
        // A high needs evidence the app needs the name: the reference file lists it, or a read asserts it.
        .triggers("a plain read of a name the reference file leaves out, nothing asserting it (medium)", severity: .medium) { s in
            Edit.codeReads(&s, ["SLACK_WEBHOOK_URL": [CodeRead(location: "src/notify.ts:3", place: .production)]])
        },
        .triggers("A || B, neither listed, nothing asserting them (medium)", severity: .medium) { s in
            Edit.codeReads(&s, ["POSTGRES_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["PG_URL"])],
                                "PG_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["POSTGRES_URL"])]])
        },
        .triggers("left out of the reference file, but a read asserts it (`!`, a schema entry, `os.environ[…]`): needed") { s in
            Edit.codeReads(&s, ["SLACK_WEBHOOK_URL": [CodeRead(location: "src/notify.ts:3", place: .production),
                                                      CodeRead(location: "src/env.ts:9", place: .production, asserted: true)]])
        },
        .triggers("left out of the reference file, and a check stops without it: needed") { s in
            Edit.codeReads(&s, ["SLACK_WEBHOOK_URL": [CodeRead(location: "src/notify.ts:3", place: .production, fallback: CodeFallback(kind: .enforced))]])
        },
        .triggers("no reference file was read: a plain read is needed") { s in
            Edit.codeReads(&s, ["SLACK_WEBHOOK_URL": [CodeRead(location: "src/notify.ts:3", place: .production)]])
            s.env.data?.reference?.status = .missing
        },
        .triggers("an older snapshot, which did not record how the code reads it: needed") { s in
            Edit.codeReads(&s, "SLACK_WEBHOOK_URL", at: "src/notify.ts:3")
        },
    ]
}

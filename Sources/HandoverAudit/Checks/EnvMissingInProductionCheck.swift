import Foundation
import HandoverModel

/// A name from the env reference file is not defined in a production environment.
///
/// Names the reference file marks optional, names the code reads only with a default, and names only tests or
/// scripts read are info; a name whose `A || B` alternative production defines is not a finding; a group production
/// defines none of is one finding naming all of it.
package enum EnvMissingInProductionCheck: AuditCheck {
    package static let id = "env.missing-in-production"
    package static let severity = Severity.high
    package static let title = "Env var missing from production"
    package static let impact = "Code that reads this variable fails or falls back to a default in production."
    package static let remediation = "Set the variable in the production environment (names only are compared; values are never read)."
    package static let reference = "docs/manifest.md: env.reference"
    package static let sections: [SectionName] = [.env]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let inventory = c.snapshot.env.collectedValue else { return [] }
        let reads = inventory.readsByName, markers = inventory.optionalMarkers
        let providers = NameSort.modelProviders(reads)
        // Without an inventory nothing is known missing: `env.production-inventory-missing` says so once.
        return inventory.environments.filter { $0.production && $0.hasInventory }.flatMap { env -> [Observation] in
            let defined = Set(env.variables.map(\.name))
            let base = "in the reference file, not in \(env.files.map(\.path).joined(separator: ", "))"
            func need(_ name: String) -> EnvNeed { EnvNeed.judge(name, reads: reads[name] ?? [], defined: defined, marker: markers[name], modelProviders: providers) }
            var groups: Set<String> = []
            func observe(_ name: String, _ judged: EnvNeed) -> Observation? {
                switch judged {
                case .required(let locations):
                    if let doubt = EnvNeed.nullInReference(reads: reads[name] ?? [], marker: markers[name]) {
                        return Observation("env:\(env.name)/\(name)", [base, "read at " + EnvNeed.list(locations), doubt], severity: .medium)
                    }
                    return Observation("env:\(env.name)/\(name)", [base, "read at " + EnvNeed.list(locations)])
                case .lesser(let sort, let word, let locations):
                    return Observation("env:\(env.name)/\(name)", [base, sort.text(word, locations)], severity: .medium)
                case .integration(let folder, let locations):
                    return Observation("env:\(env.name)/\(name)", [base, EnvNeed.integrationText(folder, locations)], severity: .medium)
                case .byLibrary(let library, let imports):
                    return Observation("env:\(env.name)/\(name)", [base, "read by \(library) by convention, imported at " + EnvNeed.list(imports)])
                case .unread where inventory.codeReferences == nil:
                    return Observation("env:\(env.name)/\(name)", [base])
                case .unread:
                    // The reference file alone says it is needed: a stale entry, or read where nothing looks.
                    return Observation("env:\(env.name)/\(name)", [base, "no code at HEAD reads it, and no library handover knows reads it by convention"],
                                       severity: .medium)
                case .oneOf(let names, let locations):
                    let others = names.filter { $0 != name }
                    guard !others.contains(where: { need($0).hasOwnFinding }),
                          groups.insert(names.joined(separator: "|")).inserted
                    else { return nil }
                    let text = "read at \(EnvNeed.list(locations)) as one of \(names.joined(separator: ", ")); production defines none of them"
                    if let reason = NameSort.groupReason(names, reads: reads, at: locations) {
                        return Observation("env:\(env.name)/\(names.joined(separator: "|"))", [base, text, reason], severity: .medium)
                    }
                    return Observation("env:\(env.name)/\(names.joined(separator: "|"))", [base, text])
                case .conditional(let reasons, let possible):
                    return Observation("env:\(env.name)/\(name)", [base, "conditional: " + reasons.joined(separator: "; ")], severity: possible ? .medium : .info)
                case .optional(let because):
                    return Observation("env:\(env.name)/\(name)", [base, "optional: " + because.joined(separator: "; ")], severity: .info)
                case .notInProduction(let locations):
                    return Observation("env:\(env.name)/\(name)", [base, EnvNeed.outsideProduction(locations, reads: reads[name] ?? [])], severity: .info)
                case .satisfied:
                    return nil
                }
            }
            return env.missingFromReference.compactMap { name -> Observation? in
                let judged = need(name)
                guard var observation = observe(name, judged) else { return nil }
                // `NODE_ENV`, `PORT`: the platform, the framework or the image (`ENV NODE_ENV=production`) sets them, so
                // an env file without them says nothing of the running process — worth a look, not a high (a group, only
                // when the platform sets every name of it).
                let names = if case .oneOf(let names, _) = judged { names } else { [name] }
                if names.allSatisfy(EnvNeed.isNeverDefined), (observation.severity ?? severity) < .medium {
                    observation.severity = .medium
                    observation.evidence.append("\(name) is usually set by the platform, the framework or the image (a Dockerfile's `ENV`), not by the env file: check that production's process has it")
                }
                return observation
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("STRIPE_WEBHOOK_SECRET missing") { s in s.env.data?.environments[0].missingFromReference = ["STRIPE_WEBHOOK_SECRET"] },
        .passes("staging may lack it") { s in s.env.data?.environments[1].missingFromReference = ["STRIPE_WEBHOOK_SECRET"] },
        .triggers("marked optional by the reference file (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["POSTHOG_HOST"]
            s.env.data?.referenceOptional = [EnvOptionalName(name: "POSTHOG_HOST", marker: .comment, location: ".env.example:7")]
        },
        .triggers("read with a default in code (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["LOG_FORMAT"]
            Edit.codeReads(&s, ["LOG_FORMAT": [CodeRead(location: "src/log.ts:1", place: .production, fallback: CodeFallback(kind: .literal, shown: "'json'"))]])
        },
        .triggers("read only by the e2e suite (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["E2E_PASSWORD"]
            Edit.codeReads(&s, ["E2E_PASSWORD": [CodeRead(location: "e2e/auth.spec.ts:4", place: .test)]])
        },
        .triggers("read only by a module nothing in the repository imports or runs (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["ROOT_KEY"]
            Edit.codeReads(&s, ["ROOT_KEY": [CodeRead(location: "littercoin/run/sign-tx.mjs:28", place: .unreached)]])
        },
        .triggers("read by a module nothing runs and by the app (high)") { s in
            s.env.data?.environments[0].missingFromReference = ["ROOT_KEY"]
            Edit.codeReads(&s, ["ROOT_KEY": [CodeRead(location: "littercoin/run/sign-tx.mjs:28", place: .unreached),
                                             CodeRead(location: "app/wallet.ts:3", place: .production)]])
        },
        .triggers("read only when a provider production does not choose is chosen (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["INNGEST_EVENT_KEY"]
            Edit.codeReads(&s, ["INNGEST_EVENT_KEY": [CodeRead(location: "src/jobs.ts:26", place: .production,
                                                               conditions: [CodeCondition(kind: .equals, name: "JOBS_PROVIDER", value: "'inngest'")])]])
        },
        .triggers("set to null in the reference file, read without a default (medium)", severity: .medium) { s in
            s.env.data?.environments[0].missingFromReference = ["REDIS_PASSWORD"]
            s.env.data?.referenceOptional = [EnvOptionalName(name: "REDIS_PASSWORD", marker: .nullValue, location: ".env.example:24")]
            Edit.codeReads(&s, ["REDIS_PASSWORD": [CodeRead(location: "config/database.php:146", place: .production),
                                                   CodeRead(location: "tests/RedisTest.php:3", place: .test, asserted: true)]])
        },
        .triggers("set to null in the reference file, but a read asserts it is set (high)", severity: .high) { s in
            s.env.data?.environments[0].missingFromReference = ["REDIS_PASSWORD"]
            s.env.data?.referenceOptional = [EnvOptionalName(name: "REDIS_PASSWORD", marker: .nullValue, location: ".env.example:24")]
            Edit.codeReads(&s, ["REDIS_PASSWORD": [CodeRead(location: "config/database.php:146", place: .production, asserted: true)]])
        },
        .triggers("set to null in the reference file, read by node, where null is a string (high)", severity: .high) { s in
            s.env.data?.environments[0].missingFromReference = ["STRIPE_SECRET_KEY"]
            s.env.data?.referenceOptional = [EnvOptionalName(name: "STRIPE_SECRET_KEY", marker: .nullValue, location: ".env.example:1")]
            Edit.codeReads(&s, ["STRIPE_SECRET_KEY": [CodeRead(location: "config/services.php:9", place: .production),
                                                      CodeRead(location: "src/pay.ts:2", place: .production)]])
        },
        .triggers("a Laravel driver's setting whose library composer.lock does not install (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["PUSHER_APP_KEY"]
            Edit.codeReads(&s, ["PUSHER_APP_KEY": [CodeRead(location: "config/broadcasting.php:36", place: .production,
                                                            fallback: CodeFallback(kind: .missingLibrary, shown: "pusher/pusher-php-server"))]])
        },
        .triggers("a telemetry export setting read without a default (medium)", severity: .medium) { s in
            s.env.data?.environments[0].missingFromReference = ["OTEL_EXPORTER_OTLP_ENDPOINT"]
            Edit.codeReads(&s, ["OTEL_EXPORTER_OTLP_ENDPOINT": [CodeRead(location: "src/config.ts:130", place: .production)]])
        },
        .triggers("a tuning setting read without a default (medium)", severity: .medium) { s in
            s.env.data?.environments[0].missingFromReference = ["SCALEBOX_LOCK_WAIT_TIMEOUT_SEC"]
            Edit.codeReads(&s, ["SCALEBOX_LOCK_WAIT_TIMEOUT_SEC": [CodeRead(location: "apps/api/src/app.config.ts:388", place: .production),
                                                                   CodeRead(location: "tests/lock.test.ts:3", place: .test, asserted: true)]])
        },
        .triggers("a tuning setting a read asserts is set (high)", severity: .high) { s in
            s.env.data?.environments[0].missingFromReference = ["SCALEBOX_LOCK_WAIT_TIMEOUT_SEC"]
            Edit.codeReads(&s, ["SCALEBOX_LOCK_WAIT_TIMEOUT_SEC": [CodeRead(location: "apps/api/src/app.config.ts:388", place: .production),
                                                                   CodeRead(location: "apps/api/src/lock.ts:9", place: .production, asserted: true)]])
        },
        .triggers("a tuning setting a check stops without (high)", severity: .high) { s in
            s.env.data?.environments[0].missingFromReference = ["WORKER_TIMEOUT_MS"]
            Edit.codeReads(&s, ["WORKER_TIMEOUT_MS": [CodeRead(location: "src/worker.ts:4", place: .production, fallback: CodeFallback(kind: .enforced))]])
        },
        .triggers("a test section of the reference file, read by nothing (info)", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["E2E_TEST_USER_PASSWORD"]
            s.env.data?.referenceOptional = [EnvOptionalName(name: "E2E_TEST_USER_PASSWORD", marker: .testSection, location: ".env.example:226")]
        },
        .triggers("NODE_ENV in the reference file: the platform or the image sets it (medium)", severity: .medium) { s in
            s.env.data?.environments[0].missingFromReference = ["NODE_ENV"]
            Edit.codeReads(&s, ["NODE_ENV": [CodeRead(location: "src/env.ts:3", place: .production)]])
        },
        .triggers("A || B whose listed member the platform sets: the app's own name keeps the group high") { s in
            s.env.data?.environments[0].missingFromReference = ["HTTPS_PROXY"]
            Edit.codeReads(&s, ["UPLOAD_PROXY_URL": [CodeRead(location: "src/a.ts:1", place: .production, alternatives: ["HTTPS_PROXY"])],
                                "HTTPS_PROXY": [CodeRead(location: "src/a.ts:1", place: .production, alternatives: ["UPLOAD_PROXY_URL"])]])
        },
        .triggers("PORT read with a default stays info: a platform name is only ever lowered", severity: .info) { s in
            s.env.data?.environments[0].missingFromReference = ["PORT"]
            Edit.codeReads(&s, ["PORT": [CodeRead(location: "server.ts:9", place: .production, fallback: CodeFallback(kind: .literal, shown: "3000"))]])
        },
        .triggers("in the reference file, read by no code (medium)", severity: .medium) { s in
            s.env.data?.environments[0].missingFromReference = ["WORKSPACES_HIDE_URL"]
            Edit.codeReads(&s, [:])
        },
        .triggers("read by nothing but a library's convention") { s in
            s.env.data?.environments[0].missingFromReference = ["BLOB_READ_WRITE_TOKEN"]
            Edit.codeReads(&s, ["BLOB_READ_WRITE_TOKEN": [CodeRead(location: "lib/upload.ts:1", place: .production, library: "@vercel/blob")]])
        },
        .passes("A || B with B defined") { s in
            s.env.data?.environments[0].missingFromReference = ["POSTGRES_URL"]
            Edit.codeReads(&s, ["POSTGRES_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["DATABASE_URL"])]])
        },
        .triggers("A || B with neither defined") { s in
            s.env.data?.environments[0].missingFromReference = ["PG_URL", "POSTGRES_URL"]
            Edit.codeReads(&s, ["POSTGRES_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["PG_URL"])],
                                "PG_URL": [CodeRead(location: "src/db.ts:1", place: .production, alternatives: ["POSTGRES_URL"])]])
        },
    ]
}

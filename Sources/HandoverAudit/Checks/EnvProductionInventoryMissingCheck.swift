import Foundation
import HandoverModel

/// A production environment whose env files were not declared or none could be read: nothing to compare the
/// reference and the code with. One finding here instead of every name called missing — an empty inventory is the
/// absence of evidence, not evidence of absence.
package enum EnvProductionInventoryMissingCheck: AuditCheck {
    package static let id = "env.production-inventory-missing"
    package static let severity = Severity.medium
    package static let title = "No production env inventory to check"
    package static let impact = "Nobody can tell whether production defines what the code and the reference file need: a missing variable surfaces as an outage."
    package static let remediation = "List production's env sources in `environments.NAME.env_files` (an exported `.env.production`, fly.toml, render.yaml, a compose file); names only are read."
    package static let reference = "docs/manifest.md: environments"
    package static let sections: [SectionName] = [.env]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.env.collectedValue?.environments ?? []).filter { $0.production && !$0.hasInventory }.map { env in
            let files = env.files.map { "\($0.path) (\($0.status.rawValue))" }
            return Observation("env:\(env.name)", [files.isEmpty ? "no env_files declared for \(env.name)"
                                                   : "no env file of \(env.name) could be read: " + files.joined(separator: ", ")])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("no env_files declared for production") { s in
            s.env.data?.environments[0].files = []
            s.env.data?.environments[0].variables = []
        },
        .triggers("the declared file is not in the working tree") { s in
            s.env.data?.environments[0].files = [EnvFileReport(path: ".env.production", format: .dotenv, status: .missing)]
            s.env.data?.environments[0].variables = []
        },
        .passes("staging without files is not production") { s in s.env.data?.environments[1].files = [] },
    ]
}

extension EnvironmentInventory {
    /// Whether at least one of its env files was read: only then can a name be called missing from it.
    package var hasInventory: Bool { files.contains { $0.status == .read } }
}

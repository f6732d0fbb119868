import Foundation
import HandoverModel

/// A production variable nothing references: not the code at HEAD, not a CI workflow.
package enum EnvUnreferencedCheck: AuditCheck {
    package static let id = "env.unreferenced"
    package static let severity = Severity.info
    package static let title = "Env var referenced nowhere"
    package static let impact = "Stale variables hide which credentials are really in use and still need rotating."
    package static let remediation = "Remove it from the environment once you are sure nothing (including other services) reads it."
    package static let reference = "The Twelve-Factor App §III"
    package static let sections: [SectionName] = [.env]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let inventory = c.snapshot.env.collectedValue, let references = inventory.codeReferences else { return [] }
        let used = Set(references.map(\.name)).union(inventory.namesCINames)
        return inventory.environments.filter(\.production).flatMap { env in
            env.variables.filter { !used.contains($0.name) }.map {
                Observation("env:\(env.name)/\($0.name)", ["defined in \($0.definitions.map(\.file).joined(separator: ", ")), read nowhere in the code at HEAD or in CI"])
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("LOG_LEVEL unused") { s in
            let names = (s.env.data?.environments[0].variables.map(\.name) ?? []).filter { $0 != "LOG_LEVEL" }
            s.env.data?.codeReferences = names.map { CodeReference(name: $0, locations: ["app.js:1"]) }
        },
        .passes("everything read") { s in
            let names = s.env.data?.environments[0].variables.map(\.name) ?? []
            s.env.data?.codeReferences = names.map { CodeReference(name: $0, locations: ["app.js:1"]) }
        },
        .passes("LOG_LEVEL not in code, but a CI workflow sets it from a variable") { s in
            let names = (s.env.data?.environments[0].variables.map(\.name) ?? []).filter { $0 != "LOG_LEVEL" }
            s.env.data?.codeReferences = names.map { CodeReference(name: $0, locations: ["app.js:1"]) }
            s.env.data?.ciReferences.append(CIReference(name: "PROD_LOG_LEVEL", kind: .variable, locations: [".github/workflows/deploy.yml:9"],
                                                        assignedTo: ["LOG_LEVEL"]))
        },
        .passes("code not scanned") { s in s.env.data?.codeReferences = nil },
    ]
}

import Foundation
import HandoverModel
import HandoverCollect

/// A production variable whose value is empty, a placeholder, localhost or a test-mode key (judged in place; the
/// value itself is never stored).
package enum EnvValueShapeCheck: AuditCheck {
    package static let id = "env.value-shape"
    package static let severity = Severity.high
    package static let title = "Production env var looks unset or not for production"
    package static let impact = "Production talks to nothing, to a developer's machine, or to a payment provider's test mode."
    package static let remediation = "Set the real production value at the host (the snapshot records only its shape, never the value)."
    package static let reference = "docs/manifest.md: environments"
    package static let sections: [SectionName] = [.env]

    static func words(_ shape: ValueShape) -> String? {
        switch shape {
        case .empty: return "the value is empty"
        case .placeholder: return "the value is a placeholder"
        case .localhost: return "the value points at localhost"
        case .testModeKey: return "the value is a test-mode key"
        default: return nil
        }
    }

    /// A name that says it is an address inside the deployment (`…_INTERNAL_…_URL`, `…_LOOPBACK_…`): localhost is
    /// what it should hold (a server calling itself), so that shape is only a note.
    static let internalWords: Set<String> = ["INTERNAL", "LOOPBACK", "SIDECAR"]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.env.collectedValue?.environments ?? []).filter(\.production).flatMap { env in
            env.variables.compactMap { variable in
                words(variable.effectiveShape).map { text in
                    let file = " (\(variable.definitions.last?.file ?? "?"))"
                    if variable.effectiveShape == .localhost, !internalWords.isDisjoint(with: EnvNameTokens.tokens(variable.name)) {
                        return Observation("env:\(env.name)/\(variable.name)", [text + file, "the name says it is an internal address: a server calling itself"], severity: .info)
                    }
                    return Observation("env:\(env.name)/\(variable.name)", [text + file])
                }
            }
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("test-mode Stripe key") { s in
            if let i = s.env.data?.environments[0].variables.firstIndex(where: { $0.name == "STRIPE_SECRET_KEY" }) {
                s.env.data?.environments[0].variables[i].definitions[0].shape = .testModeKey
            }
        },
        .triggers("an internal self-call URL on localhost is a note (info)", severity: .info) { s in
            s.env.data?.environments[0].variables.append(EnvVariable(name: "NEXT_PRIVATE_INTERNAL_WEBAPP_URL", definitions: [
                EnvDefinition(file: "render.yaml", line: 9, scope: "web", shape: .localhost)]))
        },
        .triggers("localhost for a public URL stays a risk") { s in
            s.env.data?.environments[0].variables.append(EnvVariable(name: "NEXT_PUBLIC_WEBAPP_URL", definitions: [
                EnvDefinition(file: "render.yaml", line: 8, scope: "web", shape: .localhost)]))
        },
        .passes("staging may use test keys") { s in
            if let i = s.env.data?.environments[1].variables.firstIndex(where: { $0.name == "STRIPE_SECRET_KEY" }) {
                s.env.data?.environments[1].variables[i].definitions[0].shape = .testModeKey
            }
        },
    ]
}

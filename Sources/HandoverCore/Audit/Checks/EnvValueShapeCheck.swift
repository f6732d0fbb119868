import Foundation

/// A production variable whose value is empty, a placeholder, localhost or a test-mode key (judged in place; the
/// value itself is never stored).
public enum EnvValueShapeCheck: AuditCheck {
    public static let id = "env.value-shape"
    public static let severity = Severity.high
    public static let title = "Production env var looks unset or not for production"
    public static let impact = "Production talks to nothing, to a developer's machine, or to a payment provider's test mode."
    public static let remediation = "Set the real production value at the host (the snapshot records only its shape, never the value)."
    public static let reference = "docs/manifest.md: environments"
    public static let sections: [SectionName] = [.env]

    static func words(_ shape: ValueShape) -> String? {
        switch shape {
        case .empty: return "the value is empty"
        case .placeholder: return "the value is a placeholder"
        case .localhost: return "the value points at localhost"
        case .testModeKey: return "the value is a test-mode key"
        default: return nil
        }
    }

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.env.collectedValue?.environments ?? []).filter(\.production).flatMap { env in
            env.variables.compactMap { variable in
                words(variable.effectiveShape).map { Observation("env:\(env.name)/\(variable.name)", [$0 + " (\(variable.definitions.last?.file ?? "?"))"]) }
            }
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("test-mode Stripe key") { s in
            if let i = s.env.data?.environments[0].variables.firstIndex(where: { $0.name == "STRIPE_SECRET_KEY" }) {
                s.env.data?.environments[0].variables[i].definitions[0].shape = .testModeKey
            }
        },
        .passes("staging may use test keys") { s in
            if let i = s.env.data?.environments[1].variables.firstIndex(where: { $0.name == "STRIPE_SECRET_KEY" }) {
                s.env.data?.environments[1].variables[i].definitions[0].shape = .testModeKey
            }
        },
    ]
}

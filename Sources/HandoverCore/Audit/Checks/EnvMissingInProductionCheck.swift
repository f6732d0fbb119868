import Foundation

/// A name from the env reference file is not defined in a production environment.
public enum EnvMissingInProductionCheck: AuditCheck {
    public static let id = "env.missing-in-production"
    public static let severity = Severity.high
    public static let title = "Env var missing from production"
    public static let impact = "Code that reads this variable fails or falls back to a default in production."
    public static let remediation = "Set the variable in the production environment (names only are compared; values are never read)."
    public static let reference = "docs/manifest.md: env.reference"
    public static let sections: [SectionName] = [.env]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.snapshot.env.collectedValue?.environments ?? []).filter(\.production).flatMap { env in
            env.missingFromReference.map { Observation("env:\(env.name)/\($0)", ["in the reference file, not in \(env.files.map(\.path).joined(separator: ", "))"]) }
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("STRIPE_WEBHOOK_SECRET missing") { s in s.env.data?.environments[0].missingFromReference = ["STRIPE_WEBHOOK_SECRET"] },
        .passes("staging may lack it") { s in s.env.data?.environments[1].missingFromReference = ["STRIPE_WEBHOOK_SECRET"] },
    ]
}

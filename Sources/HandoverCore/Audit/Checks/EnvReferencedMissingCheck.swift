import Foundation

/// Code at HEAD reads a name a production environment does not define.
public enum EnvReferencedMissingCheck: AuditCheck {
    public static let id = "env.referenced-missing"
    public static let severity = Severity.high
    public static let title = "Code reads an env var production does not define"
    public static let impact = "The code path that reads it (often login, checkout or a webhook) fails or falls back to a default in production."
    public static let remediation = "Set the variable in production, or remove the reference; platform-set names (PORT, NODE_ENV, …) are not flagged."
    public static let reference = "docs/manifest.md: environments; The Twelve-Factor App §III"
    public static let sections: [SectionName] = [.env]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let inventory = c.snapshot.env.collectedValue, let references = inventory.codeReferences else { return [] }
        return inventory.environments.filter(\.production).flatMap { env -> [Observation] in
            let defined = Set(env.variables.map(\.name))
            return references.filter { !defined.contains($0.name) && !CodeReferences.runtimeNames.contains($0.name) }.map { ref in
                Observation("env:\(env.name)/\(ref.name)", ["read at " + ref.locations.prefix(3).joined(separator: ", ") + (ref.locations.count > 3 ? " and \(ref.locations.count - 3) more" : "")])
            }
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("REDIS_URL read, not defined") { s in Edit.codeReads(&s, "REDIS_URL", at: "src/queue.ts:3") },
        .passes("PORT is set by the platform") { s in Edit.codeReads(&s, "PORT", at: "server.js:1") },
        .passes("defined") { s in Edit.codeReads(&s, "DATABASE_URL", at: "db.ts:1") },
    ]
}

import Foundation

/// A secret-looking name with a client-bundle prefix (NEXT_PUBLIC_, VITE_, …): its value ships to every browser.
public enum EnvClientExposedSecretCheck: AuditCheck {
    public static let id = "env.client-exposed-secret"
    public static let severity = Severity.blocker
    public static let title = "Secret-looking env var bundled into client code"
    public static let impact = "Anyone can read the value in the page's JavaScript: the key is public the moment you deploy."
    public static let remediation = "Rename it without the public prefix, read it on the server only, and rotate the key (it has already shipped)."
    public static let reference = "Next.js: Bundling environment variables for the browser; Vite: Env variables and modes"
    public static let sections: [SectionName] = [.env]

    public static func observe(_ c: AuditContext) -> [Observation] {
        guard let inventory = c.snapshot.env.collectedValue else { return [] }
        var out: [Observation] = []
        var seen: Set<String> = []
        for env in inventory.environments {
            for variable in env.variables where CodeReferences.isClientExposedSecret(variable.name) {
                seen.insert(variable.name)
                out.append(Observation("env:\(env.name)/\(variable.name)", ["defined in \(variable.definitions.map(\.file).joined(separator: ", "))"]))
            }
        }
        for ref in inventory.codeReferences ?? [] where CodeReferences.isClientExposedSecret(ref.name) && !seen.contains(ref.name) {
            out.append(Observation("code:\(ref.name)", ["read at " + ref.locations.prefix(3).joined(separator: ", ")]))
        }
        return out
    }

    public static let examples: [CheckExample] = [
        .triggers("NEXT_PUBLIC_STRIPE_SECRET_KEY") { s in
            s.env.data?.environments[0].variables.append(EnvVariable(name: "NEXT_PUBLIC_STRIPE_SECRET_KEY", definitions: [EnvDefinition(file: ".env.production", line: 9, shape: .looksFine)]))
        },
        .triggers("VITE_OPENAI_API_KEY in code", alsoFires: [EnvReferencedMissingCheck.id]) { s in Edit.codeReads(&s, "VITE_OPENAI_API_KEY", at: "src/ai.ts:2") },
        .passes("a publishable key") { s in
            s.env.data?.environments[0].variables.append(EnvVariable(name: "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", definitions: [EnvDefinition(file: ".env.production", line: 9, shape: .looksFine)]))
        },
        .passes("a server-side secret") { _ in },
    ]
}

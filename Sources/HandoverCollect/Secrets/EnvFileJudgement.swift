import Foundation
import HandoverModel

/// How sure a committed env file is a leak, from what its assignments hold (read for their shapes, never kept): a
/// value for a credential name is certain; real-looking settings only (`NODE_ENV=production`) are possible; nothing
/// but empty values, placeholders, localhost, test-mode keys and `${VAR}` interpolations is unlikely — a `.env.test`
/// or `.env.docker` of local defaults is not the blocker a production `.env` is.
package enum EnvFileJudgement {
    package static func judge(utf8 bytes: UnsafeRawBufferPointer, path: String) -> (SecretConfidence, [SecretReason]) {
        let parsed = DotenvParser.parse(Array(bytes), file: path)
        var best: (SecretConfidence, [SecretReason]) = (.unlikely, [.envFilePlaceholders])
        for definition in parsed.definitions where definition.definition.shape == .looksFine {
            if isCredentialName(definition.name) {
                best = (.certain, [.envFileSecretValue])
                break
            }
            best = (.possible, [.envFileSettings])
        }
        // A test or development env file (`.env.test`, `.env.local`, `.env.docker`) mostly holds throwaway values: one
        // step lower. A real key in it is still reported whole by its own rule, at its own confidence.
        if best.0 != .unlikely, isDevelopmentFile(path) { return (best.0.lowered, best.1 + [.developmentEnvFile]) }
        return best
    }

    /// `.env.test`, `.env.ci`, `.env.e2e`, `.env.local`, `.env.development`, `.env.docker`, `test.env`, …
    static func isDevelopmentFile(_ path: String) -> Bool {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let words = Set(name.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map(String.init))
        return !words.isDisjoint(with: ["test", "tests", "testing", "ci", "e2e", "local", "dev", "development", "docker", "gitpod",
                                        "devcontainer", "codespaces"])
    }

    /// `…_SECRET`, `…_TOKEN`, `…_API_KEY`, `…_PASSWORD`, a database URL or a DSN: names that hold credentials.
    static func isCredentialName(_ name: String) -> Bool {
        let tokens = EnvNameTokens.tokens(name)
        if let ending = EnvNameTokens.secretEnding(tokens), ending.confidence == .certain { return true }
        guard let last = tokens.last else { return false }
        let databases: Set<String> = ["DATABASE", "DB", "POSTGRES", "POSTGRESQL", "PG", "MYSQL", "MONGO", "MONGODB", "REDIS", "AMQP", "RABBITMQ"]
        return last == "DSN" || (last == "URL" || last == "URI") && tokens.dropLast().contains { databases.contains($0) }
    }
}

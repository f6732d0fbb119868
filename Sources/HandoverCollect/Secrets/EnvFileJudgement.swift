import Foundation
import HandoverModel

/// How sure a committed env file is a leak, from what its assignments hold (read for their shapes, never kept): a
/// value for a credential name is certain; real-looking settings only (`NODE_ENV=production`) are possible; nothing
/// but empty values, placeholders, localhost, test-mode keys and `${VAR}` interpolations is unlikely — a `.env.test`
/// or `.env.docker` of local defaults is not the blocker a production `.env` is.
package enum EnvFileJudgement {
    package static func judge(utf8 bytes: UnsafeRawBufferPointer, path: String) -> (SecretConfidence, [SecretReason]) {
        // Names whose value holds no secret although the name could: a database URL with no password in it
        // (`REDIS_URL=https://test.upstash.io`). And the user names the file gives, with its passwords: a password equal
        // to a user name (`SMTP_MAIL_USER=documenso`, `SMTP_MAIL_PASSWORD=documenso`) is a default, as
        // `postgres://app:app@…` is. Held while the file is judged, never kept.
        var noSecret = Set<String>()
        var users = Set<String>()
        var passwords: [(name: String, value: String)] = []
        let parsed = DotenvParser.parse(Array(bytes), file: path) { name, value in
            let last = EnvNameTokens.tokens(name).last ?? ""
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if last == "USER" || last == "USERNAME", !trimmed.isEmpty { users.insert(trimmed) }
            let shape = ValueShapeClassifier.classify(value)
            guard shape == .looksFine, isCredentialName(name) else { return shape }
            if let throwaway = throwawayShape(value) { return throwaway }
            if ["PASSWORD", "PASS", "PASSWD"].contains(last) { passwords.append((name, trimmed)) }
            if !holdsSecret(value) { noSecret.insert(name) }
            return shape
        }
        // A default password is a placeholder: it counts neither as a credential nor as a setting.
        let defaults = Set(passwords.filter { users.contains($0.value) }.map(\.name))
        var best: (SecretConfidence, [SecretReason]) = (.unlikely, [.envFilePlaceholders])
        for definition in parsed.definitions where definition.definition.shape == .looksFine && !defaults.contains(definition.name) {
            if isCredentialName(definition.name), !noSecret.contains(definition.name) {
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

    /// What a credential's value in a committed env file is when nobody could log in with it: a placeholder or filler
    /// (`secret`, `[password]`, `test`, `RANDOM_STRING`, `lorem ipsum …`, a default password such as `postgres`), or
    /// a database URL to this machine or a compose service with a default password (`postgres://postgres:postgres@db`) — the judgements the
    /// credential rules give the same values (``SecretPlaceholders``, ``SecretJudgement/isLocal(_:)``). nil: it may
    /// be real.
    static func throwawayShape(_ value: String) -> ValueShape? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if SecretPlaceholders.isPlaceholder(Substring(trimmed), token: false) || SecretJudgement.defaultPasswords.contains(lower) {
            return .placeholder
        }
        if lower.contains("lorem ipsum") { return .placeholder }
        let words = lower.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " })
        if words.first == "random", words.count <= 3 { return .placeholder }  // RANDOM_STRING, random-secret
        // `scheme://user:password@host…`: the host decides, as ValueShapeClassifier's localhost does.
        if let authority = authority(of: lower), let at = authority.lastIndex(of: "@") {
            let hostPort = authority[authority.index(after: at)...]
            let host = hostPort.hasPrefix("[") ? String(hostPort) : String(hostPort.prefix { $0 != ":" })
            let userInfo = authority[..<at].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let user = userInfo.first ?? "", password = userInfo.count > 1 ? userInfo[1] : ""
            // A compose service may be production's own database: only a default password there is throwaway.
            let weak = password.isEmpty || password == user || SecretJudgement.defaultPasswords.contains(String(password))
                || SecretPlaceholders.isPlaceholder(password, token: false)
            if SecretJudgement.isLocal(host), weak { return .localhost }
        }
        return nil
    }

    /// A URL carries a secret only in its user part (`postgres://user:password@host`, a DSN's key before `@`); any
    /// other value might be one.
    static func holdsSecret(_ value: String) -> Bool {
        authority(of: value)?.contains("@") ?? true
    }

    /// What follows `scheme://` up to the path, query or fragment; nil when the value is no URL.
    static func authority(of value: String) -> Substring? {
        guard let scheme = value.range(of: "://") else { return nil }
        return value[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
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

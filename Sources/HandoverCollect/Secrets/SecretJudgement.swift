import Foundation
import HandoverModel

/// How sure a rule's match is, from its value, its surroundings and the file it sits in; nil for a placeholder
/// or an example, which is not reported at all.
enum SecretJudgement {
    /// Bumped with any change below (it is part of `SecretRules.digest`).
    static let version = 4  // 3: committed env files judged by their values' shapes; 4: test and development env files one step lower

    /// A regex match: the whole text, its capture groups (nil when a group did not take part), the text around it
    /// (`SecretRule.Context`) and the file's path.
    struct Candidate {
        var whole: Substring
        var groups: [Substring?]
        var context: Substring
        var path: String

        /// The text after the constant (first) group: the secret part.
        var body: Substring {
            guard let constant = groups.first ?? nil else { return whole }
            return whole[constant.endIndex...]
        }
    }

    static func judge(_ rule: SecretRule, _ c: Candidate) -> (SecretConfidence, [SecretReason])? {
        guard let (confidence, reasons) = ruleJudgement(rule, c) else { return nil }
        // A value that proves itself counts wherever it sits; anything else is lowered in docs, tests, vendored code and bundles.
        if confidence != .certain, let location = SecretLocation.reason(for: c.path) {
            return (confidence.lowered, reasons + [location])
        }
        return (confidence, reasons)
    }

    private static func ruleJudgement(_ rule: SecretRule, _ c: Candidate) -> (SecretConfidence, [SecretReason])? {
        let constant = (c.groups.first ?? nil).map(String.init) ?? ""
        switch rule.id {
        case "private-key":
            return PrivateKeyBlock.parse(c.context) != nil ? (.certain, [.keyBlockParses]) : nil
        case "database-url-password":
            return database(c)
        default:
            break
        }
        let body = c.body
        guard !SecretPlaceholders.isPlaceholder(body, token: true) else { return nil }
        switch rule.id {
        case "aws-access-key":
            return awsSecretNearby(c) ? (.certain, [.awsSecretNearby]) : (.likely, [.credentialShape])
        case "stripe-secret-key":
            if constant.hasSuffix("_test_") { return (.possible, [.testModeKey]) }
            return body.count >= 24 ? (.certain, [.fullLengthLiveKey]) : (.likely, [.credentialShape])
        case "github-token":
            let exact = constant == "github_pat_" ? body.count == 82 : body.count == 36
            return exact ? (.certain, [.tokenFormat]) : (.likely, [.credentialShape])
        case "slack-token":
            let parts = body.split(separator: "-", omittingEmptySubsequences: false)
            let digits = parts.dropLast().allSatisfy { $0.count >= 8 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            let exact = parts.count >= 2 && digits && (parts.last?.count ?? 0) >= 16
            return exact ? (.certain, [.tokenFormat]) : (.likely, [.credentialShape])
        case "anthropic-api-key":
            return body.hasPrefix("api03-") && body.count >= 90 ? (.certain, [.tokenFormat]) : (.likely, [.credentialShape])
        case "openai-api-key":
            if body.contains("T3BlbkFJ") { return (.certain, [.tokenFormat]) }
            if body.hasPrefix("proj-") || body.hasPrefix("svcacct-") || body.hasPrefix("admin-") { return (.likely, [.credentialShape]) }
            return body.count == 48 ? (.likely, [.credentialShape]) : (.possible, [.genericPrefix])
        default:
            return (.likely, [.credentialShape])
        }
    }

    /// Passwords people use for a local database or a CI service container.
    static let defaultPasswords: Set<String> = ["postgres", "root", "admin", "user", "mysql", "mariadb", "mongo", "mongodb", "redis", "rabbitmq",
                                                "guest", "test", "dev", "development", "local", "docker", "prisma", "app", "toor", "example"]

    /// `scheme://user:password@host`: a placeholder password is not a credential; a local host (this machine or a
    /// compose service, a single-label name) with a default password is at most info.
    private static func database(_ c: Candidate) -> (SecretConfidence, [SecretReason])? {
        guard c.groups.count >= 4, let password = c.groups[2] else { return nil }
        guard !SecretPlaceholders.isPlaceholder(password, token: false) else { return nil }
        let user = c.groups[1].map(String.init) ?? ""
        let host = (c.groups[3].map(String.init) ?? "").lowercased()
        let local = isLocal(host)
        let weak = defaultPasswords.contains(password.lowercased()) || password.lowercased() == user.lowercased()
        switch (local, weak) {
        case (true, true): return (.unlikely, [.localDatabase, .defaultPassword])
        case (true, false): return (.possible, [.localDatabase])
        case (false, true): return (.possible, [.remoteDatabase, .defaultPassword])
        case (false, false):
            // A hosting provider's generated password for a real host name proves itself, wherever it sits.
            return generated(password) && !isExampleHost(host) ? (.certain, [.remoteDatabase, .generatedPassword]) : (.likely, [.remoteDatabase])
        }
    }

    /// At least 16 characters with three character classes and a generator's entropy.
    static func generated(_ password: Substring) -> Bool {
        let bytes = Array(password.utf8)
        guard bytes.count >= 16 else { return false }
        let classes = [bytes.contains { $0 >= 65 && $0 <= 90 }, bytes.contains { $0 >= 97 && $0 <= 122 },
                       bytes.contains { $0 >= 48 && $0 <= 57 }, bytes.contains { !(($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57)) }]
        return classes.filter { $0 }.count >= 3 && SecretPlaceholders.entropy(bytes) >= 3.5
    }

    /// Documentation hosts (RFC 2606, RFC 6761): a URL there is an example, whatever its password.
    static func isExampleHost(_ host: String) -> Bool {
        let name = host.split(separator: ":").first.map(String.init) ?? host
        return ["example.com", "example.org", "example.net"].contains { name == $0 || name.hasSuffix("." + $0) }
            || [".example", ".test", ".invalid", ".local"].contains { name.hasSuffix($0) }
    }

    /// This machine, a Docker host alias, or a single-label name (a compose service such as `db` or `postgres`).
    static func isLocal(_ host: String) -> Bool {
        let name = host.hasPrefix("[") ? String(host.dropFirst().prefix { $0 != "]" }) : host
        return name.isEmpty || name == "localhost" || name.hasSuffix(".localhost") || name.hasPrefix("127.") || name == "::1"
            || name == "0.0.0.0" || name == "host.docker.internal" || !name.contains(".") && !name.contains(":")
    }

    /// A 40-character secret access key near an AWS key id (AWS's own documented example aside): a run of
    /// exactly 40 base64 characters with capitals, small letters and digits, and a generator's entropy.
    private static func awsSecretNearby(_ c: Candidate) -> Bool {
        func isKeyByte(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 47 || b == 43 }
        let bytes = Array(c.context.utf8)
        var start = 0
        while start < bytes.count {
            guard isKeyByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count && isKeyByte(bytes[end]) { end += 1 }
            if end - start == 40 && (end == bytes.count || bytes[end] != 61) && looksGenerated(Array(bytes[start..<end])) { return true }
            start = end
        }
        return false
    }

    private static func looksGenerated(_ run: [UInt8]) -> Bool {
        let upper = run.contains { $0 >= 65 && $0 <= 90 }
        let lower = run.contains { $0 >= 97 && $0 <= 122 }
        let digit = run.contains { $0 >= 48 && $0 <= 57 }
        guard upper && lower && digit, let text = String(bytes: run, encoding: .utf8) else { return false }
        return !SecretPlaceholders.isPlaceholder(text[...], token: true) && SecretPlaceholders.entropy(run) >= 4.0
    }
}

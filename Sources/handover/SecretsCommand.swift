import ArgumentParser
import Foundation
import HandoverGit
import HandoverModel
import HandoverCollect
import HandoverAudit
import HandoverDocuments

struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Credential shapes and committed env files in the repository (HEAD, or every commit with --history), redacted.",
        discussion: "Findings show the rule's constant prefix and **** only, never a character of the secret. Deleting a file is not enough: rotate the key.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Scan every blob reachable from any branch or tag, each once, with the commit that introduced it.")
    var history = false

    @Option(help: ArgumentHelp("Replaces the manifest's `repository:`.", valueName: "PATH"))
    var repository: String?

    @Option(help: "Output: text, json or sarif (for code-scanning uploads).")
    var format: SecretsFormat = .text

    @Option(help: ArgumentHelp("Readers of the history at once, each with its own caches (default \(SecretScanner.defaultReaders): one reader whose walk, reads and search run on three threads).", valueName: "N"))
    var readers: Int?

    func validate() throws {
        if let readers, !(1...64).contains(readers) { throw ValidationError("--readers takes 1 to 64 readers, not \(readers)") }
    }

    func run() async throws {
        let url: URL
        if let repository {
            url = URL(fileURLWithPath: repository).standardizedFileURL
        } else if FileManager.default.fileExists(atPath: global.manifest) {
            url = try global.loadManifest().repositoryURL
        } else {
            url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        }
        let findings: [SecretFinding]
        var unreadable: UnreadableObjects?
        let history = self.history
        let readers = self.readers ?? SecretScanner.defaultReaders
        do {
            // libgit2 and the regexes over every blob: blocking work, on the pool.
            (findings, unreadable) = try await BlockingWork.run {
                Result { try SecretScanner(repository: url, readers: readers).scanReportingUnreadable(history: history) }
            }.get()
        } catch {
            throw UsageError("\(error)")
        }
        switch format {
        case .json:
            Console.output(try CanonicalJSON.encode(SecretsOutput(rulesVersion: SecretRules.version, history: history, unreadable: unreadable, findings: findings)))
        case .sarif:
            Console.output(try SARIF.encode(Self.sarif(findings)))
        case .text:
            if let unreadable {
                Console.output("\(Plural.count(unreadable.count, "object")) of the history could not be read (partial or shallow clone?), e.g. "
                               + unreadable.examples.map(TerminalText.clean).joined(separator: ", ") + ": what they hold was not scanned.\n")
            }
            if findings.isEmpty { Console.output("No credential shapes or env files found\(history ? " in the history" : " at HEAD").\n") }
            for f in findings {
                let place = TerminalText.clean(f.path) + (f.line.map { ":\($0)" } ?? "")
                let removed = f.removedIn.map { ", deleted in \($0.prefix(12)) but still in the history" } ?? ""
                let confidence = f.isEnvFile ? "" : "  [\(f.effectiveConfidence.rawValue)]"
                let more = f.occurrences.map { "  (+\((f.occurrenceCount ?? $0.count) - 1) more places)" } ?? ""
                Console.output("\(f.rule)  \(place)  \(f.redacted)\(confidence)  introduced \(f.commit.prefix(12)) by \(TerminalText.clean(f.author)) on \(Timestamp.day(f.date))\(removed)\(more)\n")
            }
        }
    }

    /// One SARIF result per finding, located at the file (and line) of the introducing commit.
    static func sarif(_ findings: [SecretFinding]) -> [String: Any] {
        let help = "Rotate the credential at its provider now: deleting the file or the line is not enough, the history keeps it."
        let rules = SecretRules.rules.map { SARIF.Rule(id: $0.id, title: $0.title, description: "A \($0.title.lowercased()) committed to the repository.", help: help) }
            + [SARIF.Rule(id: SecretRules.envFileRule, title: "Env file committed", description: "An env file (values, not only names) committed to the repository.",
                          help: help + " Add the file to .gitignore and keep only a .env.example with names.")]
        let used = Set(findings.map(\.rule))
        let results = findings.map { f in
            SARIF.Result(ruleID: f.rule, severity: f.isEnvFile ? .blocker : SecretCommittedCheck.severity(for: f.effectiveConfidence),
                         message: "\(f.redacted) introduced in \(f.commit.prefix(12)) on \(Timestamp.day(f.date))" + (f.atHead == true ? ", still at HEAD" : ", in the history"),
                         path: f.path, line: f.line, fingerprint: f.fingerprint)
        }
        return SARIF.document(rules: rules.filter { used.contains($0.id) }, results: results)
    }

    enum SecretsFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    struct SecretsOutput: Encodable {
        var rulesVersion: String
        var history: Bool
        var unreadable: UnreadableObjects?
        var findings: [SecretFinding]
    }
}

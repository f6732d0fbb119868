import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel

/// Custom entry point: ArgumentParser alone exits 64 on usage errors and 1 on any thrown error, but 1 means
/// "a gate tripped" here. Every error is mapped: 0 success, 1 gate, 2 usage or input, 3 runtime.
@main
enum Entry {
    static func main() async {
        ProcessMemory.limitArenas()
        do {
            if let problem = WallClock.problem { throw ValidationError(problem) }
            var command = try Handover.parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            exit(exitCode(reporting: error))
        }
    }

    static func exitCode(reporting error: any Error) -> Int32 {
        if let gate = error as? GateTripped {
            Console.error(gate.description)
            return gate.category.exitCode
        }
        if let categorized = error as? CategorizedError {
            Console.error(ErrorText.of(error, max: 4_000))
            return categorized.category.exitCode
        }
        if let code = error as? ExitCode { return code.rawValue }
        let code = Handover.exitCode(for: error)
        let message = Handover.fullMessage(for: error)
        if code == .success {
            Console.output(message + "\n")
            return 0
        }
        Console.error(message)
        // ArgumentParser's usage errors (EX_USAGE) are input errors; anything else came from the environment.
        return code.rawValue == 64 ? ErrorCategory.input.exitCode : ErrorCategory.runtime.exitCode
    }
}

/// The root command.
struct Handover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Snapshot a startup's production state, say what changed, rank launch risks, write the operating guide.",
        discussion: """
            Exit codes: 0 success (collector failures are recorded as data), 1 a gate tripped, \
            2 usage or input error, 3 runtime or environment error.
            """,
        version: ToolVersion.current,
        subcommands: [InitCommand.self, SnapshotCommand.self, SnapshotsCommand.self, ShowCommand.self, EnvCommand.self,
                      DNSCommand.self, SPFCommand.self, DiffCommand.self,
                      LogCommand.self, PruneCommand.self, AuditCommand.self,
                      RenderCommand.self, LookupCommand.self, SecretsCommand.self]
    )
}

import Foundation
import HandoverModel

/// One problem in a manifest, located by line and column.
package struct ManifestProblem: Sendable, Equatable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var message: String

    package init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    package var description: String { "\(line):\(column): \(message)" }
}

/// Why a manifest could not be used. Messages name the file, the place and what to do; they never quote
/// YAML source lines.
package enum ManifestError: Error, LocalizedError, Equatable, CategorizedError {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, problem: String)
    /// Every problem found, reported together.
    case invalid(path: String, problems: [ManifestProblem])

    package var errorDescription: String? {
        switch self {
        case .notFound(let path):
            return "\(path): no manifest here — run `handover init` to write a starter, or pass --manifest PATH"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the manifest: \(reason)"
        case .syntax(let path, let line, let column, let problem):
            return "\(path):\(line):\(column): YAML syntax error: \(problem) — fix the YAML at that position"
        case .invalid(let path, let problems):
            let plural = problems.count == 1 ? "problem" : "problems"
            let lines = problems.map { "\(path):\($0.line):\($0.column): \($0.message)" }
            return "\(path): \(problems.count) \(plural) in the manifest:\n" + lines.joined(separator: "\n")
        }
    }

    package var category: ErrorCategory { .input }

    /// The problems, for tests and tooling.
    package var problems: [ManifestProblem] {
        switch self {
        case .invalid(_, let problems): return problems
        case .syntax(_, let line, let column, let problem): return [ManifestProblem(line: line, column: column, message: problem)]
        default: return []
        }
    }
}

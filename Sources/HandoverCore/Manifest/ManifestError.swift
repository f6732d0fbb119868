import Foundation

/// One problem in a manifest, located by line and column.
public struct ManifestProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// Why a manifest could not be used. Messages name the file, the place and what to do; they never quote
/// YAML source lines.
public enum ManifestError: Error, LocalizedError, Equatable, CategorizedError {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, problem: String)
    /// Every problem found, reported together.
    case invalid(path: String, problems: [ManifestProblem])

    public var errorDescription: String? {
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

    public var category: ErrorCategory { .input }

    /// The problems, for tests and tooling.
    public var problems: [ManifestProblem] {
        switch self {
        case .invalid(_, let problems): return problems
        case .syntax(_, let line, let column, let problem): return [ManifestProblem(line: line, column: column, message: problem)]
        default: return []
        }
    }
}

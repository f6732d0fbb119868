/// How an error maps to the process exit code.
public enum ErrorCategory: Sendable, Equatable {
    /// A gate tripped (findings at or above `--fail-on`, changes with `--exit-code`): exit 1.
    case gate
    /// Bad flag, bad manifest, unreadable snapshot: exit 2.
    case input
    /// I/O failure, missing library, anything the environment caused: exit 3.
    case runtime

    /// The process exit code for this category.
    public var exitCode: Int32 {
        switch self {
        case .gate: return 1
        case .input: return 2
        case .runtime: return 3
        }
    }
}

/// An error that knows which exit code it deserves.
public protocol CategorizedError: Error {
    var category: ErrorCategory { get }
}

/// Thrown by a command whose gate tripped; its message has already been printed.
public struct GateTripped: Error, CategorizedError, CustomStringConvertible {
    public var description: String
    public var category: ErrorCategory { .gate }

    public init(_ description: String) { self.description = description }
}

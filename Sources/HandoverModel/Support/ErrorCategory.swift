/// How an error maps to the process exit code.
package enum ErrorCategory: Sendable, Equatable {
    /// A gate tripped (findings at or above `--fail-on`, changes with `--exit-code`): exit 1.
    case gate
    /// Bad flag, bad manifest, unreadable snapshot: exit 2.
    case input
    /// I/O failure, missing library, anything the environment caused: exit 3.
    case runtime

    /// The process exit code for this category.
    package var exitCode: Int32 {
        switch self {
        case .gate: return 1
        case .input: return 2
        case .runtime: return 3
        }
    }
}

/// An error that knows which exit code it deserves.
package protocol CategorizedError: Error {
    var category: ErrorCategory { get }
}

/// Thrown by a command whose gate tripped; its message has already been printed.
package struct GateTripped: Error, CategorizedError, CustomStringConvertible {
    package var description: String
    package var category: ErrorCategory { .gate }

    package init(_ description: String) { self.description = description }
}

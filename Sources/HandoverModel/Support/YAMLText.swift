import Foundation
import Yams

/// A YAML syntax error reduced to what is safe to print: position and libyaml's problem text.
///
/// Yams' own error descriptions append the offending source line; for files that hold env values
/// (compose, render.yaml, workflows) that would print a secret, so they are never passed through.
package struct YAMLSyntaxError: Error, Sendable, Equatable {
    package var line: Int
    package var column: Int
    package var problem: String
}

/// Parses YAML into Yams nodes (which keep line and column) with errors that never quote the source.
package enum YAMLText {
    /// The root node of a single-document YAML text; nil for an empty document. Every YAML text handover reads (the
    /// manifest, compose files, render.yaml) passes `YAMLBounds` first: an alias used as a key, an alias flood or
    /// runaway nesting is refused before Yams could spend forever hashing it.
    package static func compose(_ text: String, maximumBytes: Int = YAMLBounds.maximumBytes) throws(YAMLSyntaxError) -> Node? {
        if let refusal = YAMLBounds.refusal(text, maximumBytes: maximumBytes) {
            throw YAMLSyntaxError(line: max(1, refusal.line), column: 1, problem: "not read: \(refusal.reason)")
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw safe(error, in: text)
        } catch {
            throw YAMLSyntaxError(line: 1, column: 1, problem: "unreadable YAML")
        }
    }

    static func safe(_ error: YamlError, in text: String) -> YAMLSyntaxError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return YAMLSyntaxError(line: mark.line, column: mark.column, problem: detail)
        case .reader(let problem, let offset, _, _):
            let line = offset.map { lineNumber(ofUTF8Offset: $0, in: text) } ?? 1
            return YAMLSyntaxError(line: line, column: 1, problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return YAMLSyntaxError(line: context.mark.line, column: context.mark.column,
                                   problem: "duplicate key \(names) in one mapping — keep only one")
        default:
            return YAMLSyntaxError(line: 1, column: 1, problem: "unreadable YAML")
        }
    }

    private static func lineNumber(ofUTF8Offset offset: Int, in text: String) -> Int {
        1 + text.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count
    }
}

extension Node {
    /// 1-based line of the node, 0 when unknown.
    package var line: Int { mark?.line ?? 0 }
    /// 1-based column of the node, 0 when unknown.
    package var column: Int { mark?.column ?? 0 }

    /// True for `~`, `null` and an empty value.
    package var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .plain && (null != nil || scalar.string.isEmpty)
    }

    /// A short word for the node's kind, for error messages.
    package var kindDescription: String {
        switch self {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

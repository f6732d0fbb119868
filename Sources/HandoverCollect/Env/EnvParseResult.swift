import Yams
import HandoverModel

/// What an env file parser returns: definitions by name, and problems by line. Never a value.
package struct EnvParseResult: Sendable, Equatable {
    /// One entry per definition, in file order.
    package var definitions: [(name: String, definition: EnvDefinition)]
    package var problems: [EnvFileProblem]
    /// Other env files this one pulls in (compose `env_file:`), relative to the repository.
    package var includedFiles: [(path: String, line: Int, scope: String?, required: Bool)]
    /// Names a comment marks as optional (dotenv only; the checks use the reference file's), in file order.
    package var optional: [(name: String, line: Int, marker: EnvOptionalName.Marker)] = []
    /// Names whose value, or whose commented-out assignment's value, is a switch word (`true`, `off`…), in file
    /// order (dotenv only; the checks use the reference file's): the name holds a switch, not a secret.
    package var switches: [String] = []
    /// The file could not be read at all (a YAML syntax error, a document refused as unbounded); problems say why.
    package var unreadable = false

    package init() {
        definitions = []
        problems = []
        includedFiles = []
    }

    /// Parses YAML for an env-file parser; a document the bounds refuse or a syntax error becomes a problem (never
    /// quoting the file), marks the file unreadable, and returns nil.
    mutating func yamlRoot(_ text: String) -> Node? {
        if let refusal = YAMLBounds.refusal(text) {
            unreadable = true
            problem(line: refusal.line, "not read: \(refusal.reason)")
            return nil
        }
        do {
            return try YAMLText.compose(text)
        } catch {
            unreadable = true
            problem(line: error.line, "YAML syntax error at column \(error.column): \(error.problem); the file was not read")
            return nil
        }
    }

    mutating func define(_ name: String, file: String, line: Int, scope: String? = nil, shape: ValueShape) {
        definitions.append((name, EnvDefinition(file: file, line: line, scope: scope, shape: shape)))
    }

    mutating func problem(line: Int, _ message: String) {
        problems.append(EnvFileProblem(line: line, message: message))
    }

    /// Reports names defined more than once within one scope: the last one wins.
    mutating func reportDuplicates() {
        var lines: [String: [Int]] = [:]
        var order: [String] = []
        for (name, definition) in definitions {
            let key = (definition.scope.map { "\($0)/" } ?? "") + name
            if lines[key] == nil { order.append(key) }
            lines[key, default: []].append(definition.line)
        }
        for key in order {
            guard let found = lines[key], found.count > 1, let last = found.last else { continue }
            let shown = found.map(String.init).joined(separator: ", ")
            problem(line: last, "`\(key)` is defined \(found.count) times (lines \(shown)); the last one wins")
        }
    }

    package static func == (a: EnvParseResult, b: EnvParseResult) -> Bool {
        a.definitions.map(\.name) == b.definitions.map(\.name)
            && a.definitions.map(\.definition) == b.definitions.map(\.definition) && a.problems == b.problems
            && a.includedFiles.map(\.path) == b.includedFiles.map(\.path)
    }
}

import Yams
import HandoverModel
import HandoverManifest

/// Reads env names from `docker-compose.yml`: `environment:` in list and map form, and `env_file:`.
package enum ComposeParser {
    package static func parse(_ text: String, file: String) -> EnvParseResult {
        var result = EnvParseResult()
        let root = result.yamlRoot(text)
        guard let root, let services = root["services"] else { return result }
        guard case .mapping(let serviceMap) = services else {
            result.problem(line: services.line, "`services` is not a mapping; the file was not read")
            return result
        }
        var budget = YAMLMerge.maximumEntries
        for (nameNode, service) in serviceMap {
            let scope = nameNode.string ?? "?"
            guard let merged = YAMLMerge.resolve(service, budget: &budget) else {
                result.problem(line: service.line, "the merge keys (`<<`) of service `\(scope)` nest deeper than \(YAMLMerge.maximumDepth) levels or expand beyond \(YAMLMerge.maximumEntries) entries; the service was not read")
                continue
            }
            if let environment = merged["environment"] {
                readEnvironment(environment, scope: scope, file: file, into: &result)
            }
            if let envFile = merged["env_file"] {
                readEnvFiles(envFile, scope: scope, into: &result)
            }
        }
        result.reportDuplicates()
        return result
    }

    static func readEnvironment(_ node: Node, scope: String, file: String, into result: inout EnvParseResult) {
        switch node {
        case .sequence(let items):
            for item in items {
                guard case .scalar(let scalar) = item else {
                    result.problem(line: item.line, "an `environment` entry of service `\(scope)` is not `KEY=VALUE`; skipped")
                    continue
                }
                let text = scalar.string
                if let eq = text.firstIndex(of: "=") {
                    let name = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
                    guard EnvName.isValid(name) else {
                        result.problem(line: item.line, "an `environment` entry of service `\(scope)` has no valid name; skipped")
                        continue
                    }
                    let shape = ValueShapeClassifier.classify(text[text.index(after: eq)...])
                    result.define(name, file: file, line: item.line, scope: scope, shape: shape)
                } else if EnvName.isValid(text) {
                    result.define(text, file: file, line: item.line, scope: scope, shape: .external)
                } else {
                    result.problem(line: item.line, "an `environment` entry of service `\(scope)` has no valid name; skipped")
                }
            }
        case .mapping(let map):
            for (key, value) in map {
                guard let name = key.string, EnvName.isValid(name) else {
                    result.problem(line: key.line, "an `environment` key of service `\(scope)` is not a valid name; skipped")
                    continue
                }
                let shape: ValueShape
                if value.isNull {
                    shape = .external
                } else if case .scalar(let scalar) = value {
                    shape = ValueShapeClassifier.classify(scalar.string)
                } else {
                    result.problem(line: value.line, "the value of `\(name)` in service `\(scope)` is not a single value")
                    shape = .unknown
                }
                result.define(name, file: file, line: key.line, scope: scope, shape: shape)
            }
        default:
            result.problem(line: node.line, "`environment` of service `\(scope)` is neither a list nor a mapping; skipped")
        }
    }

    static func readEnvFiles(_ node: Node, scope: String, into result: inout EnvParseResult) {
        let items: [Node]
        if case .sequence(let seq) = node { items = Array(seq) } else { items = [node] }
        for item in items {
            if case .scalar(let scalar) = item {
                result.includedFiles.append((scalar.string, item.line, scope, true))
            } else if let path = item["path"]?.string {
                let required = item["required"]?.bool ?? true
                result.includedFiles.append((path, item.line, scope, required))
            } else {
                result.problem(line: item.line, "an `env_file` entry of service `\(scope)` has no path; skipped")
            }
        }
    }
}

/// YAML merge keys (`<<: *defaults`), as compose files use them.
enum YAMLMerge {
    /// Entries visited while resolving the merges of one file, at most: `<<: [*a, *a]` chained N times would visit 2^N.
    static let maximumEntries = 10_000
    /// Merges within merges, at most.
    static let maximumDepth = 16

    /// The mapping with `<<` entries folded in (explicit keys win, then earlier sources); other nodes unchanged.
    /// Nil when resolving would go deeper than ``maximumDepth`` or visit more entries than `budget` has left.
    static func resolve(_ node: Node, budget: inout Int, depth: Int = 0) -> Node? {
        guard case .mapping(let mapping) = node, mapping.contains(where: { $0.key.string == "<<" }) else { return node }
        budget -= mapping.count
        guard depth < maximumDepth, budget >= 0 else { return nil }
        var pairs: [(Node, Node)] = mapping.filter { $0.key.string != "<<" }.map { ($0.key, $0.value) }
        var present = Set(pairs.compactMap { $0.0.string })
        for (key, value) in mapping where key.string == "<<" {
            let sources: [Node]
            if case .sequence(let seq) = value { sources = Array(seq) } else { sources = [value] }
            for source in sources {
                guard let resolved = resolve(source, budget: &budget, depth: depth + 1) else { return nil }
                guard case .mapping(let inherited) = resolved else { continue }
                budget -= inherited.count
                guard budget >= 0 else { return nil }
                for (k, v) in inherited {
                    guard let name = k.string, present.insert(name).inserted else { continue }
                    pairs.append((k, v))
                }
            }
        }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }
}

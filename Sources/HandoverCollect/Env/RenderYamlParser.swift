import Yams
import HandoverModel
import HandoverManifest

/// Reads env names from Render's `render.yaml` blueprint: `envVars` of services and of `envVarGroups`.
package enum RenderYamlParser {
    package static func parse(_ text: String, file: String) -> EnvParseResult {
        var result = EnvParseResult()
        let root = result.yamlRoot(text)
        guard let root else { return result }
        for listKey in ["services", "envVarGroups"] {
            guard let list = root[listKey] else { continue }
            guard case .sequence(let items) = list else {
                result.problem(line: list.line, "`\(listKey)` is not a list; skipped")
                continue
            }
            for item in items {
                let scope = item["name"]?.string ?? listKey
                guard let vars = item["envVars"] else { continue }
                guard case .sequence(let entries) = vars else {
                    result.problem(line: vars.line, "`envVars` of `\(scope)` is not a list; skipped")
                    continue
                }
                for entry in entries { read(entry, scope: scope, file: file, into: &result) }
            }
        }
        result.reportDuplicates()
        return result
    }

    static func read(_ entry: Node, scope: String, file: String, into result: inout EnvParseResult) {
        if entry["fromGroup"] != nil { return }  // links a group; its names are read from the group itself
        guard let keyNode = entry["key"], case .scalar(let key) = keyNode, EnvName.isValid(key.string) else {
            result.problem(line: entry.line, "an `envVars` entry of `\(scope)` has no valid `key`; skipped")
            return
        }
        let shape: ValueShape
        if let value = entry["value"] {
            if case .scalar(let scalar) = value { shape = ValueShapeClassifier.classify(scalar.string) } else { shape = .unknown }
        } else if entry["generateValue"]?.bool == true {
            shape = .looksFine
        } else if entry["fromDatabase"] != nil || entry["fromService"] != nil || entry["sync"]?.bool == false {
            shape = .external
        } else {
            shape = .empty
        }
        result.define(key.string, file: file, line: keyNode.line, scope: scope, shape: shape)
    }
}

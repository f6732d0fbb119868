import Yams
import HandoverModel
import HandoverManifest

/// Reads env names from `vercel.json`: `env` (the runtime's) and `build.env` (the build's). JSON is read through the
/// YAML reader, which keeps line numbers and refuses the same pathological input. A value `@name` refers to a
/// secret stored at Vercel (the legacy form): supplied outside the file.
package enum VercelJSONParser {
    package static func parse(_ text: String, file: String) -> EnvParseResult {
        var result = EnvParseResult()
        guard let root = result.yamlRoot(text) else { return result }
        guard case .mapping = root else {
            result.unreadable = true
            result.problem(line: root.line, "vercel.json is not a JSON object; the file was not read")
            return result
        }
        for (path, node) in [("env", root["env"]), ("build.env", root["build"]?["env"])] {
            guard let node else { continue }
            guard case .mapping(let map) = node else {
                result.problem(line: node.line, "`\(path)` is not an object of names and values; skipped")
                continue
            }
            for (keyNode, value) in map {
                guard case .scalar(let key) = keyNode, EnvName.isValid(key.string) else {
                    result.problem(line: keyNode.line, "a key of `\(path)` is not a valid env var name; skipped")
                    continue
                }
                let shape: ValueShape
                if case .scalar(let scalar) = value {
                    shape = scalar.string.hasPrefix("@") ? .external : ValueShapeClassifier.classify(scalar.string)
                } else {
                    shape = .unknown
                }
                result.define(key.string, file: file, line: keyNode.line, scope: path == "env" ? nil : "build", shape: shape)
            }
        }
        result.reportDuplicates()
        return result
    }
}

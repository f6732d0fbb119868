import Foundation
import HandoverModel
import HandoverManifest
import Yams

/// Finds `${{ secrets.NAME }}` and `${{ vars.NAME }}` in GitHub Actions workflows: names CI expects to exist.
package enum WorkflowReferences {
    /// References found in one workflow's text, with 1-based line numbers.
    package static func scan(_ text: String, file: String) -> [(name: String, kind: CIReference.Kind, location: String)] {
        var found: [(String, CIReference.Kind, String)] = []
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "${{") {
                let afterOpen = rest[open.upperBound...]
                let close = afterOpen.range(of: "}}")
                let expression = close.map { afterOpen[..<$0.lowerBound] } ?? afterOpen
                for (prefix, kind) in [("secrets.", CIReference.Kind.secret), ("vars.", .variable)] {
                    for name in names(after: prefix, in: expression) {
                        found.append((name, kind, "\(file):\(offset + 1)"))
                    }
                }
                rest = close.map { afterOpen[$0.upperBound...] } ?? ""
            }
        }
        return found
    }

    /// Identifiers following `prefix` at a word boundary.
    static func names(after prefix: String, in expression: Substring) -> [String] {
        var names: [String] = []
        var rest = expression
        while let range = rest.range(of: prefix) {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            let tail = rest[range.upperBound...]
            let name = tail.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) ?? true, EnvName.isValid(name) {
                names.append(String(name))
            }
            rest = tail
        }
        return names
    }

    /// The `environment:` of each job (a name, or a mapping with `name`), with the lines the job spans: a secret used
    /// inside such a job must exist in that GitHub environment. An unreadable workflow gives none.
    package static func jobEnvironments(_ text: String) -> [(lines: ClosedRange<Int>, environment: String)] {
        guard YAMLBounds.refusal(text) == nil, let root = try? YAMLText.compose(text),
              case .mapping(let jobs)? = root["jobs"] else { return [] }
        let lastLine = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        let starts = jobs.map(\.key.line)
        var out: [(ClosedRange<Int>, String)] = []
        for (index, (_, job)) in jobs.enumerated() {
            let environment = job["environment"].flatMap { node -> String? in
                if case .scalar(let scalar) = node { return scalar.string }
                return node["name"]?.string
            }
            guard let environment, !environment.isEmpty, !environment.contains("${{") else { continue }
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : lastLine
            out.append((starts[index]...max(starts[index], end), environment))
        }
        return out
    }
}

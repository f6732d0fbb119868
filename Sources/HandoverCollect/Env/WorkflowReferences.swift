import HandoverModel
import HandoverManifest
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
}

import Foundation

import Foundation
import HandoverModel
import HandoverManifest
import Yams

/// Finds `${{ secrets.NAME }}` and `${{ vars.NAME }}` in GitHub Actions workflows: names CI expects to exist.
package enum WorkflowReferences {
    /// One use of a secret or variable in a workflow.
    package struct Use: Equatable, Sendable {
        package var name: String
        package var kind: CIReference.Kind
        /// `path:line`, 1-based.
        package var location: String
        /// The env name the workflow hands the value to whole, when the expression is the entire value of one:
        /// `NEXT_PUBLIC_KEY: ${{ secrets.STRIPE_PK }}` in an `env:` block, or `NEXT_PUBLIC_KEY=${{ secrets.STRIPE_PK }}` in
        /// a build argument or a line a step appends to a `.env` file. The build or the process then sees that name.
        package var assignedTo: String?
    }

    /// References found in one workflow's text, with 1-based line numbers.
    package static func scan(_ text: String, file: String) -> [Use] {
        var found: [Use] = []
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "${{") {
                let afterOpen = rest[open.upperBound...]
                let close = afterOpen.range(of: "}}")
                let expression = close.map { afterOpen[..<$0.lowerBound] } ?? afterOpen
                var uses: [Use] = []
                for (prefix, kind) in [("secrets.", CIReference.Kind.secret), ("vars.", .variable)] {
                    for name in names(after: prefix, in: expression) {
                        uses.append(Use(name: name, kind: kind, location: "\(file):\(offset + 1)"))
                    }
                }
                if uses.count == 1, let close, expression.trimmingCharacters(in: .whitespaces) == "\(uses[0].kind == .secret ? "secrets." : "vars.")\(uses[0].name)" {
                    uses[0].assignedTo = assignee(before: line[..<open.lowerBound], after: afterOpen[close.upperBound...])
                }
                found += uses
                rest = close.map { afterOpen[$0.upperBound...] } ?? ""
            }
        }
        return found
    }

    /// The env name an expression is the whole value of: `NAME: ${{ … }}` as a line of its own (quoted or not, a
    /// comment after it), or `NAME=${{ … }}` ending at a quote, a space or the line's end. Only names written as env
    /// names conventionally are (upper case, digits, underscores): an action's inputs (`token: ${{ secrets.X }}`) are not
    /// the environment.
    static func assignee(before: Substring, after: Substring) -> String? {
        var head = before
        var quote: Character?
        if let last = head.last, last == "\"" || last == "'" { quote = last; head = head.dropLast() }
        let tail = after.drop { quote != nil && $0 == quote }
        let name: Substring
        if head.last == "=" {
            let beforeEquals = head.dropLast()
            name = beforeEquals.suffix(beforeEquals.reversed().prefix(while: isEnvCharacter).count)
            // `--build-arg NAME=`, `"NAME=`, a line's start; not `$NAME=`, `x.NAME=`, `fooNAME=`
            let preceding = beforeEquals.dropLast(name.count).last
            guard preceding.map({ !($0.isLetter || $0.isNumber || "_$.-".contains($0)) }) ?? true,
                  tail.first.map({ " \"';".contains($0) }) ?? true else { return nil }
        } else {
            var key = head.drop { $0 == " " || $0 == "\t" }
            if key.hasPrefix("- ") { key = key.dropFirst(2).drop { $0 == " " } }
            guard key.hasSuffix(":") || key.hasSuffix(": ") else { return nil }
            key = key.dropLast(key.hasSuffix(": ") ? 2 : 1)
            while key.last == " " { key = key.dropLast() }
            guard key.allSatisfy(isEnvCharacter) else { return nil }
            let rest = tail.drop { $0 == " " || $0 == "\t" }
            guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
            name = key
        }
        guard let first = name.first, first.isUppercase || first == "_", name.contains(where: \.isUppercase),
              EnvName.isValid(name) else { return nil }
        return String(name)
    }

    private static func isEnvCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isUppercase || c.isNumber || c == "_")
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

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
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, line) in lines.enumerated() {
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
                if uses.count == 1, let close, expression.trimmingCharacters(in: .whitespaces) == "\(uses[0].kind == .secret ? "secrets." : "vars.")\(uses[0].name)",
                   let (name, isKey) = assignee(before: line[..<open.lowerBound], after: afterOpen[close.upperBound...]),
                   !isKey || isUnderEnv(lines, offset) {
                    uses[0].assignedTo = name
                }
                found += uses
                rest = close.map { afterOpen[$0.upperBound...] } ?? ""
            }
        }
        return found
    }

    /// Whether the mapping entry on line `offset` sits directly in an `env:` mapping (of the workflow, a job, a step or
    /// a service container): not in an action's `with:` or a called workflow's `secrets:`, whose keys are inputs.
    static func isUnderEnv(_ lines: [Substring], _ offset: Int) -> Bool {
        func indent(_ line: Substring) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }
        let own = indent(lines[offset])
        for line in lines[..<offset].reversed() {
            let body = line.drop { $0 == " " || $0 == "\t" }
            if body.isEmpty || body.hasPrefix("#") || indent(line) >= own { continue }
            var key = body
            if key.hasPrefix("- ") { key = key.dropFirst(2).drop { $0 == " " } }
            if let hash = key.range(of: " #") { key = key[..<hash.lowerBound] }
            return key.trimmingCharacters(in: .whitespaces) == "env:"
        }
        return false
    }

    /// The env name an expression is the whole value of, and whether it is a mapping key: `NAME: ${{ … }}` as a line
    /// of its own (quoted or not, a comment after it; ``scan`` then checks that the mapping is an `env:`), or
    /// `NAME=${{ … }}` ending at a quote, a space, `;` or the line's end (not a URL's `?NAME=` or `&NAME=`). Only names
    /// written as env names conventionally are (upper case, digits, underscores): an action's `token:` input is not
    /// the environment.
    static func assignee(before: Substring, after: Substring) -> (name: String, isKey: Bool)? {
        var head = before
        var quote: Character?
        if let last = head.last, last == "\"" || last == "'" { quote = last; head = head.dropLast() }
        let tail = after.drop { quote != nil && $0 == quote }
        let name: Substring
        let isKey: Bool
        if head.last == "=" {
            let beforeEquals = head.dropLast()
            name = beforeEquals.suffix(beforeEquals.reversed().prefix(while: isEnvCharacter).count)
            // `--build-arg NAME=`, `"NAME=`, a line's start; not `$NAME=`, `x.NAME=`, `fooNAME=`, `?NAME=`
            let preceding = beforeEquals.dropLast(name.count).last
            guard preceding.map({ !($0.isLetter || $0.isNumber || "_$.-?&".contains($0)) }) ?? true,
                  tail.first.map({ " \"';".contains($0) }) ?? true else { return nil }
            isKey = false
        } else {
            var key = head.drop { $0 == " " || $0 == "\t" }
            if key.hasPrefix("- ") { key = key.dropFirst(2).drop { $0 == " " } }
            while key.last == " " || key.last == "\t" { key = key.dropLast() }
            guard key.last == ":" else { return nil }
            key = key.dropLast()
            while key.last == " " { key = key.dropLast() }
            if key.count >= 2, let q = key.first, q == "\"" || q == "'", key.last == q { key = key.dropFirst().dropLast() }
            guard key.allSatisfy(isEnvCharacter) else { return nil }
            let rest = tail.drop { $0 == " " || $0 == "\t" }
            guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
            name = key
            isKey = true
        }
        guard let first = name.first, first.isUppercase || first == "_", name.contains(where: \.isUppercase),
              EnvName.isValid(name) else { return nil }
        return (String(name), isKey)
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

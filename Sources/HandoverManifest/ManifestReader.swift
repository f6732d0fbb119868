import Foundation
import Yams
import HandoverModel

/// Reads typed values out of YAML nodes and gathers every problem instead of stopping at the first.
final class ManifestReader {
    private(set) var problems: [ManifestProblem] = []

    func report(_ node: Node?, _ message: String) {
        problems.append(ManifestProblem(line: node?.line ?? 1, column: node?.column ?? 1, message: message))
    }

    /// The entries of a mapping whose keys must come from `allowed`; unknown keys are reported with a
    /// suggestion. Returns nil (after reporting) when the node is not a mapping.
    func fields(_ node: Node, at path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(node, (path.isEmpty ? "the manifest" : "`\(path)`") + " must be a mapping (`key: value` lines), found \(node.kindDescription)")
            return nil
        }
        var fields = Fields(node: node, path: path)
        for (key, value) in mapping {
            guard let name = key.string, case .scalar = key else {
                report(key, (path.isEmpty ? "top-level keys" : "keys in `\(path)`") + " must be plain words")
                continue
            }
            guard allowed.contains(name) else {
                var message = "unknown key `\(name)`" + (path.isEmpty ? " at the top level" : " in `\(path)`")
                if let suggestion = DidYouMean.suggestion(for: name, among: allowed) {
                    message += " — did you mean `\(suggestion)`?"
                } else {
                    message += " — known keys: \(allowed.joined(separator: ", "))"
                }
                report(key, message)
                continue
            }
            fields.entries.append((name, key, value))
        }
        return fields
    }

    /// The entries of a mapping with free-form keys (environment names, checklist ids, hosts).
    func entries(_ node: Node, at path: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            report(node, "`\(path)` must be a mapping, found \(node.kindDescription)")
            return []
        }
        return mapping.compactMap { key, value in
            guard let name = key.string, case .scalar = key, !name.isEmpty else {
                report(key, "keys in `\(path)` must be plain words")
                return nil
            }
            return (name, key, value)
        }
    }

    func list(_ node: Node, at path: String) -> [Node] {
        guard case .sequence(let sequence) = node else {
            report(node, "`\(path)` must be a list (`- item` lines or `[a, b]`), found \(node.kindDescription)")
            return []
        }
        return Array(sequence)
    }

    func string(_ node: Node, at path: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull || allowEmpty else {
            report(node, "`\(path)` must be a single value, found \(node.kindDescription)")
            return nil
        }
        if !allowEmpty && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            report(node, "`\(path)` must not be empty")
            return nil
        }
        return scalar.string
    }

    /// A list of strings; a single value is accepted as a one-element list.
    func strings(_ node: Node, at path: String) -> [String] {
        if case .scalar = node, !node.isNull { return string(node, at: path).map { [$0] } ?? [] }
        return list(node, at: path).enumerated().compactMap { index, item in string(item, at: "\(path)[\(index)]") }
    }

    func bool(_ node: Node, at path: String) -> Bool? {
        guard case .scalar(let scalar) = node, let value = node.bool, scalar.style == .plain else {
            report(node, "`\(path)` must be true or false")
            return nil
        }
        return value
    }

    func int(_ node: Node, at path: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            report(node, "`\(path)` must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(node, "`\(path)` must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    func duration(_ node: Node, at path: String) -> Int? {
        guard let text = string(node, at: path) else { return nil }
        guard let ms = DurationText.milliseconds(text), ms > 0 else {
            report(node, "`\(path)` must be a duration such as `500ms`, `5s` or `1m` (at most 3650d), found `\(text)`")
            return nil
        }
        return ms
    }

    /// A calendar day written `YYYY-MM-DD`.
    func day(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard CalendarDay(text) != nil else {
            report(node, "`\(path)` must be a date written YYYY-MM-DD, found `\(text)`")
            return nil
        }
        return text
    }

    func url(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            report(node, "`\(path)` must be an http:// or https:// URL, found `\(text)`")
            return nil
        }
        return text
    }

    func envName(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard EnvName.isValid(text) else {
            report(node, "`\(path)` must be an env var name (letters, digits, underscore), found `\(text)`")
            return nil
        }
        return text
    }
}

/// The known keys of one mapping, with their nodes.
struct Fields {
    let node: Node
    let path: String
    var entries: [(name: String, key: Node, value: Node)] = []

    init(node: Node, path: String) {
        self.node = node
        self.path = path
    }

    subscript(name: String) -> Node? { entries.first(where: { $0.name == name })?.value }

    /// The value of a required key; reports when it is missing.
    func required(_ name: String, _ reader: ManifestReader) -> Node? {
        if let value = self[name] { return value }
        reader.report(node, "`\(path)` needs `\(name)`")
        return nil
    }

    func child(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
}

/// A `YYYY-MM-DD` day, validated.
package struct CalendarDay: Sendable, Equatable, Comparable {
    package var year: Int, month: Int, day: Int

    package init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m)
        else { return nil }
        let daysInMonth = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30,
                           31, 30, 31]
        guard (1...daysInMonth[m - 1]).contains(d) else { return nil }
        year = y
        month = m
        day = d
    }

    package static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// Env var name rules shared by the parsers and the manifest.
package enum EnvName {
    /// Letters, digits, `_`, also `.` and `-` after the first character (as dotenv libraries accept);
    /// must not start with a digit.
    package static func isValid<S: StringProtocol>(_ name: S) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
            first == "_" || (first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar == "_" || scalar == "." || scalar == "-" || scalar.properties.isAlphabetic
                || ("0"..."9").contains(scalar))
        }
    }
}

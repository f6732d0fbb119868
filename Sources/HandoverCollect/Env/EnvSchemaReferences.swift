import Foundation
import HandoverModel

/// Names declared in a zod env schema — a t3-env `createEnv({ server: { … }, client: { … } })` or a `z.object` that
/// parses `process.env` — with what the schema says when the variable is unset (`.optional()`, `.nullish()`,
/// `.default(…)`). Only files that build such a schema are read, and only `NAME: z…` entries at the start of a line.
enum EnvSchemaReferences {
    static let entry = try? NSRegularExpression(pattern: #"(?m)^[ \t]*['"]?([A-Z][A-Z0-9_]{1,127})['"]?[ \t]*:[ \t]*z\b"#)
    static let markers = ["createEnv(", "parse(process.env", "parse(import.meta.env", "safeParse(process.env"]
    /// How much of an entry is read for its modifiers.
    static let entryReach = 400

    static func declarations(in text: String, units: [UInt16]) -> [CodeReadTail.Match] {
        guard markers.contains(where: text.contains), let entry else { return [] }
        let found = entry.matches(in: text, range: NSRange(location: 0, length: units.count))
        let tail = CodeReadTail(units: units)
        return found.enumerated().map { index, match in
            let nameRange = match.range(at: 1)
            let end = NSMaxRange(match.range)
            let limit = min(index + 1 < found.count ? found[index + 1].range.location : units.count, end + entryReach)
            let body = String(decoding: units[end..<max(end, limit)], as: UTF16.self)
            var fallback: CodeFallback?
            if let range = body.range(of: ".default(") {
                let offset = end + body.utf16.distance(from: body.startIndex, to: range.upperBound)
                fallback = tail.literal(at: tail.skipBlanks(from: offset, newlines: true))?.fallback ?? CodeFallback(kind: .computed)
            } else if body.contains(".optional()") || body.contains(".nullish()") {
                fallback = CodeFallback(kind: .schemaOptional)
            }
            return CodeReadTail.Match(name: String(decoding: units[nameRange.location..<NSMaxRange(nameRange)], as: UTF16.self),
                                      start: match.range.location, end: end, pattern: nil, schema: fallback, isSchema: true)
        }
    }
}

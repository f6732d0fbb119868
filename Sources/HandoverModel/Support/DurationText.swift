import Foundation
/// Parses the manifest's durations: `500ms`, `5s`, `1m`, `2h`, `7d`, returned in milliseconds.
package enum DurationText {
    /// The longest duration anything takes: ten years. Longer ones are refused where they are read, since a timer of
    /// them (NIO counts nanoseconds in an Int64) would overflow.
    package static let maximumMilliseconds = 3_650 * 86_400_000

    package static func milliseconds(_ text: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000),
                                                      ("d", 86_400_000)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            // "5ms" also ends in "s": only accept when what is left is a plain number.
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(number),
                value <= Int.max / unit.factor
            else { continue }
            return value * unit.factor <= maximumMilliseconds ? value * unit.factor : nil
        }
        return nil
    }

    /// Formats milliseconds back into the shortest exact manifest form.
    package static func format(milliseconds ms: Int) -> String {
        if ms % 86_400_000 == 0, ms > 0 { return "\(ms / 86_400_000)d" }
        if ms % 3_600_000 == 0, ms > 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0, ms > 0 { return "\(ms / 60_000)m" }
        if ms % 1_000 == 0, ms > 0 { return "\(ms / 1_000)s" }
        return "\(ms)ms"
    }
}

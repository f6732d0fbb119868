import Foundation

/// The one JSON encoding of snapshots and reports: sorted keys, ISO-8601 UTC times, no escaped slashes,
/// two-space indentation, trailing newline, and every character a terminal or an editor acts on written as a
/// `\u` escape (JSON escapes C0 controls by itself; DEL, C1 controls and bidi controls it leaves raw — a TXT record
/// holding U+009B or U+202E would reach whoever runs `cat` or `git diff` on a snapshot). Equal values always give
/// equal bytes.
package enum CanonicalJSON {
    package static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.iso8601(date))
        }
        var data = escapingInvisibles(try encoder.encode(value))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// `json` with DEL, the C1 controls and the bidirectional controls (U+061C, U+200E/F, U+202A–U+202E,
    /// U+2066–U+2069) replaced by `\uXXXX`. They can only occur inside strings (JSON's syntax is ASCII), where
    /// the escape decodes to the same character.
    package static func escapingInvisibles(_ json: Data) -> Data {
        // Looked for in place first, precisely: most snapshots hold none of these but many hold other characters with
        // the same lead bytes (every `—` and `…` starts with 0xE2), and copying a 14 MB snapshot twice to look was the
        // largest allocation of a 500-host snapshot's last step.
        let first = json.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < bytes.count {
                if invisible(bytes, at: i) != nil { return i }
                i += 1
            }
            return nil
        }
        guard let first else { return json }
        return json.withUnsafeBytes { raw -> Data in
            let bytes = raw.bindMemory(to: UInt8.self)
            var out = Data(capacity: bytes.count + 64)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<first]))
            var i = first
            while i < bytes.count {
                if let (scalar, length) = invisible(bytes, at: i) {
                    out.append(contentsOf: Array(String(format: "\\u%04x", scalar).utf8))
                    i += length
                } else {
                    out.append(bytes[i]); i += 1
                }
            }
            return out
        }
    }

    /// The invisible character whose UTF-8 encoding starts at `i`, and its length in bytes.
    @inline(__always)
    static func invisible(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b = bytes[i]
        guard b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2 else { return nil }
        let next = i + 1 < bytes.count ? bytes[i + 1] : 0
        let third = i + 2 < bytes.count ? bytes[i + 2] : 0
        if b == 0x7F { return (0x7F, 1) }
        if b == 0xC2, (0x80...0x9F).contains(next) { return (UInt32(next), 2) }
        if b == 0xD8, next == 0x9C { return (0x061C, 2) }
        if b == 0xE2, next == 0x80, [0x8E, 0x8F, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE].contains(third) { return (0x2000 + UInt32(third - 0x80), 3) }
        if b == 0xE2, next == 0x81, (0xA6...0xA9).contains(third) { return (0x2040 + UInt32(third - 0x80), 3) }
        return nil
    }

    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 UTC time")
            }
            return date
        }
        return decoder
    }
}

/// ISO-8601 UTC timestamps with whole seconds, and the compact form used in snapshot file names. Converted by
/// arithmetic on the proleptic Gregorian calendar (no formatter or Calendar per call: snapshots hold thousands).
package enum Timestamp {
    package static func iso8601(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `20261129T071119Z`.
    package static func compact(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `2026-11-29`.
    package static func day(_ date: Date) -> String {
        let c = components(date)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (fractional seconds allowed, truncated); nil for anything else.
    package static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (48...57).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21, number(20..<(b.count - 1)) != nil else { return nil }
        } else if b[19] != UInt8(ascii: "Z") {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    struct Parts { var year, month, day, hour, minute, second: Int }

    static func components(_ date: Date) -> Parts {
        let total = Int(floor(date.timeIntervalSince1970))
        let days = Int(floor(Double(total) / 86_400))
        let seconds = total - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return Parts(year: year, month: month, day: day, hour: seconds / 3_600, minute: seconds % 3_600 / 60, second: seconds % 60)
    }

    /// Days since 1970-01-01 (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

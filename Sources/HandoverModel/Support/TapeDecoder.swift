import Foundation

/// Decodes `Decodable` values from a `JSONTape` as `CanonicalJSON.decoder()` (Foundation's `JSONDecoder`) does:
/// the same values and `DecodingError`s with the same coding paths — except that a number too large for its integer
/// field names the field (JSONDecoder gives no path) — and dates as ISO-8601 UTC strings. No dictionary per object,
/// strings made only when asked for (Benchmarks/NOTES.md, "diff, session 10").
package enum TapeDecoding {
    /// Decodes `type` from the whole document; `userInfo` is what every `Decoder` of it gives.
    package static func decode<T: Decodable>(_ type: T.Type, from tape: JSONTape, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T {
        try TapeDecoder(tape: tape, node: 0, parent: nil, key: nil, userInfo: userInfo).decodeValue(type)
    }

    /// Decodes `type` from `data`; a text that is not JSON throws `DecodingError.dataCorrupted` with an empty path,
    /// as JSONDecoder does.
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: try tape(data))
    }

    /// Parses `data`, reporting a syntax error as JSONDecoder would.
    package static func tape(_ data: Data) throws -> JSONTape {
        do {
            return try JSONTape([UInt8](data))
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON: \(error.reason) at byte \(error.offset)."))
        }
    }
}

/// A coding key of an array element, as in JSONDecoder's paths (`Index N`, integer N).
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// A decoder at one node; its parent and key are its coding path, built only when an error or a caller needs it.
final class TapeDecoder: Decoder, SingleValueDecodingContainer {
    let tape: JSONTape
    let node: Int
    let parent: TapeDecoder?
    let key: (any CodingKey)?
    let userInfo: [CodingUserInfoKey: Any]

    init(tape: JSONTape, node: Int, parent: TapeDecoder?, key: (any CodingKey)?, userInfo: [CodingUserInfoKey: Any]) {
        self.tape = tape
        self.node = node
        self.parent = parent
        self.key = key
        self.userInfo = userInfo
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var at: TapeDecoder? = self
        while let decoder = at, let key = decoder.key {
            keys.append(key)
            at = decoder.parent
        }
        return keys.reversed()
    }

    var kind: JSONTape.Kind { tape.nodes[node].kind }

    func child(_ node: Int, _ key: any CodingKey) -> TapeDecoder { TapeDecoder(tape: tape, node: node, parent: self, key: key, userInfo: userInfo) }

    func mismatch<T>(_ type: T.Type, _ what: String) -> DecodingError {
        if kind == .null {
            return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Cannot get \(what) -- found null value instead"))
        }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected to decode \(what) but found \(kind) instead."))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard kind == .object else { throw mismatch([String: Any].self, "a dictionary") }
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard kind == .array else { throw mismatch([Any].self, "an array") }
        return TapeUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// `T` from this node: strings, numbers and dates directly, anything else through its own `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try decode(String.self) as! T }
        if T.self == Int.self { return try decode(Int.self) as! T }
        if T.self == Bool.self { return try decode(Bool.self) as! T }
        if T.self == Double.self { return try decode(Double.self) as! T }
        if T.self == Date.self { return try decodeDate() as! T }
        if T.self == URL.self {
            let text = try decode(String.self)
            guard let url = URL(string: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Invalid URL string."))
            }
            return url as! T
        }
        return try T(from: self)
    }

    /// As CanonicalJSON's date strategy: an ISO-8601 UTC time.
    func decodeDate() throws -> Date {
        let text = try decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "not an ISO-8601 UTC time"))
        }
        return date
    }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { kind == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(type, "Bool")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard kind == .string else { throw mismatch(type, "String") }
        return tape.string(at: node)
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard kind == .number else { throw mismatch(type, "Double") }
        if let integer = tape.integer(at: node), abs(integer) < 1 << 53 { return Double(integer) }
        guard let value = Double(tape.numberText(at: node)), value.isFinite else { throw notRepresentable(type) }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float {
        let value = try decode(Double.self)
        guard let exact = Float(exactly: value) ?? (abs(value) <= Double(Float.greatestFiniteMagnitude) ? Float(value) : nil) else {
            throw notRepresentable(type)
        }
        return exact
    }

    func notRepresentable<T>(_ type: T.Type) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "Number \(tape.numberText(at: node)) is not representable in Swift."))
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard kind == .number else { throw mismatch(type, "\(type)") }
        if let value = tape.integer(at: node), let exact = T(exactly: value) { return exact }
        // JSONDecoder also takes `1.0` or `1e3` for an integer, and a UInt64 above Int64.max.
        if let value = Double(tape.numberText(at: node)), let exact = T(exactly: value) { return exact }
        if let value = UInt64(tape.numberText(at: node)), let exact = T(exactly: value) { return exact }
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                                                debugDescription: "Number \(tape.numberText(at: node)) is not representable in Swift."))
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

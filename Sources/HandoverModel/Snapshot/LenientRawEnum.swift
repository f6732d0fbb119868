/// A string enum that decodes values it does not know as `.unknown`, so files written by a newer minor
/// version of handover still load.
package protocol LenientRawEnum: RawRepresentable, Codable where RawValue == String {
    /// The case a value this build does not know decodes to.
    static var unknown: Self { get }
}

extension LenientRawEnum {
    package init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        self = Self(rawValue: raw) ?? Self.unknown
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The sections of a snapshot. Their raw values are interface: JSON keys and `--only` values.
package enum SectionName: String, CaseIterable, Codable, Sendable, Comparable, LenientRawEnum {
    case git, env, monitoring, critical, owners
    case dns, email, tls, http, registration, secrets, audit
    case unknown

    /// Sections this build can collect; the rest belong to later releases.
    package static let implemented: [SectionName] = [.git, .env, .monitoring, .critical, .owners, .dns, .email, .tls, .http,
                                                       .registration, .secrets]

    /// Every name a user may type, in documentation order.
    package static let known: [SectionName] = allCases.filter { $0 != .unknown }

    package static func < (lhs: SectionName, rhs: SectionName) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

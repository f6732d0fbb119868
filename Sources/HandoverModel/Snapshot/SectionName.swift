/// The sections of a snapshot. Their raw values are interface: JSON keys and `--only` values.
///
/// This file is the section registry: what every stage lists about sections (which are collected, their titles,
/// the order reports follow) is read from here, so a new section is a new case and a new row below, beside its
/// state type (`Snapshot.section(_:)`), its collector, its facts and its text.
package enum SectionName: String, CaseIterable, Codable, Sendable, Comparable, LenientRawEnum {
    case git, env, monitoring, critical, owners
    case dns, email, tls, http, registration, secrets, audit
    case unknown

    /// What the stages know about a section.
    package struct Entry: Sendable {
        /// Collected by `handover snapshot`; false for a section computed from the others (the audit).
        package var collected: Bool
        /// The heading of its part of `show` and `diff`.
        package var title: String
    }

    /// One row per section.
    package var entry: Entry? {
        switch self {
        case .git: return Entry(collected: true, title: "Git")
        case .env: return Entry(collected: true, title: "Environments")
        case .monitoring: return Entry(collected: true, title: "Monitoring")
        case .critical: return Entry(collected: true, title: "Critical endpoints")
        case .owners: return Entry(collected: true, title: "Owners")
        case .dns: return Entry(collected: true, title: "DNS")
        case .email: return Entry(collected: true, title: "Email authentication")
        case .tls: return Entry(collected: true, title: "TLS")
        case .http: return Entry(collected: true, title: "HTTP")
        case .registration: return Entry(collected: true, title: "Domain registration")
        case .secrets: return Entry(collected: true, title: "Secrets in the repository")
        case .audit: return Entry(collected: false, title: "Audit")
        case .unknown: return nil
        }
    }

    /// Sections this build collects, in section order.
    package static let implemented: [SectionName] = allCases.filter { $0.entry?.collected == true }

    /// Every name a user may type, in documentation order.
    package static let known: [SectionName] = allCases.filter { $0 != .unknown }

    /// The order of `diff` and `log`: the deployed code first, then the world outside from names to content (DNS →
    /// TLS → HTTP, the causal order of stories), then what the manifest declares, the history, and the waivers.
    package static let reportOrder: [SectionName] = [.git, .env, .dns, .email, .tls, .http, .registration, .monitoring, .critical,
                                                     .owners, .secrets, .audit]

    /// The heading of the section; the raw value for an unknown one.
    package var title: String { entry?.title ?? rawValue }

    package static func < (lhs: SectionName, rhs: SectionName) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

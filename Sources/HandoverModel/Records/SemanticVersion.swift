/// A semantic version parsed from a tag name (`v1.2.3`, `1.2.3-rc.1+build.5`), for ordering rollback targets.
package struct SemanticVersion: Comparable, Sendable {
    package var major: Int, minor: Int, patch: Int
    package var prerelease: [String]

    /// Parses `[v|V]MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`; nil for anything else.
    package init?(tag: String) {
        var text = Substring(tag)
        if text.first == "v" || text.first == "V" { text = text.dropFirst() }
        if let plus = text.firstIndex(of: "+") { text = text[..<plus] }
        var pre: [String] = []
        if let dash = text.firstIndex(of: "-") {
            pre = text[text.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !pre.isEmpty, pre.allSatisfy({ !$0.isEmpty }) else { return nil }
            text = text[..<dash]
        }
        let core = text.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let major = Int(core[0]), let minor = Int(core[1]), let patch = Int(core[2])
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        prerelease = pre
    }

    /// SemVer 2.0.0 §11 precedence.
    package static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        if a.prerelease.isEmpty || b.prerelease.isEmpty { return !a.prerelease.isEmpty && b.prerelease.isEmpty }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            switch (Int(x), Int(y)) {
            case let (i?, j?): return i < j
            case (_?, nil): return true
            case (nil, _?): return false
            default: return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }

    package static func == (a: SemanticVersion, b: SemanticVersion) -> Bool { !(a < b) && !(b < a) }
}

/// Orders release tags newest first.
package enum ReleaseTagOrder {
    /// Semver order when every name parses as semver, else by the tagged commit's date; names break ties.
    package static func sorted(_ tags: [TagInfo]) -> [TagInfo] {
        let versions = tags.map { SemanticVersion(tag: $0.name) }
        if !tags.isEmpty, versions.allSatisfy({ $0 != nil }) {
            return zip(tags, versions).sorted { lhs, rhs in
                let (a, b) = (lhs.1!, rhs.1!)
                return a == b ? lhs.0.name > rhs.0.name : b < a
            }.map(\.0)
        }
        return tags.sorted { ($0.date, $0.name) > ($1.date, $1.name) }
    }
}

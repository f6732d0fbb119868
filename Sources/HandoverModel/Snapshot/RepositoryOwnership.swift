import Foundation

/// Who owns the code, as the repository shows it at HEAD: the CODEOWNERS rules, which critical paths they cover,
/// and who actually committed to each top-level area recently (beside the manifest's `owners`).
package struct RepositoryOwnership: Codable, Sendable, Equatable {
    /// How far back the activity is counted, before HEAD's commit date.
    package static let windowDays = 90
    /// At most this many commits are read for the activity.
    package static let commitLimit = 2_000

    /// The CODEOWNERS file GitHub would use (`.github/`, the root, `docs/`), nil when there is none.
    package var codeowners: CodeOwnersFile?
    /// Paths a deploy depends on (workflows, infrastructure files, env examples, the manifest), with their owners.
    package var criticalPaths: [CriticalPath]
    /// Top-level areas touched in the window, by name (`(root)` for files at the root).
    package var areas: [AreaActivity]
    /// Commits read for `areas` (merges are not counted), and whether the window was cut by the commit limit.
    package var commitsRead: Int
    package var truncated: Bool

    package init(codeowners: CodeOwnersFile?, criticalPaths: [CriticalPath], areas: [AreaActivity], commitsRead: Int, truncated: Bool) {
        self.codeowners = codeowners
        self.criticalPaths = criticalPaths
        self.areas = areas
        self.commitsRead = commitsRead
        self.truncated = truncated
    }

    /// Every author in the window, by name.
    package var authors: [String] { Array(Set(areas.flatMap(\.authors))).sorted() }
}

package struct CodeOwnersFile: Codable, Sendable, Equatable {
    package var path: String
    package var rules: [CodeOwnersRule]
    /// Lines that could not be read as `PATTERN OWNER…` (line numbers; the text is not kept).
    package var badLines: [Int]

    package init(path: String, rules: [CodeOwnersRule], badLines: [Int]) {
        self.path = path
        self.rules = rules
        self.badLines = badLines
    }
}

package struct CodeOwnersRule: Codable, Sendable, Equatable {
    package var pattern: String
    /// `@user`, `@org/team` or an email; empty when the rule removes the owners of what it matches.
    package var owners: [String]
    package var line: Int

    package init(pattern: String, owners: [String], line: Int) {
        self.pattern = pattern
        self.owners = owners
        self.line = line
    }
}

package struct CriticalPath: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, Sendable, LenientRawEnum {
        case workflow, infrastructure, envExample, manifest, unknown
    }
    package var path: String
    package var kind: Kind
    /// The owners of the last CODEOWNERS rule matching it; empty when none.
    package var owners: [String]

    package init(path: String, kind: Kind, owners: [String]) {
        self.path = path
        self.kind = kind
        self.owners = owners
    }
}

package struct AreaActivity: Codable, Sendable, Equatable {
    package var area: String
    package var commits: Int
    /// Author names, sorted.
    package var authors: [String]
    package var lastCommit: Date

    package init(area: String, commits: Int, authors: [String], lastCommit: Date) {
        self.area = area
        self.commits = commits
        self.authors = authors
        self.lastCommit = lastCommit
    }
}

extension CriticalPath.Kind {
    /// What the path is, in words.
    package var title: String {
        switch self {
        case .workflow: "CI workflow"
        case .infrastructure: "infrastructure file"
        case .envExample: "env reference file"
        case .manifest: "handover manifest"
        case .unknown: "file"
        }
    }
}

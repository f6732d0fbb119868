import Foundation
import HandoverModel
import HandoverCollect

/// Paths a deploy depends on (workflows, infrastructure files, env examples, the manifest) that no CODEOWNERS rule
/// gives an owner: a change to them needs nobody's review.
package enum OwnersCriticalPathUnownedCheck: AuditCheck {
    package static let id = "owners.critical-path-unowned"
    package static let severity = Severity.medium
    package static let title = "Deploy-critical path without a code owner"
    package static let impact = "A change to how the app is built, deployed or configured can be merged without the person who answers for production seeing it."
    package static let remediation = "Add CODEOWNERS rules for these paths (e.g. `/.github/workflows/ @acme/ops`) and require code-owner review on the default branch."
    package static let reference = "GitHub Docs: About code owners; docs/launch-bars.md#handover-who-can-change-production-and-who-knows-each-part"
    package static let sections: [SectionName] = [.git]

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let ownership = c.git?.ownership, !ownership.criticalPaths.isEmpty else { return [] }
        let unowned = ownership.criticalPaths.filter(\.owners.isEmpty)
        guard let file = ownership.codeowners else {
            // No CODEOWNERS at all: one note, not one finding per path — a small team may review everything anyway.
            let names = unowned.prefix(5).map(\.path).joined(separator: ", ") + (unowned.count > 5 ? ", …" : "")
            return [Observation("codeowners", ["no CODEOWNERS file (\(CodeOwnersLocations.text)); \(unowned.count) deploy-critical path(s) have no owner: \(names)"],
                                severity: .low)]
        }
        return unowned.map { path in
            Observation("path:\(path.path)", ["\(path.kind.title) with no owner in \(file.path) (no rule matches it, or the last match names nobody)"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("workflow not covered") { s in
            Edit.git(&s) { $0.ownership = .example(rules: [CodeOwnersRule(pattern: "/src/", owners: ["@acme/dev"], line: 1)]) }
        },
        .passes("everything owned") { s in
            Edit.git(&s) { $0.ownership = .example(rules: [CodeOwnersRule(pattern: "*", owners: ["@acme/ops"], line: 1)]) }
        },
    ]
}

/// One person made every recent commit to an area: if they leave or are away, nobody knows that part.
package enum OwnersBusFactorOneCheck: AuditCheck {
    package static let id = "owners.bus-factor-one"
    package static let severity = Severity.low
    package static let title = "Only one person changed this area recently"
    package static let impact = "If that person is away at midnight, nobody else has touched this code in months: a bus factor of one."
    package static let remediation = "Have a second person review or make the next changes there, and write down how it is deployed and rolled back."
    package static let reference = "docs/launch-bars.md#handover-who-can-change-production-and-who-knows-each-part"
    package static let sections: [SectionName] = [.git]
    static let everythingOwned = [CodeOwnersRule(pattern: "*", owners: ["@acme/dev"], line: 1)]
    /// Fewer commits than this in the window say too little to call it one person's area.
    package static let minimumCommits = 5

    package static func observe(_ c: AuditContext) -> [Observation] {
        guard let ownership = c.git?.ownership else { return [] }
        let days = RepositoryOwnership.windowDays
        if ownership.authors.count == 1, ownership.commitsRead >= minimumCommits, let only = ownership.authors.first {
            return [Observation("repo", ["all \(ownership.commitsRead) commits of the last \(days) days are by \(only)"])]
        }
        return ownership.areas.filter { $0.commits >= minimumCommits && $0.authors.count == 1 }.map { area in
            Observation("area:\(area.area)", ["\(area.commits) commits in the last \(days) days, all by \(area.authors[0])"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("one author for the API") { s in
            Edit.git(&s) {
                $0.ownership = .example(rules: everythingOwned, areas: [AreaActivity(area: "api", commits: 9, authors: ["Jo Doe"], lastCommit: CheckExample.now),
                                                           AreaActivity(area: "web", commits: 6, authors: ["Ann Lee", "Jo Doe"], lastCommit: CheckExample.now)])
            }
        },
        .passes("two people in every area") { s in
            Edit.git(&s) {
                $0.ownership = .example(rules: everythingOwned, areas: [AreaActivity(area: "api", commits: 9, authors: ["Ann Lee", "Jo Doe"], lastCommit: CheckExample.now)])
            }
        },
    ]
}

enum CodeOwnersLocations {
    static let text = ".github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS"
}

extension RepositoryOwnership {
    /// A repository with a deploy workflow, a Dockerfile and an env example, owned as `rules` say.
    static func example(rules: [CodeOwnersRule], areas: [AreaActivity] = []) -> RepositoryOwnership {
        let file = CodeOwnersFile(path: ".github/CODEOWNERS", rules: rules, badLines: [])
        let paths = [(".github/workflows/deploy.yml", CriticalPath.Kind.workflow), ("Dockerfile", .infrastructure), (".env.example", .envExample)]
        return RepositoryOwnership(codeowners: file,
                                   criticalPaths: paths.map { CriticalPath(path: $0.0, kind: $0.1, owners: CodeOwners.owners(of: $0.0, in: file)) },
                                   areas: areas, commitsRead: areas.map(\.commits).reduce(0, +), truncated: false)
    }
}

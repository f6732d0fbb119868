import Foundation
import HandoverModel

extension DocumentContext {
    /// Who owns the code, as the repository shows it: CODEOWNERS over the deploy-critical paths, and who committed
    /// to each top-level area recently.
    package struct CodeOwnership: Codable, Sendable, Equatable {
        package struct Path: Codable, Sendable, Equatable {
            package var path: String
            package var kind: String
            /// The owners, or `no owner`.
            package var owners: String
        }

        package struct Area: Codable, Sendable, Equatable {
            package var area: String
            package var commits: Int
            package var authors: String
            /// `one person` when every commit is one author's (a bus factor of one), else empty.
            package var mark: String
        }

        /// The CODEOWNERS file's path, or `none`.
        package var codeowners: String
        package var critical: [Path]
        package var hasCritical: Bool
        package var areas: [Area]
        package var hasAreas: Bool
        package var windowDays: Int
    }
}

extension DocumentContextBuilder {
    static func codeOwnership(_ git: GitState?) -> DocumentContext.CodeOwnership? {
        guard let ownership = git?.ownership else { return nil }
        let critical = ownership.criticalPaths.map { path in
            DocumentContext.CodeOwnership.Path(path: path.path, kind: path.kind.title,
                                               owners: path.owners.isEmpty ? "no owner" : path.owners.joined(separator: " "))
        }
        let areas = ownership.areas.sorted { ($0.commits, $1.area) > ($1.commits, $0.area) }.map { area in
            DocumentContext.CodeOwnership.Area(area: area.area, commits: area.commits, authors: area.authors.joined(separator: ", "),
                                               mark: area.authors.count == 1 && area.commits >= 5 ? "one person" : "")
        }
        return .init(codeowners: ownership.codeowners?.path ?? "none", critical: critical, hasCritical: !critical.isEmpty,
                     areas: areas, hasAreas: !areas.isEmpty, windowDays: RepositoryOwnership.windowDays)
    }
}

import Foundation

/// The commits between two deploy hashes.
package struct CommitRange: Codable, Sendable, Equatable {
    package enum Direction: String, Codable, Sendable, LenientRawEnum {
        /// New descends from old: the commits deployed since.
        case forward
        /// Old descends from new: a rollback; `commits` are the ones taken back.
        case backward
        /// Neither descends from the other (a force-push or another branch).
        case diverged
        /// The old commit is not in the repository any more (force-pushed away, or another clone).
        case oldMissing = "old-missing"
        case newMissing = "new-missing"
        case unknown
    }

    package var from: String
    package var to: String
    package var direction: Direction
    /// Newest first, at most `limit`; `total` counts them all.
    package var commits: [CommitInfo]
    package var total: Int
    package var note: String?

    package init(from: String, to: String, direction: Direction, commits: [CommitInfo], total: Int, note: String?) {
        self.from = from
        self.to = to
        self.direction = direction
        self.commits = commits
        self.total = total
        self.note = note
    }
}

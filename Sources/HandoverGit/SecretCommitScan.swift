import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// What one commit of a history scan changed, as a `SecretCommitReader` read it: everything the scan needs from the
/// repository for that commit, in the order the files were met. `SecretHistoryRun.apply` builds the findings from
/// these in walk order, so readers on several threads give exactly what one thread reading everything would.
struct SecretCommitScan: Sendable {
    /// What reading one new or changed file gave.
    enum Blob: Sendable {
        /// Read: the matches that were not already in the file's previous version.
        case read([SecretRules.Match])
        /// Binary or larger than the scan's limit: nothing looked for.
        case skipped
        case unreadable
        /// This reader read the blob for an earlier commit, and (walk order) so did the run.
        case readBefore
        /// Met for the first time and not yet read: `SecretBlobLoader.load` reads it (`loaded`, `skipped` or
        /// `unreadable`); the run never sees it.
        case pending(id: git_oid, modified: Bool)
        /// Read and not yet searched: its text and, when still in memory, its previous version's and the part of the
        /// text that differs from it (`ChangedRegion`). `SecretBlobJudge.finish` turns it into `read`; the run never
        /// sees it.
        case loaded(text: [UInt8], previous: [UInt8]?, region: Range<Int>?, modified: Bool)
    }

    enum Event: Sendable {
        /// A tree that could not be read (the root tree: path "(root of …)").
        case unreadableTree(id: String, path: String)
        case deleted(path: String)
        /// An env file added or changed, judged by what this version holds.
        case envFile(path: String, confidence: SecretConfidence, reasons: [SecretReason])
        /// A file added or changed (`oldKey`: its previous blob, for a modified file).
        case blob(path: String, key: String, oldKey: String?, Blob)
    }

    var id: String
    var parents: [String]
    var info: CommitInfo
    var events: [Event] = []
}

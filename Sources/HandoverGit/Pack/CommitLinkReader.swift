import CLibgit2
import Foundation

/// Reads commits' parents and times for a walk: from git's commit-graph file when it holds the commit, else from the
/// packs (`PackedCommits`), else from libgit2's object database (loose objects, packs the reader cannot read). nil
/// means the commit is missing, not a commit, or written so that only libgit2 can say how it reads it.
final class CommitLinkReader {
    private let repo: GitRepository
    private let graph: CommitGraphFile?
    private let packs: PackedCommits
    private var odb: OpaquePointer?
    /// Commits answered by each source: for tests and measurements.
    private(set) var fromGraph = 0
    private(set) var fromPacks = 0
    private(set) var fromLibgit2 = 0

    /// `useGraph` false reads every commit from its object (for tests that compare the two).
    init(repo: GitRepository, useGraph: Bool = true) {
        self.repo = repo
        let common = git_repository_commondir(repo.handle).map { String(cString: $0) } ?? ""
        let objects = URL(fileURLWithPath: common).appendingPathComponent("objects").path
        graph = useGraph ? CommitGraphFile(objectsDirectory: objects) : nil
        packs = PackedCommits(objectsDirectory: objects)
    }

    deinit { if let odb { git_odb_free(odb) } }

    func links(_ id: CommitID) -> CommitLinks? {
        var oid = id.oid
        if let graph, let position = withUnsafeBytes(of: &oid.id, { graph.position(of: $0.baseAddress!) }),
           let links = graph.links(at: position) {
            fromGraph += 1
            return links
        }
        if let bytes = withUnsafeBytes(of: &oid.id, { packs.read($0.baseAddress!) }) {
            fromPacks += 1
            return bytes.withUnsafeBytes { CommitLinks(commit: $0) }
        }
        if odb == nil, git_repository_odb(&odb, repo.handle) != 0 { return nil }
        var object: OpaquePointer?
        guard git_odb_read(&object, odb, &oid) == 0, let object else { return nil }
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_COMMIT, let data = git_odb_object_data(object) else { return nil }
        fromLibgit2 += 1
        return CommitLinks(commit: UnsafeRawBufferPointer(start: data, count: git_odb_object_size(object)))
    }
}

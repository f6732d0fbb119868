import CLibgit2
import Foundation

/// `handover/` inside a repository's git directory (`.git/handover/`, shared by its linked worktrees): a place on this
/// machine that no commit, pull or checkout can write, unlike anything under the work tree.
package enum GitPrivateDirectory {
    package static func url(repository: URL) -> URL? {
        guard let repo = try? GitRepository(path: repository.path), let common = git_repository_commondir(repo.handle) else {
            return nil
        }
        return URL(fileURLWithPath: String(cString: common), isDirectory: true).appendingPathComponent("handover", isDirectory: true)
    }
}

import Foundation

/// The deployment state of the repository, read through libgit2.
package struct GitState: Codable, Sendable, Equatable {
    /// How many release tags a snapshot keeps.
    package static let tagLimit = 50

    package var repository: RepositoryFacts
    package var head: HeadState
    /// Working-tree changes; nil for a bare repository.
    package var dirty: DirtyState?
    /// Divergence from the branch's local upstream, when it has one.
    package var upstream: UpstreamState?
    /// The nearest release tag reachable from HEAD, like `git describe --tags`.
    package var describe: DescribeState?
    /// The glob the release tags were matched with.
    package var releaseTagPattern: String
    /// Release tags, newest first: the rollback targets (at most `GitState.tagLimit`).
    package var releaseTags: [TagInfo]
    /// How many tags matched the pattern, including those beyond the limit.
    package var releaseTagCount: Int
    /// Remotes with credentials stripped from their URLs, sorted by name.
    package var remotes: [RemoteInfo]
    /// The most recent commits reachable from HEAD, newest first.
    package var recentCommits: [CommitInfo]
    /// CODEOWNERS and recent authorship per area; nil when not read (older snapshots, no HEAD).
    package var ownership: RepositoryOwnership?

    package init(
        repository: RepositoryFacts, head: HeadState, dirty: DirtyState?, upstream: UpstreamState?,
        describe: DescribeState?, releaseTagPattern: String, releaseTags: [TagInfo], releaseTagCount: Int, remotes: [RemoteInfo],
        recentCommits: [CommitInfo]
    ) {
        self.repository = repository
        self.head = head
        self.dirty = dirty
        self.upstream = upstream
        self.describe = describe
        self.releaseTagPattern = releaseTagPattern
        self.releaseTags = releaseTags
        self.releaseTagCount = releaseTagCount
        self.remotes = remotes
        self.recentCommits = recentCommits
    }
}

/// What kind of repository was read.
package struct RepositoryFacts: Codable, Sendable, Equatable {
    package var bare: Bool
    package var shallow: Bool
    package var worktree: Bool
    /// True when the repository has no commits yet.
    package var empty: Bool

    package init(bare: Bool, shallow: Bool, worktree: Bool, empty: Bool) {
        self.bare = bare
        self.shallow = shallow
        self.worktree = worktree
        self.empty = empty
    }
}

/// Where HEAD points.
package struct HeadState: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, Sendable, LenientRawEnum {
        case branch, detached, unborn, unknown
    }

    package var kind: Kind
    /// The branch name for `branch` and `unborn`.
    package var branch: String?
    /// The commit HEAD resolves to; nil when unborn.
    package var commit: CommitInfo?

    package init(kind: Kind, branch: String?, commit: CommitInfo?) {
        self.kind = kind
        self.branch = branch
        self.commit = commit
    }
}

/// One commit, without its message body.
package struct CommitInfo: Codable, Sendable, Equatable {
    package var sha: String
    package var author: String
    package var date: Date
    package var subject: String

    package init(sha: String, author: String, date: Date, subject: String) {
        self.sha = sha
        self.author = author
        self.date = date
        self.subject = subject
    }
}

/// Counts of working-tree changes; never file contents.
package struct DirtyState: Codable, Sendable, Equatable {
    package var staged: Int
    package var modified: Int
    package var untracked: Int
    package var conflicted: Int

    package init(staged: Int, modified: Int, untracked: Int, conflicted: Int) {
        self.staged = staged
        self.modified = modified
        self.untracked = untracked
        self.conflicted = conflicted
    }

    /// True when anything would show in `git status`.
    package var isDirty: Bool { staged + modified + untracked + conflicted > 0 }
}

/// How far the current branch is from its upstream.
package struct UpstreamState: Codable, Sendable, Equatable {
    package var name: String
    package var ahead: Int
    package var behind: Int

    package init(name: String, ahead: Int, behind: Int) {
        self.name = name
        self.ahead = ahead
        self.behind = behind
    }
}

/// The nearest release tag and how many commits HEAD is past it.
package struct DescribeState: Codable, Sendable, Equatable {
    package var tag: String
    package var distance: Int

    package init(tag: String, distance: Int) {
        self.tag = tag
        self.distance = distance
    }
}

/// A release tag, a rollback target.
package struct TagInfo: Codable, Sendable, Equatable {
    package var name: String
    /// The commit the tag points to (peeled through annotated tags).
    package var commit: String
    /// The tagged commit's date (committer time).
    package var date: Date
    package var annotated: Bool
    /// The tagger's date, for annotated tags that record one.
    package var taggedAt: Date?
    /// The subject of the tagged commit.
    package var subject: String

    package init(name: String, commit: String, date: Date, annotated: Bool, taggedAt: Date? = nil, subject: String) {
        self.name = name
        self.commit = commit
        self.date = date
        self.annotated = annotated
        self.taggedAt = taggedAt
        self.subject = subject
    }
}

/// A remote with credentials removed from its URL.
package struct RemoteInfo: Codable, Sendable, Equatable {
    package var name: String
    package var url: String

    package init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

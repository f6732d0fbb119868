import Foundation

/// The deployment state of the repository, read through libgit2.
public struct GitState: Codable, Sendable, Equatable {
    /// How many release tags a snapshot keeps.
    public static let tagLimit = 50

    public var repository: RepositoryFacts
    public var head: HeadState
    /// Working-tree changes; nil for a bare repository.
    public var dirty: DirtyState?
    /// Divergence from the branch's local upstream, when it has one.
    public var upstream: UpstreamState?
    /// The nearest release tag reachable from HEAD, like `git describe --tags`.
    public var describe: DescribeState?
    /// The glob the release tags were matched with.
    public var releaseTagPattern: String
    /// Release tags, newest first: the rollback targets (at most `GitState.tagLimit`).
    public var releaseTags: [TagInfo]
    /// How many tags matched the pattern, including those beyond the limit.
    public var releaseTagCount: Int
    /// Remotes with credentials stripped from their URLs, sorted by name.
    public var remotes: [RemoteInfo]
    /// The most recent commits reachable from HEAD, newest first.
    public var recentCommits: [CommitInfo]

    public init(
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
public struct RepositoryFacts: Codable, Sendable, Equatable {
    public var bare: Bool
    public var shallow: Bool
    public var worktree: Bool
    /// True when the repository has no commits yet.
    public var empty: Bool

    public init(bare: Bool, shallow: Bool, worktree: Bool, empty: Bool) {
        self.bare = bare
        self.shallow = shallow
        self.worktree = worktree
        self.empty = empty
    }
}

/// Where HEAD points.
public struct HeadState: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, LenientRawEnum {
        case branch, detached, unborn, unknown
    }

    public var kind: Kind
    /// The branch name for `branch` and `unborn`.
    public var branch: String?
    /// The commit HEAD resolves to; nil when unborn.
    public var commit: CommitInfo?

    public init(kind: Kind, branch: String?, commit: CommitInfo?) {
        self.kind = kind
        self.branch = branch
        self.commit = commit
    }
}

/// One commit, without its message body.
public struct CommitInfo: Codable, Sendable, Equatable {
    public var sha: String
    public var author: String
    public var date: Date
    public var subject: String

    public init(sha: String, author: String, date: Date, subject: String) {
        self.sha = sha
        self.author = author
        self.date = date
        self.subject = subject
    }
}

/// Counts of working-tree changes; never file contents.
public struct DirtyState: Codable, Sendable, Equatable {
    public var staged: Int
    public var modified: Int
    public var untracked: Int
    public var conflicted: Int

    public init(staged: Int, modified: Int, untracked: Int, conflicted: Int) {
        self.staged = staged
        self.modified = modified
        self.untracked = untracked
        self.conflicted = conflicted
    }

    /// True when anything would show in `git status`.
    public var isDirty: Bool { staged + modified + untracked + conflicted > 0 }
}

/// How far the current branch is from its upstream.
public struct UpstreamState: Codable, Sendable, Equatable {
    public var name: String
    public var ahead: Int
    public var behind: Int

    public init(name: String, ahead: Int, behind: Int) {
        self.name = name
        self.ahead = ahead
        self.behind = behind
    }
}

/// The nearest release tag and how many commits HEAD is past it.
public struct DescribeState: Codable, Sendable, Equatable {
    public var tag: String
    public var distance: Int

    public init(tag: String, distance: Int) {
        self.tag = tag
        self.distance = distance
    }
}

/// A release tag, a rollback target.
public struct TagInfo: Codable, Sendable, Equatable {
    public var name: String
    /// The commit the tag points to (peeled through annotated tags).
    public var commit: String
    /// The tagged commit's date (committer time).
    public var date: Date
    public var annotated: Bool
    /// The tagger's date, for annotated tags that record one.
    public var taggedAt: Date?
    /// The subject of the tagged commit.
    public var subject: String

    public init(name: String, commit: String, date: Date, annotated: Bool, taggedAt: Date? = nil, subject: String) {
        self.name = name
        self.commit = commit
        self.date = date
        self.annotated = annotated
        self.taggedAt = taggedAt
        self.subject = subject
    }
}

/// A remote with credentials removed from its URL.
public struct RemoteInfo: Codable, Sendable, Equatable {
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

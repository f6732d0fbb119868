import Foundation

/// The commit an environment is really running, compared with its branch in git.
package struct DeployedVersion: Codable, Sendable, Equatable {
    package enum Relation: String, Codable, Sendable, LenientRawEnum {
        /// The deployed commit is the branch head.
        case same
        /// The deployed commit is an ancestor of the branch head (`behindBy` commits).
        case behind
        /// The branch head is an ancestor of the deployed commit: the local clone is behind production.
        case ahead
        /// The commit exists but is not on the branch (a hotfix deployed from elsewhere).
        case notOnBranch = "not-on-branch"
        /// The repository does not have that commit.
        case unknownCommit = "unknown-commit"
        /// No version could be read (see the outcome and detail).
        case unavailable
        case unknown
    }

    package var environment: String
    package var url: String
    /// Where the version is read: `json:KEY` or `header:NAME`.
    package var source: String
    package var outcome: FetchOutcome
    package var status: Int?
    /// The version text as served (cleaned, cut to 100 characters).
    package var reported: String?
    /// The full commit id it names in the repository.
    package var commit: String?
    package var branch: String?
    package var branchHead: String?
    package var relation: Relation
    package var behindBy: Int?
    package var aheadBy: Int?
    /// The env var whose value was sent as a credential — its name only.
    package var authHeaderEnv: String?
    package var detail: String?

    package init(environment: String, url: String, source: String, outcome: FetchOutcome, status: Int? = nil,
                reported: String? = nil, commit: String? = nil, branch: String? = nil, branchHead: String? = nil,
                relation: Relation, behindBy: Int? = nil, aheadBy: Int? = nil, authHeaderEnv: String? = nil, detail: String? = nil) {
        self.environment = environment
        self.url = url
        self.source = source
        self.outcome = outcome
        self.status = status
        self.reported = reported
        self.commit = commit
        self.branch = branch
        self.branchHead = branchHead
        self.relation = relation
        self.behindBy = behindBy
        self.aheadBy = aheadBy
        self.authHeaderEnv = authHeaderEnv
        self.detail = detail
    }
}

/// How a deployed commit relates to a branch, as worked out from the repository.
package struct VersionComparison: Sendable, Equatable {
    package var commit: String?
    package var branch: String?
    package var branchHead: String?
    package var relation: DeployedVersion.Relation
    package var behindBy: Int?
    package var aheadBy: Int?
    package var detail: String?

    package init(commit: String? = nil, branch: String? = nil, branchHead: String? = nil, relation: DeployedVersion.Relation,
                behindBy: Int? = nil, aheadBy: Int? = nil, detail: String? = nil) {
        self.commit = commit
        self.branch = branch
        self.branchHead = branchHead
        self.relation = relation
        self.behindBy = behindBy
        self.aheadBy = aheadBy
        self.detail = detail
    }

    /// The commit-id part of a version text: a bare hex id (7–40 digits), or the `gHEX` suffix of `git describe`.
    package static func commitID(in reported: String) -> String? {
        let text = reported.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        func isHex(_ s: Substring) -> Bool { (7...40).contains(s.count) && s.allSatisfy { $0.isHexDigit && $0.isASCII } }
        if isHex(Substring(text)) { return text }
        if let dash = text.range(of: "-g", options: .backwards), isHex(text[dash.upperBound...]) {
            return String(text[dash.upperBound...])
        }
        return nil
    }
}

import Foundation
import HandoverGit
import HandoverCollect

/// Looks at a repository for `handover init`: root files, the git remote, tags, the current branch.
package enum ProjectScanner {
    package static func scan(_ directory: URL) async -> ProjectFacts {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let git = await GitCollector(releaseTagPattern: "*", commitLimit: 0).collect(repository: directory).data
        let remote = git?.remotes.first(where: { $0.name == "origin" })?.url ?? git?.remotes.first?.url
        var project = directory.lastPathComponent
        if let remote, let last = remote.split(whereSeparator: { $0 == "/" || $0 == ":" }).last {
            project = last.hasSuffix(".git") ? String(last.dropLast(4)) : String(last)
        }
        return ProjectFacts(project: project, files: files.filter { !$0.hasPrefix(".git") || $0 == ".github" },
                            remoteURL: remote, tagNames: git?.releaseTags.map(\.name) ?? [], branch: git?.head.branch)
    }
}

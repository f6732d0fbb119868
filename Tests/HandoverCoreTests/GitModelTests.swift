import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverCollect

@Suite struct GitModelTests {
    @Test(arguments: [
        ("https://user:token@github.com/acme/app.git", "https://github.com/acme/app.git"),
        ("https://token@github.com/acme/app.git", "https://github.com/acme/app.git"),
        ("https://u:p%40ss@host:8443/x?y=1", "https://host:8443/x?y=1"),
        ("ssh://git@host/x.git", "ssh://host/x.git"),
        ("git@github.com:acme/app.git", "git@github.com:acme/app.git"),
        ("deploy:hunter2@github.com:acme/app.git", "github.com:acme/app.git"),
        ("https://github.com/acme/app.git", "https://github.com/acme/app.git"),
        ("/srv/git/app.git", "/srv/git/app.git"),
        ("https://host/path@with-at", "https://host/path@with-at"),
    ])
    func remoteURLsLoseCredentials(url: String, expected: String) {
        #expect(RemoteURL.redacted(url) == expected)
    }

    @Test func semverPrecedence() {
        let ordered = ["v0.9.0", "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta", "v1.0.0-beta.2",
                       "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0", "1.0.1", "v1.10.0"]
        let versions = ordered.map { SemanticVersion(tag: $0)! }
        for (a, b) in zip(versions, versions.dropFirst()) { #expect(a < b) }
        #expect(SemanticVersion(tag: "v1.2") == nil)
        #expect(SemanticVersion(tag: "release-1") == nil)
        #expect(SemanticVersion(tag: "v1.0.0+build.5") == SemanticVersion(tag: "v1.0.0"))
    }

    @Test func mixedTagNamesFallBackToDates() {
        let d = { (s: Double) in Date(timeIntervalSince1970: s) }
        let tags = [TagInfo(name: "v2.0.0", commit: "a", date: d(1), annotated: false, subject: ""),
                    TagInfo(name: "hotfix", commit: "b", date: d(3), annotated: false, subject: ""),
                    TagInfo(name: "v1.0.0", commit: "c", date: d(2), annotated: false, subject: "")]
        #expect(ReleaseTagOrder.sorted(tags).map(\.name) == ["hotfix", "v1.0.0", "v2.0.0"])
        #expect(ReleaseTagOrder.sorted(Array(tags.filter { $0.name != "hotfix" })).map(\.name) == ["v2.0.0", "v1.0.0"])
    }
}

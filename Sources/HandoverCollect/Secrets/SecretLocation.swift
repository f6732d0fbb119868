import Foundation
import HandoverModel

/// Where a file sits, for how much a credential shape in it counts: documentation, tests and fixtures, vendored
/// code and minified bundles rarely hold a live key, so a match there is lowered one step unless it proves itself.
enum SecretLocation {
    /// The reason a path lowers a match, or nil for application code and configuration.
    static func reason(for path: String) -> SecretReason? {
        let lower = path.lowercased()
        let parts = lower.split(separator: "/")
        let name = parts.last.map(String.init) ?? lower
        let folders = Set(parts.dropLast().map(String.init))
        if name.hasSuffix(".map") || name.hasSuffix(".min.js") || name.hasSuffix(".min.mjs") || name.hasSuffix(".bundle.js")
            || name.hasSuffix(".chunk.js") {
            return .bundle
        }
        if !folders.isDisjoint(with: ["vendor", "node_modules", "third_party", "third-party", "bower_components", "external"]) {
            return .vendored
        }
        if !folders.isDisjoint(with: ["test", "tests", "__tests__", "spec", "specs", "fixtures", "__fixtures__", "testdata", "e2e",
                                      "__mocks__", "mocks", "cypress", "playwright"])
            || [".test.", ".spec.", "_test.", "_spec.", ".e2e."].contains(where: name.contains) || name.hasPrefix("test_") {
            return .testFixture
        }
        if !folders.isDisjoint(with: ["docs", "doc", "documentation", "examples", "example"])
            || [".md", ".mdx", ".rst", ".adoc", ".txt"].contains(where: name.hasSuffix) {
            return .documentation
        }
        return nil
    }
}

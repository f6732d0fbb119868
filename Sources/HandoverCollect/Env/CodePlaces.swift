import Foundation
import HandoverModel

extension CodePlace {
    /// Folder names (any path component) and what they hold.
    static let folders: [String: CodePlace] = [
        "test": .test, "tests": .test, "__tests__": .test, "__test__": .test, "spec": .test, "specs": .test, "e2e": .test,
        "cypress": .test, "playwright": .test, "__mocks__": .test, "mocks": .test, "fixtures": .test, "__fixtures__": .test,
        "testing": .test, "test-utils": .test, "testutils": .test, "integration-tests": .test,
        "scripts": .script, "script": .script,
        ".storybook": .storybook, "stories": .storybook, "storybook": .storybook,
        "docs": .docs, "doc": .docs, "documentation": .docs,
        "examples": .example, "example": .example, "samples": .example, "sample": .example,
        "seeds": .tooling, "seed": .tooling, "seeders": .tooling,
    ]

    /// File names (before the first dot) that are test or tool configuration wherever they sit.
    static let fileStems: [String: CodePlace] = [
        "jest": .test, "vitest": .test, "playwright": .test, "cypress": .test, "karma": .test, "conftest": .test,
        "setuptests": .test, "jest-setup": .test, "test-setup": .test, "testsetup": .test, "mock": .test, "mocks": .test,
        "seed": .tooling, "drizzle": .tooling, "knexfile": .tooling,
        "eslint": .tooling, "prettier": .tooling, "stylelint": .tooling, "commitlint": .tooling,
    ]

    /// The kind of file `path` is, from its folders and its name: the first test/script/… folder on the path wins
    /// (`docs/examples/x.ts` is docs); a test file name (`*.test.*`, `*.spec.*`, `*.mock.*`, `mock.ts`, `*_test.go`,
    /// `test_*.py`) is a test anywhere.
    package static func of(_ path: String) -> CodePlace {
        let components = path.split(separator: "/").map { $0.lowercased() }
        guard let file = components.last else { return .production }
        let parts = file.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3, ["test", "tests", "spec", "e2e", "cy", "mock", "stories", "story"].contains(parts[parts.count - 2]) {
            return parts[parts.count - 2].hasPrefix("stor") ? .storybook : .test
        }
        let stem = parts.first ?? file
        if stem.hasSuffix("_test") || stem.hasSuffix("_spec") || (stem.hasPrefix("test_") && file.hasSuffix(".py")) { return .test }
        for folder in components.dropLast() {
            if let place = folders[folder] { return place }
        }
        if let place = fileStems[stem], parts.count >= 2 && (parts.count == 2 || parts[1] == "config" || parts[1] == "setup") {
            return place
        }
        return .production
    }
}

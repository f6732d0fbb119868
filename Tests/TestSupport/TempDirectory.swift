import Foundation

/// A folder under the system temp dir, removed when the value is deinitialised.
package final class TempDirectory: @unchecked Sendable {
    package let url: URL

    package init(_ prefix: String = "handover-test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    package var path: String { url.path }

    package func file(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes text (creating folders), returning the file's URL.
    @discardableResult
    package func write(_ relative: String, _ text: String) -> URL {
        let target = file(relative)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: target)
        return target
    }

    package func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: file(relative).path).map { String(decoding: $0, as: UTF8.self) }
    }
}

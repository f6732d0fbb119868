import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect

/// Size caps hold for what is opened, not for what a path looks like: a symlink to a huge file, a FIFO, a directory.
@Suite struct BoundedFileTests {
    @Test func theCapIsTheOpenedFilesSize() throws {
        let dir = TempDirectory("handover-bounded")
        dir.write("small.env", "A=1\n")
        // A sparse 3 GiB file behind a symlink: lstat would see a few bytes, the descriptor sees 3 GiB.
        let huge = dir.file("huge.bin").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: dir.file(".env.production").path, withDestinationPath: huge)
        #expect(mkfifo(dir.file("fifo.env").path, 0o600) == 0)
        try FileManager.default.createDirectory(at: dir.file("folder.env"), withIntermediateDirectories: true)

        #expect(try BoundedFile.read(dir.file("small.env").path, maxBytes: 16).get() == Data("A=1\n".utf8))
        #expect(BoundedFile.read(dir.file("small.env").path, maxBytes: 3) == .failure(.tooLarge(4)))
        #expect(BoundedFile.read(dir.file(".env.production").path, maxBytes: 1 << 20) == .failure(.tooLarge(3 << 30)))
        #expect(BoundedFile.read(dir.file("fifo.env").path, maxBytes: 1 << 20) == .failure(.notRegular("is not a regular file")))
        #expect(BoundedFile.read(dir.file("folder.env").path, maxBytes: 1 << 20) == .failure(.notRegular("is a directory")))
        #expect(BoundedFile.read(dir.file("nothing.env").path, maxBytes: 1 << 20) == .failure(.missing))

        // The manifest reader goes through it: a symlinked huge manifest is refused unread.
        try FileManager.default.createSymbolicLink(atPath: dir.file("handover.yml").path, withDestinationPath: huge)
        #expect(throws: ManifestError.self) { try ManifestLoader.load(path: dir.file("handover.yml").path) }
    }
}

import Foundation
import Testing
import HandoverCollect
import HandoverFixtures

/// Replays the fuzzers' committed corpus (seeds, and every input that once crashed a target, kept under
/// Fuzz/Corpus/TARGET/) through the same entry points the libFuzzer targets call, in the main suite: a crash the
/// fuzzers found stays fixed without the fuzz build.
@Suite struct FuzzRegressionTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    @Test(arguments: FuzzEntryPoints.targets.map(\.name))
    func corpusReplays(target: String) throws {
        let run = try #require(FuzzEntryPoints.targets.first { $0.name == target }?.run)
        let folder = Self.corpus.appendingPathComponent(target)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!files.isEmpty, "no corpus for \(target)")
        for file in files {
            run(Array(try Data(contentsOf: folder.appendingPathComponent(file))))
        }
    }
}

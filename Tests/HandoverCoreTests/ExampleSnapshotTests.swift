import Foundation
import Testing
@testable import HandoverModel
@testable import HandoverCollect
@testable import HandoverStore

@Suite struct ExampleSnapshotTests {
    static let exampleURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("snapshots/example-acme.json")

    /// The documented example must be exactly what this build writes for its content.
    @Test func theExampleSnapshotIsCurrentAndCanonical() throws {
        let data = try Data(contentsOf: Self.exampleURL)
        let snapshot = try SnapshotStore.decode(data, path: Self.exampleURL.path)
        #expect(snapshot.schemaVersion == Snapshot.currentSchemaVersion)
        #expect(snapshot.sectionStatuses.allSatisfy { $0.status == .collected })
        #expect(try CanonicalJSON.encode(snapshot) == data, "re-record with: bash scripts/demo, then copy the snapshot")
        #expect(snapshot.env.data?.environments.map(\.name) == ["production", "staging"])
        #expect(snapshot.git.data?.releaseTags.map(\.name) == ["v1.1.0", "v1.0.0"])
    }
}

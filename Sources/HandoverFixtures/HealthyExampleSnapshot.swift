import Foundation
import HandoverModel
import HandoverAudit

extension HealthyExample {
    /// The healthy snapshot, decoded.
    package static func snapshot() -> Snapshot {
        // The JSON is generated from a snapshot this build wrote; a decoding failure is a build defect the
        // registry test reports.
        (try? CanonicalJSON.decoder().decode(Snapshot.self, from: Data(json.utf8)))
            ?? Snapshot(toolVersion: ToolVersion.current, project: "invalid example", createdAt: Date(timeIntervalSince1970: 0),
                        durationMs: 0, manifestDigest: "", requestedSections: [], partial: false, git: .skipped("example did not decode"),
                        env: .skipped(""), monitoring: .skipped(""), critical: .skipped(""), owners: .skipped(""))
    }

    /// The moment the examples are judged at.
    package static let now = CheckExample.now
}

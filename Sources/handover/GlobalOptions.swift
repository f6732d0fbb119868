import ArgumentParser
import Foundation
import HandoverManifest
import HandoverStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The manifest.", valueName: "PATH"))
    var manifest: String = "handover.yml"

    @Option(name: .customLong("snapshots-dir"), help: ArgumentHelp("Where snapshots are stored (default: snapshots/ beside the manifest).", valueName: "DIR"))
    var snapshotsDir: String?

    var store: SnapshotStore {
        let directory = snapshotsDir.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: manifest).deletingLastPathComponent().appendingPathComponent("snapshots")
        return SnapshotStore(directory: directory.standardizedFileURL)
    }

    func loadManifest() throws -> LoadedManifest {
        try ManifestLoader.load(path: manifest)
    }
}

/// `--format` for reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

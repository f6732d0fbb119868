import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverManifest

/// Flags that change how a snapshot is collected (`snapshot`, and `diff … live`).
struct CollectOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Replaces the manifest's `repository:`.", valueName: "PATH"))
    var repository: String?

    @OptionGroup var resolverOptions: ResolverOptions

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM trust roots for judging certificates. Replaces collect.ca_file.", valueName: "PEM"))
    var caFile: String?

    @Option(name: .customLong("connect-to"), help: ArgumentHelp("Connect to ADDR[:PORT] when probing HOST[:PORT] (repeatable, like curl; a bare HOST maps every port). Replaces collect.connect_to.", valueName: "HOST[:PORT]=ADDR[:PORT]"))
    var connectTo: [String] = []

    func pipeline(_ loaded: LoadedManifest, sections: [SectionName]) throws -> SnapshotPipeline {
        let overrides = try connectTo.map { text in
            guard let parsed = ConnectOverride(parsing: text) else {
                throw UsageError("--connect-to: `\(text)` is not HOST[:PORT]=ADDR[:PORT] (IPv6 in brackets)")
            }
            return parsed
        }
        return try SnapshotPipeline(loaded: loaded, sections: sections, repositoryOverride: repository,
                                    resolverOverride: try resolverOptions.parsed(),
                                    connectToOverride: connectTo.isEmpty ? nil : overrides, caFileOverride: caFile)
    }
}

import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverManifest
import HandoverCollect
import HandoverDocuments

/// `--resolver IP[:PORT]`, repeatable; replaces `collect.resolvers`.
struct ResolverOptions: ParsableArguments {
    @Option(name: .customLong("resolver"), help: ArgumentHelp("DNS resolver IP[:PORT] (repeatable; IPv6 in brackets). Replaces collect.resolvers.", valueName: "IP[:PORT]"))
    var resolvers: [String] = []

    func parsed() throws -> [HostPort]? {
        guard !resolvers.isEmpty else { return nil }
        return try resolvers.map { text in
            guard let hp = HostPort(parsing: text), hp.isIPAddress else {
                throw UsageError("--resolver: `\(text)` is not IP[:PORT] (IPv6 in brackets: [::1]:5353)")
            }
            return hp
        }
    }
}

struct DNSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Print one domain's DNS map without storing a snapshot.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var resolverOptions: ResolverOptions

    @Argument(help: "The domain, e.g. acme.example.")
    var domain: String

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    func run() async throws {
        let resolvers = try resolverOptions.parsed()
        let name = DNSName.normalized(domain)
        // The manifest is optional here: it supplies resolvers, timeouts and the domain's hosts when present.
        var collect = CollectSettings()
        var providers = ProviderTable.builtIn
        var spec = DomainSpec(name: name, hosts: nil, canonical: nil, dkimSelectors: [], expect: [], redirects: [], health: [], rdap: nil, line: 0)
        if FileManager.default.fileExists(atPath: global.manifest) {
            let loaded = try global.loadManifest()
            collect = loaded.manifest.collect
            providers = try SnapshotPipeline.providers(loaded)
            if let declared = loaded.manifest.domains.first(where: { $0.name == name }) { spec = declared }
        }
        let (lookup, names) = SnapshotPipeline.dnsLookup(collect, resolvers: resolvers)
        let result = await DNSCollector(lookup: lookup, resolverNames: names, providers: providers).domain(spec)
        switch format {
        case .json: Console.output(try CanonicalJSON.encode(result))
        case .text: Console.output(DNSText(style: Console.style).lines(result).joined(separator: "\n") + "\n")
        }
    }
}

import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverManifest
import HandoverCollect

struct SPFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spf",
        abstract: "Evaluate SPF check_host() for a client IP: pass, fail, softfail, neutral, none, permerror or temperror.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var resolverOptions: ResolverOptions

    @Argument(help: "The domain whose SPF policy is evaluated (the MAIL FROM or HELO domain).")
    var domain: String

    @Option(help: "The connecting client's IP address.")
    var ip: String

    @Option(help: ArgumentHelp("The MAIL FROM address (default postmaster@DOMAIN).", valueName: "ADDR"))
    var sender: String?

    @Option(help: ArgumentHelp("The HELO/EHLO name (default DOMAIN).", valueName: "NAME"))
    var helo: String?

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    struct Output: Encodable {
        var domain: String
        var ip: String
        var sender: String
        var result: String
        var explanation: String?
        var path: [String]
        var lookups: Int
        var voidLookups: Int
    }

    func run() async throws {
        guard let address = IPAddress(ip) else { throw UsageError("--ip: `\(ip)` is not an IPv4 or IPv6 address") }
        let resolvers = try resolverOptions.parsed()
        var collect = CollectSettings()
        if FileManager.default.fileExists(atPath: global.manifest) { collect = try global.loadManifest().manifest.collect }
        let (lookup, _) = SnapshotPipeline.dnsLookup(collect, resolvers: resolvers)
        let name = DNSName.normalized(domain)
        let evaluation = await SPFEvaluator(lookup: lookup).checkHost(ip: address, domain: name, sender: sender, helo: helo)
        switch format {
        case .json:
            Console.output(try CanonicalJSON.encode(Output(
                domain: name, ip: address.description, sender: sender ?? "postmaster@\(name)", result: evaluation.result.rawValue,
                explanation: evaluation.explanation, path: evaluation.path, lookups: evaluation.lookups,
                voidLookups: evaluation.voidLookups)))
        case .text:
            var lines = ["\(Console.style.bold(evaluation.result.rawValue)) — \(TerminalText.clean(name)) for \(address)"]
            if let explanation = evaluation.explanation { lines.append("  \(TerminalText.clean(explanation))") }
            lines += evaluation.path.map { "  " + TerminalText.clean($0) }
            lines.append("  \(evaluation.lookups) DNS-querying terms, \(evaluation.voidLookups) void lookups")
            Console.output(lines.joined(separator: "\n") + "\n")
        }
    }
}

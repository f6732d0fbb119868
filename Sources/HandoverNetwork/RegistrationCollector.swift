import Foundation
import HandoverModel
import HandoverManifest

/// Domain registration expiry over RDAP (RFC 9083): registrar, expiry and status of each manifest domain's
/// registrable name. An unreachable or unusable RDAP server makes that domain unknown, never the section failed.
package struct RegistrationCollector: Sendable {
    /// A verifying fetcher: RDAP answers are only as good as the server they come from.
    package let fetcher: any HTTPFetching
    package let router: ProbeRouter

    package init(fetcher: any HTTPFetching, router: ProbeRouter) {
        self.fetcher = fetcher
        self.router = router
    }

    package func collect(_ manifest: Manifest) async -> Section<RegistrationState> {
        guard !manifest.domains.isEmpty else { return .skipped("no `domains` in the manifest") }
        var wanted: [(name: String, override: String?)] = []
        for domain in manifest.domains {
            let name = DNSName.normalized(domain.name)
            let registrable = PublicSuffixList.shared.organizationalDomain(of: name) ?? name
            if !wanted.contains(where: { $0.name == registrable }) { wanted.append((registrable, domain.rdap)) }
        }
        let domains = await withTaskGroup(of: DomainRegistration.self) { group in
            for entry in wanted { group.addTask { await lookup(entry.name, override: entry.override) } }
            var all: [DomainRegistration] = []
            for await registration in group { all.append(registration) }
            return all.sorted { $0.domain < $1.domain }
        }
        return .collected(RegistrationState(domains: domains))
    }

    func lookup(_ domain: String, override: String?) async -> DomainRegistration {
        guard let (query, source) = RDAPBootstrap.queryURL(domain: domain, override: override) else {
            return DomainRegistration(domain: domain, rdapURL: nil, rdapSource: nil, outcome: .noServer,
                                      detail: "no RDAP server known for this TLD: set `rdap:` on the domain")
        }
        var result = DomainRegistration(domain: domain, rdapURL: query, rdapSource: source, outcome: .unreachable)
        guard let url = URL(string: query), let host = url.host?.lowercased() else {
            result.detail = "the RDAP URL is not a URL"
            return result
        }
        let route = await router.route(host: host, port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80))
        let response = await fetcher.fetch(url, route: route, headers: [("Accept", "application/rdap+json")],
                                           bodyCap: 1024 * 1024, keepBody: true)
        result.status = response.status
        guard response.outcome == .response, let status = response.status else {
            result.detail = response.detail
            return result
        }
        if status == 404 {
            result.outcome = .notFound
            return result
        }
        guard (200..<300).contains(status), !response.truncated, let parsed = RDAPParser.parse(response.body) else {
            result.detail = (200..<300).contains(status) ? "the answer is not an RDAP domain object" : "answered \(status)"
            return result
        }
        result.outcome = .found
        result.registrar = parsed.registrar
        result.registered = parsed.registered
        result.expires = parsed.expires
        result.lastChanged = parsed.lastChanged
        result.statuses = parsed.statuses
        return result
    }
}

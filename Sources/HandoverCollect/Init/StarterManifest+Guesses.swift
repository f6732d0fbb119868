import Foundation
import HandoverModel

/// The parts of the starter manifest that come from guesses (`ProjectHints`): each guessed line says `# guess:`
/// and where it was seen, so the founder knows what to check.
extension StarterManifest {
    /// The default hosts a domain is probed on besides its apex.
    static let defaultHosts = ["www", "app", "api"]

    /// Text for a comment line: a file name may hold a newline, which would end the comment and start YAML.
    static func inComment(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" ? "?" : $0 }))
    }

    static func rollbackLines(_ hints: ProjectHints) -> [String] {
        guard let seen = hints.platform, let platform = Platform(rawValue: seen.value) else {
            return ["# rollback:", "#   command: \"fly deploy --image registry.fly.io/app:{{tag}}\""]
        }
        let others = hints.otherPlatforms.compactMap { guess in Platform(rawValue: guess.value).map { "\($0.title) (\(inComment(guess.source)))" } }
        let also = others.isEmpty ? [] : ["# also seen: \(others.joined(separator: ", ")) — a guess picked \(platform.title)"]
        if var command = platform.rollbackCommand, platform != .fly || hints.appName != nil {
            command = command.replacingOccurrences(of: "{{app}}", with: hints.appName ?? "")
            return also + ["rollback:",
                           "  command: \(quote(command))   # guess: \(platform.title) (\(inComment(seen.source))); check it, {{tag}} is the rollback target"]
        }
        return also + ["# guess: \(platform.title) (\(inComment(seen.source))); it has no rollback command to run here. By hand: \(platform.rollbackByHand).",
                "# rollback:", "#   command: \"…\""]
    }

    static func monitoringLines(_ hints: ProjectHints) -> [String] {
        guard !hints.statusPages.isEmpty else {
            return ["monitoring: []",
                    "#  - {name: Uptime, url: \"https://status.example.com/\", kind: uptime, interval: 1m, alerts_to: \"#ops\", covers: [\"https://example.com/\"]}"]
        }
        var y = ["monitoring:"]
        for (index, page) in hints.statusPages.prefix(3).enumerated() {
            let name = index == 0 ? "Status page" : "Status page \(index + 1)"
            y.append("  - {name: \(quote(name)), url: \(quote(page.value)), kind: status}   # guess: linked from \(inComment(page.source))")
        }
        y.append("  # add the uptime monitor behind it: {name: Uptime, url: …, kind: uptime, interval: 1m, alerts_to: \"#ops\", covers: […]}")
        return y
    }

    static func domainLines(_ hints: ProjectHints) -> [String] {
        let suffixes = PublicSuffixList.shared
        // Hosts grouped by their registrable domain, in the order first seen.
        var domains: [(name: String, hosts: [Guess])] = []
        for host in hints.hosts {
            guard let domain = suffixes.organizationalDomain(of: host.value) else { continue }
            if let index = domains.firstIndex(where: { $0.name == domain }) {
                domains[index].hosts.append(host)
            } else {
                domains.append((domain, [host]))
            }
        }
        var y: [String] = []
        guard !domains.isEmpty else {
            y.append("domains: []")
            for host in hints.platformHosts { y.append("# guess: the app answers on \(host.value) (\(inComment(host.source))), the platform's host; put your own domain below") }
            for route in hints.healthRoutes.prefix(3) { y.append("# guess: a health route \(route.value) (\(inComment(route.source))); list it under the domain's health:") }
            y.append("#  - name: example.com")
            y.append("#    hosts: [www, app, api]   # the hosts to probe besides the apex; the whole list (default: www, app, api)")
            y.append("#    canonical: example.com")
            y.append("#    dkim_selectors: [google]")
            return y
        }
        y.append("domains:")
        for (index, domain) in domains.enumerated() {
            let sources = Array(Set(domain.hosts.map(\.source))).sorted().joined(separator: ", ")
            y.append("  - name: \(quote(domain.name))   # guess: \(inComment(sources))")
            let labels = domain.hosts.compactMap { host -> String? in
                guard host.value != domain.name else { return nil }
                let label = String(host.value.dropLast(domain.name.count + 1))
                return label.contains(".") ? nil : label
            }
            let extra = labels.filter { !defaultHosts.contains($0) }
            if !extra.isEmpty {
                y.append("    hosts: [\((defaultHosts + Array(Set(extra)).sorted()).joined(separator: ", "))]   # guess: the defaults and the hosts seen")
            }
            let canonical = domain.hosts[0].value
            y.append("    canonical: \(quote(canonical))   # guess: \(inComment(domain.hosts[0].source))")
            // Health routes belong to the app's host: the first domain's canonical host.
            if index == 0, !hints.healthRoutes.isEmpty {
                let routes = hints.healthRoutes.prefix(3)
                y.append("    health: [\(routes.map { quote("https://\(canonical)\($0.value)") }.joined(separator: ", "))]")
                for route in routes { y.append("    # guess: \(route.value) is a health route (\(inComment(route.source)))") }
            }
        }
        return y
    }
}

import Crypto
import Foundation
import HandoverModel
import HandoverStore
import HandoverDiff

/// `handover lookup TERM`: the facts about one thing, from the latest snapshot, offline.
package enum Lookup {
    package struct Answer: Codable, Sendable, Equatable {
        package var kind: String
        package var name: String
        package var facts: [Fact]
    }

    package struct Fact: Codable, Sendable, Equatable {
        package var label: String
        package var value: String
    }

    package enum Result: Sendable {
        case found([Answer])
        case nothing(suggestions: [String])
    }

    /// Every term and its answers, built in one pass: lower-cased term → answers in a stable order.
    package static func table(snapshot s: Snapshot, context c: DocumentContext) -> [String: [Answer]] {
        var table: [String: [Answer]] = [:]
        func add(_ terms: [String], _ answer: @autoclosure () -> Answer) {
            let keys = Array(Set(terms.map { $0.lowercased() }.filter { !$0.isEmpty }))
            guard !keys.isEmpty else { return }
            let built = answer()
            for key in keys where !(table[key]?.contains(built) ?? false) { table[key, default: []].append(built) }
        }
        var covered: Set<String> = []
        for domain in c.domains {
            for host in domain.hosts {
                let label = host.name == domain.name ? "@" : String(host.name.dropLast(domain.name.count + 1))
                covered.insert(host.name)
                add([host.name, label] + (label == "@" ? ["apex"] : []), hostAnswer(host: host, snapshot: s, context: c))
            }
        }
        // Hosts the DNS section did not cover (or was not collected) but TLS or HTTP probed.
        let probed = Set((s.tls.collectedValue?.hosts.map(\.host) ?? []) + (s.http.collectedValue?.hosts.map(\.host) ?? []))
        for name in probed.sorted() where !covered.contains(name) {
            let chains = s.http.collectedValue?.hosts.first { $0.host == name }
            let tls = s.tls.collectedValue?.hosts.first { $0.host == name }
            let host = DocumentContext.Host(name: name, address: "not in the DNS section", certificate: tls.map { DocumentContextBuilder.certificateText($0, at: s.createdAt) } ?? "not checked",
                                            expires: tls?.leaf.map { Timestamp.day($0.notAfter) } ?? "",
                                            http: chains.map { SnapshotFacts.chain($0.http) } ?? "not checked",
                                            https: chains.map { SnapshotFacts.chain($0.https) } ?? "not checked")
            add([name, String(name.split(separator: ".").first ?? "")], hostAnswer(host: host, snapshot: s, context: c))
        }
        for domain in c.domains {
            var facts = [Fact(label: "registration", value: domain.registration), Fact(label: "NS", value: domain.ns.joined(separator: ", ")),
                         Fact(label: "MX", value: domain.mx.joined(separator: ", ")), Fact(label: "providers", value: domain.providers.joined(separator: ", "))]
            if let e = domain.email {
                facts += [Fact(label: "SPF", value: "\(e.spfStatus): \(e.spf)"), Fact(label: "DMARC", value: e.dmarc), Fact(label: "DKIM", value: e.dkim.joined(separator: "; "))]
            }
            facts += domain.hosts.map { Fact(label: "host", value: "\($0.name): \($0.address)") }
            if table[domain.name.lowercased()] == nil {
                add([domain.name], Answer(kind: "domain", name: domain.name, facts: facts))
            }
        }
        var variables: [String: [String: String]] = [:]
        for env in c.environments {
            add([env.name], Answer(kind: "environment", name: env.name, facts: [
                Fact(label: "production", value: env.production ? "yes" : "no"),
                Fact(label: "variables", value: env.variables.joined(separator: " ")),
                Fact(label: "missing from the reference", value: env.missing.isEmpty ? "none" : env.missing.joined(separator: " ")),
            ] + c.deployed.live.filter { $0.environment == env.name }.map { Fact(label: "live", value: "\($0.commit), \($0.relation)") }))
            for variable in env.variables { variables[variable, default: [:]][env.name] = "defined (value never read)" }
            for variable in env.missing { variables[variable, default: [:]][env.name] = "MISSING" }
        }
        for (variable, states) in variables {
            add([variable], Answer(kind: "variable", name: variable, facts: c.environments.map { e in
                Fact(label: e.name, value: states[e.name] ?? "not defined")
            }))
        }
        for owner in c.owners {
            add([owner.asset, owner.owner], Answer(kind: "owner", name: owner.asset, facts: [
                Fact(label: "detected", value: owner.hasDetected ? owner.detected : "nothing in this snapshot"),
                Fact(label: "owner", value: owner.owner), Fact(label: "contact", value: owner.contact),
                Fact(label: "access", value: owner.access), Fact(label: "reviewed", value: owner.reviewed)]))
        }
        for monitor in c.monitors {
            add([monitor.name], Answer(kind: "monitor", name: monitor.name, facts: [
                Fact(label: "url", value: monitor.url), Fact(label: "interval", value: monitor.interval),
                Fact(label: "alerts", value: monitor.alertsTo), Fact(label: "link", value: monitor.status),
                Fact(label: "covers", value: monitor.covers.joined(separator: ", "))]))
        }
        return table
    }

    /// The answers to every term, rendered as text: what `handover snapshot` stores beside the snapshot so that
    /// `handover lookup` need not decode the whole snapshot.
    package static func index(snapshot s: Snapshot, name: String, context c: DocumentContext) -> LookupIndex {
        let all = table(snapshot: s, context: c)
        return LookupIndex(snapshot: name, answers: all.mapValues { text($0) }, terms: all.keys.sorted())
    }

    package static func find(_ term: String, snapshot s: Snapshot, context c: DocumentContext) -> Result {
        let t = term.lowercased().trimmingCharacters(in: .whitespaces)
        let all = table(snapshot: s, context: c)
        if let answers = all[t] { return .found(answers) }
        return .nothing(suggestions: suggestions(t, among: all.keys.sorted()))
    }

    package static func suggestions(_ term: String, among names: [String]) -> [String] {
        let t = term.lowercased()
        return Array(names.filter { DidYouMean.distance($0, t) <= max(2, t.count / 3) || $0.hasPrefix(t) }.prefix(5))
    }

    static func hostAnswer(host: DocumentContext.Host, snapshot s: Snapshot,
                           context c: DocumentContext) -> Answer {
        var facts = [Fact(label: "address", value: host.address), Fact(label: "certificate", value: host.certificate)]
        if let cert = c.certificates.first(where: { $0.host == host.name }) {
            facts.append(Fact(label: "expires", value: "\(cert.expires) (\(cert.daysLeft) days, \(cert.issuer))"))
        }
        facts += [Fact(label: "http://", value: host.http), Fact(label: "https://", value: host.https)]
        for endpoint in c.endpoints where URL(string: endpoint.url)?.host?.lowercased() == host.name {
            facts.append(Fact(label: "endpoint", value: "\(endpoint.url) [\(endpoint.roles)]: \(endpoint.status)" + (endpoint.latency.isEmpty ? "" : ", \(endpoint.latency)")))
        }
        for monitor in c.monitors where monitor.covers.contains(where: { URL(string: $0)?.host?.lowercased() == host.name }) {
            facts.append(Fact(label: "monitor", value: "\(monitor.name) (\(monitor.url), every \(monitor.interval), alerts \(monitor.alertsTo))"))
        }
        for owner in c.owners where ["dns", "hosting"].contains(owner.asset.lowercased()) {
            facts.append(Fact(label: "owner (\(owner.asset))", value: "\(owner.owner) \(owner.contact)" + (owner.hasDetected ? " — \(owner.detected)" : "")))
        }
        facts.append(Fact(label: "deployed", value: "\(c.deployed.short) on \(c.deployed.branch)" + (c.deployed.tag.isEmpty ? "" : " (\(c.deployed.tag))")))
        facts.append(Fact(label: "roll back", value: c.rollback.hasCommand ? c.rollback.command : c.rollback.hasTarget ? "to \(c.rollback.target)" : "no target known"))
        return Answer(kind: "host", name: host.name, facts: facts)
    }

    package static func text(_ answers: [Answer], style: TerminalStyle = .plain) -> String {
        var out: [String] = []
        for a in answers {
            out.append(style.bold("\(TerminalText.clean(a.name))") + " (\(a.kind))")
            let width = a.facts.map(\.label.count).max() ?? 0
            for f in a.facts {
                out.append("  " + f.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + TerminalText.clean(f.value))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

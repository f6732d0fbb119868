import Foundation
import Yams
import HandoverModel

/// Reads `domains:` and `collect:`, the parts of the manifest that later collectors use.
enum DomainSchema {
    static let keys = ["name", "hosts", "canonical", "dkim_selectors", "expect", "redirects", "health", "rdap"]
    /// Record types `expect` may name.
    static let recordTypes = ["A", "AAAA", "CNAME", "MX", "NS", "CAA", "TXT"]

    static func domains(_ node: Node, _ r: ManifestReader) -> [DomainSpec] {
        r.list(node, at: "domains").enumerated().compactMap { index, item in
            let path = "domains[\(index)]"
            guard let f = r.fields(item, at: path, allowed: keys),
                let name = f.required("name", r).flatMap({ r.string($0, at: f.child("name")) })
            else { return nil }
            if !isHostname(name) { r.report(f["name"], "`\(f.child("name"))` must be a domain name, found `\(name)`") }
            let hosts = f["hosts"].map { r.strings($0, at: f.child("hosts")) }
            for (i, host) in (hosts ?? []).enumerated() where host != "@" && !isHostname(host) {
                r.report(f["hosts"], "`\(f.child("hosts"))[\(i)]` must be a host label such as `www`, found `\(host)`")
            }
            let selectors = f["dkim_selectors"].map { r.strings($0, at: f.child("dkim_selectors")) } ?? []
            return DomainSpec(
                name: name.lowercased(), hosts: hosts, canonical: f["canonical"].flatMap { r.string($0, at: f.child("canonical")) },
                dkimSelectors: selectors,
                expect: f["expect"].map { expectations($0, at: f.child("expect"), r) } ?? [],
                redirects: f["redirects"].map { redirects($0, at: f.child("redirects"), r) } ?? [],
                health: f["health"].map { node in
                    r.list(node, at: f.child("health")).enumerated().compactMap { i, item in
                        r.url(item, at: "\(f.child("health"))[\(i)]")
                    }
                } ?? [],
                rdap: f["rdap"].flatMap { r.url($0, at: f.child("rdap")) },
                line: item.line)
        }
    }

    static func expectations(_ node: Node, at path: String, _ r: ManifestReader) -> [RecordExpectation] {
        r.entries(node, at: path).flatMap { host, _, value -> [RecordExpectation] in
            let hostPath = "\(path).\(host)"
            return r.entries(value, at: hostPath).compactMap { type, typeNode, values in
                guard recordTypes.contains(type) else {
                    var message = "unknown record type `\(type)` in `\(hostPath)`"
                    if let s = DidYouMean.suggestion(for: type.uppercased(), among: recordTypes) {
                        message += " — did you mean `\(s)`?"
                    } else {
                        message += " — use one of \(recordTypes.joined(separator: ", "))"
                    }
                    r.report(typeNode, message)
                    return nil
                }
                return RecordExpectation(host: host, type: type, values: r.strings(values, at: "\(hostPath).\(type)"),
                                         line: typeNode.line)
            }
        }
    }

    static func redirects(_ node: Node, at path: String, _ r: ManifestReader) -> [RedirectSpec] {
        r.list(node, at: path).enumerated().compactMap { index, item in
            let itemPath = "\(path)[\(index)]"
            guard let f = r.fields(item, at: itemPath, allowed: ["from", "to"]),
                let from = f.required("from", r).flatMap({ r.url($0, at: f.child("from")) }),
                let to = f.required("to", r).flatMap({ r.url($0, at: f.child("to")) })
            else { return nil }
            return RedirectSpec(from: from, to: to, line: item.line)
        }
    }

    /// Letters, digits, hyphens and dots; labels of 1–63 characters.
    static func isHostname(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.count <= 253 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "-" || $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }
    }
}

enum CollectSchema {
    static let keys = ["resolvers", "ca_file", "connect_to", "timeout", "retries", "deadline", "samples", "commits",
                       "providers_file"]

    static func collect(_ node: Node, _ r: ManifestReader) -> CollectSettings {
        var settings = CollectSettings()
        guard let f = r.fields(node, at: "collect", allowed: keys) else { return settings }
        if let node = f["resolvers"] {
            settings.resolvers = r.strings(node, at: "collect.resolvers").compactMap { text in
                guard let hp = HostPort(parsing: text), hp.isIPAddress else {
                    r.report(node, "`collect.resolvers` entries must be IP[:PORT] (IPv6 in brackets: `[::1]:5353`), found `\(text)`")
                    return nil
                }
                return hp
            }
        }
        settings.caFile = f["ca_file"].flatMap { r.string($0, at: "collect.ca_file") }
        settings.providersFile = f["providers_file"].flatMap { r.string($0, at: "collect.providers_file") }
        if let node = f["connect_to"] {
            settings.connectTo = r.entries(node, at: "collect.connect_to").compactMap { key, keyNode, value in
                guard let source = HostPort(parsing: key) else {
                    r.report(keyNode, "`collect.connect_to` keys must be HOST or HOST:PORT, found `\(key)`")
                    return nil
                }
                guard let text = r.string(value, at: "collect.connect_to.\(key)") else { return nil }
                guard let target = HostPort(parsing: text) else {
                    r.report(value, "`collect.connect_to.\(key)` must be ADDR or ADDR:PORT (IPv6 in brackets), found `\(text)`")
                    return nil
                }
                return ConnectOverride(source: source, target: target)
            }
        }
        if let v = f["timeout"].flatMap({ r.duration($0, at: "collect.timeout") }) { settings.timeoutMs = v }
        if let v = f["deadline"].flatMap({ r.duration($0, at: "collect.deadline") }) { settings.deadlineMs = v }
        if settings.deadlineMs < settings.timeoutMs, let node = f["deadline"] ?? f["timeout"] {
            r.report(node, "`collect.deadline` (\(DurationText.format(milliseconds: settings.deadlineMs))) must be at least `collect.timeout` (\(DurationText.format(milliseconds: settings.timeoutMs)))")
        }
        if let v = f["retries"].flatMap({ r.int($0, at: "collect.retries", range: 1...10) }) { settings.retries = v }
        if let v = f["samples"].flatMap({ r.int($0, at: "collect.samples", range: 1...1_000) }) { settings.samples = v }
        if let v = f["commits"].flatMap({ r.int($0, at: "collect.commits", range: 0...10_000) }) { settings.commits = v }
        return settings
    }

}

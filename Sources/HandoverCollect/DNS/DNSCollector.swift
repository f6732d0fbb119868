import Foundation
import HandoverModel
import HandoverManifest

/// Builds the DNS map of every manifest domain. A domain's queries run concurrently (bounded by the lookup), and so do
/// up to `BoundedConcurrency.domains` domains, so a snapshot costs about its slowest chain of dependent queries, not
/// their sum.
package struct DNSCollector: Sendable {
    package let resolution: DNSResolution
    package let resolverNames: [String]
    package let providers: ProviderTable

    package init(lookup: any DNSLookup, resolverNames: [String], providers: ProviderTable = .builtIn) {
        resolution = DNSResolution(lookup: lookup)
        self.resolverNames = resolverNames
        self.providers = providers
    }

    package func collect(_ manifest: Manifest) async -> Section<DNSState> {
        guard !manifest.domains.isEmpty else { return .skipped("no `domains` in the manifest") }
        let domains = await BoundedConcurrency.map(manifest.domains, limit: BoundedConcurrency.domains) { await self.domain($0) }
            .sorted { $0.name < $1.name }
        return .collected(DNSState(resolvers: resolverNames, domains: domains))
    }

    package func domain(_ spec: DomainSpec) async -> DomainDNS {
        let apex = DNSName.normalized(spec.name)
        let labels = spec.probedLabels
        async let hosts = withTaskGroup(of: HostDNS.self) { group in
            for label in labels { group.addTask { await self.host(label: label, domain: apex) } }
            var all: [HostDNS] = []
            for await host in group { all.append(host) }
            return all.sorted { $0.name < $1.name }
        }
        // The MX targets are asked as soon as the MX answer is in, beside the hosts' CAA climbs.
        async let mxAndTargets = mxWithTargets(apex)
        async let ns = resolution.resolve(apex, .ns)
        async let soa = resolution.lookup.query(apex, .soa)
        async let ds = resolution.lookup.query(apex, .ds)
        async let dnskey = resolution.lookup.query(apex, .dnskey)
        async let expectations = check(spec.expect, domain: apex)
        let (mxAnswer, targets) = await mxAndTargets
        let hostList = await hosts
        let soaAnswer = await soa
        let apexA = hostList.first { $0.label == "@" }?.a
        let domain = DomainDNS(
            name: apex, hosts: hostList, mx: mxAnswer, mxTargets: targets, ns: await ns, soa: soaAnswer,
            soaSerial: soaAnswer.records.first.flatMap { Self.serial(fromSOA: $0.value) },
            dnssec: DNSSECState(ds: await ds.outcome, dnskey: await dnskey.outcome, authenticated: apexA?.authenticated ?? false),
            expectations: await expectations, providers: [])
        var detected = detectProviders(domain)
        detected.sort { ($0.role.rawValue, $0.provider, $0.source, $0.evidence) < ($1.role.rawValue, $1.provider, $1.source, $1.evidence) }
        var result = domain
        result.providers = detected
        return result
    }

    func host(label: String, domain: String) async -> HostDNS {
        let name = DNSName.fqdn(host: label, domain: domain)
        async let a = resolution.resolve(name, .a)
        async let aaaa = resolution.resolve(name, .aaaa)
        async let txt = resolution.resolve(name, .txt)
        async let caa = caa(for: name)
        return HostDNS(label: label, name: name, a: await a, aaaa: await aaaa, txt: await txt, caa: await caa)
    }

    /// RFC 8659 §3: the CAA RRset of the name, else of its parent, and so on up to (not including) the root.
    /// A failed query stops the climb: the answer is unknown, not "no CAA".
    /// Every name of the climb is asked at once (they do not depend on each other) and the answers are read in order,
    /// so the climb costs one round trip, not one per label; what is recorded is the same.
    func caa(for name: String) async -> CAAResult {
        var candidates: [String] = []
        var next: String? = name
        while let candidate = next {
            candidates.append(candidate)
            next = DNSName.parent(candidate)
        }
        let asked = candidates.map { candidate in Task { await resolution.resolve(candidate, .caa) } }
        var climb: [CAAStep] = []
        for (candidate, task) in zip(candidates, asked) {
            let response = await task.value
            climb.append(CAAStep(name: candidate, outcome: response.outcome))
            switch response.outcome {
            case .answer: return CAAResult(foundAt: candidate, records: response.records, climb: climb)
            case .nodata, .nxdomain, .refused: continue
            default: return CAAResult(foundAt: nil, records: [], climb: climb)
            }
        }
        return CAAResult(foundAt: nil, records: [], climb: climb)
    }

    func mxWithTargets(_ apex: String) async -> (DNSResponse, [MXTarget]) {
        let mx = await resolution.resolve(apex, .mx)
        return (mx, await mxTargets(mx))
    }

    func mxTargets(_ mx: DNSResponse) async -> [MXTarget] {
        await withTaskGroup(of: MXTarget.self) { group in
            for record in mx.records {
                let parts = record.value.split(separator: " ")
                let preference = parts.first.flatMap { Int($0) } ?? 0
                let host = parts.count > 1 ? String(parts[1]) : ""
                group.addTask {
                    if host == "." || host.isEmpty {
                        return MXTarget(preference: preference, host: ".", nullMX: true, a: .nodata, aaaa: .nodata)
                    }
                    async let a = self.resolution.resolve(host, .a)
                    async let aaaa = self.resolution.resolve(host, .aaaa)
                    return MXTarget(preference: preference, host: host, nullMX: false, a: await a.outcome, aaaa: await aaaa.outcome)
                }
            }
            var all: [MXTarget] = []
            for await target in group { all.append(target) }
            return all.sorted { ($0.preference, $0.host) < ($1.preference, $1.host) }
        }
    }

    func check(_ expectations: [RecordExpectation], domain: String) async -> [ExpectationResult] {
        await withTaskGroup(of: ExpectationResult.self) { group in
            for expectation in expectations {
                group.addTask {
                    let name = DNSName.fqdn(host: expectation.host, domain: domain)
                    let type = DNSRecordType(rawValue: expectation.type) ?? .unknown
                    let expected = expectation.values.map { Self.normalizedValue($0, type: type) }.sorted()
                    let response: DNSResponse
                    let actual: [String]
                    if type == .cname {
                        response = await self.resolution.lookup.query(name, .a)
                        actual = response.chain.first.map { [$0.value] } ?? []
                    } else {
                        response = await self.resolution.resolve(name, type)
                        actual = response.values.map { Self.normalizedValue($0, type: type) }.sorted()
                    }
                    return ExpectationResult(host: expectation.host, type: type, expected: expected, actual: actual,
                                             outcome: response.outcome, manifestLine: expectation.line)
                }
            }
            var all: [ExpectationResult] = []
            for await result in group { all.append(result) }
            return all.sorted { ($0.manifestLine, $0.host, $0.type.rawValue) < ($1.manifestLine, $1.host, $1.type.rawValue) }
        }
    }

    static func normalizedValue(_ value: String, type: DNSRecordType) -> String {
        switch type {
        case .cname, .ns: return DNSName.normalized(value)
        case .mx:
            let parts = value.split(separator: " ")
            return parts.count == 2 ? "\(parts[0]) \(DNSName.normalized(String(parts[1])))" : value.lowercased()
        case .aaaa: return canonicalIPv6(value)
        default: return value
        }
    }

    static func canonicalIPv6(_ text: String) -> String {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return text.lowercased() }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
        return String(cString: buffer)
    }

    /// The serial field of an SOA in presentation form.
    static func serial(fromSOA value: String) -> Int? {
        let fields = value.split(separator: " ")
        return fields.count >= 3 ? Int(fields[2]) : nil
    }

    func detectProviders(_ domain: DomainDNS) -> [ProviderDetection] {
        var found: Set<ProviderDetection> = []
        for record in domain.ns.records { found.formUnion(providers.detect(source: "NS", value: record.value)) }
        for target in domain.mxTargets where !target.nullMX { found.formUnion(providers.detect(source: "MX", value: target.host)) }
        for host in domain.hosts {
            for link in host.a.chain { found.formUnion(providers.detect(source: "CNAME", value: link.value)) }
            if host.a.chain.isEmpty {
                for record in host.a.records { found.formUnion(providers.detect(source: "A", value: record.value)) }
            }
        }
        if let apex = domain.hosts.first(where: { $0.label == "@" }) {
            for record in apex.txt.records where record.value.lowercased().hasPrefix("v=spf1") {
                for term in record.value.split(separator: " ") where term.lowercased().hasPrefix("include:") {
                    found.formUnion(providers.detect(source: "SPF", value: String(term.dropFirst(8))))
                }
            }
        }
        return Array(found)
    }
}

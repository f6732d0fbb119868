import HandoverModel
/// What check_host() concluded, and the path that decided it.
package struct SPFEvaluation: Codable, Sendable, Equatable {
    package var result: SPFResult
    /// The `exp=` explanation on fail, or why the result is an error.
    package var explanation: String?
    /// Each step taken, in order: records read, mechanisms tried, the one that matched.
    package var path: [String]
    package var lookups: Int
    package var voidLookups: Int
}

/// RFC 7208 check_host(): the SPF result for a client IP, sender and HELO name.
package struct SPFEvaluator: Sendable {
    package static let lookupLimit = 10
    package static let voidLimit = 2
    package static let mxLimit = 10
    package static let ptrLimit = 10

    package let resolution: DNSResolution

    package init(lookup: any DNSLookup) { resolution = DNSResolution(lookup: lookup) }

    /// check_host(ip, domain, sender); `sender` defaults to `postmaster@domain`, `helo` to the domain.
    package func checkHost(ip: IPAddress, domain: String, sender: String? = nil, helo: String? = nil) async -> SPFEvaluation {
        let state = EvaluationState()
        let normalized = DNSName.normalized(domain)
        let context = SPFMacro.Context(sender: sender ?? "postmaster@\(normalized)", domain: normalized, ip: ip,
                                       helo: helo ?? normalized)
        let (result, explanation) = await check(context, state: state, depth: 0)
        return SPFEvaluation(result: result, explanation: explanation, path: state.path, lookups: state.lookups,
                             voidLookups: state.voids)
    }

    final class EvaluationState: @unchecked Sendable {
        var lookups = 0
        var voids = 0
        var path: [String] = []
    }

    private struct Abort: Error {
        var result: SPFResult
        var reason: String
    }

    private func check(_ context: SPFMacro.Context, state: EvaluationState, depth: Int) async -> (SPFResult, String?) {
        let domain = context.domain
        guard Self.isValidDomain(domain) else {
            state.path.append("\(domain): not a valid domain name → none")
            return (.none, "not a valid domain name")
        }
        let txt = await resolution.resolve(domain, .txt)
        switch txt.outcome {
        case .timeout, .servfail, .error, .refused, .unknown:
            state.path.append("\(domain): TXT lookup \(txt.outcome.rawValue) → temperror")
            return (.temperror, "DNS \(txt.outcome.rawValue) for \(domain)")
        case .nxdomain, .nodata:
            if depth > 0 { state.voids += 1 }
            state.path.append("\(domain): no SPF record (\(txt.outcome.rawValue)) → none")
            return (.none, "\(domain) has no SPF record")
        case .answer: break
        }
        let records = txt.values.filter(SPFRecord.isSPF)
        guard !records.isEmpty else {
            state.path.append("\(domain): no SPF record → none")
            return (.none, "\(domain) has no SPF record")
        }
        guard records.count == 1 else {
            state.path.append("\(domain): \(records.count) SPF records → permerror")
            return (.permerror, "\(domain) publishes \(records.count) SPF records; exactly one is allowed")
        }
        let record = SPFRecord(parsing: records[0])
        state.path.append("\(domain): \(records[0])")
        if let error = record.errors.first {
            state.path.append("\(domain): syntax error \(error) → permerror")
            return (.permerror, error)
        }
        for name in ["redirect", "exp"] where record.terms.filter({ $0.kind == .modifier && $0.name == name }).count > 1 {
            return (.permerror, "\(domain): more than one \(name)= modifier")
        }
        do {
            for term in record.directives {
                if try await matches(term, context, state: state, depth: depth) {
                    let result = term.qualifier?.result ?? .pass
                    state.path.append("\(domain): `\(term.text)` matched → \(result.rawValue)")
                    var explanation: String?
                    if result == .fail, let exp = record.modifier("exp")?.argument {
                        explanation = await self.explanation(exp, context, state: state)
                    }
                    return (result, explanation)
                }
            }
            if let redirect = record.modifier("redirect"), let target = redirect.argument {
                try count(state, "redirect=\(target)")
                let next = SPFMacro.expandDomain(target, await withValidatedName(for: target, context, state: state))
                state.path.append("\(domain): no mechanism matched, redirect to \(next)")
                var inner = context
                inner.domain = next
                let (result, explanation) = await check(inner, state: state, depth: depth + 1)
                if result == .none { return (.permerror, "redirect target \(next) has no SPF record") }
                return (result, explanation)
            }
        } catch let abort as Abort {
            state.path.append("\(domain): \(abort.reason) → \(abort.result.rawValue)")
            return (abort.result, abort.reason)
        } catch {
            return (.permerror, "\(error)")
        }
        state.path.append("\(domain): no mechanism matched → neutral")
        return (.neutral, nil)
    }

    private func count(_ state: EvaluationState, _ term: String) throws {
        state.lookups += 1
        if state.lookups > Self.lookupLimit {
            throw Abort(result: .permerror, reason: "more than \(Self.lookupLimit) DNS-querying terms (at `\(term)`)")
        }
    }

    private func void(_ state: EvaluationState, _ term: String) throws {
        state.voids += 1
        if state.voids > Self.voidLimit {
            throw Abort(result: .permerror, reason: "more than \(Self.voidLimit) void lookups (at `\(term)`)")
        }
    }

    /// Throws `Abort` for temperror / permerror outcomes of a mechanism.
    private func matches(_ term: SPFTerm, _ context: SPFMacro.Context, state: EvaluationState, depth: Int) async throws -> Bool {
        let ip = context.ip
        func target() async -> String {
            guard let argument = term.argument else { return context.domain }
            return SPFMacro.expandDomain(argument, await withValidatedName(for: argument, context, state: state))
        }
        /// A target that cannot be asked of DNS (an empty or overlong label) matches nothing and asks nothing
        /// (RFC 7208 §4.3, §4.8 by analogy: the suite prefers "no match" to an error).
        func queryable(_ name: String) -> Bool {
            guard Self.isQueryable(name) else {
                state.path.append("\(context.domain): `\(term.text)` names `\(name)`, not a valid DNS name → no match")
                return false
            }
            return true
        }
        func verify(_ response: DNSResponse) throws {
            switch response.outcome {
            case .timeout, .servfail, .error, .refused, .unknown:
                throw Abort(result: .temperror, reason: "DNS \(response.outcome.rawValue) at `\(term.text)`")
            case .nxdomain, .nodata: try void(state, term.text)
            case .answer: break
            }
        }
        switch term.name {
        case "all":
            return true
        case "ip4":
            guard ip.isIPv4, let network = term.argument.flatMap(IPAddress.init) else { return false }
            return ip.isIn(network, prefix: term.cidr4 ?? 32)
        case "ip6":
            guard !ip.isIPv4, let network = term.argument.flatMap(IPAddress.init) else { return false }
            return ip.isIn(network, prefix: term.cidr6 ?? 128)
        case "a":
            try count(state, term.text)
            let name = await target()
            guard queryable(name) else { return false }
            let response = await resolution.resolve(name, ip.isIPv4 ? .a : .aaaa)
            try verify(response)
            return addresses(response).contains { ip.isIn($0, prefix: ip.isIPv4 ? term.cidr4 ?? 32 : term.cidr6 ?? 128) }
        case "mx":
            try count(state, term.text)
            let name = await target()
            guard queryable(name) else { return false }
            let mx = await resolution.resolve(name, .mx)
            try verify(mx)
            let hosts = mx.values.compactMap { $0.split(separator: " ").last.map(String.init) }.filter { $0 != "." }
            if hosts.count > Self.mxLimit {
                throw Abort(result: .permerror, reason: "`\(term.text)`: more than \(Self.mxLimit) MX records")
            }
            for host in hosts {
                let response = await resolution.resolve(host, ip.isIPv4 ? .a : .aaaa)
                if response.outcome == .timeout || response.outcome == .servfail {
                    throw Abort(result: .temperror, reason: "DNS \(response.outcome.rawValue) resolving MX \(host)")
                }
                if addresses(response).contains(where: { ip.isIn($0, prefix: ip.isIPv4 ? term.cidr4 ?? 32 : term.cidr6 ?? 128) }) {
                    return true
                }
            }
            return false
        case "ptr":
            try count(state, term.text)
            let name = await target()
            guard queryable(name) else { return false }
            return await validatedName(context, state: state, target: name) != nil
        case "exists":
            try count(state, term.text)
            let name = await target()
            guard queryable(name) else { return false }
            let response = await resolution.resolve(name, .a)
            try verify(response)
            return !response.records.isEmpty
        case "include":
            try count(state, term.text)
            let name = await target()
            var inner = context
            inner.domain = name
            let (result, _) = await self.check(inner, state: state, depth: depth + 1)
            switch result {
            case .pass: return true
            case .fail, .softfail, .neutral: return false
            case .temperror: throw Abort(result: .temperror, reason: "include:\(name) gave temperror")
            case .permerror, .none, .unknown: throw Abort(result: .permerror, reason: "include:\(name) gave \(result.rawValue)")
            }
        default:
            throw Abort(result: .permerror, reason: "unknown mechanism `\(term.name)`")
        }
    }

    private func addresses(_ response: DNSResponse) -> [IPAddress] {
        response.records.compactMap { IPAddress($0.value) }
    }

    /// RFC 7208 §5.5: a PTR name of the IP whose forward lookup contains the IP and that is or ends in `target`.
    /// With no target (the `p` macro, §7.3) the validated name is the domain itself, else a subdomain of it,
    /// else the first one.
    private func validatedName(_ context: SPFMacro.Context, state: EvaluationState, target: String?) async -> String? {
        let ptr = await resolution.lookup.query(context.ip.reverseName, .ptr)
        if ptr.records.isEmpty, target != nil { try? void(state, "ptr") }
        var validated: [String] = []
        for name in ptr.values.prefix(Self.ptrLimit).map(DNSName.normalized) {
            let forward = await resolution.resolve(name, context.ip.isIPv4 ? .a : .aaaa)
            if addresses(forward).contains(context.ip) { validated.append(name) }
        }
        func isWithin(_ name: String, _ domain: String) -> Bool { name == domain || name.hasSuffix("." + domain) }
        if let target { return validated.first { isWithin($0, target) } }
        return validated.first { $0 == context.domain } ?? validated.first { isWithin($0, context.domain) } ?? validated.first
    }

    /// The `exp=` text for a fail (RFC 7208 §6.2), or nil — then there is none — when the name cannot be asked,
    /// does not have exactly one TXT record, or the text is not a valid explanation macro-string.
    private func explanation(_ spec: String, _ context: SPFMacro.Context, state: EvaluationState) async -> String? {
        let name = SPFMacro.expandDomain(spec, await withValidatedName(for: spec, context, state: state))
        guard Self.isQueryable(name) else { return nil }
        let txt = await resolution.resolve(name, .txt)
        guard txt.outcome == .answer, txt.records.count == 1, let text = txt.values.first,
            SPFMacro.syntaxError(text, allowExplanationLetters: true) == nil
        else { return nil }
        return SPFMacro.expand(text, await withValidatedName(for: text, context, state: state), isExplanation: true)
    }

    /// `context` with the `p` macro's value when `macroString` uses it (the PTR lookups are made only then).
    private func withValidatedName(for macroString: String, _ context: SPFMacro.Context, state: EvaluationState) async -> SPFMacro.Context {
        guard context.validatedName == nil, macroString.lowercased().contains("%{p") else { return context }
        var context = context
        context.validatedName = await validatedName(context, state: state, target: nil)
        return context
    }

    /// A name check_host() may start from (RFC 7208 §4.3): a multi-label name DNS can ask about.
    static func isValidDomain(_ name: String) -> Bool {
        isQueryable(name) && name.contains(".")
    }

    /// A name DNS can ask about: labels of 1 to 63 octets, 253 octets in all (RFC 1035 §2.3.4).
    static func isQueryable(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && name.utf8.count <= 253 && labels.allSatisfy { (1...63).contains($0.utf8.count) }
    }
}

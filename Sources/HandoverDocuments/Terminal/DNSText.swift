import HandoverModel
/// The human-readable DNS map (`handover dns`, `handover show`).
package struct DNSText {
    package var style: TerminalStyle

    package init(style: TerminalStyle = .plain) { self.style = style }

    private func t(_ s: String) -> String { TerminalText.clean(s) }

    func answer(_ r: DNSResponse) -> String {
        switch r.outcome {
        case .answer: return r.records.map { "\(t($0.value)) (ttl \($0.ttl))" }.joined(separator: ", ")
        case .timeout, .error: return style.red(r.outcome.rawValue) + (r.detail.map { " — \(t($0))" } ?? "")
        case .servfail, .refused: return style.red(r.outcome.rawValue.uppercased())
        case .nxdomain: return style.yellow("NXDOMAIN")
        case .nodata: return style.dim("none")
        case .unknown: return "unknown"
        }
    }

    package func lines(_ d: DomainDNS) -> [String] {
        var out = ["  " + style.bold(t(d.name)) + (d.soaSerial.map { "  (SOA serial \($0))" } ?? "")]
        for p in d.providers { out.append("    \(p.role.rawValue) at \(t(p.provider)) (from \(p.source) \(t(p.evidence)))") }
        let refused = d.hosts.filter { $0.a.outcome == .refused }.count
        if refused > 0 {
            // REFUSED is the resolver's answer, not the domain's: said once, so the per-host lines are not read as faults.
            out.append("    " + style.yellow("note: the resolver refused A for \(refused) of \(d.hosts.count) hosts — it does not answer "
                + "handover, so nothing is known about them (point collect.resolvers or --resolver at a recursive resolver)"))
        }
        out.append("    NS: \(answer(d.ns))")
        out.append("    MX: \(answer(d.mx))")
        let absent: Set<DNSOutcome> = [.nxdomain, .nodata]
        for target in d.mxTargets where !target.nullMX && !target.resolves {
            out.append("      " + (absent.contains(target.a) && absent.contains(target.aaaa)
                ? style.red("MX target \(t(target.host)) has no address")
                : style.yellow("MX target \(t(target.host)): address unknown (A \(target.a.rawValue), AAAA \(target.aaaa.rawValue))")))
        }
        out.append("    DNSSEC: DS \(d.dnssec.ds.rawValue), DNSKEY \(d.dnssec.dnskey.rawValue)\(d.dnssec.authenticated ? ", validated (AD)" : "")")
        for h in d.hosts {
            out.append("    \(style.bold(t(h.name)))")
            if !h.a.chain.isEmpty { out.append("      CNAME → " + h.a.chain.map { t($0.value) }.joined(separator: " → ")) }
            out.append("      A: \(answer(h.a))")
            out.append("      AAAA: \(answer(h.aaaa))")
            if !h.txt.records.isEmpty || h.txt.outcome != .nodata { out.append("      TXT: \(answer(h.txt))") }
            let caa = h.caa.foundAt.map { "\(h.caa.records.map { t($0.value) }.joined(separator: ", ")) (at \(t($0)))" } ?? "none up to the TLD"
            out.append("      CAA: \(caa)")
        }
        for e in d.expectations {
            let mark = e.verdict == .match ? style.green("✓") : e.verdict == .mismatch ? style.red("✗") : "?"
            out.append("    \(mark) expect \(t(e.host)) \(e.type.rawValue) \(e.expected.map(t).joined(separator: ", ")) — got \(e.actual.isEmpty ? e.outcome.rawValue : e.actual.map(t).joined(separator: ", "))")
        }
        return out
    }
}

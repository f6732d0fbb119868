import HandoverModel
import HandoverAudit
/// The human-readable email authentication report.
package struct EmailText {
    package var style: TerminalStyle

    package init(style: TerminalStyle = .plain) { self.style = style }

    private func t(_ s: String) -> String { TerminalText.clean(s) }

    func mark(_ status: EmailStatus) -> String {
        switch status {
        case .pass: return style.green("pass")
        case .warn: return style.yellow("warn")
        case .fail: return style.red("FAIL")
        case .unknown: return "unknown"
        }
    }

    package func lines(_ d: DomainEmail) -> [String] {
        var out = ["  " + style.bold(t(d.name)) + (d.sendsMail ? " (sends mail)" : " (sends no mail)")]
        out.append("    SPF \(mark(d.spf.status)): \(d.spf.tree.records.map(t).joined(separator: " | ")) — \(d.spf.lookups) lookups, \(d.spf.voidLookups) void")
        out += tree(d.spf.tree, depth: 3)
        out += d.spf.verdicts.map { "      \($0.code): \(t($0.detail))" }
        out.append("    DMARC \(mark(d.dmarcStatus)): \(d.dmarc.text.map(t) ?? "none")\(d.dmarc.foundAt.map { " (at \(t($0)))" } ?? "")")
        out += d.dmarc.verdicts.map { "      \($0.code): \(t($0.detail))" }
        if d.dkim.isEmpty { out.append("    DKIM: no selector configured or found") }
        for k in d.dkim {
            let key = k.record.map { r in r.revoked ? "revoked" : "\(r.keyType) \(r.keyBits.map(String.init) ?? "?") bits" } ?? k.outcome.rawValue
            out.append("    DKIM \(t(k.selector))\(k.configured ? "" : " (probed)") \(mark(k.status)): \(key)")
            out += k.verdicts.map { "      \($0.code): \(t($0.detail))" }
        }
        for p in [("MTA-STS", d.mtaSTS), ("TLS-RPT", d.tlsRPT), ("BIMI", d.bimi)] {
            out.append("    \(p.0): \(p.1.present ? "present" : "absent")")
        }
        if let sts = d.mtaSTSPolicy {
            out.append("    MTA-STS policy: \(t(sts.summary))")
            out += sts.unusableReasons.map { "      \(t($0))" }
        }
        return out
    }

    func tree(_ node: SPFNode, depth: Int) -> [String] {
        node.children.flatMap { child in
            ["\(String(repeating: "  ", count: depth))\(t(child.via ?? "")) → \(child.records.isEmpty ? child.outcome.rawValue : child.records.map(t).joined(separator: " | "))"]
                + tree(child, depth: depth + 1)
        }
    }
}

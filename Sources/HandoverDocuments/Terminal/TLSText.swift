import Foundation
import HandoverModel
import HandoverAudit
import HandoverDiff

/// The human-readable TLS report.
package struct TLSText {
    package var style: TerminalStyle

    package init(style: TerminalStyle = .plain) { self.style = style }

    private func t(_ s: String) -> String { TerminalText.clean(s) }

    package func lines(_ state: TLSState, at date: Date) -> [String] {
        var out = ["  trust store: \(t(state.trustStore))"]
        for h in state.hosts {
            let target = h.address.map { " via \(t($0)):\(h.connectPort ?? h.port) (\(h.addressSource ?? "?"))" } ?? ""
            guard h.outcome == .handshake, let leaf = h.leaf, let v = h.verdict(at: date) else {
                out.append("  \(style.bold(t(h.host)))\(target): " + style.red(h.outcome.rawValue) + (h.detail.map { " — \(t($0))" } ?? ""))
                continue
            }
            // The same words as diff and the documents: one formatter for trust.
            let verdict = v.trusted ? style.green(SnapshotFacts.trust(v)) : style.red(SnapshotFacts.trust(v))
            out.append("  \(style.bold(t(h.host)))\(target): \(verdict), \(h.tlsVersion ?? "?")\(h.alpn.map { ", ALPN \(t($0))" } ?? "")")
            out.append("    \(t(leaf.subject)) issued by \(t(leaf.issuerOrganization ?? leaf.issuer)); expires \(Timestamp.day(leaf.notAfter)) (\(v.daysLeft) days, \(leaf.lifetimeDays)-day certificate)")
            out.append("    names: \(leaf.subjectAlternativeNames.map(t).joined(separator: ", ")); key \(leaf.keyType)\(leaf.keyBits.map { " \($0)" } ?? "")")
        }
        return out
    }
}

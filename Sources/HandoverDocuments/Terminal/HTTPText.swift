import Foundation
import HandoverModel

/// The human-readable HTTP and registration reports.
package struct HTTPText {
    package var style: TerminalStyle

    package init(style: TerminalStyle = .plain) { self.style = style }

    private func t(_ s: String) -> String { TerminalText.clean(s) }

    package func lines(_ state: HTTPState) -> [String] {
        var out: [String] = []
        for host in state.hosts {
            out.append("  \(style.bold(t(host.host)))")
            out.append("    " + chain(host.http))
            out.append("    " + chain(host.https))
        }
        if !state.redirectChecks.isEmpty { out.append("  expected redirects:") }
        for check in state.redirectChecks {
            let mark = check.matches ? style.green("ok") : style.red("MISMATCH")
            out.append("    \(mark) \(t(check.from)) → \(t(check.expected))" + (check.matches ? "" : " (got \(t(check.actual ?? "no answer")))"))
        }
        if !state.endpoints.isEmpty { out.append("  endpoints:") }
        for e in state.endpoints {
            let result = e.status.map { String($0) } ?? style.red(e.outcome.rawValue)
            let latency = e.p50Ms.map { " p50 \($0) ms, p95 \(e.p95Ms ?? 0) ms, max \(e.maxMs ?? 0) ms over \(e.answered)" } ?? ""
            out.append("    \(t(e.url)) [\(e.roles.map(t).joined(separator: ", "))]: \(result)\(latency)" + (e.detail.map { " — \(t($0))" } ?? ""))
        }
        for h in state.securityHeaders {
            var parts: [String] = []
            if let hsts = h.hsts {
                parts.append("HSTS max-age=\(hsts.maxAge.map(String.init) ?? "?")\(hsts.includeSubDomains ? " includeSubDomains" : "")\(hsts.preload ? " preload" : "")")
            } else {
                parts.append(style.yellow("no HSTS"))
            }
            parts.append(h.contentSecurityPolicy == nil ? style.yellow("no CSP") : "CSP")
            parts.append(h.xContentTypeOptions == nil ? style.yellow("no X-Content-Type-Options") : "XCTO \(t(h.xContentTypeOptions!))")
            parts.append(h.referrerPolicy == nil ? style.yellow("no Referrer-Policy") : "Referrer-Policy \(t(h.referrerPolicy!))")
            if h.xFrameOptions == nil && !h.cspFrameAncestors { parts.append(style.yellow("no frame protection")) }
            if h.serverLeaksVersion { parts.append(style.yellow("Server: \(t(h.server ?? ""))")) }
            out.append("  security headers of \(t(h.host)): " + parts.joined(separator: ", "))
        }
        for c in state.cors {
            let verdict = c.reflectsOrigin ? style.red("reflects \(c.origin)") : c.wildcardWithCredentials ? style.red("* with credentials")
                : "Access-Control-Allow-Origin \(t(c.allowOrigin ?? "absent"))"
            out.append("  CORS on \(t(c.host)): \(verdict)")
        }
        for d in state.deployments {
            let what: String
            switch d.relation {
            case .same: what = style.green("same as \(t(d.branch ?? "HEAD")) head")
            case .behind: what = style.yellow("\(Plural.count(d.behindBy ?? 0, "commit")) behind \(t(d.branch ?? "HEAD"))")
            case .ahead: what = style.yellow("\(Plural.count(d.aheadBy ?? 0, "commit")) ahead of the local \(t(d.branch ?? "HEAD")) (fetch?)")
            case .notOnBranch: what = style.red("not on \(t(d.branch ?? "HEAD"))")
            case .unknownCommit: what = style.red("unknown commit")
            case .unavailable, .unknown: what = style.red("unavailable")
            }
            let commit = d.commit.map { " \(String($0.prefix(12)))" } ?? d.reported.map { " \(t($0))" } ?? ""
            out.append("  deployed on \(t(d.environment)):\(commit) — \(what)" + (d.detail.map { " (\(t($0)))" } ?? ""))
        }
        for m in state.monitors {
            let status = m.status.map(String.init) ?? m.outcome.rawValue
            out.append("  monitor \(t(m.name)): \(m.dead ? style.red("dead " + status) : status)" + (m.finalURL.map { " at \(t($0))" } ?? ""))
        }
        return out
    }

    func chain(_ c: RedirectChain) -> String {
        var steps: [String] = []
        for hop in c.hops {
            let answer = hop.status.map(String.init) ?? style.red(hop.outcome.rawValue)
            steps.append("\(t(hop.url)) \(answer)\(hop.timeMs.map { " (\($0) ms)" } ?? "")")
        }
        var flags: [String] = []
        if c.loop { flags.append(style.red("loop")) }
        if c.downgrade { flags.append(style.red("https→http downgrade")) }
        if c.end == .leftManifest, let location = c.hops.last?.location { flags.append("leaves the manifest for \(t(location))") }
        if c.end == .internalAddress, let last = c.hops.last { flags.append("redirects to an internal address, not dialled: \(t(last.url))") }
        if c.end == .tooManyRedirects { flags.append(style.red("too many redirects")) }
        if c.end == .badLocation { flags.append(style.red("redirect without a usable Location")) }
        if c.leavesCanonical { flags.append(style.yellow("leaves the canonical host")) }
        if c.end == .failed, let detail = c.hops.last?.detail { flags.append(t(detail)) }
        return steps.joined(separator: " → ") + (flags.isEmpty ? "" : "  [" + flags.joined(separator: "; ") + "]")
    }

    package func lines(_ state: RegistrationState, at date: Date) -> [String] {
        state.domains.map { d in
            switch d.outcome {
            case .found:
                let expiry = d.expires.map { "expires \(Timestamp.day($0)) (\(d.daysLeft(at: date) ?? 0) days)" } ?? "no expiry date"
                return "  \(t(d.domain)): \(expiry), registrar \(t(d.registrar ?? "unknown"))" + (d.statuses.isEmpty ? "" : "; \(d.statuses.map(t).joined(separator: ", "))")
            default:
                return "  \(t(d.domain)): \(d.outcome.rawValue)" + (d.detail.map { " — \(t($0))" } ?? "")
            }
        }
    }
}

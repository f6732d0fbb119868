import Foundation
import HandoverModel

/// The human-readable view of a snapshot (`handover show`, `handover snapshot`).
package struct SnapshotText {
    package var style: TerminalStyle

    package init(style: TerminalStyle = .plain) { self.style = style }

    private func t(_ s: String) -> String { TerminalText.clean(s) }

    /// A one-screen summary printed after `handover snapshot`.
    package func summary(_ s: Snapshot, file: String) -> String {
        var lines = ["\(style.bold("Snapshot")) \(t(file))  \(Timestamp.iso8601(s.createdAt))  (\(s.durationMs) ms)"]
        for (name, status, reason) in s.sectionStatuses {
            let mark = status == .collected ? style.green("✓") : status == .failed ? style.red("✗") : style.dim("–")
            lines.append("  \(mark) \(name.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0))\(status.rawValue)\(reason.map { " — \(t($0))" } ?? "")")
        }
        if let git = s.git.data, let commit = git.head.commit {
            lines.append("  deployed from \(headDescription(git)) at \(String(commit.sha.prefix(12)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func headDescription(_ git: GitState) -> String {
        switch git.head.kind {
        case .branch: return "branch \(t(git.head.branch ?? "?"))"
        case .detached: return "detached HEAD"
        case .unborn: return "unborn branch \(t(git.head.branch ?? "?"))"
        case .unknown: return "unknown HEAD"
        }
    }

    /// The full report of `handover show`.
    package func full(_ s: Snapshot, file: String) -> String {
        var out: [String] = []
        out.append(style.bold("\(t(s.project)) — snapshot \(t(file))"))
        out.append("taken \(Timestamp.iso8601(s.createdAt)) in \(s.durationMs) ms by handover \(t(s.toolVersion)), schema \(s.schemaVersion)\(s.partial ? ", partial (" + s.requestedSections.map(\.rawValue).joined(separator: ",") + ")" : "")")
        out.append("")
        out += section(SectionName.git.title, s.git) { gitLines($0) }
        out += section(SectionName.env.title, s.env) { envLines($0) }
        out += section(SectionName.dns.title, s.dns) { state in
            ["  resolvers: \(state.resolvers.joined(separator: ", "))"] + state.domains.flatMap { DNSText(style: style).lines($0) }
        }
        out += section(SectionName.email.title, s.email) { state in state.domains.flatMap { EmailText(style: style).lines($0) } }
        out += section(SectionName.tls.title, s.tls) { TLSText(style: style).lines($0, at: s.createdAt) }
        out += section(SectionName.http.title, s.http) { HTTPText(style: style).lines($0) }
        out += section(SectionName.registration.title, s.registration) { HTTPText(style: style).lines($0, at: s.createdAt) }
        out += section(SectionName.secrets.title, s.secrets) { state in
            var scan = ["  \(state.scan.rawValue) scan: \(state.commitsScanned) commits, \(state.blobsScanned) files read, rules \(t(state.rulesVersion)), \(state.scannedTips.count) ref tips"]
            if let remaining = state.commitsRemaining {
                scan.append("  " + style.yellow("history not finished: \(Plural.count(remaining, "commit")) still to read — the next snapshot goes on (or raise collect.deadline)"))
            }
            guard !state.findings.isEmpty else { return scan + ["  nothing found"] }
            return scan + state.findings.map { f in
                let place = t(f.path) + (f.line.map { ":\($0)" } ?? "")
                let whereNow = f.atHead == true ? "at HEAD" : f.removedIn.map { "deleted in \($0.prefix(12)), in the history" } ?? "in the history"
                return "  \(style.red(f.rule)) \(place) \(t(f.redacted)) — introduced \(f.commit.prefix(12)) by \(t(f.author)) on \(Timestamp.day(f.date)), \(whereNow)"
            }
        }
        out += section(SectionName.monitoring.title, s.monitoring) { monitors in
            monitors.isEmpty ? ["  none declared"] : monitors.map { m in
                let interval = m.intervalMs.map { " every \(DurationText.format(milliseconds: $0))" } ?? ""
                let alerts = m.alertsTo.map { " → alerts \(t($0))" } ?? ""
                return "  \(t(m.name)) \(t(m.url))\(interval)\(alerts)" + (m.covers.isEmpty ? "" : "\n    covers \(m.covers.map(t).joined(separator: ", "))")
            }
        }
        out += section(SectionName.critical.title, s.critical) { list in
            list.isEmpty ? ["  none declared"] : list.map { "  \(t($0.name)) [\(t($0.kind ?? "-"))] \(t($0.url))" }
        }
        out += section(SectionName.owners.title, s.owners) { list in
            list.isEmpty ? ["  none declared"] : list.map { o in
                var line = "  \(t(o.asset)): \(t(o.owner))"
                if let c = o.contact { line += " <\(t(c))>" }
                if let a = o.access { line += "\n    access: \(t(a))" }
                if let r = o.reviewed { line += "\n    reviewed \(t(r))" }
                return line
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    func section<T>(_ title: String, _ section: Section<T>, _ body: (T) -> [String]) -> [String] {
        var lines = [style.bold(title)]
        switch section.status {
        case .collected:
            if let data = section.data { lines += body(data) }
        case .failed:
            lines.append("  " + style.red("failed: ") + t(section.reason ?? "unknown reason"))
        case .skipped, .unknown:
            lines.append("  " + style.dim("not collected: " + t(section.reason ?? "unknown")))
        }
        lines.append("")
        return lines
    }

    func gitLines(_ g: GitState) -> [String] {
        var lines: [String] = []
        var kind: [String] = []
        if g.repository.bare { kind.append("bare") }
        if g.repository.shallow { kind.append("shallow") }
        if g.repository.worktree { kind.append("linked worktree") }
        if g.repository.empty { kind.append("no commits yet") }
        lines.append("  HEAD: \(headDescription(g))" + (kind.isEmpty ? "" : " (\(kind.joined(separator: ", ")))"))
        if let c = g.head.commit {
            lines.append("  commit \(c.sha) — \(t(c.subject)) (\(t(c.author)), \(Timestamp.iso8601(c.date)))")
        }
        if let d = g.dirty {
            lines.append(d.isDirty
                ? "  working tree: " + style.yellow("dirty") + " — \(d.staged) staged, \(d.modified) modified, \(d.untracked) untracked, \(d.conflicted) conflicted"
                : "  working tree: clean")
        }
        if let u = g.upstream { lines.append("  upstream \(t(u.name)): \(u.ahead) ahead, \(u.behind) behind") }
        if let d = g.describe {
            lines.append(d.distance == 0 ? "  at release tag \(t(d.tag))" : "  \(d.distance) commit\(d.distance == 1 ? "" : "s") past release tag \(t(d.tag))")
        }
        lines.append("  release tags (`\(t(g.releaseTagPattern))`): \(g.releaseTagCount)")
        for tag in g.releaseTags.prefix(5) {
            lines.append("    \(t(tag.name)) → \(tag.commit.prefix(12)) \(Timestamp.day(tag.date))\(tag.annotated ? " (annotated)" : "") \(t(tag.subject))")
        }
        for r in g.remotes { lines.append("  remote \(t(r.name)): \(t(r.url))") }
        if !g.recentCommits.isEmpty {
            lines.append("  recent commits:")
            for c in g.recentCommits.prefix(10) {
                lines.append("    \(c.sha.prefix(12)) \(Timestamp.day(c.date)) \(t(c.author)): \(t(c.subject))")
            }
        }
        return lines
    }

    package func envLines(_ inv: EnvInventory) -> [String] {
        var lines: [String] = []
        if let ref = inv.reference {
            lines.append("  reference \(t(ref.path)): \(ref.status == .read ? Plural.count(inv.referenceNames.count, "name") : ref.status.rawValue)")
        }
        if inv.environments.isEmpty { lines.append("  no environments declared") }
        for e in inv.environments {
            lines.append("  \(style.bold(t(e.name)))\(e.production ? " (production)" : ""): \(Plural.count(e.variables.count, "name"))")
            for f in e.files {
                let status = f.status == .read ? Plural.count(f.nameCount, "name") : style.yellow(f.status.rawValue)
                lines.append("    \(t(f.path)) [\(f.format.rawValue)]: \(status)")
                for p in f.problems { lines.append("      " + (p.line > 0 ? "line \(p.line): " : "") + t(p.message)) }
            }
            if !e.missingFromReference.isEmpty {
                lines.append("    " + style.yellow("missing from this environment: ") + e.missingFromReference.map(t).joined(separator: ", "))
            }
            if !e.notInReference.isEmpty {
                lines.append("    only here: " + e.notInReference.map(t).joined(separator: ", "))
            }
            let flagged = e.variables.filter { ![.looksFine, .external].contains($0.effectiveShape) }
            for v in flagged {
                lines.append("    \(t(v.name)): \(v.effectiveShape.rawValue)")
            }
        }
        if !inv.ciReferences.isEmpty {
            lines.append("  CI expects: " + inv.ciReferences.map { reference in
                "\(t(reference.name)) (\(reference.kind.rawValue)" + (reference.environments.map { " in environment " + $0.map(t).joined(separator: ", ") } ?? "")
                    + (reference.assignedTo.map { ", as " + $0.map(t).joined(separator: ", ") } ?? "") + ")"
            }.joined(separator: ", "))
        }
        return lines
    }
}

import Foundation
import HandoverModel

/// Builds the site's pages beyond the documents from the view model and the points of the stored history.
package enum SiteBuilder {
    /// The "what changed" page of a snapshot: its file name reduced to letters, digits and dashes.
    package static func changesPage(for name: String) -> String {
        let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        return "changes-" + DocumentContextBuilder.anchor(stem).trimmingCharacters(in: CharacterSet(charactersIn: "-")) + ".html"
    }

    /// Findings that count, by severity (every severity, highest first), as the risk report groups them.
    static func counts(_ context: DocumentContext) -> [(Severity, Int)] {
        Severity.ranked.map { level in (level, context.risks.groups.first { $0.level == level.rawValue }?.count ?? 0) }
    }

    package static func glance(_ context: DocumentContext, snapshots: Int) -> SitePage.Glance {
        let severities = counts(context).map { level, count in
            SitePage.SeverityCount(label: level.rawValue.capitalized, level: level.rawValue, count: count, isRisk: level.isRisk,
                                    hot: level.isRisk && count > 0)
        }
        let expiry = context.calendar.first { $0.what == "certificate expires" || $0.what == "domain registration expires" }
            .map { SitePage.Expiry(date: $0.date, daysLeft: $0.daysLeft, what: $0.what, subject: $0.subject) }
        let lines = context.changes.stories + context.changes.lines + context.changes.commits.map { "commit " + $0 }
        let shown = Array(lines.prefix(3))
        return .init(severities: severities, hasExpiry: expiry != nil, expiry: expiry, lastChange: shown,
                     moreChanges: lines.count - shown.count, hasMoreChanges: lines.count > shown.count,
                     changesPage: changesPage(for: context.meta.snapshot), snapshots: snapshots,
                     snapshotsText: Plural.count(snapshots, "snapshot"))
    }

    /// The three charts of the history page, over `points` (oldest first).
    package static func charts(_ points: [SitePoint]) -> [SVGChart] {
        let times = points.map(\.takenAt)
        let severity = SVGChart(
            id: "chart-findings", title: "Open findings by severity",
            desc: "Findings that count (accepted ones left out) in each of the \(Plural.count(points.count, "stored snapshot")), one line per severity.",
            unit: "findings", times: times,
            series: Severity.ranked.enumerated().map { index, level in
                .init(label: level.rawValue, values: points.map { index < $0.counts.count ? $0.counts[index] : nil })
            })
        let endpoints = Set(points.flatMap(\.latency.keys)).sorted()
        let latency = SVGChart(
            id: "chart-latency", title: "p95 latency per critical endpoint",
            desc: "The 95th percentile response time in milliseconds of \(Plural.count(endpoints.count, "critical endpoint")), one line each.",
            unit: "ms", times: times, series: endpoints.map { name in .init(label: name, values: points.map { $0.latency[name] }) })
        let subjects = Set(points.flatMap(\.expiry.keys)).sorted()
        let expiry = SVGChart(
            id: "chart-expiry", title: "Days to expiry per certificate and domain",
            desc: "Days left, at each snapshot, before \(Plural.count(subjects.count, "certificate or domain registration")) expires; a rise is a renewal.",
            unit: "days", times: times, series: subjects.map { name in .init(label: name, values: points.map { $0.expiry[name] }) })
        return [severity, latency, expiry]
    }

    static func view(_ chart: SVGChart) -> SitePage.Chart {
        let rows = chart.times.indices.map { index in
            SitePage.TableRow(cells: [Timestamp.iso8601(chart.times[index])] + chart.series.map { line in
                line.values[index].map(String.init) ?? "–"
            })
        }.reversed()
        return .init(id: chart.id, title: chart.title, desc: chart.desc, svg: chart.svg, hasSeries: !chart.series.isEmpty,
                     legend: chart.series.enumerated().map { .init(label: $1.label, colour: "s\(min($0, SVGChart.palette - 1))") },
                     columns: ["snapshot taken"] + chart.series.map { "\($0.label) (\(chart.unit))" }, rows: Array(rows))
    }

    /// - Parameter points: every readable stored snapshot up to the rendered one, oldest first.
    package static func history(_ points: [SitePoint], current: String) -> SitePage.History {
        let rows = points.reversed().map { point in
            let counted = zip(Severity.ranked, point.counts).filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }
            return SitePage.SnapshotRow(name: point.name, takenAt: Timestamp.iso8601(point.takenAt),
                                        findings: counted.isEmpty ? "no findings" : counted.joined(separator: ", "),
                                        page: changesPage(for: point.name), current: point.name == current)
        }
        return .init(charts: charts(points).map(view), snapshots: rows)
    }

    /// The older and newer neighbours of `points[index]`'s page.
    package static func neighbours(_ points: [SitePoint], at index: Int) -> SitePage.Neighbours {
        let older = index > 0 ? changesPage(for: points[index - 1].name) : ""
        let newer = index + 1 < points.count ? changesPage(for: points[index + 1].name) : ""
        return .init(hasOlder: !older.isEmpty, older: older, hasNewer: !newer.isEmpty, newer: newer)
    }

    package static func summary(_ context: DocumentContext, generatedAt: Date, snapshots: Int) -> SiteSummary {
        let d = context.deployed
        return .init(project: context.meta.project, snapshot: context.meta.snapshot, takenAt: context.meta.takenAt,
                     generatedAt: Timestamp.iso8601(generatedAt),
                     counts: Dictionary(uniqueKeysWithValues: counts(context).map { ($0.0.rawValue, $0.1) }),
                     deployed: .init(known: d.known, commit: d.commit, short: d.short, branch: d.branch, tag: d.tag), snapshots: snapshots)
    }
}

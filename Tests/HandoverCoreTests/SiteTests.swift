import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverAudit
@testable import HandoverDocuments
@testable import HandoverFixtures

/// The site's parts that need no browser: what a snapshot plots, the charts' geometry and markup, page names.
@Suite struct SiteTests {
    /// A snapshot's point: p95 of each critical endpoint by its name, days to each certificate and domain expiry,
    /// findings that count by severity.
    @Test func aPointHoldsWhatTheChartsPlot() {
        var s = HealthyExample.snapshot()
        Edit.http(&s) { http in
            if let i = http.endpoints.firstIndex(where: { $0.roles.contains("critical:Login") }) { http.endpoints[i].p95Ms = 777 }
        }
        Edit.leaf(&s) { $0.notAfter = HealthyExample.now + 10 * Edit.day + 3_600 }
        let audit = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let point = SitePoint(s, name: "x.json", audit: audit)
        #expect(point.latency["Login"] == 777)
        #expect(Set(point.latency.keys).isSubset(of: ["API health", "Home", "Login", "Stripe webhook"]) && point.latency.count >= 2)
        #expect(point.expiry["certificate acme.example"] == 10)
        #expect(point.expiry.keys.contains { $0.hasPrefix("domain ") })
        #expect(point.counts == audit.counts.map(\.1) && point.counts.count == Severity.ranked.count)
        #expect(point.counts[0] >= 1, "a certificate 10 days from expiry is a blocker: \(point.counts)")
    }

    static let times = (0..<4).map { HealthyExample.now + Double($0) * 7 * Edit.day }

    /// A missing value breaks the line (two polylines), every value gets a dot with its tooltip, and the value axis
    /// tops out at a round number above the largest value.
    @Test func aChartBreaksItsLineWhereAValueIsMissing() throws {
        let chart = SVGChart(id: "c", title: "T", desc: "D", unit: "ms", times: Self.times,
                             series: [.init(label: "Home", values: [120, nil, 340, 310]), .init(label: "Login", values: [80, 90, 100, 110])])
        #expect(chart.axisMax == 500)
        let svg = chart.svg
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2, "Home has one point alone, then a run of two; Login one run")
        #expect(svg.components(separatedBy: "<circle").count - 1 == 7)
        #expect(svg.contains("<title id=\"c-title\">T</title><desc id=\"c-desc\">D</desc>") && svg.contains("aria-labelledby=\"c-title c-desc\""))
        #expect(svg.contains("Home: 340 ms on 2026-12-15"))
        // The first and last points sit at the plot's edges, in time order.
        #expect(chart.x(0) == SVGChart.left && chart.x(3) == SVGChart.width - SVGChart.right && chart.x(1) < chart.x(2))
        #expect(chart.y(0) == SVGChart.height - SVGChart.bottom && chart.y(500) == SVGChart.top)
        // One snapshot: a centred dot, no line; an expiry already passed puts the axis below zero.
        let one = SVGChart(id: "d", title: "T", desc: "D", unit: "days", times: [Self.times[0]], series: [.init(label: "x", values: [-3])])
        #expect(!one.svg.contains("<polyline") && one.svg.contains("<circle") && one.axisMin == -3)
    }

    /// Labels are text in the markup: a host name or endpoint name cannot open an element or an attribute.
    @Test func chartLabelsAreEscaped() {
        let evil = "<script>alert(1)</script>\"' onload=x &amp; \u{1B}[31m"
        let svg = SVGChart(id: "c", title: evil, desc: evil, unit: evil, times: Self.times,
                           series: [.init(label: evil, values: [1, 2, 3, 4])]).svg
        #expect(!svg.contains("<script") && !svg.contains("\" onload") && !svg.contains("' onload") && !svg.contains("\u{1B}"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onload=x &amp;amp;"))
    }

    /// A page's file name is made of letters, digits and dashes whatever the snapshot was called.
    @Test(arguments: ["20261201T000000Z-ab12.json", "../../etc/passwd.json", "<b>.json", "x\u{202E}y.json"])
    func changesPagesHaveSafeNames(_ name: String) {
        let page = SiteBuilder.changesPage(for: name)
        #expect(page.hasPrefix("changes-") && page.hasSuffix(".html"))
        #expect(page.dropFirst(8).dropLast(5).allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(page)")
    }

    /// The index shows the nearest certificate or domain expiry and the first lines of the last change.
    @Test func theGlanceShowsTheNearestExpiryAndTheLastChange() throws {
        let context = DocumentTests.fullContext()
        let glance = SiteBuilder.glance(context, snapshots: 3)
        let expiry = try #require(glance.expiry)
        #expect(expiry.what == "certificate expires" && expiry.daysLeft == 10)
        #expect(glance.severities.map(\.level) == ["blocker", "high", "medium", "low", "info"])
        #expect(glance.severities.first { $0.level == "high" }?.hot == true)
        #expect(!glance.lastChange.isEmpty && glance.lastChange.count <= 3)
        #expect(glance.changesPage == "changes-latest.html")
        let summary = SiteBuilder.summary(context, generatedAt: HealthyExample.now, snapshots: 3)
        #expect(summary.counts.keys.sorted() == ["blocker", "high", "info", "low", "medium"])
        #expect(summary.counts["high"] == glance.severities.first { $0.level == "high" }?.count)
        #expect(summary.deployed.commit == context.deployed.commit)
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverStore
import HandoverAudit
import HandoverFixtures

/// A demo project for the site: the healthy example stored four times a week apart, with latencies that move, a
/// finding one week (DMARC p=none) and a certificate close to expiry that is then renewed, so every chart has points.
enum DemoSite {
    static let now = "2026-12-01T12:00:00Z"
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func project(name: String = "Acme") throws -> TempDirectory {
        let dir = TempDirectory("handover-site")
        let store = SnapshotStore(directory: dir.file("snapshots"))
        for week in 0..<4 {
            var s = HealthyExample.snapshot()
            s.project = name
            let taken = HealthyExample.now - Double(3 - week) * 7 * Edit.day
            s.createdAt = taken
            Edit.http(&s) { http in
                for i in http.endpoints.indices { http.endpoints[i].p95Ms = (http.endpoints[i].p95Ms ?? 20) + [40, 260, 90, 0][week] * (i + 1) }
            }
            if week == 1 { Edit.email(&s) { $0.dmarc.record?.policy = DMARCRecord.Policy.none } }
            if week == 2 { Edit.leaf(&s) { $0.notAfter = taken + 12 * Edit.day } }
            try store.write(s)
        }
        return dir
    }

    /// `handover render --format html --out site` in `dir`.
    static func render(_ dir: TempDirectory, out: String = "site") throws -> ProcessOutput {
        try HandoverBinary.run(["render", "--format", "html", "--out", out], in: dir.url, environment: ["HANDOVER_NOW": now])
    }

    static func stored(_ dir: TempDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots").path).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// A program on PATH (or in /usr/bin), as the layout script finds chromium.
    static func executable(_ names: [String]) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin"
        for name in names {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// A JSON object's fields; nil for no text or another JSON value.
    static func json(_ text: String?) -> [String: Any]? {
        text.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static let chromium = executable(["chromium", "chromium-browser", "google-chrome"])
    /// Runs under CI (and fails without Chromium), else only where Chromium is installed.
    static var runBrowser: Bool { TestServers.required || chromium != nil }
}

/// The HTML site end to end: every page and link written, each stored snapshot read once, a real browser's layout,
/// and the portfolio page over two projects.
@Suite(.serialized) struct SiteBrowserTests {
    @Test func theSiteHoldsEveryPageAndEveryLinkResolves() throws {
        let dir = try DemoSite.project()
        let result = try DemoSite.render(dir)
        #expect(result.status == 0, "\(result.stderr)")
        let site = dir.file("site")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: site.path))
        for page in ["index.html", "guide.html", "checklist.html", "risks.html", "calendar.html", "calendar.ics", "history.html", "site.json"] {
            #expect(files.contains(page), "\(page) missing: \(files.sorted())")
        }
        let changes = files.filter { $0.hasPrefix("changes-") }
        #expect(changes.count == 4, "one page per stored snapshot: \(changes.sorted())")
        // Every local link of every page names a file of the site (anchors aside).
        let href = try NSRegularExpression(pattern: ##"href="([^"#]*)(#[^"]*)?""##)
        for page in files where page.hasSuffix(".html") {
            let text = try #require(dir.read("site/" + page))
            // The guide's quick-reference filter is the only script, and the page reads the same without it.
            #expect(page == "guide.html" || !text.contains("<script"), "\(page): the site needs no script")
            for match in href.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let target = String(text[Range(match.range(at: 1), in: text)!])
                guard !target.isEmpty else { continue }
                #expect(files.contains(target), "\(page) links to \(target), which the site does not hold")
            }
        }
        let history = try #require(dir.read("site/history.html"))
        #expect(history.components(separatedBy: "<svg class=\"chart\"").count - 1 == 3, "three charts")
        #expect(history.components(separatedBy: "<desc id=").count - 1 == 3 && history.components(separatedBy: "<caption>").count - 1 == 3)
        #expect(history.contains(">Login</li>") && history.contains("certificate acme.example"), "the legends name the series")
        // The week with DMARC p=none is a point of the findings chart; its changes page says what came and went.
        let index = try #require(dir.read("site/index.html"))
        #expect(index.contains("id=\"quick\"") && index.contains("Nearest expiry"))
        let summary = try #require(DemoSite.json(dir.read("site/site.json")))
        #expect(summary["project"] as? String == "Acme" && summary["snapshots"] as? Int == 4)
        #expect(summary["snapshot"] as? String == (try DemoSite.stored(dir)).last)
        #expect((summary["counts"] as? [String: Int])?.keys.sorted() == ["blocker", "high", "info", "low", "medium"])
        #expect(summary["generatedAt"] as? String == DemoSite.now)
        let pages = changes.sorted().compactMap { dir.read("site/" + $0) }
        #expect(pages.first?.contains("The first stored snapshot") == true)
        #expect(pages.contains { $0.contains("dmarc.") }, "a changes page names the DMARC finding that came or went")
    }

    /// A render reads each stored snapshot once, however long the history (strace counts the opens).
    @Test(.enabled(if: TestServers.runStraceTests)) func theSiteDecodesEachSnapshotOnce() throws {
        let dir = try DemoSite.project()
        let trace = dir.file("trace").path
        let result = try ProcessRunner.run("/usr/bin/strace", ["-f", "-qq", "-e", "trace=openat", "-o", trace, HandoverBinary.path,
                                                               "render", "--format", "html", "--out", "site"],
                                           in: dir.url, environment: ["HANDOVER_NOW": DemoSite.now, "NO_COLOR": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let opens = (try String(contentsOfFile: trace, encoding: .utf8)).split(separator: "\n").filter { !$0.contains("ENOENT") }
        for name in try DemoSite.stored(dir) {
            let count = opens.filter { $0.contains("snapshots/\(name)\"") }.count
            #expect(count == 1, "\(name) opened \(count) times")
        }
    }

    @Test(.enabled(if: DemoSite.runBrowser, "chromium is not installed (bash scripts/setup); CI=true makes this a failure"))
    func theDemoSiteLaysOutInARealBrowser() throws {
        let chromium = DemoSite.chromium
        try #require(chromium != nil, "chromium is not installed: bash scripts/setup (apt-get install chromium)")
        let python = try #require(TestServers.html5libPython, "python3-html5lib is not installed (bash scripts/setup)")
        let dir = try DemoSite.project()
        let rendered = try DemoSite.render(dir)
        try #require(rendered.status == 0, "\(rendered.stderr)")
        let shots = DemoSite.packageRoot.appendingPathComponent(".build/site-screenshots")
        try? FileManager.default.removeItem(at: shots)
        let script = DemoSite.packageRoot.appendingPathComponent("scripts/check-html-layout.py").path
        let check = try ProcessRunner.run(python, [script, dir.file("site").path, "--out", shots.path])
        print("site screenshots in \(shots.path):\n\(check.stdout)\(check.stderr)")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("screenshot \(shots.path)/index-390.png") && check.stdout.contains("history.html at 390 px"))
    }

    /// Two projects' sites, one with a hostile name, make one portfolio page: names escaped, counts and commits from
    /// each site.json, a working link to each index.html, no script.
    @Test func thePortfolioIndexesTwoProjects() throws {
        let python = try #require(TestServers.html5libPython, "python3 is needed for scripts/portfolio")
        let evil = "Evil <script>alert(1)</script> & \"Co\""
        let first = try DemoSite.project(name: "Acme")
        let second = try DemoSite.project(name: evil)
        // The second project has a finding at its latest snapshot.
        var worse = HealthyExample.snapshot()
        worse.project = evil
        worse.createdAt = HealthyExample.now + 3_600
        Edit.email(&worse) { $0.dmarc.record?.policy = DMARCRecord.Policy.none }
        try SnapshotStore(directory: second.file("snapshots")).write(worse)
        #expect(try DemoSite.render(first).status == 0)
        let rendered = try DemoSite.render(second)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        // Published as CI would: the sites copied beside the portfolio (kept in .build/site-portfolio to look at).
        let folder = DemoSite.packageRoot.appendingPathComponent(".build/site-portfolio", isDirectory: true)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sites"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: first.file("site"), to: folder.appendingPathComponent("sites/acme"))
        try FileManager.default.copyItem(at: second.file("site"), to: folder.appendingPathComponent("sites/evil"))
        func file(_ name: String) -> URL { folder.appendingPathComponent(name) }
        func read(_ name: String) -> String? { try? String(contentsOf: file(name), encoding: .utf8) }
        let script = DemoSite.packageRoot.appendingPathComponent("scripts/portfolio").path
        let result = try ProcessRunner.run(python, [script, "--out", file("portfolio.html").path, file("sites/acme").path,
                                                    file("sites/evil").path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(read("portfolio.html"))
        print("portfolio page: \(file("portfolio.html").path)")
        #expect(!page.contains("<script"), "no script, and the hostile name is text")
        #expect(page.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(page.contains(">Acme<"))
        let commit = String(HealthyExample.snapshot().git.collectedValue?.head.commit?.sha.prefix(12) ?? "none")
        #expect(page.components(separatedBy: commit).count - 1 >= 2, "each project's deployed commit")
        let summary = try #require(DemoSite.json(second.read("site/site.json")))
        let counts = try #require(summary["counts"] as? [String: Int])
        #expect(page.contains("data-severity=\"medium\">\(counts["medium"] ?? -1)<"), "\(page)")
        // Each link opens that project's index.html.
        let href = try NSRegularExpression(pattern: #"href="([^"]+)""#)
        let links = href.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { String(page[Range($0.range(at: 1), in: page)!]) }
        #expect(links.count == 2, "\(links)")
        for link in links {
            let target = URL(fileURLWithPath: link.removingPercentEncoding ?? link, relativeTo: folder).standardizedFileURL
            #expect(target.lastPathComponent == "index.html" && FileManager.default.fileExists(atPath: target.path), "\(link)")
        }
        // A folder without a site.json is named, not a crash, and the exit code says so.
        let broken = try ProcessRunner.run(python, [script, "--out", file("p2.html").path, first.file("site").path, file("nothing").path])
        #expect(broken.status == 1 && broken.stderr.contains("nothing"), "\(broken.stderr)")
        #expect(read("p2.html")?.contains("no readable site.json") == true)
    }
}

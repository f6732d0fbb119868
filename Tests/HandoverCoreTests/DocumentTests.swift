import Foundation
import HandoverTestSupport
import Testing
@testable import HandoverModel
@testable import HandoverManifest
@testable import HandoverCollect
@testable import HandoverAudit
@testable import HandoverDiff
@testable import HandoverStore
@testable import HandoverDocuments
@testable import HandoverFixtures

/// The documents: built-in templates match `templates/`, every template resolves against a full context, golden
/// files in both formats, and hostile text that stays text in Markdown (cmark-gfm) and HTML (html5lib).
@Suite struct DocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let templatesDir = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates")
    static let goldenDir = root.appendingPathComponent("Fixtures/documents")

    static let manifest: Manifest = {
        var m = Manifest(project: "Acme")
        m.rollback = RollbackSpec(command: "fly deploy --image registry.fly.io/acme:{{tag}}")
        m.checklist = [ChecklistEntry(id: "rollback-rehearsed", done: true, by: "Jo Doe", on: "2026-11-20", note: nil, line: 1)]
        m.accept = [Waiver(id: "deploy.head-not-released", subject: "repo", fingerprint: nil, reason: "hotfix week", owner: "Jo Doe",
                           until: "2026-12-24", line: 2)]
        return m
    }()

    /// A context with every list and section filled: findings of several severities, an accepted one, a resolved
    /// one, changes and a story, calendar entries and manual checklist items.
    static func fullContext(_ edit: (inout Snapshot) -> Void = { _ in }) -> DocumentContext {
        var previous = HealthyExample.snapshot()
        Edit.git(&previous) { $0.dirty?.modified = 1 }
        var s = HealthyExample.snapshot()
        Edit.git(&s) { $0.describe?.distance = 2 }
        Edit.email(&s) { $0.dmarc.record?.policy = DMARCRecord.Policy.none }
        Edit.leaf(&s) { $0.notAfter = HealthyExample.now + 10 * Edit.day }
        Edit.http(&s) { $0.endpoints[0].p95Ms = 900 }
        if let first = s.env.data?.ciReferences.indices.first { s.env.data?.ciReferences[first].environments = ["production"] }
        edit(&s)
        let auditor = Auditor(waivers: manifest.accept)
        let previousReport = auditor.audit(AuditContext(snapshot: previous, now: HealthyExample.now))
        let report = auditor.audit(AuditContext(snapshot: s, previous: previous, now: HealthyExample.now), previousReport: previousReport)
        let diff = SnapshotDiffer().diff(old: previous, oldName: "previous.json", new: s, newName: "latest.json")
        return DocumentContextBuilder(manifest: manifest).build(s, name: "latest.json", audit: report, diff: diff)
    }

    /// Three points of history for the site's pages: a gap in one latency series, an expiry that shortens.
    static func fullPoints(latest: String = "latest.json", label: String = "Login") -> [SitePoint] {
        let day = 86_400.0
        return [
            SitePoint(name: "20261117T000000Z-aaaa.json", takenAt: HealthyExample.now - 14 * day, counts: [0, 1, 0, 0, 2],
                      latency: ["Home": 120, label: 340], expiry: ["certificate acme.example": 24, "domain acme.example": 300]),
            SitePoint(name: "previous.json", takenAt: HealthyExample.now - 7 * day, counts: [0, 0, 1, 0, 2],
                      latency: ["Home": 150], expiry: ["certificate acme.example": 17, "domain acme.example": 293]),
            SitePoint(name: latest, takenAt: HealthyExample.now, counts: [0, 2, 1, 0, 1],
                      latency: ["Home": 900, label: 300], expiry: ["certificate \(label)": 10, "domain acme.example": 286]),
        ]
    }

    /// The site's pages with every block filled: name → (template, site data).
    static func sitePages(_ context: DocumentContext, points: [SitePoint] = fullPoints()) -> [(file: String, template: String, site: SitePage)] {
        [("index.html", "index", SitePage(glance: SiteBuilder.glance(context, snapshots: points.count))),
         ("history.html", "history", SitePage(history: SiteBuilder.history(points, current: context.meta.snapshot))),
         ("changes.html", "changes", SitePage(neighbours: SiteBuilder.neighbours(points, at: 1)))]
    }

    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templatesDir.path).filter { $0.hasSuffix(".mustache") }
        #expect(Set(files.map { String($0.dropLast(9)) }) == Set(TemplateData.templates.keys), "run bash scripts/generate-data")
        for file in files {
            var text = try String(contentsOf: Self.templatesDir.appendingPathComponent(file), encoding: .utf8)
            if text.hasSuffix("\n") { text.removeLast() }
            #expect(TemplateData.templates[String(file.dropLast(9))] == text, "\(file) differs from the compiled-in copy: run bash scripts/generate-data")
        }
    }

    /// Every variable, section and partial a template names must exist in the full context.
    @Test func everyTemplateResolvesAgainstAFullContext() throws {
        let context = Self.fullContext()
        let json = try DocumentRenderer.templateObject(context)
        // swift-mustache's sequence transforms, available inside every list.
        var keys: Set<String> = [".", "first()", "last()", "index()", "even()", "odd()"]
        func collect(_ value: Any) {
            if let dict = value as? [String: Any] { for (k, v) in dict { keys.insert(k); collect(v) } }
            if let array = value as? [Any] { array.forEach(collect) }
        }
        collect(json)
        // The site's pages read `site` beside the view model.
        keys.insert("site")
        for page in Self.sitePages(context) { collect(try JSONSerialization.jsonObject(with: CanonicalJSON.encode(page.site))) }
        let tag = try NSRegularExpression(pattern: #"\{\{\{?\s*([#^/>&]?)\s*([^}\s]+)\s*\}?\}\}"#)
        for (name, text) in TemplateData.templates {
            for match in tag.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let sigil = String(text[Range(match.range(at: 1), in: text)!]), path = String(text[Range(match.range(at: 2), in: text)!])
                if sigil == ">" {
                    #expect(TemplateData.templates[path] != nil, "\(name): partial \(path) does not exist")
                } else if sigil != "/" && !path.hasPrefix("%") {
                    for part in path.split(separator: ".") where !part.isEmpty {
                        #expect(keys.contains(String(part)), "\(name): `\(path)` resolves to nothing")
                    }
                }
            }
            #expect(text.hasPrefix("{{% CONTENT_TYPE: \(name.hasSuffix(".md") ? "MARKDOWN" : "HTML")}}"), "\(name) lacks its content type pragma")
        }
        // And every section of the full context is non-empty, so the golden files show every block.
        #expect(!context.risks.groups.isEmpty && context.risks.hasAccepted && context.risks.hasResolved && context.changes.hasChanges)
        #expect(!context.calendar.isEmpty && context.checklist.contains { $0.area == "Manual" } && context.rollback.hasCommand)
    }

    /// A history scan that ran out of time does not tick "zero secrets in the history"; once complete, it does.
    @Test func aPartialSecretsScanLeavesItsChecklistItemOpen() {
        func item(_ remaining: Int?) -> DocumentContext.CheckItem? {
            Self.fullContext { s in Edit.secrets(&s) { $0.commitsRemaining = remaining; $0.scan = remaining == nil ? .incremental : .partial } }
                .checklist.first { $0.area == "Secrets" }?.items.first { $0.title == "zero secrets in the repository history" }
        }
        #expect(item(1_200)?.mark == "❔" && item(1_200)?.evidence.contains("1200 commits of the history still to read") == true)
        #expect(item(nil)?.mark == "✅")
    }

    /// "Who owns DNS" shows what the snapshot detected beside the manifest's owner, and a detected asset nobody
    /// owns gets a row that says so.
    @Test func ownersStandBesideWhatWasDetected() {
        var s = HealthyExample.snapshot()
        s.owners = .collected((s.owners.collectedValue ?? []).filter { $0.asset != "registrar" })
        let rows = DocumentContextBuilder(manifest: nil).owners(s)
        let registrar = rows.first { $0.asset == "registrar" }
        #expect(registrar?.owned == false)
        #expect(registrar?.owner == "no owner")
        #expect(registrar?.detected == "Demo Registrar Ltd (from RDAP)")
        let email = rows.first { $0.asset == "email" }
        #expect(email?.owned == true)
        #expect(email?.detected == "Google Workspace (from MX, SPF), Amazon SES (also Resend) (from SPF)")
        #expect(rows.first { $0.asset == "dns" }?.detected == "ns1.acme.example (from NS, no known provider)")
    }

    /// The coverage matrix marks a critical endpoint no monitor covers.
    @Test func coverageMarksTheGaps() {
        var s = HealthyExample.snapshot()
        s.monitoring = .collected((s.monitoring.collectedValue ?? []).map { m in
            var m = m
            m.covers.removeAll { $0.hasSuffix("/login") }
            return m
        })
        let coverage = DocumentContextBuilder(manifest: nil).coverage(s)
        #expect(coverage.monitors == ["Uptime"])
        #expect(coverage.gaps == 1)
        #expect(coverage.rows.first { $0.endpoint == "Login" }.map { ($0.cells, $0.mark) } ?? ([], "") == (["·"], "❌ no monitor"))
        #expect(coverage.rows.filter(\.covered).count == 3)
    }

    /// A DKIM key's rotation is due six months after the first stored snapshot that saw it; a rotated key (another
    /// `p=` under the same selector) counts from the snapshot that first saw it.
    @Test func dkimRotationCountsFromTheFirstSnapshotThatSawTheKey() throws {
        let current = HealthyExample.snapshot()
        var june = HealthyExample.snapshot()
        june.createdAt = try #require(Timestamp.parse("2026-06-01T00:00:00Z"))
        let stored = [StoredSnapshot(name: "20260601T000000Z-aaaa.json", url: URL(fileURLWithPath: "/nonexistent"))]
        let seen = DKIMKeys.firstSeen(of: current, in: stored) { _ in june }
        let builder = DocumentContextBuilder(manifest: nil)
        let due = builder.calendar(current, audit: Auditor().audit(AuditContext(snapshot: current, now: CheckExample.now)), keysFirstSeen: seen)
            .filter { $0.what == "DKIM key rotation due" }
        #expect(due.map(\.date) == ["2026-11-30"])
        #expect(due.first?.subject.hasSuffix("(first seen 2026-06-01)") == true)

        var rotated = HealthyExample.snapshot()
        Edit.email(&rotated) { d in
            let p = d.dkim[0].record?.tags.firstIndex { $0.name == "p" }
            if let p { d.dkim[0].record?.tags[p].value = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" }
        }
        let fresh = builder.calendar(rotated, audit: Auditor().audit(AuditContext(snapshot: current, now: CheckExample.now)),
                                     keysFirstSeen: DKIMKeys.firstSeen(of: rotated, in: stored) { _ in june })
            .filter { $0.what == "DKIM key rotation due" }
        #expect(fresh.map(\.date) == ["2027-06-01"])
    }

    /// The risk report states a check's title, impact and fix once, then every subject it found.
    @Test func findingsOfOneCheckAreOneGroup() {
        func view(_ id: String, _ subject: String) -> DocumentContext.FindingView {
            .init(id: id, severity: "high", title: "title of \(id)", subject: subject, impact: "impact", evidence: ["e \(subject)"],
                  remediation: "fix", reference: "RFC 1", status: "new", waiver: "")
        }
        let groups = DocumentContextBuilder.byCheck([view("b.check", "host:x"), view("a.check", "host:y"), view("b.check", "host:z")])
        #expect(groups.map(\.id) == ["b.check", "a.check"])
        #expect(groups.map(\.count) == [2, 1])
        #expect(groups.first?.subjects.map(\.subject) == ["host:x", "host:z"])
        #expect(groups.first?.subjects.map(\.evidence) == [["e host:x"], ["e host:z"]])
    }

    @Test func goldenDocuments() throws {
        let renderer = try DocumentRenderer()
        let context = Self.fullContext()
        var outputs: [(String, String)] = [("calendar.ics", ExpiryICS.render(context))]
        for document in DocumentRenderer.documents {
            outputs.append(("\(document.name).md", try renderer.render(document.name, format: .markdown, context: context)))
            outputs.append(("\(document.name).html", try renderer.render(document.name, format: .html, context: context)))
        }
        for page in Self.sitePages(context) {
            outputs.append((page.file, try renderer.render(page.template, format: .html, context: context, site: page.site)))
        }
        for (file, actual) in outputs {
            let url = Self.goldenDir.appendingPathComponent(file)
            if ProcessInfo.processInfo.environment["HANDOVER_UPDATE_GOLDEN"] == "1" {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("re-recorded \(file): read its diff, then run again without HANDOVER_UPDATE_GOLDEN")
            }
            #expect(actual == (try? String(contentsOf: url, encoding: .utf8)), "\(file) differs from its golden file")
        }
        let guide = try renderer.render("guide", format: .markdown, context: context)
        #expect(guide.contains("fly deploy --image registry.fly.io/acme:v1.1.0"))
        #expect(guide.contains(String(context.deployed.commit.prefix(12))))
    }

    @Test func rollbackTargetsAreOneShellWord() throws {
        for tag in ["v1;rm -rf ~", "v1 $(reboot)", "v1`id`", "it's", "v1.2.0"] {
            let quoted = ShellQuote.quote(tag)
            let result = try ProcessRunner.run("/bin/sh", ["-c", "set -- \(quoted); printf '%s|%s' \"$#\" \"$1\""])
            #expect(result.stdout == "1|\(tag)", "\(tag) → \(quoted)")
        }
    }

    @Test func icsIsWellFormed() {
        var context = Self.fullContext()
        context.calendar.append(.init(date: "2027-01-01", daysLeft: 31, what: "waiver ends", subject: "a;b,c\\d\nnew " + String(repeating: "é", count: 60), uid: "x@handover"))
        let ics = ExpiryICS.render(context)
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(ics.hasSuffix("\r\n") && !ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == context.calendar.count)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("a\\;b\\,c\\\\d\\nnew"))
    }

    // MARK: Hostile text

    static let hostile = "<script>alert(1)</script> | **x** [y](javascript:alert(1)) https://evil.example www.evil.example \u{1B}[31m \u{07} \u{9B} \u{202E}txet"
    static let benign = "plain words only"

    static func hostileContext(_ text: String) -> DocumentContext {
        fullContext { s in
            Edit.dns(&s) { d in
                if let i = d.hosts.firstIndex(where: { $0.label == "@" }) {
                    d.hosts[i].txt = DNSResponse(outcome: .answer, records: [DNSRecord(name: d.name, type: .txt, ttl: 300, value: text)])
                }
            }
            Edit.leaf(&s) { $0.subject = "CN=\(text)" }
            Edit.git(&s) { g in
                g.head.commit?.subject = text
                if g.releaseTags.count > 1 { g.releaseTags[1].name = text == benign ? "v1.1.0-plain" : "v1;rm -rf ~" }
            }
            Edit.http(&s) { $0.securityHeaders[0].server = text }
            Edit.secrets(&s) { $0.findings.append(hostileSecret(text)) }
        }
    }

    /// A committed token whose file name and author are the hostile text (git allows both).
    static func hostileSecret(_ text: String) -> SecretFinding {
        SecretFinding(rule: "github-token", path: "deploy/\(text).sh", line: 2, commit: String(repeating: "a", count: 40), author: text,
                      date: HealthyExample.now, redacted: "ghp_****", atHead: true)
    }

    /// SARIF is JSON: hostile file names and authors round-trip as data through a JSON parser.
    @Test func hostileTextRoundTripsThroughSARIF() throws {
        var s = HealthyExample.snapshot()
        Edit.secrets(&s) { $0.findings.append(Self.hostileSecret(Self.hostile)) }
        let report = Auditor().audit(AuditContext(snapshot: s, now: HealthyExample.now))
        let data = try AuditSARIF.encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a raw control byte in SARIF")
        let sarif = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let result = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let location = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "deploy/\(Self.hostile).sh")
        #expect((location?["region"] as? [String: Any])?["startLine"] as? Int == 2)
        #expect((result["message"] as? [String: Any]).flatMap { $0["text"] as? String }?.contains("by \(Self.hostile) on") == true)
    }

    func rendered(_ context: DocumentContext, label: String) throws -> [(String, String)] {
        let renderer = try DocumentRenderer()
        var out: [(String, String)] = []
        for document in DocumentRenderer.documents {
            out.append(("\(document.name).md", try renderer.render(document.name, format: .markdown, context: context)))
            out.append(("\(document.name).html", try renderer.render(document.name, format: .html, context: context)))
        }
        // The site's pages, with the hostile text also in the charts' labels (an endpoint name, a certificate host).
        for page in Self.sitePages(context, points: Self.fullPoints(label: label)) {
            out.append((page.file, try renderer.render(page.template, format: .html, context: context, site: page.site)))
        }
        out.append(("calendar.ics", ExpiryICS.render(context)))
        return out
    }

    @Test func hostileTextHasNoRawControlBytes() throws {
        for (file, text) in try rendered(Self.hostileContext(Self.hostile), label: Self.hostile) {
            let bad = text.unicodeScalars.filter { s in
                (s.value < 0x20 && s != "\n" && s != "\r") || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
            }
            #expect(bad.isEmpty, "\(file) holds raw control bytes: \(bad.map { String($0.value, radix: 16) })")
        }
        let guide = try DocumentRenderer().render("guide", format: .markdown, context: Self.hostileContext(Self.hostile))
        #expect(guide.contains("fly deploy --image registry.fly.io/acme:'v1;rm -rf ~'"), "\(guide)")
    }

    @Test(.enabled(if: TestServers.runDocumentCheckers)) func hostileTextStaysTextInMarkdownAndHTML() throws {
        let hostile = try rendered(Self.hostileContext(Self.hostile), label: Self.hostile)
        let benign = try rendered(Self.hostileContext(Self.benign), label: Self.benign)
        for ((file, evil), (_, plain)) in zip(hostile, benign) where !file.hasSuffix(".ics") {
            let dir = TempDirectory("handover-doc-check")
            dir.write("evil", evil)
            dir.write("plain", plain)
            if file.hasSuffix(".md") {
                let a = try ProcessRunner.run("/usr/bin/cmark-gfm", ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter", dir.file("evil").path])
                let b = try ProcessRunner.run("/usr/bin/cmark-gfm", ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter", dir.file("plain").path])
                #expect(a.status == 0 && b.status == 0)
                for element in ["<a ", "<script", "<em>", "<strong>", "<img", "<del>", "<code>", "<h1", "<h2", "<h3", "<li>", "<td>"] {
                    #expect(a.stdout.components(separatedBy: element).count == b.stdout.components(separatedBy: element).count,
                            "\(file): hostile text changed the number of \(element) elements")
                }
                #expect(!a.stdout.contains("<a "), "\(file): a link")
                if ProcessInfo.processInfo.environment["HANDOVER_DEBUG_DOCS"] == "1" { try? a.stdout.write(toFile: "/tmp/evil-\(file).html", atomically: true, encoding: .utf8); try? b.stdout.write(toFile: "/tmp/plain-\(file).html", atomically: true, encoding: .utf8) }
            } else {
                let script = """
                    import html5lib, json, sys, collections
                    counts = collections.Counter()
                    for path in sys.argv[1:]:
                        tree = html5lib.parse(open(path, encoding="utf-8").read(), namespaceHTMLElements=False)
                        for el in tree.iter():
                            counts[path + " " + el.tag] += 1
                            for attr in el.attrib: counts[path + " @" + attr] += 1
                    print(json.dumps(counts, sort_keys=True))
                    """
                let python = try #require(TestServers.html5libPython, "python3-html5lib is not installed (bash scripts/setup)")
                let evilCounts = try ProcessRunner.run(python, ["-c", script, dir.file("evil").path])
                let plainCounts = try ProcessRunner.run(python, ["-c", script, dir.file("plain").path])
                #expect(evilCounts.status == 0, "\(evilCounts.stderr)")
                #expect(evilCounts.stdout.replacingOccurrences(of: dir.file("evil").path, with: "X")
                        == plainCounts.stdout.replacingOccurrences(of: dir.file("plain").path, with: "X"),
                        "\(file): hostile text added elements or attributes")
            }
        }
    }
}

@Suite struct TemplateErrorTests {
    @Test func aBrokenOverrideNamesItsFileLineAndColumn() throws {
        let dir = TempDirectory("handover-templates")
        dir.write("guide.md.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\n# {{meta.project}}\n\n{{#domains}}\n{{name}\n")
        #expect {
            _ = try DocumentRenderer(overrides: [dir.url])
        } throws: { error in
            guard case let TemplateError.parse(template, line, _, _) = error else { return false }
            return template.hasSuffix("guide.md.mustache") && line == 5
        }
        // A good override replaces only its own template.
        dir.write("guide.md.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\nProject {{meta.project}}\n")
        let renderer = try DocumentRenderer(overrides: [dir.url])
        #expect(try renderer.render("guide", format: .markdown, context: DocumentTests.fullContext()) == "Project Acme\n")
        #expect(renderer.overridden.keys.sorted() == ["guide.md"])
    }

    /// A redirect or header of `evilacme.example` is not `acme.example`'s: names are compared label by label.
    @Test func aDomainsSectionHoldsOnlyItsOwnNames() throws {
        let context = DocumentTests.fullContext { s in
            Edit.http(&s) { http in
                var lookalike = http.redirectChecks[0]
                lookalike.from = "https://evilacme.example/"
                http.redirectChecks.insert(lookalike, at: 0)
                var headers = http.securityHeaders[0]
                headers.host = "evilacme.example"
                headers.server = "lookalike/9.9"
                http.securityHeaders.insert(headers, at: 0)
            }
        }
        let domain = try #require(context.domains.first { $0.name == "acme.example" })
        #expect(!domain.redirects.isEmpty && !domain.redirects.contains { $0.from.contains("evilacme") })
        #expect(!domain.headers.isEmpty && !domain.headers.contains { $0.contains("lookalike") })
        #expect(DNSName.isWithin("www.acme.example", "acme.example") && DNSName.isWithin("ACME.example.", "acme.example"))
        #expect(!DNSName.isWithin("evilacme.example", "acme.example"))
    }
}

import ArgumentParser
import Foundation
import HandoverApp
import HandoverModel
import HandoverDocuments

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write the operating guide, handover checklist, risk report and expiry calendar (Markdown), and the HTML site.",
        discussion: "HTML is a static site: index.html (the state at a glance), the documents, history.html (charts over the stored snapshots), one changes-*.html page per snapshot and site.json. Templates are built in; a `templates/` folder beside the manifest, or --template PATH, overrides them by file name (e.g. guide.md.mustache).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file name or path, latest, previous, latest~N, or a date.")
    var snapshot: String = "latest"

    @Option(help: "Document format: markdown, html or both.")
    var format: DocumentFormat = .both

    @Option(help: ArgumentHelp("Where to write the documents (default: handover-docs/ beside the manifest).", valueName: "DIR"))
    var out: String?

    @Option(help: ArgumentHelp("A document to render alone (guide, checklist, risks, calendar), or a template file or folder overriding the built-in ones.", valueName: "NAME|PATH"))
    var template: String?

    @Flag(name: .customLong("print-context"), help: "Print the view model the templates render, as JSON, and write nothing.")
    var printContext = false

    func run() async throws {
        let store = global.store
        let loaded = FileManager.default.fileExists(atPath: global.manifest) ? try global.loadManifest() : nil
        let opened = try store.open(snapshot)
        Console.skipped(opened.skipped)
        let stored = opened.stored
        if printContext {
            let (_, _, context) = DocumentService(manifest: loaded?.manifest, repository: loaded?.repositoryURL, store: store)
                .context(for: opened.snapshot, stored: stored)
            Console.output(try CanonicalJSON.encode(context))
            return
        }
        let manifestDir = URL(fileURLWithPath: global.manifest).deletingLastPathComponent()
        var overrides = [manifestDir.appendingPathComponent("templates")]
        var only: String?
        if let template {
            if DocumentRenderer.documents.contains(where: { $0.name == template }) {
                only = template
            } else {
                guard FileManager.default.fileExists(atPath: template) else {
                    throw UsageError("--template: `\(template)` is neither a document (guide, checklist, risks, calendar) nor an existing file or folder")
                }
                overrides.append(URL(fileURLWithPath: template))
            }
        }
        let renderer = try DocumentRenderer(overrides: overrides)
        let formats: [DocumentRenderer.Format] = format == .both ? [.markdown, .html] : format == .markdown ? [.markdown] : [.html]
        // HTML makes a site (index, history, a page per snapshot) unless one document was asked for: the site walks
        // the stored history once; the documents alone need only the previous snapshot.
        let context: DocumentContext
        var sitePages: [SiteService.Page] = []
        if formats.contains(.html) && only == nil {
            let site = try SiteService(manifest: loaded?.manifest, repository: loaded?.repositoryURL, store: store)
                .build(opened.snapshot, stored: stored, renderer: renderer, generatedAt: WallClock.now())
            context = site.context
            sitePages = site.pages
        } else {
            context = DocumentService(manifest: loaded?.manifest, repository: loaded?.repositoryURL, store: store)
                .context(for: opened.snapshot, stored: stored).2
        }
        let directory = URL(fileURLWithPath: out ?? manifestDir.appendingPathComponent("handover-docs").path)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError("\(directory.path): cannot create the output folder: \(ErrorText.of(error))")
        }
        var written: [String] = []
        for document in DocumentRenderer.documents where only == nil || only == document.name {
            for f in formats {
                let file = directory.appendingPathComponent("\(document.name).\(f == .markdown ? "md" : "html")")
                try write(try renderer.render(document.name, format: f, context: context), to: file)
                written.append(file.path)
            }
            if document.name == "calendar" {
                let file = directory.appendingPathComponent("calendar.ics")
                try write(ExpiryICS.render(context), to: file)
                written.append(file.path)
            }
        }
        for page in sitePages {
            let file = directory.appendingPathComponent(page.file)
            try write(page.text, to: file)
            written.append(file.path)
        }
        for path in written { Console.output(path + "\n") }
    }

    func write(_ text: String, to url: URL) throws {
        do {
            // The file boundary: documents are written through the redactor like the terminal and snapshots.
            try Data(ErrorText.redacted(text).utf8).write(to: url, options: .atomic)
        } catch {
            throw RuntimeError("\(url.path): cannot write: \(ErrorText.of(error))")
        }
    }
}

enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, html, both
}

import Foundation
import HandoverModel
import HandoverManifest
import HandoverStore
import HandoverDiff
import HandoverDocuments

/// The HTML site of one snapshot: the documents, `index.html`, `history.html` with its charts, one "what changed"
/// page per stored snapshot and `site.json`. The store is walked once, oldest first, and each file decoded once:
/// every snapshot is audited and diffed against its predecessor while that one is still in hand.
package struct SiteService: Sendable {
    package var documents: DocumentService
    /// Reads one stored snapshot; the store's loader by default (tests count the reads).
    package var load: @Sendable (StoredSnapshot) -> Snapshot?

    package init(manifest: Manifest?, repository: URL?, store: SnapshotStore,
                 load: (@Sendable (StoredSnapshot) -> Snapshot?)? = nil) {
        self.documents = DocumentService(manifest: manifest, repository: repository, store: store)
        self.load = load ?? { try? store.load($0) }
    }

    /// One page of the site: its file name and text.
    package struct Page: Sendable, Equatable {
        package var file: String
        package var text: String
    }

    package struct Site: Sendable {
        /// The rendered snapshot's view model (the documents render it).
        package var context: DocumentContext
        package var audit: AuditReport
        /// index, history, one page per snapshot, site.json; the documents are rendered by the caller.
        package var pages: [Page]
    }

    /// Walks the history before `stored`, then builds the site of `snapshot` (already decoded by the caller).
    package func build(_ snapshot: Snapshot, stored: StoredSnapshot, renderer: DocumentRenderer, generatedAt: Date) throws -> Site {
        let before = documents.store.history(before: stored)
        let known = Set(before.map(\.name))
        var points: [SitePoint] = []
        var contexts: [DocumentContext] = []
        var previous: (stored: StoredSnapshot, snapshot: Snapshot)?
        // The snapshots the next audit may read back to: from the newest whose stored audit ends AuditService's
        // search (good, or carrying its answer), so no file is decoded twice and the rest can be let go.
        var tail: [String: Snapshot] = [:]
        var keysFirstSeen: [String: Date] = [:]
        for (index, old) in before.enumerated() {
            guard let loaded = load(old) else { continue }
            guard SnapshotStore.future(old, createdAt: loaded.createdAt, now: snapshot.createdAt) == nil else {
                // Not history, but kept for the audits, which pass over it themselves instead of reading it again.
                tail[old.name] = loaded
                continue
            }
            let page = documents.context(for: loaded, stored: old, before: Array(before[..<index]), previous: previous,
                                         preloaded: tail, keysFirstSeen: keysFirstSeen)
            points.append(SitePoint(loaded, name: old.name, audit: page.audit))
            contexts.append(page.context)
            for key in DKIMKeys.published(in: loaded) where keysFirstSeen[key.identity] == nil {
                keysFirstSeen[key.identity] = loaded.createdAt
            }
            if let report = loaded.audit.collectedValue,
               report.isGood || report.lastKnownGood.map({ known.contains($0.snapshot) }) ?? true {
                tail = [:]
            }
            tail[old.name] = loaded
            previous = (old, loaded)
        }
        let current = documents.context(for: snapshot, stored: stored, before: before, previous: previous, preloaded: tail,
                                        keysFirstSeen: keysFirstSeen)
        points.append(SitePoint(snapshot, name: stored.name, audit: current.audit))
        contexts.append(current.context)

        var pages: [Page] = []
        let glance = SiteBuilder.glance(current.context, snapshots: points.count)
        pages.append(.init(file: "index.html", text: try renderer.render("index", format: .html, context: current.context,
                                                                         site: SitePage(glance: glance))))
        let history = SiteBuilder.history(points, current: stored.name)
        pages.append(.init(file: "history.html", text: try renderer.render("history", format: .html, context: current.context,
                                                                           site: SitePage(history: history))))
        for (index, context) in contexts.enumerated() {
            let site = SitePage(neighbours: SiteBuilder.neighbours(points, at: index))
            pages.append(.init(file: SiteBuilder.changesPage(for: points[index].name),
                               text: try renderer.render("changes", format: .html, context: context, site: site)))
        }
        let summary = SiteBuilder.summary(current.context, generatedAt: generatedAt, snapshots: points.count)
        pages.append(.init(file: "site.json", text: String(decoding: try CanonicalJSON.encode(summary), as: UTF8.self)))
        return Site(context: current.context, audit: current.audit, pages: pages)
    }
}

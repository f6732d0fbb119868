import Foundation
import HandoverModel

/// What a page of the HTML site shows beyond the document context: the state at a glance (index), the charts and
/// the list of snapshots (history), the neighbours of one "what changed" page. Templates read it as `site`.
package struct SitePage: Codable, Sendable, Equatable {
    package struct SeverityCount: Codable, Sendable, Equatable {
        package var label: String
        package var level: String
        package var count: Int
        package var isRisk: Bool
        /// A launch risk with findings: shown loud.
        package var hot: Bool
    }

    package struct Expiry: Codable, Sendable, Equatable {
        package var date: String
        package var daysLeft: Int
        package var what: String
        package var subject: String
    }

    package struct Glance: Codable, Sendable, Equatable {
        package var severities: [SeverityCount]
        package var hasExpiry: Bool
        /// The nearest certificate or domain registration expiry.
        package var expiry: Expiry?
        /// The first lines of the last change (stories first), and how many more the page holds.
        package var lastChange: [String]
        package var moreChanges: Int
        package var hasMoreChanges: Bool
        package var changesPage: String
        package var snapshots: Int
        /// "4 snapshots", "1 snapshot".
        package var snapshotsText: String
    }

    package struct LegendEntry: Codable, Sendable, Equatable {
        package var label: String
        package var colour: String
    }

    package struct TableRow: Codable, Sendable, Equatable {
        package var cells: [String]
    }

    package struct Chart: Codable, Sendable, Equatable {
        package var id: String
        package var title: String
        package var desc: String
        /// Inline SVG written by `SVGChart`, every label escaped there; the template inserts it as markup.
        package var svg: String
        package var hasSeries: Bool
        package var legend: [LegendEntry]
        package var columns: [String]
        package var rows: [TableRow]
    }

    package struct SnapshotRow: Codable, Sendable, Equatable {
        package var name: String
        package var takenAt: String
        package var findings: String
        package var page: String
        package var current: Bool
    }

    package struct History: Codable, Sendable, Equatable {
        package var charts: [Chart]
        /// Newest first.
        package var snapshots: [SnapshotRow]
    }

    package struct Neighbours: Codable, Sendable, Equatable {
        package var hasOlder: Bool
        package var older: String
        package var hasNewer: Bool
        package var newer: String
    }

    package var glance: Glance?
    package var history: History?
    package var neighbours: Neighbours?

    package init(glance: Glance? = nil, history: History? = nil, neighbours: Neighbours? = nil) {
        self.glance = glance
        self.history = history
        self.neighbours = neighbours
    }
}

/// `site.json`: what a portfolio page (scripts/portfolio) reads of a rendered site.
package struct SiteSummary: Codable, Sendable, Equatable {
    package struct Deployed: Codable, Sendable, Equatable {
        package var known: Bool
        package var commit: String
        package var short: String
        package var branch: String
        package var tag: String
    }

    package var schema: Int = 1
    package var project: String
    package var snapshot: String
    package var takenAt: String
    package var generatedAt: String
    /// Severity → findings that count, every severity present.
    package var counts: [String: Int]
    package var deployed: Deployed
    package var snapshots: Int
    package var index: String = "index.html"
}

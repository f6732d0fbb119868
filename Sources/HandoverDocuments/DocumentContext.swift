import Foundation

/// The view model every document template renders: dates formatted, severities labelled, lists sorted, the
/// rollback command filled and shell-quoted. Templates hold no logic beyond sections. `handover render
/// --print-context` prints it as JSON; the templates render exactly that JSON.
package struct DocumentContext: Codable, Sendable, Equatable {
    package struct Meta: Codable, Sendable, Equatable {
        package var project: String
        package var snapshot: String
        package var takenAt: String
        package var toolVersion: String
        package var rulesVersion: String
    }

    package struct Deployed: Codable, Sendable, Equatable {
        package var known: Bool
        package var commit: String
        package var short: String
        package var branch: String
        package var tag: String
        package var subject: String
        package var author: String
        package var date: String
        package var live: [LiveVersion]
    }

    package struct LiveVersion: Codable, Sendable, Equatable {
        package var environment: String
        package var commit: String
        package var relation: String
    }

    package struct Rollback: Codable, Sendable, Equatable {
        package var hasTarget: Bool
        package var target: String
        package var source: String
        /// The manifest's command with `{{tag}}` replaced by the shell-quoted target; empty without a command.
        package var command: String
        package var hasCommand: Bool
        /// A Markdown code fence longer than any run of backticks in the command.
        package var fence: String
        package var lastKnownGood: String
    }

    package struct Owner: Codable, Sendable, Equatable {
        package var asset: String
        /// What the snapshot shows of the asset: "Cloudflare (from NS)", "Namecheap (from RDAP)"; "" when nothing.
        package var detected: String
        package var hasDetected: Bool
        /// False for a row the snapshot detected but the manifest's `owners` does not name.
        package var owned: Bool
        package var owner: String
        package var contact: String
        package var access: String
        package var reviewed: String
    }

    package struct Monitor: Codable, Sendable, Equatable {
        package var name: String
        package var url: String
        package var interval: String
        package var alertsTo: String
        package var covers: [String]
        package var status: String
    }

    package struct Threshold: Codable, Sendable, Equatable {
        package var name: String
        package var value: String
    }

    package struct Host: Codable, Sendable, Equatable {
        package var name: String
        package var address: String
        package var certificate: String
        package var expires: String
        package var http: String
        package var https: String
    }

    package struct Redirect: Codable, Sendable, Equatable {
        package var from: String
        package var to: String
        package var result: String
    }

    package struct Email: Codable, Sendable, Equatable {
        package var spf: String
        package var spfStatus: String
        package var dmarc: String
        package var dmarcPolicy: String
        package var dkim: [String]
        package var mtaSTS: String
        package var tlsRPT: String
    }

    package struct Domain: Codable, Sendable, Equatable {
        package var name: String
        package var anchor: String
        package var hosts: [Host]
        package var mx: [String]
        package var ns: [String]
        package var caa: [String]
        /// TXT records at the apex, as published.
        package var txt: [String]
        /// Security headers of the canonical host, as sent (`Server: nginx/1.22.1`).
        package var headers: [String]
        package var dnssec: String
        package var providers: [String]
        package var redirects: [Redirect]
        package var email: Email?
        package var registration: String
    }

    package struct Certificate: Codable, Sendable, Equatable {
        package var host: String
        package var issuer: String
        package var subject: String
        package var expires: String
        package var daysLeft: Int
        package var verdict: String
        package var lifetime: String
    }

    package struct Endpoint: Codable, Sendable, Equatable {
        package var url: String
        package var roles: String
        package var status: String
        package var latency: String
    }

    package struct Environment: Codable, Sendable, Equatable {
        package var name: String
        package var production: Bool
        package var variables: [String]
        package var missing: [String]
        package var hasMissing: Bool
    }

    /// A GitHub Actions environment and the secrets and variables its jobs use.
    package struct GitHubEnvironment: Codable, Sendable, Equatable {
        package var name: String
        package var needs: [String]
    }

    package struct Release: Codable, Sendable, Equatable {
        package var name: String
        package var commit: String
        package var date: String
    }

    package struct FindingView: Codable, Sendable, Equatable {
        package var id: String
        package var severity: String
        package var title: String
        package var subject: String
        package var impact: String
        package var evidence: [String]
        package var remediation: String
        package var reference: String
        package var status: String
        package var waiver: String
    }

    package struct SeverityGroup: Codable, Sendable, Equatable {
        package var label: String
        package var level: String
        package var isRisk: Bool
        package var count: Int
        package var findings: [FindingView]
        /// The same findings by check: the title, impact and fix once, then the subjects.
        package var checks: [CheckGroup]
    }

    /// The findings of one check at one severity.
    package struct CheckGroup: Codable, Sendable, Equatable {
        package var id: String
        package var title: String
        package var impact: String
        package var remediation: String
        package var reference: String
        package var count: Int
        package var subjects: [SubjectView]
    }

    package struct SubjectView: Codable, Sendable, Equatable {
        package var subject: String
        package var status: String
        package var evidence: [String]
    }

    package struct Risks: Codable, Sendable, Equatable {
        package var summary: String
        package var hasFindings: Bool
        package var groups: [SeverityGroup]
        package var accepted: [FindingView]
        package var hasAccepted: Bool
        package var resolved: [FindingView]
        package var hasResolved: Bool
        package var newOrRegressed: [FindingView]
    }

    package struct Changes: Codable, Sendable, Equatable {
        package var since: String
        package var hasPrevious: Bool
        package var hasChanges: Bool
        package var stories: [String]
        package var lines: [String]
        package var commits: [String]
    }

    package struct CheckItem: Codable, Sendable, Equatable {
        package var title: String
        package var ok: Bool
        package var mark: String
        package var evidence: String
    }

    package struct ChecklistArea: Codable, Sendable, Equatable {
        package var area: String
        package var anchor: String
        package var items: [CheckItem]
    }

    package struct Coverage: Codable, Sendable, Equatable {
        /// Monitor names, the matrix's columns.
        package var monitors: [String]
        package var rows: [CoverageRow]
        package var hasRows: Bool
        /// Critical endpoints no monitor covers.
        package var gaps: Int
    }

    package struct CoverageRow: Codable, Sendable, Equatable {
        package var endpoint: String
        package var url: String
        /// One mark per monitor, in column order: ✅ covered, · not.
        package var cells: [String]
        package var covered: Bool
        package var mark: String
    }

    package struct CalendarEntry: Codable, Sendable, Equatable {
        package var date: String
        package var daysLeft: Int
        package var what: String
        package var subject: String
        package var uid: String
    }

    package var meta: Meta
    /// Set per document by the renderer (`operating guide`, …).
    package var documentTitle: String = ""
    package var deployed: Deployed
    package var rollback: Rollback
    package var owners: [Owner]
    package var monitors: [Monitor]
    /// Critical endpoints × monitors: which monitor covers which endpoint, the gaps marked.
    package var coverage: Coverage
    package var thresholds: [Threshold]
    package var domains: [Domain]
    package var certificates: [Certificate]
    package var endpoints: [Endpoint]
    package var releases: [Release]
    package var environments: [Environment]
    package var githubEnvironments: [GitHubEnvironment]
    package var risks: Risks
    package var changes: Changes
    package var checklist: [ChecklistArea]
    package var calendar: [CalendarEntry]
    /// CODEOWNERS and recent authorship; nil when the snapshot did not read them.
    package var codeOwnership: CodeOwnership? = nil
}

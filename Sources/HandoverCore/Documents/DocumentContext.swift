import Foundation

/// The view model every document template renders: dates formatted, severities labelled, lists sorted, the
/// rollback command filled and shell-quoted. Templates hold no logic beyond sections. `handover render
/// --print-context` prints it as JSON; the templates render exactly that JSON.
public struct DocumentContext: Codable, Sendable, Equatable {
    public struct Meta: Codable, Sendable, Equatable {
        public var project: String
        public var snapshot: String
        public var takenAt: String
        public var toolVersion: String
        public var rulesVersion: String
    }

    public struct Deployed: Codable, Sendable, Equatable {
        public var known: Bool
        public var commit: String
        public var short: String
        public var branch: String
        public var tag: String
        public var subject: String
        public var author: String
        public var date: String
        public var live: [LiveVersion]
    }

    public struct LiveVersion: Codable, Sendable, Equatable {
        public var environment: String
        public var commit: String
        public var relation: String
    }

    public struct Rollback: Codable, Sendable, Equatable {
        public var hasTarget: Bool
        public var target: String
        public var source: String
        /// The manifest's command with `{{tag}}` replaced by the shell-quoted target; empty without a command.
        public var command: String
        public var hasCommand: Bool
        /// A Markdown code fence longer than any run of backticks in the command.
        public var fence: String
        public var lastKnownGood: String
    }

    public struct Owner: Codable, Sendable, Equatable {
        public var asset: String
        public var owner: String
        public var contact: String
        public var access: String
        public var reviewed: String
    }

    public struct Monitor: Codable, Sendable, Equatable {
        public var name: String
        public var url: String
        public var interval: String
        public var alertsTo: String
        public var covers: [String]
        public var status: String
    }

    public struct Threshold: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public struct Host: Codable, Sendable, Equatable {
        public var name: String
        public var address: String
        public var certificate: String
        public var expires: String
        public var http: String
        public var https: String
    }

    public struct Redirect: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var result: String
    }

    public struct Email: Codable, Sendable, Equatable {
        public var spf: String
        public var spfStatus: String
        public var dmarc: String
        public var dmarcPolicy: String
        public var dkim: [String]
        public var mtaSTS: String
        public var tlsRPT: String
    }

    public struct Domain: Codable, Sendable, Equatable {
        public var name: String
        public var anchor: String
        public var hosts: [Host]
        public var mx: [String]
        public var ns: [String]
        public var caa: [String]
        /// TXT records at the apex, as published.
        public var txt: [String]
        /// Security headers of the canonical host, as sent (`Server: nginx/1.22.1`).
        public var headers: [String]
        public var dnssec: String
        public var providers: [String]
        public var redirects: [Redirect]
        public var email: Email?
        public var registration: String
    }

    public struct Certificate: Codable, Sendable, Equatable {
        public var host: String
        public var issuer: String
        public var subject: String
        public var expires: String
        public var daysLeft: Int
        public var verdict: String
        public var lifetime: String
    }

    public struct Endpoint: Codable, Sendable, Equatable {
        public var url: String
        public var roles: String
        public var status: String
        public var latency: String
    }

    public struct Environment: Codable, Sendable, Equatable {
        public var name: String
        public var production: Bool
        public var variables: [String]
        public var missing: [String]
        public var hasMissing: Bool
    }

    public struct Release: Codable, Sendable, Equatable {
        public var name: String
        public var commit: String
        public var date: String
    }

    public struct FindingView: Codable, Sendable, Equatable {
        public var id: String
        public var severity: String
        public var title: String
        public var subject: String
        public var impact: String
        public var evidence: [String]
        public var remediation: String
        public var reference: String
        public var status: String
        public var waiver: String
    }

    public struct SeverityGroup: Codable, Sendable, Equatable {
        public var label: String
        public var level: String
        public var isRisk: Bool
        public var count: Int
        public var findings: [FindingView]
    }

    public struct Risks: Codable, Sendable, Equatable {
        public var summary: String
        public var hasFindings: Bool
        public var groups: [SeverityGroup]
        public var accepted: [FindingView]
        public var hasAccepted: Bool
        public var resolved: [FindingView]
        public var hasResolved: Bool
        public var newOrRegressed: [FindingView]
    }

    public struct Changes: Codable, Sendable, Equatable {
        public var since: String
        public var hasPrevious: Bool
        public var hasChanges: Bool
        public var stories: [String]
        public var lines: [String]
        public var commits: [String]
    }

    public struct CheckItem: Codable, Sendable, Equatable {
        public var title: String
        public var ok: Bool
        public var mark: String
        public var evidence: String
    }

    public struct ChecklistArea: Codable, Sendable, Equatable {
        public var area: String
        public var anchor: String
        public var items: [CheckItem]
    }

    public struct CalendarEntry: Codable, Sendable, Equatable {
        public var date: String
        public var daysLeft: Int
        public var what: String
        public var subject: String
        public var uid: String
    }

    public var meta: Meta
    /// Set per document by the renderer (`operating guide`, …).
    public var documentTitle: String = ""
    public var deployed: Deployed
    public var rollback: Rollback
    public var owners: [Owner]
    public var monitors: [Monitor]
    public var thresholds: [Threshold]
    public var domains: [Domain]
    public var certificates: [Certificate]
    public var endpoints: [Endpoint]
    public var releases: [Release]
    public var environments: [Environment]
    public var risks: Risks
    public var changes: Changes
    public var checklist: [ChecklistArea]
    public var calendar: [CalendarEntry]
}

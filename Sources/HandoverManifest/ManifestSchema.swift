import Foundation
import Yams

/// The manifest's keys and how each is read. Adding a key means adding it to `allowed` and reading it here.
enum ManifestSchema {
    static let rootKeys = ["project", "repository", "env", "environments", "rollback", "owners", "monitoring",
                           "critical", "domains", "audit", "accept", "checklist", "collect"]

    static func read(_ root: Node, _ r: ManifestReader) -> Manifest? {
        guard let f = r.fields(root, at: "", allowed: rootKeys) else { return nil }
        let project = f.required("project", r).flatMap { r.string($0, at: "project") }
        var manifest = Manifest(project: project ?? "")
        if let node = f["repository"], let value = r.string(node, at: "repository") { manifest.repository = value }
        if let node = f["env"], let env = r.fields(node, at: "env", allowed: ["reference"]) {
            manifest.envReference = env["reference"].flatMap { r.string($0, at: "env.reference") }
        }
        if let node = f["environments"] { manifest.environments = environments(node, r) }
        if let node = f["rollback"], let rollback = r.fields(node, at: "rollback", allowed: ["command"]),
            let command = rollback.required("command", r).flatMap({ r.string($0, at: "rollback.command") }) {
            manifest.rollback = RollbackSpec(command: command)
        }
        if let node = f["owners"] { manifest.owners = owners(node, r) }
        if let node = f["monitoring"] { manifest.monitoring = monitors(node, r) }
        if let node = f["critical"] { manifest.critical = critical(node, r) }
        if let node = f["domains"] { manifest.domains = DomainSchema.domains(node, r) }
        if let node = f["audit"] { manifest.audit = audit(node, r) }
        if let node = f["accept"] { manifest.accept = waivers(node, r) }
        if let node = f["checklist"] { manifest.checklist = checklist(node, r) }
        if let node = f["collect"] { manifest.collect = CollectSchema.collect(node, r) }
        return project == nil ? nil : manifest
    }

    static func environments(_ node: Node, _ r: ManifestReader) -> [EnvironmentSpec] {
        let keys = ["production", "env_files", "branch", "release_tags", "version"]
        return r.entries(node, at: "environments").compactMap { name, keyNode, value in
            let path = "environments.\(name)"
            var spec = EnvironmentSpec(name: name, line: keyNode.line)
            if value.isNull { return spec }
            guard let f = r.fields(value, at: path, allowed: keys) else { return nil }
            spec.productionFlag = f["production"].flatMap { r.bool($0, at: f.child("production")) }
            spec.envFiles = f["env_files"].map { r.strings($0, at: f.child("env_files")) } ?? []
            spec.branch = f["branch"].flatMap { r.string($0, at: f.child("branch")) }
            spec.releaseTags = f["release_tags"].flatMap { r.string($0, at: f.child("release_tags")) }
            spec.version = f["version"].flatMap { version($0, at: f.child("version"), r) }
            return spec
        }
    }

    static func version(_ node: Node, at path: String, _ r: ManifestReader) -> VersionProbe? {
        guard let f = r.fields(node, at: path, allowed: ["url", "json_key", "header", "auth_header_env"]),
            let url = f.required("url", r).flatMap({ r.url($0, at: f.child("url")) })
        else { return nil }
        let probe = VersionProbe(
            url: url,
            jsonKey: f["json_key"].flatMap { r.string($0, at: f.child("json_key")) },
            header: f["header"].flatMap { r.string($0, at: f.child("header")) },
            authHeaderEnv: f["auth_header_env"].flatMap { r.envName($0, at: f.child("auth_header_env")) })
        if probe.jsonKey == nil && probe.header == nil {
            r.report(node, "`\(path)` needs `json_key` (a field of the JSON body) or `header` (a response header)")
        }
        return probe
    }

    static func owners(_ node: Node, _ r: ManifestReader) -> [OwnerSpec] {
        r.list(node, at: "owners").enumerated().compactMap { index, item in
            let path = "owners[\(index)]"
            guard let f = r.fields(item, at: path, allowed: ["asset", "owner", "contact", "access", "reviewed"]),
                let asset = f.required("asset", r).flatMap({ r.string($0, at: f.child("asset")) }),
                let owner = f.required("owner", r).flatMap({ r.string($0, at: f.child("owner")) })
            else { return nil }
            return OwnerSpec(
                asset: asset, owner: owner,
                contact: f["contact"].flatMap { r.string($0, at: f.child("contact")) },
                access: f["access"].flatMap { r.string($0, at: f.child("access")) },
                reviewed: f["reviewed"].flatMap { r.day($0, at: f.child("reviewed")) },
                line: item.line)
        }
    }

    static func monitors(_ node: Node, _ r: ManifestReader) -> [MonitorSpec] {
        let keys = ["name", "url", "kind", "interval", "alerts_to", "covers"]
        return r.list(node, at: "monitoring").enumerated().compactMap { index, item in
            let path = "monitoring[\(index)]"
            guard let f = r.fields(item, at: path, allowed: keys),
                let name = f.required("name", r).flatMap({ r.string($0, at: f.child("name")) }),
                let url = f.required("url", r).flatMap({ r.url($0, at: f.child("url")) })
            else { return nil }
            return MonitorSpec(
                name: name, url: url,
                kind: f["kind"].flatMap { r.string($0, at: f.child("kind")) },
                intervalMs: f["interval"].flatMap { r.duration($0, at: f.child("interval")) },
                alertsTo: f["alerts_to"].flatMap { r.string($0, at: f.child("alerts_to")) },
                covers: f["covers"].map { r.strings($0, at: f.child("covers")) } ?? [],
                line: item.line)
        }
    }

    static func critical(_ node: Node, _ r: ManifestReader) -> [CriticalSpec] {
        r.list(node, at: "critical").enumerated().compactMap { index, item in
            let path = "critical[\(index)]"
            guard let f = r.fields(item, at: path, allowed: ["name", "kind", "url"]),
                let name = f.required("name", r).flatMap({ r.string($0, at: f.child("name")) }),
                let url = f.required("url", r).flatMap({ r.url($0, at: f.child("url")) })
            else { return nil }
            return CriticalSpec(name: name, kind: f["kind"].flatMap { r.string($0, at: f.child("kind")) }, url: url,
                                line: item.line)
        }
    }

    static func audit(_ node: Node, _ r: ManifestReader) -> AuditSettings {
        var settings = AuditSettings()
        guard let f = r.fields(node, at: "audit", allowed: ["cert_expiry_days", "p95_ms", "alerts"]) else { return settings }
        if let node = f["alerts"],
            let alerts = r.fields(node, at: "audit.alerts", allowed: ["p95_ms", "error_rate", "uptime", "failed_email"]) {
            if let v = alerts["p95_ms"].flatMap({ r.int($0, at: alerts.child("p95_ms"), range: 1...600_000) }) { settings.alertP95Ms = v }
            if let v = alerts["error_rate"].flatMap({ r.string($0, at: alerts.child("error_rate")) }) { settings.alertErrorRate = v }
            if let v = alerts["uptime"].flatMap({ r.string($0, at: alerts.child("uptime")) }) { settings.alertUptime = v }
            if let v = alerts["failed_email"].flatMap({ r.string($0, at: alerts.child("failed_email")) }) { settings.alertFailedEmail = v }
        }
        if let node = f["cert_expiry_days"],
            let days = r.fields(node, at: "audit.cert_expiry_days", allowed: ["blocker", "high"]) {
            if let v = days["blocker"].flatMap({ r.int($0, at: days.child("blocker"), range: 0...3650) }) {
                settings.certExpiryBlockerDays = v
            }
            if let v = days["high"].flatMap({ r.int($0, at: days.child("high"), range: 0...3650) }) {
                settings.certExpiryHighDays = v
            }
            if settings.certExpiryHighDays < settings.certExpiryBlockerDays {
                r.report(node, "`audit.cert_expiry_days.high` (\(settings.certExpiryHighDays)) must be at least `blocker` (\(settings.certExpiryBlockerDays))")
            }
        }
        if let v = f["p95_ms"].flatMap({ r.int($0, at: "audit.p95_ms", range: 1...600_000) }) { settings.p95Ms = v }
        return settings
    }

    static func waivers(_ node: Node, _ r: ManifestReader) -> [Waiver] {
        let keys = ["id", "subject", "fingerprint", "reason", "owner", "until"]
        return r.list(node, at: "accept").enumerated().compactMap { index, item in
            let path = "accept[\(index)]"
            guard let f = r.fields(item, at: path, allowed: keys) else { return nil }
            let id = f.required("id", r).flatMap { r.string($0, at: f.child("id")) }
            let reason = f.required("reason", r).flatMap { r.string($0, at: f.child("reason")) }
            let until = f.required("until", r).flatMap { r.day($0, at: f.child("until")) }
            let subject = f["subject"].flatMap { r.string($0, at: f.child("subject")) }
            let fingerprint = f["fingerprint"].flatMap { r.string($0, at: f.child("fingerprint")) }
            if f["subject"] == nil && f["fingerprint"] == nil {
                r.report(item, "`\(path)` needs `subject` (e.g. `domain:acme.example`) or `fingerprint` to say which finding it accepts")
            }
            guard let id, let reason, let until else { return nil }
            return Waiver(id: id, subject: subject, fingerprint: fingerprint, reason: reason,
                          owner: f["owner"].flatMap { r.string($0, at: f.child("owner")) }, until: until,
                          line: item.line)
        }
    }

    static func checklist(_ node: Node, _ r: ManifestReader) -> [ChecklistEntry] {
        r.entries(node, at: "checklist").compactMap { id, keyNode, value in
            let path = "checklist.\(id)"
            if case .scalar = value, !value.isNull {
                return r.bool(value, at: path).map { ChecklistEntry(id: id, done: $0, line: keyNode.line) }
            }
            guard let f = r.fields(value, at: path, allowed: ["done", "by", "on", "note"]),
                let done = f.required("done", r).flatMap({ r.bool($0, at: f.child("done")) })
            else { return nil }
            return ChecklistEntry(id: id, done: done, by: f["by"].flatMap { r.string($0, at: f.child("by")) },
                                  on: f["on"].flatMap { r.day($0, at: f.child("on")) },
                                  note: f["note"].flatMap { r.string($0, at: f.child("note")) }, line: keyNode.line)
        }
    }
}

import Foundation
import HandoverModel

/// Helpers the checks share.
extension AuditContext {
    var dns: DNSState? { snapshot.dns.collectedValue }
    var email: EmailState? { snapshot.email.collectedValue }
    var tls: TLSState? { snapshot.tls.collectedValue }
    var http: HTTPState? { snapshot.http.collectedValue }
    var git: GitState? { snapshot.git.collectedValue }

    /// Whole days from now to `date` (negative once past).
    func daysUntil(_ date: Date) -> Int { Int(floor(date.timeIntervalSince(now) / 86_400)) }

    /// Findings of email verdicts with `code`, one per domain.
    func emailVerdicts(_ codes: Set<String>, dkim: Bool = false) -> [Observation] {
        emailVerdicts.compactMap { domain in
            let hits = (dkim ? domain.dkim : domain.spfAndDMARC).filter { codes.contains($0.code) }
            return hits.isEmpty ? nil : Observation("domain:\(domain.domain)", hits.map(\.detail))
        }
    }
}

/// Small edits the check examples make to the healthy snapshot.
package enum Edit {
    package static func tls(_ s: inout Snapshot, host: String = "acme.example", _ change: (inout HostTLS) -> Void) {
        guard let index = s.tls.data?.hosts.firstIndex(where: { $0.host == host }) else { return }
        change(&s.tls.data!.hosts[index])
    }

    package static func leaf(_ s: inout Snapshot, host: String = "acme.example", _ change: (inout CertificateInfo) -> Void) {
        tls(&s, host: host) { h in if !h.chain.isEmpty { change(&h.chain[0]) } }
    }

    package static func email(_ s: inout Snapshot, _ change: (inout DomainEmail) -> Void) {
        guard s.email.data?.domains.isEmpty == false else { return }
        change(&s.email.data!.domains[0])
    }

    package static func dns(_ s: inout Snapshot, _ change: (inout DomainDNS) -> Void) {
        guard s.dns.data?.domains.isEmpty == false else { return }
        change(&s.dns.data!.domains[0])
    }

    package static func http(_ s: inout Snapshot, _ change: (inout HTTPState) -> Void) {
        guard s.http.data != nil else { return }
        change(&s.http.data!)
    }

    package static func git(_ s: inout Snapshot, _ change: (inout GitState) -> Void) {
        guard s.git.data != nil else { return }
        change(&s.git.data!)
    }

    package static func secrets(_ s: inout Snapshot, _ change: (inout SecretsState) -> Void) {
        guard s.secrets.data != nil else { return }
        change(&s.secrets.data!)
    }

    /// A 2048-bit RSA DKIM key (base64 of its SubjectPublicKeyInfo), the one the healthy example publishes, for records
    /// built in examples. `AuditCheckTests` checks the two agree.
    package static let rsa2048 = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApdd2aOmKBtZJQ4bBrzQw9DBHcSI3hCy0RFoKHMdbdzUyTQrHqckQRXatuQ9KtjEPnhDbuhsqE+jhpJ189nTWbK85WoiFA7qdRaYetYcSu24c06QDj1KZKxnQMzj1jKrqHvFakuPYIAXCulPk0Uh/AGBTXxkPqVL3FdUmg+hi2tLO6Lleytvg+lPnLvy3QPJiPJ4/Fy6NFsho2uR69FI+GQMsk7iQ2WOwSzN1GA2zvYyTQQb3RmgOP2rqOdfOFX58z5jImBDhmDCFeYZiS4y7t2vXgR5Tn6XFgRSUDf8XQSzTerHRXXj7A8/Hbl13Jie0CBASYHhVDQQ5KHuwxKgxIQIDAQAB"

    /// The code at HEAD reads `name` (at `location`) and every name production defines, so nothing else is flagged.
    package static func codeReads(_ s: inout Snapshot, _ name: String, at location: String) {
        let defined = s.env.data?.environments.filter(\.production).flatMap { $0.variables.map(\.name) } ?? []
        s.env.data?.codeReferences = Set(defined).sorted().map { CodeReference(name: $0, locations: ["src/config.ts:1"]) }
            + [CodeReference(name: name, locations: [location])]
    }

    package static func verdict(_ code: String) -> EmailVerdict { EmailVerdict(code, "\(code) (example)") }

    package static let day: TimeInterval = 86_400
}

enum SecretEvidence {
    /// What the finding is and where it came from, redacted: rule, excerpt, introducing commit, still at HEAD or not.
    static func lines(_ f: SecretFinding) -> [String] {
        var out = ["\(f.rule) \(f.redacted) introduced in \(f.commit.prefix(12)) by \(f.author) on \(Timestamp.day(f.date)) (fingerprint \(f.rule):\(f.path):\(f.commit.prefix(12)))"]
        if let removed = f.removedIn { out.append("deleted in \(removed.prefix(12)), still in the history") }
        if let atHead = f.atHead { out.append(atHead ? "still at HEAD" : "no longer at HEAD, still in the history") }
        return out
    }
}

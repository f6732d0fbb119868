import Foundation
import HandoverModel
import HandoverCollect

// What the email facts mean. The collector records the SPF tree, the DMARC and DKIM records as DNS served them; the
// verdicts below are worked out from those facts whenever they are read, so `handover audit` judges an old snapshot
// with today's rules. Each verdict has a stable code (`spf.lookup-limit`, `dmarc.policy-none`, …) the checks select.

private let temporaryFailures: Set<DNSOutcome> = [.timeout, .servfail, .error, .refused]

extension SPFReport {
    /// The tree's faults, node by node in the order the walk reached them, then the domain-wide ones.
    package var verdicts: [EmailVerdict] {
        let root = tree.domain
        var verdicts: [EmailVerdict] = []
        var notWalked: [String] = []
        var level = [tree]
        while !level.isEmpty {
            for node in level {
                if let reason = node.notWalked { notWalked.append(reason); continue }
                if let via = node.via, node.records.isEmpty, [.nxdomain, .nodata, .answer].contains(node.outcome) {
                    verdicts.append(EmailVerdict("spf.include-missing", "`\(via)` points at \(node.domain), which has no SPF record — receivers return permerror"))
                }
                if temporaryFailures.contains(node.outcome) {
                    verdicts.append(EmailVerdict("spf.temperror", "TXT lookup for \(node.domain) gave \(node.outcome.rawValue): that part of the tree is unknown"))
                }
                if node.records.count > 1 {
                    verdicts.append(EmailVerdict("spf.multiple", "\(node.domain) publishes \(node.records.count) SPF records; exactly one is allowed (RFC 7208 §3.2) — merge them"))
                }
                for text in node.records {
                    let record = SPFRecord(parsing: text)
                    verdicts += record.errors.map { EmailVerdict("spf.syntax", "\(node.domain): \($0)") }
                    for term in record.terms where term.kind == .directive && term.name == "ptr" {
                        verdicts.append(EmailVerdict("spf.ptr", "\(node.domain) uses `\(term.text)`; ptr is slow and discouraged (RFC 7208 §5.5)"))
                    }
                }
                for term in node.loops ?? [] {
                    let target = term.split(separator: term.hasPrefix("redirect") ? "=" : ":", maxSplits: 1).last.map(String.init) ?? term
                    verdicts.append(EmailVerdict("spf.loop", "`\(term)` in \(node.domain) loops back to \(DNSName.normalized(target))"))
                }
            }
            level = level.flatMap(\.children)
        }
        if let reason = notWalked.first {
            verdicts.append(EmailVerdict("spf.temperror", "the SPF walk of \(root) stopped: \(notWalked.count) include(s) not walked: \(reason)"))
        }
        // Schema 1 did not record loops or the type-99 answer; its own verdicts for them stand.
        verdicts += (recordedVerdicts ?? []).filter { ["spf.loop", "spf.type99"].contains($0.code) }
        if type99 == .answer {
            verdicts.append(EmailVerdict("spf.type99", "\(root) publishes a type-99 SPF record; that type is deprecated (RFC 7208 §3.1) — keep only the TXT record"))
        }
        if [.answer, .nodata, .nxdomain].contains(tree.outcome), tree.records.isEmpty {
            verdicts.insert(EmailVerdict("spf.none", "\(root) has no SPF record"), at: 0)
        }
        if lookups > SPFEvaluator.lookupLimit {
            verdicts.append(EmailVerdict("spf.lookup-limit", "\(lookups) DNS-querying terms in the include tree; the limit is \(SPFEvaluator.lookupLimit) (RFC 7208 §4.6.4) — receivers return permerror"))
        }
        if voidLookups > SPFEvaluator.voidLimit {
            verdicts.append(EmailVerdict("spf.void-limit", "\(voidLookups) lookups find nothing; the limit is \(SPFEvaluator.voidLimit) (RFC 7208 §4.6.4)"))
        }
        if let text = tree.records.first, tree.records.count == 1 {
            let record = SPFRecord(parsing: text)
            switch record.directives.last(where: { $0.name == "all" })?.qualifier {
            case .pass?: verdicts.append(EmailVerdict("spf.plus-all", "`+all` lets any server on the internet send as \(root)"))
            case .neutral?: verdicts.append(EmailVerdict("spf.neutral-all", "`?all` says nothing about other servers; receivers treat them as neutral"))
            case nil where record.modifier("redirect") == nil:
                verdicts.append(EmailVerdict("spf.no-all", "no `all` mechanism or redirect: unmatched servers get neutral — end with `-all` or `~all`"))
            default: break
            }
        }
        return verdicts
    }

    package var status: EmailStatus {
        if temporaryFailures.contains(tree.outcome) { return .unknown }
        let failing: Set<String> = ["spf.none", "spf.multiple", "spf.syntax", "spf.lookup-limit", "spf.void-limit", "spf.plus-all", "spf.loop"]
        let verdicts = verdicts
        return verdicts.contains { failing.contains($0.code) } ? .fail : verdicts.isEmpty ? .pass : .warn
    }
}

extension DMARCReport {
    package var verdicts: [EmailVerdict] {
        let asked = asked ?? []
        if record == nil, records == nil, temporaryFailures.contains(outcome) {
            return [EmailVerdict("dmarc.temperror", "\(asked.last ?? "the DMARC lookup"): \(outcome.rawValue)")]
        }
        if let recordedMultiple { return recordedMultiple }
        if let records, records.count > 1 {
            return [EmailVerdict("dmarc.multiple", "\(foundAt ?? asked.last ?? "the DMARC name") has \(records.count) DMARC records; receivers then apply none (RFC 7489 §6.6.3)")]
        }
        guard let record else {
            let names = asked.isEmpty ? "the domain or its organisational domain" : asked.joined(separator: " or ")
            return [EmailVerdict("dmarc.missing", "no DMARC record at \(names)")]
        }
        return Self.verdicts(record, external: externalDestinations)
    }

    /// The faults of one DMARC record and its report destinations.
    package static func verdicts(_ record: DMARCRecord, external: [ExternalDestination]) -> [EmailVerdict] {
        var verdicts = record.errors.map { EmailVerdict("dmarc.invalid", $0) }
        if record.policy == DMARCRecord.Policy.none {
            verdicts.append(EmailVerdict("dmarc.policy-none", "`p=none` only monitors: spoofed mail is still delivered — move to quarantine, then reject"))
        }
        if let sp = record.subdomainPolicy, let p = record.policy, sp < p {
            verdicts.append(EmailVerdict("dmarc.sp-weaker", "`sp=\(sp.rawValue)` is weaker than `p=\(p.rawValue)`: subdomains can be spoofed more easily"))
        }
        if record.percent < 100 {
            verdicts.append(EmailVerdict("dmarc.pct-below-100", "`pct=\(record.percent)` applies the policy to only \(record.percent)% of failing mail"))
        }
        if record.aggregateReports.isEmpty {
            verdicts.append(EmailVerdict("dmarc.no-rua", "no `rua=`: nobody receives aggregate reports, so failures go unseen"))
        }
        for destination in external where !destination.authorized {
            verdicts.append(EmailVerdict("dmarc.external-unauthorized", "reports to \(destination.domain) are not authorized: \(destination.query) has no v=DMARC1 record (RFC 7489 §7.1)"))
        }
        return verdicts
    }

    /// The record's own status; a missing record is `fail` here, and `DomainEmail.dmarcStatus` softens it for a
    /// domain that sends no mail.
    package var status: EmailStatus {
        let verdicts = verdicts
        if verdicts.contains(where: { $0.code == "dmarc.temperror" }) { return .unknown }
        let failing: Set<String> = ["dmarc.invalid", "dmarc.multiple", "dmarc.missing"]
        return verdicts.contains { failing.contains($0.code) } ? .fail : verdicts.isEmpty ? .pass : .warn
    }
}

extension DKIMReport {
    package var verdicts: [EmailVerdict] {
        let at = name ?? "\(selector)._domainkey"
        guard let record else {
            guard configured else { return [] }
            return temporaryFailures.contains(outcome)
                ? [EmailVerdict("dkim.temperror", "\(at): \(outcome.rawValue)")]
                : [EmailVerdict("dkim.missing", "configured selector `\(selector)` has no key at \(at)")]
        }
        var verdicts = record.errors.map { EmailVerdict("dkim.invalid", $0) }
        if record.revoked { verdicts.append(EmailVerdict("dkim.revoked", "`\(selector)` has an empty p=: the key is revoked and signatures with it fail")) }
        if let bits = record.keyBits, record.keyType == "rsa" {
            if bits < 1024 {
                verdicts.append(EmailVerdict("dkim.key-under-1024", "`\(selector)` is a \(bits)-bit RSA key; receivers ignore keys under 1024 bits (RFC 8301 §3.2)"))
            } else if bits < 2048 {
                verdicts.append(EmailVerdict("dkim.key-under-2048", "`\(selector)` is a \(bits)-bit RSA key; 2048 bits is the recommended minimum (RFC 8301 §3.2)"))
            }
        }
        if record.testing { verdicts.append(EmailVerdict("dkim.testing", "`\(selector)` has t=y: receivers treat signatures as in testing")) }
        return verdicts
    }

    package var status: EmailStatus {
        let verdicts = verdicts
        if verdicts.contains(where: { $0.code == "dkim.temperror" }) { return .unknown }
        let failing: Set<String> = ["dkim.invalid", "dkim.revoked", "dkim.key-under-1024", "dkim.missing"]
        return verdicts.contains { failing.contains($0.code) } ? .fail : verdicts.isEmpty ? .pass : .warn
    }
}

extension DomainEmail {
    /// DMARC's status for this domain: a missing record matters less on a domain that sends no mail.
    package var dmarcStatus: EmailStatus {
        let status = dmarc.status
        return status == .fail && !sendsMail && dmarc.verdicts.map(\.code) == ["dmarc.missing"] ? .warn : status
    }
}

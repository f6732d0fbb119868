import Foundation
import HandoverModel

/// The recorded SPF tree evaluates to permerror for every sender: a syntax error in any record of the tree, an
/// `include:` or `redirect=` whose target publishes no SPF record, or an include that loops back to a domain on its own
/// path. Judged from the tree as collected, so an old snapshot is judged by today's rules. More than one record and the
/// lookup limits are permerrors too; they have checks of their own (`email.spf-multiple`, `email.spf-lookup-limit`,
/// `email.spf-void-limit`).
package enum SPFPermerrorCheck: AuditCheck {
    package static let id = "email.spf-permerror"
    package static let severity = Severity.high
    package static let title = "SPF evaluates to permerror"
    package static let impact = "Receivers treat a permerror as a broken SPF record: SPF authenticates none of your mail, and DMARC then rests on DKIM alone."
    package static let remediation = "Fix the record the evidence names (a typo, an include of a domain without SPF, an include that points back at itself)."
    package static let reference = "RFC 7208 §4.6, §5.2, §6.1"
    package static let sections: [SectionName] = [.email]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.email?.domains ?? []).compactMap { domain in
            let faults = SPFTreeFaults.permanent(domain.spf.tree)
            return faults.isEmpty ? nil : Observation("domain:\(domain.name)", faults)
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("a syntax error in the root record") { s in Edit.email(&s) { d in
            d.spf.tree.records = ["v=spf1 include:_spf.google.com ip4:192.0.2.300 -all"] } },
        .triggers("an include whose domain has no SPF record") { s in Edit.email(&s) { d in
            d.spf.tree.children[0].records = []
            d.spf.tree.children[0].outcome = .nxdomain } },
        .triggers("an include that loops back to the root") { s in Edit.email(&s) { d in
            d.spf.tree.children[0].records = ["v=spf1 include:\(d.name) ~all"] } },
        .triggers("a redirect to a domain without SPF") { s in Edit.email(&s) { d in
            d.spf.tree.records = ["v=spf1 redirect=spf.\(d.name)"]
            d.spf.tree.children = [SPFNode(domain: "spf.\(d.name)", via: "redirect=spf.\(d.name)", outcome: .nodata, records: [],
                                           errors: [], children: [])] } },
        .passes("the same include reached twice without a loop") { s in Edit.email(&s) { d in
            let google = d.spf.tree.children[0]
            d.spf.tree.records = ["v=spf1 include:_spf.google.com include:spf.\(d.name) -all"]
            d.spf.tree.children.append(SPFNode(domain: "spf.\(d.name)", via: "include:spf.\(d.name)", outcome: .answer,
                                               records: ["v=spf1 include:\(google.domain) -all"], errors: [], children: [])) } },
        .passes("an include whose lookup timed out is unknown, not broken") { s in Edit.email(&s) { d in
            d.spf.tree.children[0].records = []
            d.spf.tree.children[0].outcome = .timeout } },
        .passes("a valid tree") { _ in },
    ]
}

/// What the recorded SPF tree says about evaluation faults, for the checks and the checklist.
package enum SPFTreeFaults {
    /// Faults that make check_host() return permerror for any sender (besides multiple records and the lookup limits).
    static func permanent(_ root: SPFNode) -> [String] {
        var faults: [String] = []
        walk(root, ancestors: []) { node, ancestors in
            guard node.records.count == 1 else {
                if let via = node.via, node.records.isEmpty, [.answer, .nodata, .nxdomain].contains(node.outcome) {
                    faults.append("`\(via)` points at \(node.domain), which has no SPF record (\(node.outcome.rawValue))")
                }
                return
            }
            let record = SPFRecord(parsing: node.records[0])
            faults += record.errors.map { "\(node.domain): \($0)" }
            for term in record.terms where term.kind != .invalid && (term.name == "include" || term.name == "redirect") {
                guard let target = term.argument, !target.contains("%") else { continue }
                let next = DNSName.normalized(target)
                if ancestors.contains(next) || next == node.domain {
                    faults.append("`\(term.text)` in \(node.domain) loops back to \(next)")
                }
            }
        }
        return faults
    }

    /// Parts of the tree that could not be read (a timeout, SERVFAIL, REFUSED): what SPF evaluates to is unknown.
    package static func unknown(_ root: SPFNode) -> [String] {
        var parts: [String] = []
        walk(root, ancestors: []) { node, _ in
            if [.timeout, .servfail, .refused, .error, .unknown].contains(node.outcome) {
                parts.append("TXT lookup for \(node.domain) gave \(node.outcome.rawValue)")
            }
        }
        return parts
    }

    private static func walk(_ node: SPFNode, ancestors: Set<String>, _ visit: (SPFNode, Set<String>) -> Void) {
        visit(node, ancestors)
        let path = ancestors.union([node.domain])
        for child in node.children { walk(child, ancestors: path, visit) }
    }
}

import Foundation
import HandoverModel

/// The apex or www does not end on the canonical host.
package enum NotCanonicalCheck: AuditCheck {
    package static let id = "http.not-canonical"
    package static let severity = Severity.medium
    package static let title = "www and apex do not converge on the canonical host"
    package static let impact = "The same pages live under two names: split search ranking, cookies and sessions that do not carry over."
    package static let remediation = "Redirect the other name to the canonical one with a 301."
    package static let reference = "RFC 9110 §15.4.2"
    package static let sections: [SectionName] = [.http, .dns]

    package static func observe(_ c: AuditContext) -> [Observation] {
        let fronts = Set((c.dns?.domains ?? []).flatMap { d in d.hosts.filter { $0.label == "@" || $0.label == "www" }.map(\.name) })
        return (c.http?.hosts ?? []).compactMap { h in
            guard fronts.contains(h.host), h.https.end == .final, h.https.endsOnCanonical == false else { return nil }
            return Observation("host:\(h.host)", ["https://\(h.host)/ ends at \(h.https.finalURL ?? "?")"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("www serves its own copy") { s in Edit.http(&s) { st in
            if let i = st.hosts.firstIndex(where: { $0.host.hasPrefix("www.") }) {
                st.hosts[i].https.hops = [HTTPHop(url: "https://\(st.hosts[i].host)/", outcome: .response, status: 200)]
                st.hosts[i].https.finalURL = "https://\(st.hosts[i].host)/"
            } } },
        .passes("www redirects to the apex") { _ in },
    ]
}

import Foundation
import HandoverModel

/// `http://HOST/` does not end on https.
package enum NoHTTPSRedirectCheck: AuditCheck {
    package static let id = "http.no-https-redirect"
    package static let severity = Severity.high
    package static let title = "http:// is not redirected to https://"
    package static let impact = "Visitors who type the address or follow an old link stay on plain HTTP: logins and cookies can be read on the way."
    package static let remediation = "Redirect every http:// request to https:// with a 301 (most hosts have a switch for it), then add HSTS."
    package static let reference = "RFC 6797 §7.2"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.hosts ?? []).compactMap { h in
            // Only hosts that serve HTTPS at all; a dead host is the TLS and DNS checks' news.
            guard h.https.end == .final, h.http.end == .final, let final = h.http.finalURL, final.lowercased().hasPrefix("http://") else { return nil }
            return Observation("host:\(h.host)", ["\(h.http.start) ends at \(final) (\(h.http.finalStatus.map(String.init) ?? "?"))"])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("http answers 200") { s in Edit.http(&s) { st in
            st.hosts[0].http = RedirectChain(start: "http://\(st.hosts[0].host)/", hops: [HTTPHop(url: "http://\(st.hosts[0].host)/", outcome: .response, status: 200)],
                                             end: .final, finalURL: "http://\(st.hosts[0].host)/", finalStatus: 200,
                                             canonical: st.hosts[0].https.canonical) } },
        .passes("http redirects to https") { _ in },
    ]
}

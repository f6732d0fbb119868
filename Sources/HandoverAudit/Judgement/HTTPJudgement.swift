import Foundation
import HandoverModel

// What the HTTP facts mean. The collector records hops, headers and statuses; these read them with today's rules, so
// an old snapshot is judged the way a new one is.

extension RedirectChain {
    /// The chain came back to a URL it had visited.
    package var loop: Bool { end == .loop }

    /// The redirects this chain followed or stopped at, as (from, to) URL pairs, in order.
    var redirects: [(from: URL, to: URL)] {
        hops.compactMap { hop in
            guard let status = hop.status, RedirectChain.redirectStatuses.contains(status),
                  let from = URL(string: hop.url), let location = hop.location?.trimmingCharacters(in: .whitespaces),
                  let to = URL(string: location, relativeTo: from)?.absoluteURL, to.host != nil,
                  ["http", "https"].contains(to.scheme?.lowercased() ?? "") else { return nil }
            return (from, to)
        }
    }

    /// Some redirect sends an https URL to an http one.
    package var downgrade: Bool {
        redirects.contains { $0.from.scheme?.lowercased() == "https" && $0.to.scheme?.lowercased() == "http" }
    }

    /// Some redirect moves from the canonical host to another host.
    package var leavesCanonical: Bool {
        guard let canonical else { return recordedLeavesCanonical ?? false }
        return redirects.contains { $0.from.host?.lowercased() == canonical && $0.to.host?.lowercased() != canonical }
    }

    /// Whether the chain ends on the canonical host; nil when it belongs to no domain.
    package var endsOnCanonical: Bool? {
        guard let canonical else { return recordedEndsOnCanonical }
        return end == .final && finalURL.flatMap { URL(string: $0)?.host?.lowercased() } == canonical
    }
}

extension RedirectCheck {
    /// The chain ended where the manifest says it should.
    package var matches: Bool { actual.map { URLKey.of($0) == URLKey.of(expected) } ?? false }
}

extension SecurityHeaders {
    /// The CSP restricts framing (`frame-ancestors`), which supersedes X-Frame-Options.
    package var cspFrameAncestors: Bool { contentSecurityPolicy?.lowercased().contains("frame-ancestors") ?? false }

    /// The `Server` header names a version: `nginx/1.22.1`, `Apache/2.4.57 (Debian)`, `Microsoft-IIS/10.0`; not
    /// `nginx` or `cloudflare`.
    package var serverLeaksVersion: Bool {
        guard let server else { return false }
        let scalars = Array(server.unicodeScalars)
        return scalars.indices.dropLast().contains { scalars[$0] == "/" && ("0"..."9").contains(scalars[$0 + 1]) }
    }
}

extension CORSCheck {
    /// `Access-Control-Allow-Origin` echoes the foreign origin the probe sent.
    package var reflectsOrigin: Bool {
        allowOrigin?.trimmingCharacters(in: .whitespaces).lowercased() == origin.lowercased()
    }

    /// `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`.
    package var wildcardWithCredentials: Bool {
        allowOrigin?.trimmingCharacters(in: .whitespaces) == "*"
            && allowCredentials?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
    }
}

extension MonitorLinkCheck {
    /// No answer, or an error status (4xx/5xx) at the end.
    package var dead: Bool { outcome != .response || (status ?? 0) >= 400 }
}

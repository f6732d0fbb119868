import Foundation

/// A fact's place on its scale, typed from the snapshot (the DMARC policy, the SPF `all`, a key's size, trust, a
/// status, a redirect chain's end, the latency budget).
enum Standing: Sendable, Equatable {
    /// Higher is stronger; an absent fact counts as 0.
    case rank(Int)
    /// Passing or failing; an absent fact counts as failing.
    case ok(Bool)
    /// A redirect chain: whether it ends in a success, and whether it loops.
    case chain(endsOK: Bool, loops: Bool)

    /// Whether going from `before` to `after` (nil: the fact is absent) weakens, strengthens, or neither.
    static func impact(_ before: Standing?, _ after: Standing?) -> Change.Impact {
        switch before ?? after {
        case .rank?:
            let (a, b) = (before?.rank ?? 0, after?.rank ?? 0)
            return b < a ? .weakens : b > a ? .strengthens : .neutral
        case .ok?:
            let (was, now) = (before?.isOK ?? false, after?.isOK ?? false)
            return was && !now ? .weakens : !was && now ? .strengthens : .neutral
        case .chain?:
            // A chain that no longer ends in a success, or that starts looping.
            let endedOK = before?.endsOK ?? false, looped = before?.loops ?? false
            let endsOK = after?.endsOK ?? false, loops = after?.loops ?? false
            return (endedOK && !endsOK) || (loops && !looped) ? .weakens : .neutral
        case nil:
            return .neutral
        }
    }

    var rank: Int? { if case .rank(let r) = self { r } else { nil } }
    var endsOK: Bool? { if case .chain(let endsOK, _) = self { endsOK } else { nil } }
    var loops: Bool? { if case .chain(_, let loops) = self { loops } else { nil } }

    var isOK: Bool {
        switch self {
        case .rank(let r): return r > 0
        case .ok(let ok): return ok
        case .chain(let endsOK, let loops): return endsOK && !loops
        }
    }
}

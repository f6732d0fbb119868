import Foundation
import HandoverModel

// What the DNS facts mean, judged when read.

extension ExpectationResult {
    /// The answer equals the manifest's values (as sets); unknown when the query failed and nothing came back.
    package var verdict: Verdict {
        let known: Set<DNSOutcome> = [.answer, .nodata, .nxdomain]
        if !known.contains(outcome) && actual.isEmpty { return .unknown }
        return Set(actual) == Set(expected) ? .match : .mismatch
    }
}

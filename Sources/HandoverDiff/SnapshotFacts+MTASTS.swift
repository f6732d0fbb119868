import Foundation
import HandoverModel
import HandoverAudit

extension SnapshotFacts {
    /// A domain's MTA-STS as `diff` compares it: the mode senders apply, ranked enforce > testing > none or no usable
    /// policy (so a move to testing, or a policy that stops verifying, weakens), and the policy's MX list and max_age.
    /// Snapshots taken before the policy was fetched have no such facts.
    func mtaSTS(_ report: MTASTSReport, subject: String) -> [Fact] {
        let policy = report.usablePolicy
        let mode = policy?.mode
        let rank = mode == .enforce ? 2 : mode == .testing ? 1 : 0
        var out = [Fact(layer: .email, subject: subject, attribute: "mta-sts.mode", value: mode.map { "mode: \($0.rawValue)" } ?? report.summary,
                        standing: .rank(rank))]
        if let policy {
            let maxAge = policy.maxAge.map(String.init) ?? "?"
            out.append(Fact(layer: .email, subject: subject, attribute: "mta-sts.policy",
                            value: "mx \(policy.mx.joined(separator: ", ")); max_age \(maxAge)"))
        }
        return out
    }
}

import Foundation
/// Suggests the closest known word for a misspelt one.
package enum DidYouMean {
    /// The candidate nearest to `word`, when it is close enough to be a plausible typo.
    package static func suggestion(for word: String, among candidates: [String]) -> String? {
        let normalized = word.lowercased().replacingOccurrences(of: "-", with: "_")
        if let exact = candidates.first(where: { $0.lowercased() == normalized }) { return exact }
        if normalized.count >= 3,
            let extended = candidates.first(where: { $0.lowercased().hasPrefix(normalized) && $0.count - normalized.count <= 4 }) {
            return extended
        }
        let scored = candidates.map { ($0, distance(normalized, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(1, min(3, word.count / 3))
        return best.1 <= limit ? best.0 : nil
    }

    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment).
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

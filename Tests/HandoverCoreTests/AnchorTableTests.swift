import Foundation
@testable import HandoverCollect
import Testing

/// The anchor prefilter keys each anchor by one pair of its bytes and compares it in full only where that pair sits.
/// It must find exactly what a search for every anchor at every position finds, wherever the region's edges fall.
@Suite struct AnchorTableTests {
    /// Every occurrence of every anchor whose rarest pair sits in the region or up to 16 bytes after it, starting at
    /// most 16 bytes before it and before its end: the table's contract, computed the slow way.
    static func expected(_ anchorsByRule: [[String]], _ text: [UInt8], region: Range<Int>) -> Set<[Int]> {
        var found: Set<[Int]> = []
        let low = max(0, region.lowerBound), high = min(text.count - 1, region.upperBound + 16)
        for (rule, anchors) in anchorsByRule.enumerated() {
            for anchor in anchors.map({ Array($0.utf8) }) where anchor.count <= text.count {
                let rarest = AnchorTable.rarestPair(anchor)
                for start in 0...(text.count - anchor.count) where text[start..<start + anchor.count].elementsEqual(anchor) {
                    if start + rarest >= low, start + rarest < high, start >= region.lowerBound - 16, start < region.upperBound {
                        found.insert([start, rule])
                    }
                }
            }
        }
        return found
    }

    @Test func everyAnchorAtEveryAlignmentAndRegionEdgeIsFound() {
        let anchorsByRule = SecretRules.rules.map(\.anchors)
        let table = AnchorTable(anchorsByRule)
        let anchors = anchorsByRule.flatMap { $0 }
        var generator = SystemRandomNumberGenerator()
        var checked = 0, found = 0
        for round in 0..<400 {
            // Filler of letters, `_`, `-`, `:` and `/` (which key anchors too), anchors planted at random offsets.
            let filler = Array("abcdxyzKPRSAI_-:/ \n".utf8)
            var text = (0..<(200 + round % 7)).map { _ in filler.randomElement(using: &generator)! }
            for _ in 0..<6 {
                let anchor = Array(anchors.randomElement(using: &generator)!.utf8)
                let at = Int.random(in: 0...(text.count - anchor.count), using: &generator)
                text.replaceSubrange(at..<at + anchor.count, with: anchor)
            }
            let lower = Int.random(in: 0...text.count, using: &generator)
            let region = lower..<Int.random(in: lower...text.count, using: &generator)
            let hits = text.withUnsafeBufferPointer { table.hits($0.baseAddress!, count: $0.count, region: region) }
            let got = Set(hits.map { [$0.start, $0.rule] })
            let want = Self.expected(anchorsByRule, text, region: region)
            #expect(got == want && hits.count == got.count, "round \(round), region \(region): missing \(want.subtracting(got).sorted { $0.lexicographicallyPrecedes($1) }), extra \(got.subtracting(want).sorted { $0.lexicographicallyPrecedes($1) }), \(hits.count - got.count) twice")
            checked += 1
            found += want.count
        }
        #expect(checked == 400 && found > 400, "\(found) anchors in the regions of 400 texts")
    }
}

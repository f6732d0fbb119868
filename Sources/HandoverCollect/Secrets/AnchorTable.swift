import Foundation

/// Every rule's anchors found in one pass over the bytes: each anchor is keyed by one pair of its bytes (the pair
/// least likely in ordinary text: punctuation and capitals before lower-case letters), a 64 Kib table says
/// which pairs key any anchor, and only at those positions are the anchors compared in full. One pass for all
/// rules instead of one `memmem` per anchor.
struct AnchorTable: Sendable {
    struct Entry: Sendable {
        var bytes: [UInt8]
        /// Where the keying pair sits in the anchor.
        var offset: Int
        var rule: Int
    }

    private var bits = [UInt64](repeating: 0, count: 1024)
    /// Pair → 1 + index into `groups`, or 0.
    private var group = [UInt16](repeating: 0, count: 65536)
    private var groups: [[Entry]] = []

    init(_ anchorsByRule: [[String]]) {
        for (rule, anchors) in anchorsByRule.enumerated() {
            for anchor in anchors {
                let bytes = Array(anchor.utf8)
                guard bytes.count >= 2 else { continue }
                let offset = Self.rarestPair(bytes)
                let key = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                bits[key >> 6] |= 1 << UInt64(key & 63)
                if group[key] == 0 {
                    groups.append([])
                    group[key] = UInt16(groups.count)
                }
                groups[Int(group[key]) - 1].append(Entry(bytes: bytes, offset: offset, rule: rule))
            }
        }
    }

    /// Where the rarest pair of `anchor` (two bytes or more) sits; the first of equals.
    static func rarestPair(_ anchor: [UInt8]) -> Int {
        (0..<anchor.count - 1).min { rarity(anchor[$0], anchor[$0 + 1]) < rarity(anchor[$1], anchor[$1 + 1]) } ?? 0
    }

    /// Lower is rarer in source and prose: lower-case letters are the commonest bytes.
    private static func rarity(_ a: UInt8, _ b: UInt8) -> Int {
        func one(_ c: UInt8) -> Int {
            switch c {
            case 97...122: return 3
            case 48...57, 32, 47: return 2
            default: return 1
            }
        }
        return one(a) + one(b)
    }

    /// `(start, rule)` for every anchor that starts in `region`, in increasing order of the keying pair.
    func hits(_ base: UnsafePointer<UInt8>, count: Int, region: Range<Int>) -> [(start: Int, rule: Int)] {
        var out: [(start: Int, rule: Int)] = []
        guard count >= 2 else { return out }
        bits.withUnsafeBufferPointer { bits in
            group.withUnsafeBufferPointer { group in
                // A keying pair sits at most a few bytes into its anchor: start early enough to see anchors that begin in the region.
                var i = max(0, region.lowerBound)
                let stop = min(count - 1, region.upperBound + 16)
                while i < stop {
                    let key = Int(base[i]) << 8 | Int(base[i + 1])
                    if bits[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                        for entry in groups[Int(group[key]) - 1] {
                            let start = i - entry.offset
                            guard start >= 0, start >= region.lowerBound - 16, start < region.upperBound, start + entry.bytes.count <= count,
                                  entry.bytes.withUnsafeBufferPointer({ memcmp(base + start, $0.baseAddress!, $0.count) }) == 0 else { continue }
                            out.append((start, entry.rule))
                        }
                    }
                    i += 1
                }
            }
        }
        return out
    }
}

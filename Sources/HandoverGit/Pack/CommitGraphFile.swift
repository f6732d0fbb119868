import Foundation

/// git's commit-graph file (`objects/info/commit-graph`, gitformat-commit-graph(5)): every commit's parents and
/// committer date in a fixed-size record, so a walk reads no commit object. libgit2 1.5 reads none (its
/// `git_commit_graph_new` never hands the graph it makes to the object database), and with one git counts 50,000
/// commits in a tenth of its time without (Benchmarks/NOTES.md, "diff").
///
/// Layout: a header (`CGPH`, version 1, hash version 1 = SHA-1, chunk count, base graph count), a table of
/// chunks (4-byte id, 8-byte offset; a zero id ends it), then the chunks: OIDF (256 cumulative counts), OIDL (the
/// sorted ids), CDAT (per commit: tree id, two parent positions, 30 bits of generation and 34 of date), EDGE (the
/// further parents of octopus merges). Only a file of its own is read (base graphs count 0): the layers of a split
/// graph (`commit-graphs/`) are left to the packs. The trailing checksum is not verified, as git does not on reads;
/// the bounds of everything read are.
struct CommitGraphFile {
    static let noParent: UInt32 = 0x7000_0000

    let count: Int
    private let bytes: [UInt8]
    private let fanOut: Int
    private let ids: Int
    private let data: Int
    private let edges: Int
    private let edgeCount: Int

    /// nil when there is no file, or one this reader does not take (another version or hash, a split layer,
    /// chunks out of bounds or of the wrong size, ids out of order).
    init?(objectsDirectory: String) {
        guard let contents = FileManager.default.contents(atPath: objectsDirectory + "/info/commit-graph") else { return nil }
        self.init(bytes: [UInt8](contents))
    }

    init?(bytes: [UInt8]) {
        guard bytes.count >= 8 + 12 + 20, bytes[0...3].elementsEqual("CGPH".utf8), bytes[4] == 1, bytes[5] == 1,
              bytes[7] == 0 else { return nil }
        let chunks = Int(bytes[6])
        let trailer = bytes.count - 20
        guard 8 + (chunks + 1) * 12 <= trailer else { return nil }
        var found: [UInt32: (start: Int, length: Int)] = [:]
        for chunk in 0..<chunks {
            let entry = 8 + chunk * 12
            let id = Self.uint32(bytes, entry)
            let start = Self.uint64(bytes, entry + 4), next = Self.uint64(bytes, entry + 16)
            guard start <= next, next <= UInt64(trailer), start >= UInt64(8 + (chunks + 1) * 12) else { return nil }
            found[id] = (Int(start), Int(next - start))
        }
        guard let fanOut = found[0x4F49_4446], fanOut.length == 1024,  // OIDF
              let ids = found[0x4F49_444C], let data = found[0x4344_4154] else { return nil }  // OIDL, CDAT
        let count = Int(Self.uint32(bytes, fanOut.start + 1020))
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let value = Self.uint32(bytes, fanOut.start + 4 * slot)
            guard value >= previous else { return nil }
            previous = value
        }
        guard ids.length == count * 20, data.length == count * 36 else { return nil }
        let edges = found[0x4544_4745] ?? (start: 0, length: 0)  // EDGE
        guard edges.length % 4 == 0 else { return nil }
        // Sorted and distinct ids: a binary search over anything else could miss a commit the file holds.
        for position in 1..<max(count, 1) {
            let order = bytes.withUnsafeBytes { memcmp($0.baseAddress! + ids.start + (position - 1) * 20, $0.baseAddress! + ids.start + position * 20, 20) }
            guard order < 0 else { return nil }
        }
        self.bytes = bytes
        self.count = count
        self.fanOut = fanOut.start
        self.ids = ids.start
        self.data = data.start
        self.edges = edges.start
        self.edgeCount = edges.length / 4
    }

    /// Where the commit named by `id` sits in the file, or nil when the file does not hold it.
    func position(of id: UnsafeRawPointer) -> Int? {
        let first = Int(id.load(as: UInt8.self))
        var low = first == 0 ? 0 : Int(Self.uint32(bytes, fanOut + 4 * (first - 1)))
        var high = Int(Self.uint32(bytes, fanOut + 4 * first))
        return bytes.withUnsafeBytes { all -> Int? in
            while low < high {
                let middle = (low + high) / 2
                let order = memcmp(all.baseAddress! + ids + middle * 20, id, 20)
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    func id(at position: Int) -> CommitID {
        bytes.withUnsafeBytes { CommitID($0.baseAddress! + ids + position * 20) }
    }

    /// The parents (in order) and committer date of the commit at `position`; nil when a parent position or an
    /// extra-edge index points outside the file, or the date is 0 (what git writes for a date it could not parse,
    /// which libgit2 may read otherwise: the commit itself is read then).
    func links(at position: Int) -> CommitLinks? {
        let record = data + position * 36
        let first = Self.uint32(bytes, record + 20), second = Self.uint32(bytes, record + 24)
        let date = Int64(Self.uint32(bytes, record + 28) & 3) << 32 | Int64(Self.uint32(bytes, record + 32))
        guard date != 0 else { return nil }
        var parents: [CommitID] = []
        if first != Self.noParent {
            guard Int(first) < count else { return nil }
            parents.append(id(at: Int(first)))
        }
        if second & 0x8000_0000 != 0 {
            // An octopus: the second and later parents are listed in EDGE from this index, the last one flagged.
            guard first != Self.noParent else { return nil }
            var edge = Int(second & 0x7FFF_FFFF)
            while true {
                guard edge < edgeCount else { return nil }
                let value = Self.uint32(bytes, edges + 4 * edge)
                guard Int(value & 0x7FFF_FFFF) < count else { return nil }
                parents.append(id(at: Int(value & 0x7FFF_FFFF)))
                if value & 0x8000_0000 != 0 { break }
                edge += 1
            }
        } else if second != Self.noParent {
            guard Int(second) < count, first != Self.noParent else { return nil }
            parents.append(id(at: Int(second)))
        }
        return CommitLinks(parents: parents, time: date)
    }

    private static func uint32(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3])
    }

    private static func uint64(_ bytes: [UInt8], _ index: Int) -> UInt64 {
        UInt64(uint32(bytes, index)) << 32 | UInt64(uint32(bytes, index + 4))
    }
}

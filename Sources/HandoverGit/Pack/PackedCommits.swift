import CZlib
import Foundation

/// Commits read straight from the repository's pack files, mapped: for a walk that reads tens of thousands of small
/// objects once each. `PackedObjects` reads an object with `pread` and first reads each index whole and sorts every
/// offset in it (to know where each entry ends); on the 100,000-commit benchmark repository (400,000 objects) that
/// setup, one system call per commit and the copy of each entry cost a third of a walk that was then slower than
/// libgit2's (770 against 680 ms CPU, load 4). Here the index and the pack are mapped (pages the walk touches are
/// read; they stay the page cache's), an entry is inflated where it lies (zlib stops at the end of its stream, so
/// no end offset is needed), and the objects a delta chain builds are kept while the walk goes on through them.
///
/// nil from `read` is "elsewhere": not in these packs, not a commit, or not readable here; the caller asks libgit2.
final class PackedCommits {
    private struct Mapping {
        let start: UnsafeRawPointer
        let size: Int

        init?(path: String) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_size > 0,
                  let mapped = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
                  mapped != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
            start = UnsafeRawPointer(mapped)
            size = Int(info.st_size)
        }

        func release() { munmap(UnsafeMutableRawPointer(mutating: start), size) }

        func uint32(_ at: Int) -> UInt32 { UInt32(bigEndian: start.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }

    /// One pack and its index (version 2, SHA-1: magic, version, 256 fan-out counts, names, CRCs, 31-bit offsets,
    /// 64-bit offsets, checksums).
    private struct Pack {
        let index: Mapping
        let pack: Mapping
        let count: Int
        var names: Int { 8 + 1024 }
        var smallOffsets: Int { names + count * 24 }
        var largeOffsets: Int { names + count * 28 }

        init?(indexPath: String) {
            guard let index = Mapping(path: indexPath) else { return nil }
            guard let pack = Mapping(path: String(indexPath.dropLast(4)) + ".pack") else {
                index.release()
                return nil
            }
            self.index = index
            self.pack = pack
            let count = index.size >= 8 + 1024 ? Int(index.uint32(8 + 1020)) : 0
            self.count = count
            var previous: UInt32 = 0
            var sane = index.size >= 8 + 1024 + count * 28 + 40 && index.uint32(0) == 0xFF74_4F63 && index.uint32(4) == 2
                && pack.size >= 32 && pack.uint32(0) == 0x5041_434B && (pack.uint32(4) == 2 || pack.uint32(4) == 3)
            for slot in 0..<256 where sane {
                let value = index.uint32(8 + 4 * slot)
                sane = value >= previous
                previous = value
            }
            guard sane else {
                index.release()
                pack.release()
                return nil
            }
        }

        /// Where the object named by the 20 bytes at `id` starts in the pack.
        func offset(of id: UnsafeRawPointer) -> Int? {
            let first = Int(id.load(as: UInt8.self))
            let low = first == 0 ? 0 : Int(index.uint32(8 + 4 * (first - 1)))
            let high = Int(index.uint32(8 + 4 * first))
            guard let position = PackIndex.position(of: id, names: index.start + names, low: low, high: high) else { return nil }
            let small = index.uint32(smallOffsets + 4 * position)
            guard small & 0x8000_0000 != 0 else { return Int(small) }
            let large = largeOffsets + 8 * Int(small & 0x7FFF_FFFF)
            guard large + 8 <= index.size - 40 else { return nil }
            let offset = UInt64(index.uint32(large)) << 32 | UInt64(index.uint32(large + 4))
            return offset < UInt64(pack.size - 20) ? Int(offset) : nil
        }
    }

    /// An entry's header: its type, the size it inflates to, where its compressed data starts, and for a delta its
    /// base (an offset in this pack, or a name to look up).
    private enum Base { case none, offset(Int), name(UnsafeRawPointer) }

    private var packs: [Pack]
    private var lastPack = 0
    private var stream = z_stream()
    private let ready: Bool
    /// Objects built, by pack and offset: the bases of the deltas still to come. Dropped whole when over `cacheLimit`
    /// (a walk's next commits are built on its last ones; a chain cut costs one rebuild of at most its depth).
    private var cache: [Int: [UInt8]] = [:]
    private var cacheBytes = 0
    private let cacheLimit = 4 << 20
    /// The largest commit built: far over any real one (the largest in git's own history is under 100 KB).
    private let limit = 16 << 20

    init(objectsDirectory: String) {
        var seen = Set<String>()
        packs = PackedObjects.indexPaths(objectsDirectory, seen: &seen, depth: 0).compactMap { Pack(indexPath: $0) }
        ready = handover_inflate_init(&stream) == Z_OK
    }

    deinit {
        for pack in packs {
            pack.index.release()
            pack.pack.release()
        }
        if ready { inflateEnd(&stream) }
    }

    /// The commit named by the 20 bytes at `id`, or nil when the packs do not hold it as a commit this reader can build.
    func read(_ id: UnsafeRawPointer) -> [UInt8]? {
        guard ready, let (pack, offset) = locate(id) else { return nil }
        return build(pack: pack, offset: offset)
    }

    private func locate(_ id: UnsafeRawPointer) -> (Int, Int)? {
        guard !packs.isEmpty else { return nil }
        if let offset = packs[lastPack].offset(of: id) { return (lastPack, offset) }
        for pack in packs.indices where pack != lastPack {
            if let offset = packs[pack].offset(of: id) {
                lastPack = pack
                return (pack, offset)
            }
        }
        return nil
    }

    /// Follows the delta chain from `offset` back to a kept object or a whole commit, then applies the deltas
    /// forward, keeping each object built.
    private func build(pack: Int, offset: Int) -> [UInt8]? {
        var chain: [(key: Int, data: Int, size: Int)] = []
        var pack = pack, offset = offset
        var built: [UInt8]
        while true {
            let key = pack << 48 | offset
            if let kept = cache[key] {
                built = kept
                break
            }
            guard chain.count <= 4095, let (type, size, data, base) = header(packs[pack].pack, at: offset), size <= limit else { return nil }
            switch (type, base) {
            case (1, .none):
                guard let whole = inflate(packs[pack].pack, at: data, size: size) else { return nil }
                built = whole
                keep(key, whole)
            case (6, .offset(let start)):
                chain.append((key, data, size))
                offset = start
                continue
            case (7, .name(let name)):
                chain.append((key, data, size))
                guard let found = locate(name) else { return nil }
                (pack, offset) = found
                continue
            default:
                return nil  // a tree, blob or tag, or a malformed entry
            }
            break
        }
        // The chain was followed back from the commit asked for: the pack each delta lies in is in its key.
        for link in chain.reversed() {
            guard let delta = inflate(packs[link.key >> 48].pack, at: link.data, size: link.size),
                  let result = try? Delta.apply(delta, to: built, limit: limit) else { return nil }
            built = result
            keep(link.key, result)
        }
        return built
    }

    private func keep(_ key: Int, _ object: [UInt8]) {
        if cacheBytes + object.count > cacheLimit {
            cache.removeAll(keepingCapacity: true)
            cacheBytes = 0
        }
        cache[key] = object
        cacheBytes += object.count
    }

    /// The entry at `offset`: type, inflated size, where its data starts, its base.
    private func header(_ pack: Mapping, at offset: Int) -> (UInt8, Int, Int, Base)? {
        let end = pack.size - 20
        var position = offset
        func next() -> UInt8? {
            guard position < end else { return nil }
            defer { position += 1 }
            return pack.start.load(fromByteOffset: position, as: UInt8.self)
        }
        guard offset >= 12, var byte = next() else { return nil }
        let type = (byte >> 4) & 7
        var size = Int(byte & 0x0F), shift = 4
        while byte & 0x80 != 0 {
            guard shift <= 56, let more = next() else { return nil }
            byte = more
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        switch type {
        case 6:
            guard var byte = next() else { return nil }
            var distance = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard distance < 1 << 48, let more = next() else { return nil }
                byte = more
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            guard distance > 0, distance <= offset - 12 else { return nil }
            return (type, size, position, .offset(offset - distance))
        case 7:
            guard position + 20 <= end else { return nil }
            return (type, size, position + 20, .name(pack.start + position))
        default:
            return (type, size, position, .none)
        }
    }

    /// Inflates the stream at `data`, which must come to exactly `size` bytes.
    private func inflate(_ pack: Mapping, at data: Int, size: Int) -> [UInt8]? {
        guard inflateReset(&stream) == Z_OK else { return nil }
        var status: Int32 = Z_DATA_ERROR
        var produced = 0
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, initialized in
            stream.next_in = UnsafeMutablePointer(mutating: pack.start.assumingMemoryBound(to: UInt8.self) + data)
            stream.avail_in = uInt(min(pack.size - 20 - data, Int(UInt32.max)))
            stream.next_out = out.baseAddress!
            stream.avail_out = uInt(max(size, 1))
            status = CZlib.inflate(&stream, Z_FINISH)
            produced = Int(stream.total_out)
            initialized = produced
        }
        guard status == Z_STREAM_END, produced == size else { return nil }
        return output
    }
}

import CLibgit2
import Foundation

/// Reads objects straight from a repository's pack files, keeping the objects deltas are built on.
///
/// libgit2 1.5 keeps no delta base over 1 MB (`GIT_PACK_CACHE_SIZE_LIMIT`, fixed at compile time), so it rebuilds
/// every version of a lockfile or a translation catalogue from the far end of its delta chain: reading formbricks'
/// 61,842 blobs in history order took libgit2 19.4 s of CPU where `git cat-file --batch` took 3.2 s (docs/precision.md,
/// "Speed — session 10"). Here every object built is kept in a cache bounded by bytes, so the next version, a delta
/// on this one, costs one delta.
///
/// What this reader cannot answer — an object in no pack (loose, in an alternate's loose objects, missing), a pack it
/// cannot parse — is `elsewhere`, and the caller asks libgit2, which stays the judge of what is unreadable.
final class PackedObjects {
    enum Lookup {
        case found([UInt8])
        /// Larger than the reader builds.
        case tooLarge
        /// Not in a pack this reader can read, or not of the kind asked for: ask libgit2.
        case elsewhere
    }

    /// The largest object a history scan builds from the packs: far over any file it scans (4 MB), for the delta
    /// bases of those files.
    static let largestBuilt = 64 << 20

    private let packs: [PackFile]
    private let inflater = Inflater()
    private var cache: ObjectCache
    /// The largest object (or delta) this reader builds.
    let limit: Int
    /// Blobs answered from the packs, and deltas applied by kind of base reference: for tests and measurements.
    private(set) var blobsRead = 0
    private(set) var offsetDeltas = 0
    private(set) var nameDeltas = 0
    /// The pack that answered last: objects of one history mostly sit in one pack.
    private var lastPack = 0

    init(objectsDirectory: String, cacheBytes: Int, limit: Int) {
        var seen = Set<String>()
        packs = Self.indexPaths(objectsDirectory, seen: &seen, depth: 0).compactMap { try? PackFile(indexPath: $0) }
        cache = ObjectCache(limit: cacheBytes)
        self.limit = limit
    }

    /// A reader for another thread over the same open packs: the indexes are read once (`pread` of a shared
    /// descriptor is safe from any thread; an index never changes once read); the cache and the zlib stream are its own.
    init(sharingPacksOf other: PackedObjects, cacheBytes: Int) {
        packs = other.packs
        cache = ObjectCache(limit: cacheBytes)
        limit = other.limit
    }

    /// The packs of `repo` (its common directory's, for a linked worktree) and of its alternates.
    convenience init(repo: GitRepository, cacheBytes: Int, limit: Int) {
        let common = git_repository_commondir(repo.handle).map { String(cString: $0) } ?? ""
        self.init(objectsDirectory: URL(fileURLWithPath: common).appendingPathComponent("objects").path, cacheBytes: cacheBytes, limit: limit)
    }

    var packCount: Int { packs.count }

    /// The object named `id`, when it is a `kind`.
    func read(_ id: UnsafePointer<git_oid>, as kind: PackFile.ObjectKind) -> Lookup {
        guard let (pack, offset) = locate(UnsafeRawBufferPointer(start: id, count: PackIndex.nameBytes)) else { return .elsewhere }
        do {
            let (found, bytes) = try object(pack: pack, offset: offset)
            guard found == kind else { return .elsewhere }
            if kind == .blob { blobsRead += 1 }
            return .found(bytes)
        } catch Delta.Failure.tooLarge {
            return .tooLarge
        } catch {
            return .elsewhere
        }
    }

    private func locate(_ name: UnsafeRawBufferPointer) -> (Int, UInt64)? {
        guard !packs.isEmpty else { return nil }
        if let offset = packs[lastPack].index.offset(of: name) { return (lastPack, offset) }
        for pack in packs.indices where pack != lastPack {
            if let offset = packs[pack].index.offset(of: name) {
                lastPack = pack
                return (pack, offset)
            }
        }
        return nil
    }

    /// The object at `offset` of pack `pack`: follows its delta chain back to a kept object or a whole one, then
    /// applies the deltas forward, keeping each object built.
    private func object(pack: Int, offset: UInt64) throws -> (PackFile.ObjectKind, [UInt8]) {
        var chain: [(key: UInt64, entry: PackFile.Entry)] = []
        var pack = pack, offset = offset
        var built: (PackFile.ObjectKind, [UInt8])
        while true {
            let key = ObjectCache.key(pack: pack, offset: offset)
            if let kept = cache.object(key) {
                built = kept
                break
            }
            let entry = try packs[pack].entry(at: offset)
            guard entry.inflatedSize <= limit else {
                // Too large to build: the object asked for is, when its own delta says so; a base alone is not.
                guard let asked = chain.first else { throw Delta.Failure.tooLarge }
                throw try Delta.resultSize(inflater.inflate(asked.entry)) > limit ? Delta.Failure.tooLarge : Delta.Failure.malformed
            }
            switch entry.kind {
            case .object(let kind):
                built = (kind, try inflater.inflate(entry))
                cache.keep(key, built)
            case .offsetDelta(let base):
                chain.append((key, entry))
                offsetDeltas += 1
                offset = base
                continue
            case .nameDelta(let base):
                chain.append((key, entry))
                nameDeltas += 1
                guard let found = base.withUnsafeBytes({ locate($0) }) else { throw PackFile.Failure.unreadable }
                (pack, offset) = found
                continue
            }
            break
        }
        // git writes chains of at most 4,095 (`pack.depth`'s maximum); longer ones are malformed or loop.
        guard chain.count <= 4095 else { throw Delta.Failure.malformed }
        for (position, link) in chain.enumerated().reversed() {
            let delta = try inflater.inflate(link.entry)
            do {
                built = (built.0, try Delta.apply(delta, to: built.1, limit: limit))
            } catch Delta.Failure.tooLarge where position > 0 {
                // Only the object asked for may be too large to build; a base that is cannot be read here.
                throw Delta.Failure.malformed
            }
            cache.keep(link.key, built)
        }
        return built
    }

    /// `objects/pack/*.idx` of this object directory and of its alternates (`objects/info/alternates`, one directory
    /// per line, relative to this one; git follows them five deep).
    static func indexPaths(_ objects: String, seen: inout Set<String>, depth: Int) -> [String] {
        let directory = URL(fileURLWithPath: objects).standardizedFileURL.path
        guard depth <= 5, seen.insert(directory).inserted else { return [] }
        let packDirectory = directory + "/pack"
        var paths = ((try? FileManager.default.contentsOfDirectory(atPath: packDirectory)) ?? [])
            .filter { $0.hasSuffix(".idx") }
            .sorted()
            .map { packDirectory + "/" + $0 }
        if let alternates = try? String(contentsOfFile: directory + "/info/alternates", encoding: .utf8) {
            for line in alternates.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
                let path = line.hasPrefix("/") ? String(line) : directory + "/" + line
                paths += indexPaths(path, seen: &seen, depth: depth + 1)
            }
        }
        return paths
    }
}

/// Objects built from the packs, by pack and offset, bounded by bytes; the least recently used go first. An entry
/// shares its bytes with whoever holds the array, so keeping an object the scan also holds costs nothing more.
struct ObjectCache {
    private var entries: [UInt64: (kind: PackFile.ObjectKind, bytes: [UInt8], use: Int)] = [:]
    /// Keys in order of use; an entry used again is appended again, and its older place is skipped.
    private var uses: [(key: UInt64, use: Int)] = []
    private var head = 0
    private var clock = 0
    private var bytes = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    static func key(pack: Int, offset: UInt64) -> UInt64 { UInt64(pack) << 48 | offset }

    mutating func object(_ key: UInt64) -> (PackFile.ObjectKind, [UInt8])? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key]!.use = clock
        uses.append((key, clock))
        return (entry.kind, entry.bytes)
    }

    mutating func keep(_ key: UInt64, _ object: (PackFile.ObjectKind, [UInt8])) {
        guard entries[key] == nil, object.1.count <= limit / 4 else { return }
        clock += 1
        entries[key] = (object.0, object.1, clock)
        uses.append((key, clock))
        bytes += object.1.count
        while bytes > limit, head < uses.count {
            let oldest = uses[head]
            head += 1
            guard let entry = entries[oldest.key], entry.use == oldest.use else { continue }
            entries[oldest.key] = nil
            bytes -= entry.bytes.count
        }
        if head > 4096 && head * 2 > uses.count {
            uses.removeFirst(head)
            head = 0
        }
    }
}

/// libgit2's text-or-binary rule (`git_blob_is_binary`), for blobs read from the packs: the first 8,000 bytes hold a
/// NUL, or start with a UTF-16/32 byte-order mark, or have more than one control character per 128 printable ones.
enum BinaryText {
    static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let head = bytes.prefix(8000)
        var start = head.startIndex
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            start += 3
        } else if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0, 0, 0xFE, 0xFF]) {
            return true
        }
        var printable = 0, control = 0
        func classify(_ byte: UInt8) -> Bool {
            if (byte > 0x1F && byte != 0x7F) || byte == 0x08 || byte == 0x1B || byte == 0x0C {
                printable += 1
            } else if byte == 0 {
                return true
            } else if !(0x09...0x0D).contains(byte) {
                control += 1
            }
            return false
        }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080, lows = ones &* 0x7F
        /// The high bit of each byte of `x` that is zero (exact: no borrow crosses bytes).
        func zeros(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x) & highs }
        var index = start
        // Eight bytes at a time while each is printable, or a tab, line feed or carriage return (neither printable
        // nor control): text mostly.
        while index + 8 <= head.endIndex {
            let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            let below = ~(((word & lows) &+ ones &* 0x60) | word) & highs  // bytes under 0x20
            let spaces = below == 0 ? 0 : zeros(word ^ ones &* 0x09) | zeros(word ^ ones &* 0x0A) | zeros(word ^ ones &* 0x0D)
            if below & ~spaces == 0 && zeros(word ^ lows) == 0 {
                printable += 8 - spaces.nonzeroBitCount
            } else {
                for offset in 0..<8 where classify(bytes[index + offset]) { return true }
            }
            index += 8
        }
        while index < head.endIndex {
            if classify(bytes[index]) { return true }
            index += 1
        }
        return printable >> 7 < control
    }
}

import CZlib
import Foundation

/// One pack file and its index, read with `pread` (nothing mapped, so a scan's memory is what it keeps, not every
/// page of the pack it touched).
final class PackFile {
    let path: String
    let index: PackIndex
    private let descriptor: Int32

    /// An entry as stored: its type, the size of what its compressed data inflates to, where that data lies in
    /// `raw`, and for a delta, its base.
    struct Entry {
        enum Kind: Equatable {
            case object(ObjectKind)
            case offsetDelta(base: UInt64)
            case nameDelta(base: [UInt8])
        }
        var kind: Kind
        var inflatedSize: Int
        var raw: [UInt8]
        var data: Int
    }

    enum ObjectKind: UInt8 { case commit = 1, tree = 2, blob = 3, tag = 4 }

    enum Failure: Error { case unreadable, malformed }

    /// Opens `NAME.pack` beside `NAME.idx`.
    init(indexPath: String) throws {
        let packPath = String(indexPath.dropLast(4)) + ".pack"
        let descriptor = open(packPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure.unreadable }
        var info = stat()
        guard fstat(descriptor, &info) == 0, let indexBytes = FileManager.default.contents(atPath: indexPath) else {
            close(descriptor)
            throw Failure.unreadable
        }
        do {
            index = try PackIndex(bytes: [UInt8](indexBytes), packSize: UInt64(info.st_size))
        } catch {
            close(descriptor)
            throw error
        }
        var header = [UInt8](repeating: 0, count: 12)
        guard pread(descriptor, &header, 12, 0) == 12, header[0...3].elementsEqual("PACK".utf8),
              header[7] == 2 || header[7] == 3 else {
            close(descriptor)
            throw Failure.malformed
        }
        self.path = packPath
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The entry starting at `offset`, its compressed data read whole.
    func entry(at offset: UInt64) throws -> Entry {
        guard let end = index.end(after: offset), end > offset, end - offset <= UInt64(Int32.max) else { throw Failure.malformed }
        let count = Int(end - offset)
        let raw = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                guard got > 0 else { throw Failure.unreadable }
                done += got
            }
            initialized = count
        }
        var position = 0
        func next() throws -> UInt8 {
            guard position < raw.count else { throw Failure.malformed }
            defer { position += 1 }
            return raw[position]
        }
        var byte = try next()
        let type = (byte >> 4) & 7
        var size = UInt64(byte & 0x0F)
        var shift: UInt64 = 4
        while byte & 0x80 != 0 {
            byte = try next()
            guard shift <= 56 else { throw Failure.malformed }
            size |= UInt64(byte & 0x7F) << shift
            shift += 7
        }
        guard size <= UInt64(Int32.max) else { throw Failure.malformed }
        let kind: Entry.Kind
        switch type {
        case 1...4:
            kind = .object(ObjectKind(rawValue: type)!)
        case 6:
            // The base's distance back, big-endian base-128 with one added at each continuation (so no value has
            // two spellings).
            byte = try next()
            var distance = UInt64(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard distance < 1 << 56 else { throw Failure.malformed }
                byte = try next()
                distance = ((distance + 1) << 7) | UInt64(byte & 0x7F)
            }
            guard distance > 0, distance <= offset else { throw Failure.malformed }
            kind = .offsetDelta(base: offset - distance)
        case 7:
            guard position + PackIndex.nameBytes <= raw.count else { throw Failure.malformed }
            kind = .nameDelta(base: Array(raw[position..<position + PackIndex.nameBytes]))
            position += PackIndex.nameBytes
        default:
            throw Failure.malformed
        }
        return Entry(kind: kind, inflatedSize: Int(size), raw: raw, data: position)
    }
}

/// One zlib stream, reset for every object (allocating a stream per object costs more than inflating a small one).
final class Inflater {
    private var stream = z_stream()
    private let ready: Bool

    init() { ready = handover_inflate_init(&stream) == Z_OK }

    deinit { if ready { inflateEnd(&stream) } }

    /// Inflates `entry`'s data, which must come to exactly its size.
    func inflate(_ entry: PackFile.Entry) throws -> [UInt8] {
        guard ready, inflateReset(&stream) == Z_OK else { throw PackFile.Failure.unreadable }
        let size = entry.inflatedSize
        var status: Int32 = Z_DATA_ERROR
        var produced = 0
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, initialized in
            entry.raw.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + entry.data)
                stream.avail_in = uInt(input.count - entry.data)
                stream.next_out = out.baseAddress!
                // No more room than announced (one byte for an empty object): data that inflates to more stops
                // short of its end and is refused.
                stream.avail_out = uInt(max(size, 1))
                status = CZlib.inflate(&stream, Z_FINISH)
                produced = Int(stream.total_out)
            }
            initialized = produced
        }
        guard status == Z_STREAM_END, produced == size else { throw PackFile.Failure.malformed }
        return output
    }
}

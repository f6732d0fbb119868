import Foundation

/// git's delta format (gitformat-pack(5), "Deltified representation"): the base's size and the result's size, then
/// instructions that either copy a range of the base or insert the bytes that follow them.
enum Delta {
    enum Failure: Error { case malformed, tooLarge }

    /// The size of the object `delta` builds, from its header.
    static func resultSize(_ delta: [UInt8]) throws -> Int {
        var position = 0
        _ = try varint(delta, &position)
        return try varint(delta, &position)
    }

    /// The object `delta` builds from `base`; at most `limit` bytes.
    static func apply(_ delta: [UInt8], to base: [UInt8], limit: Int) throws -> [UInt8] {
        var position = 0
        guard try varint(delta, &position) == base.count else { throw Failure.malformed }
        let size = try varint(delta, &position)
        guard size <= limit else { throw Failure.tooLarge }
        var written = 0
        var failed = false
        let result = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, initialized in
            delta.withUnsafeBufferPointer { ops in
                base.withUnsafeBufferPointer { source in
                    while position < ops.count {
                        let op = ops[position]
                        position += 1
                        if op & 0x80 != 0 {
                            // Copy: bits 0–3 say which offset bytes follow, bits 4–6 which size bytes (none: 0x10000).
                            var offset = 0, length = 0
                            for bit in 0..<4 where op & (1 << bit) != 0 {
                                guard position < ops.count else { failed = true; return }
                                offset |= Int(ops[position]) << (8 * bit)
                                position += 1
                            }
                            for bit in 0..<3 where op & (0x10 << bit) != 0 {
                                guard position < ops.count else { failed = true; return }
                                length |= Int(ops[position]) << (8 * bit)
                                position += 1
                            }
                            if length == 0 { length = 0x10000 }
                            guard offset + length <= source.count, written + length <= size else { failed = true; return }
                            (out.baseAddress! + written).update(from: source.baseAddress! + offset, count: length)
                            written += length
                        } else if op != 0 {
                            // Insert the next `op` bytes.
                            let length = Int(op)
                            guard position + length <= ops.count, written + length <= size else { failed = true; return }
                            (out.baseAddress! + written).update(from: ops.baseAddress! + position, count: length)
                            written += length
                            position += length
                        } else {
                            failed = true
                            return
                        }
                    }
                }
            }
            initialized = written
        }
        guard !failed, written == size else { throw Failure.malformed }
        return result
    }

    /// A little-endian base-128 size.
    private static func varint(_ bytes: [UInt8], _ position: inout Int) throws -> Int {
        var value = 0, shift = 0
        while true {
            guard position < bytes.count, shift <= 56 else { throw Failure.malformed }
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { return value }
        }
    }
}

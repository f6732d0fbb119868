import CLibgit2
import Foundation
import HandoverCollect

/// Recently read blobs, so a file's next version is compared with the previous one without reading it again.
/// Bounded by bytes; the oldest go first. The arrays are shared with the pack reader's cache, not copied.
final class BlobCache {
    private var blobs: [String: [UInt8]] = [:]
    private var order: [String] = []
    private var head = 0
    private var bytes = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func blob(_ key: String) -> [UInt8]? { blobs[key] }

    func keep(_ blob: [UInt8], as key: String) {
        guard blobs[key] == nil, blob.count <= limit / 4 else { return }
        blobs[key] = blob
        order.append(key)
        bytes += blob.count
        while bytes > limit, head < order.count {
            if let gone = blobs.removeValue(forKey: order[head]) { bytes -= gone.count }
            head += 1
        }
        if head > 4096 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}

/// The part of a new version of a file that differs from its previous version: the bytes between their common
/// prefix and common suffix, widened to whole lines (and back to a key block's BEGIN line when it starts inside
/// one), so a match is never cut.
enum ChangedRegion {
    static func between(old: UnsafeRawBufferPointer, new: UnsafeRawBufferPointer) -> Range<Int> {
        guard let o = old.baseAddress?.assumingMemoryBound(to: UInt8.self), let n = new.baseAddress?.assumingMemoryBound(to: UInt8.self),
              !old.isEmpty, !new.isEmpty else { return 0..<new.count }
        let common = min(old.count, new.count)
        var prefix = 0
        while prefix + 8 <= common && UnsafeRawPointer(o + prefix).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(n + prefix).loadUnaligned(as: UInt64.self) {
            prefix += 8
        }
        while prefix < common && o[prefix] == n[prefix] { prefix += 1 }
        var suffix = 0
        let maxSuffix = common - prefix
        while suffix + 8 <= maxSuffix
            && UnsafeRawPointer(o + old.count - suffix - 8).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(n + new.count - suffix - 8).loadUnaligned(as: UInt64.self) {
            suffix += 8
        }
        while suffix < maxSuffix && o[old.count - suffix - 1] == n[new.count - suffix - 1] { suffix += 1 }
        var start = prefix, end = new.count - suffix
        while start > 0 && n[start - 1] != 10 { start -= 1 }
        while end < new.count && n[end] != 10 { end += 1 }
        // Inside a key block (a BEGIN line above, no END line between): start at the BEGIN line.
        let lookBack = max(0, start - 16 << 10)
        var begin: Int?
        var p = lookBack
        while let found = SecretRules.find(beginMarker, in: n, from: p, to: start) {
            begin = found
            p = found + 1
        }
        if let begin, SecretRules.find(endMarker, in: n, from: begin, to: start) == nil {
            start = begin
            while start > 0 && n[start - 1] != 10 { start -= 1 }
        }
        return start..<max(start, end)
    }

    static let beginMarker = Array("-----BEGIN ".utf8)
    static let endMarker = Array("-----END ".utf8)
}

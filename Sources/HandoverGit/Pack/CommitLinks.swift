import CLibgit2
import Foundation

/// A commit's 20-byte id as three words: a dictionary key that hashes one word (ids are hashes already) and compares
/// three.
struct CommitID: Hashable {
    var head: UInt64
    var middle: UInt64
    var tail: UInt32

    init(_ bytes: UnsafeRawPointer) {
        head = bytes.loadUnaligned(as: UInt64.self)
        middle = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        tail = bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
    }

    init(_ oid: git_oid) {
        var oid = oid
        self = withUnsafeBytes(of: &oid) { CommitID($0.baseAddress!) }
    }

    /// 40 hex digits, either case (as `git_oid_fromstr` takes them); nil for anything else.
    init?(hex bytes: UnsafeRawBufferPointer, at start: Int) {
        guard start >= 0, start + 40 <= bytes.count else { return nil }
        var raw = (UInt64(0), UInt64(0), UInt32(0))
        let ok = withUnsafeMutableBytes(of: &raw) { out -> Bool in
            for index in 0..<20 {
                guard let high = Self.nibble(bytes[start + 2 * index]), let low = Self.nibble(bytes[start + 2 * index + 1]) else { return false }
                out[index] = high << 4 | low
            }
            return true
        }
        guard ok else { return nil }
        head = raw.0
        middle = raw.1
        tail = raw.2
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }

    var oid: git_oid {
        var oid = git_oid()
        var words = (head, middle, tail)
        withUnsafeBytes(of: &words) { words in
            withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: words[0..<20])) }
        }
        return oid
    }

    func hash(into hasher: inout Hasher) { hasher.combine(head) }
}

/// What a time-sorted revision walk needs of a commit: its parents in order and its committer time.
struct CommitLinks: Equatable {
    var parents: [CommitID]
    var time: Int64

    /// The commit's parents and time read as libgit2 1.5's revision walk reads them (`commit_quick_parse`: the tree
    /// line skipped unread, `parent` lines, any `author` lines, the `committer` line's time after its last `>`), for
    /// commits written as git writes them. nil for anything where libgit2's lenient parse could read otherwise or
    /// fail (a malformed parent line, a signature without `<…>`, a time with a sign, spaces or other characters, more
    /// than 18 digits): the caller then lets libgit2 walk, so what libgit2 would say stays what is said.
    init?(commit bytes: UnsafeRawBufferPointer) {
        let end = bytes.count
        var at = 46  // "tree " + 40 hex digits + "\n", skipped as libgit2's quick parse skips it
        guard at <= end else { return nil }
        func starts(_ prefix: StaticString, _ position: Int) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard position + count <= end else { return false }
            return memcmp(bytes.baseAddress! + position, prefix.utf8Start, count) == 0
        }
        var parents: [CommitID] = []
        while starts("parent ", at) {
            guard at + 48 <= end, bytes[at + 47] == 0x0A, let id = CommitID(hex: bytes, at: at + 7) else { return nil }
            parents.append(id)
            at += 48
        }
        guard parents.count <= Int(UInt16.max) else { return nil }
        while starts("author ", at) {
            guard let line = Self.signature(bytes, at, header: 7) else { return nil }
            at = line.next
        }
        guard starts("committer ", at), let committer = Self.signature(bytes, at, header: 10) else { return nil }
        self.parents = parents
        self.time = committer.time
    }

    init(parents: [CommitID], time: Int64) {
        self.parents = parents
        self.time = time
    }

    /// The time of the signature line at `start` and where the next line starts, when libgit2's
    /// `git_signature__parse` reads it without doubt: `<` before the last `>`, then either nothing after `>` and one
    /// more byte (time 0, as libgit2 leaves it), or a space, 1–18 digits, and a space or the line's end.
    private static func signature(_ bytes: UnsafeRawBufferPointer, _ start: Int, header: Int) -> (time: Int64, next: Int)? {
        var newline = start
        while newline < bytes.count, bytes[newline] != 0x0A { newline += 1 }
        guard newline < bytes.count, start + header < newline else { return nil }
        var emailEnd = newline - 1
        while emailEnd >= start + header, bytes[emailEnd] != 0x3E { emailEnd -= 1 }
        guard emailEnd >= start + header else { return nil }
        var emailStart = emailEnd - 1
        while emailStart >= start + header, bytes[emailStart] != 0x3C { emailStart -= 1 }
        // libgit2 takes the last `<` of the line: one after the last `>` makes it refuse the line.
        var later = emailEnd + 1
        while later < newline, bytes[later] != 0x3C { later += 1 }
        guard emailStart >= start + header, later == newline else { return nil }
        guard emailEnd + 2 < newline else { return (0, newline + 1) }
        guard bytes[emailEnd + 1] == 0x20 else { return nil }
        var time: Int64 = 0, digits = 0, position = emailEnd + 2
        while position < newline, (0x30...0x39).contains(bytes[position]) {
            time = time * 10 + Int64(bytes[position] - 0x30)
            digits += 1
            position += 1
        }
        guard (1...18).contains(digits), position == newline || bytes[position] == 0x20 else { return nil }
        return (time, newline + 1)
    }
}

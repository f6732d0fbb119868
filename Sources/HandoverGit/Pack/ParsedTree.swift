import CLibgit2
import Foundation

/// A tree object's entries, parsed from its bytes: for each entry, `MODE NAME\0` and a 20-byte id, in git's order
/// (gitformat-pack(5)). Types and modes are read exactly as libgit2 reads them (`git_tree_entry_type`,
/// `git_tree_entry_filemode`).
struct ParsedTree {
    struct Entry {
        /// The mode as written (octal digits), e.g. 0o100644.
        var mode: UInt32
        var nameStart: Int32
        var nameCount: Int32
        var id: Int32
    }

    let bytes: [UInt8]
    let entries: [Entry]

    /// nil when the bytes are not a well-formed tree.
    init?(bytes: [UInt8]) {
        var entries: [Entry] = []
        var position = 0
        while position < bytes.count {
            var mode: UInt32 = 0
            var digits = 0
            while position < bytes.count, bytes[position] != 0x20 {
                let digit = bytes[position] &- 0x30
                guard digit < 8, digits < 7 else { return nil }
                mode = mode << 3 | UInt32(digit)
                digits += 1
                position += 1
            }
            guard digits > 0, position < bytes.count else { return nil }
            position += 1
            let nameStart = position
            while position < bytes.count, bytes[position] != 0 { position += 1 }
            guard position > nameStart, position + 1 + PackIndex.nameBytes <= bytes.count else { return nil }
            entries.append(Entry(mode: mode, nameStart: Int32(nameStart), nameCount: Int32(position - nameStart), id: Int32(position + 1)))
            position += 1 + PackIndex.nameBytes
        }
        guard bytes.count < Int(Int32.max) else { return nil }
        self.bytes = bytes
        self.entries = entries
    }

    enum Kind { case tree, blob, commit }

    /// libgit2's `git_tree_entry_type`: a submodule (160000) is a commit, a directory (040000) a tree, the rest blobs.
    func kind(_ entry: Entry) -> Kind {
        switch entry.mode & 0o170000 {
        case 0o160000: return .commit
        case 0o040000: return .tree
        default: return .blob
        }
    }

    /// A regular or executable file as libgit2 normalises modes (`normalize_filemode`): not a tree, not a
    /// submodule, not a symlink — unless an executable bit is set, which libgit2 reads as an executable file.
    func isFile(_ entry: Entry) -> Bool {
        let type = entry.mode & 0o170000
        if type == 0o040000 { return false }
        if entry.mode & 0o100 != 0 { return true }
        return type != 0o160000 && type != 0o120000
    }

    func name(_ entry: Entry) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(entry.nameStart)..<Int(entry.nameStart + entry.nameCount)]), as: UTF8.self) }
    }

    func id(_ entry: Entry) -> git_oid {
        var oid = git_oid()
        bytes.withUnsafeBytes { raw in
            withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[Int(entry.id)..<Int(entry.id) + PackIndex.nameBytes])) }
        }
        return oid
    }

    func sameID(_ a: Entry, _ b: Entry, in other: ParsedTree) -> Bool {
        bytes.withUnsafeBytes { mine in
            other.bytes.withUnsafeBytes { theirs in
                memcmp(mine.baseAddress! + Int(a.id), theirs.baseAddress! + Int(b.id), PackIndex.nameBytes) == 0
            }
        }
    }

    /// Git's tree order between an entry of this tree and one of `other`: names compared bytewise, a tree's name as
    /// if it ended in `/`; equal names (whatever their types) are the same entry.
    func order(_ a: Entry, _ b: Entry, in other: ParsedTree) -> Int {
        bytes.withUnsafeBufferPointer { mine in
            other.bytes.withUnsafeBufferPointer { theirs in
                let (na, nb) = (Int(a.nameCount), Int(b.nameCount))
                let common = min(na, nb)
                var index = 0
                while index < common && mine[Int(a.nameStart) + index] == theirs[Int(b.nameStart) + index] { index += 1 }
                if index == na && index == nb { return 0 }
                let x = index < na ? Int(mine[Int(a.nameStart) + index]) : kind(a) == .tree ? 47 : 0
                let y = index < nb ? Int(theirs[Int(b.nameStart) + index]) : other.kind(b) == .tree ? 47 : 0
                return x - y
            }
        }
    }
}

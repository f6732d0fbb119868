import Crypto
import Foundation
import HandoverModel

/// The precomputed answers of `handover lookup` for one snapshot, stored as `snapshots/.lookup/NAME.json`.
package struct LookupIndex: Codable, Sendable, Equatable {
    package var snapshot: String
    /// SHA-256 of the snapshot file the index was made from: an index whose snapshot file is not byte for byte that
    /// one (replaced, edited, crafted beside it) is not used.
    package var digest: String = ""
    /// The snapshot file's identity when the index was sealed (`FileSeal`): while it is unchanged and the file was last
    /// written before the index, the digest need not be recomputed (git trusts its index's stat data the same way).
    package var file: String?
    /// Lower-cased term → the text `lookup` prints.
    package var answers: [String: String]
    /// Every term, for suggestions.
    package var terms: [String]

    package init(snapshot: String, answers: [String: String], terms: [String]) {
        self.snapshot = snapshot
        self.answers = answers
        self.terms = terms
    }

    /// Reads an index fast (JSONSerialization, no Codable pass); nil when absent, unreadable, for another snapshot or
    /// made from other bytes than the snapshot file's now. It is a cache: never trusted without its source.
    package static func read(_ url: URL, snapshot: StoredSnapshot) -> LookupIndex? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["snapshot"] as? String == snapshot.name, let digest = object["digest"] as? String,
              let answers = object["answers"] as? [String: String], let terms = object["terms"] as? [String],
              let source = FileManager.default.contents(atPath: snapshot.url.path), digest == Self.digest(source) else { return nil }
        var index = LookupIndex(snapshot: snapshot.name, answers: answers, terms: terms)
        index.digest = digest
        index.file = object["file"] as? String
        return index
    }

    /// What the index says about one term.
    package enum Answer: Equatable {
        case found(String)
        /// Not a term of this snapshot; `terms` are all of them, for suggestions.
        case missing(terms: [String])
    }

    /// The answer for `key` (already lower-cased) without decoding the whole index or hashing the snapshot when the
    /// seal allows: the index is written by `CanonicalJSON` (sorted keys, two-space indent), so the answer is the one
    /// line `    "KEY" : "…"` of the `answers` block. Anything unexpected falls back to `read` (full parse, digest);
    /// nil when the index is not usable for `snapshot`.
    package static func answer(_ key: String, at url: URL, snapshot: StoredSnapshot) -> Answer? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        if let fast = fastAnswer(key, in: data, indexURL: url, snapshot: snapshot) { return fast }
        guard let index = read(url, snapshot: snapshot) else { return nil }
        return index.answers[key].map { .found($0) } ?? .missing(terms: index.terms)
    }

    /// The one-line lookup; nil when the seal does not vouch for the snapshot or the line is not there (the caller
    /// then parses everything, which also yields the terms for suggestions).
    static func fastAnswer(_ key: String, in data: Data, indexURL: URL, snapshot: StoredSnapshot) -> Answer? {
        guard let encodedKey = try? CanonicalJSON.encode(key).dropLast() else { return nil }
        let needle = Array("    ".utf8) + Array(encodedKey) + Array(" : ".utf8)
        var top: [UInt8] = []
        var fields: [String: String] = [:]
        var value: [UInt8]?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                // A top-level key: exactly two spaces, then a quote.
                if line.count > 3, line[0] == 0x20, line[1] == 0x20, line[2] == 0x22 {
                    guard let colon = Self.range(of: Array(" : ".utf8), in: line) else { continue }
                    top = Array(line[2..<colon])
                    let rest = Array(line[(colon + 3)...])
                    if rest.first == 0x22, let name = Self.jsonString(top), ["digest", "file", "snapshot"].contains(name) {
                        fields[name] = Self.jsonString(rest.last == 0x2C ? Array(rest.dropLast()) : rest)
                    }
                } else if value == nil, top == Array("\"answers\"".utf8), line.starts(with: needle) {
                    let rest = line[needle.count...]
                    value = Array(rest.last == 0x2C ? rest.dropLast() : rest[...])
                }
            }
        }
        guard fields["snapshot"] == snapshot.name, let seal = fields["file"], let indexSeal = FileSeal.of(indexURL.path),
              let current = FileSeal.of(snapshot.url.path), current.text == seal,
              current.modifiedNanoseconds < indexSeal.modifiedNanoseconds else { return nil }
        guard let value, let text = Self.jsonString(value) else { return nil }
        return .found(text)
    }

    static func range(of needle: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count >= needle.count else { return nil }
        for i in 0...(line.count - needle.count) where line[i] == needle[0] {
            if line[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// A JSON string literal (quotes included) decoded; nil for anything else. The escapes are undone here (no
    /// JSONDecoder to set up for one string); an escape this does not know goes to JSONDecoder.
    static func jsonString(_ literal: [UInt8]) -> String? {
        guard literal.count >= 2, literal.first == 0x22, literal.last == 0x22 else { return nil }
        let body = literal[1..<(literal.count - 1)]
        if !body.contains(0x5C) {
            return body.contains(0x22) ? nil : String(decoding: body, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = body.startIndex
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= body.endIndex, let value = UInt32(String(decoding: body[at..<(at + 4)], as: UTF8.self), radix: 16) else { return nil }
            return value
        }
        while i < body.endIndex {
            let byte = body[i]
            if byte == 0x22 { return nil }
            guard byte == 0x5C else { out.append(byte); i += 1; continue }
            guard i + 1 < body.endIndex else { return nil }
            let escape = body[i + 1]
            i += 2
            switch escape {
            case 0x22, 0x5C, 0x2F: out.append(escape)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var scalar = hex(i) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 6 <= body.endIndex, body[i] == 0x5C, body[i + 1] == 0x75, let low = hex(i + 2),
                          (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                return try? JSONDecoder().decode(String.self, from: Data(literal))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `sha256:` and the hex digest of a snapshot file's bytes.
    package static func digest(_ data: Data) -> String {
        "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// A file's identity as stat(2) sees it: device, inode, size, modification and change times in nanoseconds. Writing
/// the file (in place or by rename) changes its modification or change time, and the change time cannot be set back.
package struct FileSeal: Equatable, Sendable {
    package var device: UInt64
    package var inode: UInt64
    package var size: Int64
    package var modifiedNanoseconds: Int64
    package var changedNanoseconds: Int64

    package static func of(_ path: String) -> FileSeal? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o170000 == 0o100000 else { return nil }  // a regular file
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return FileSeal(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedNanoseconds: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec),
            changedNanoseconds: Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec))
    }

    package var text: String { "\(device):\(inode):\(size):\(modifiedNanoseconds):\(changedNanoseconds)" }
}

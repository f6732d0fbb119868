import Foundation
import HandoverModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stored snapshot file.
package struct StoredSnapshot: Sendable, Equatable {
    /// File name, e.g. `20261129T071119Z-k3f9.json`.
    package var name: String
    package var url: URL

    /// The time encoded in the name (UTC), when the name follows the store's pattern.
    package var timestamp: String { String(name.prefix(16)) }

    /// The moment the name carries (`20261129T071119Z` → 2026-11-29T07:11:19Z); nil for another name.
    package var nameDate: Date? {
        let t = Array(timestamp)
        guard t.count == 16 else { return nil }
        let iso = String(t[0..<4]) + "-" + String(t[4..<6]) + "-" + String(t[6..<8]) + "T" + String(t[9..<11]) + ":"
            + String(t[11..<13]) + ":" + String(t[13..<15]) + "Z"
        return Timestamp.parse(iso)
    }
}

/// The `snapshots/` folder: writes atomically without ever replacing a file, lists, resolves names, loads.
package struct SnapshotStore: Sendable {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    // MARK: Writing

    /// Writes `snapshot` under a new name and returns its file. The bytes go to a temp file that is fsynced and
    /// then hard-linked into place, which fails rather than replaces when the name exists; a stray temp file
    /// from a killed run is never listed.
    @discardableResult
    package func write(_ snapshot: Snapshot, preferring name: String? = nil) throws(SnapshotStoreError) -> StoredSnapshot {
        let data: Data
        do {
            data = try CanonicalJSON.encode(snapshot)
        } catch {
            throw .writeFailed(path: directory.path, reason: "encoding failed: \(ErrorText.of(error))")
        }
        // The file boundary: whatever field a registered secret reached, it is not written.
        return try write(data: Redactor.shared.redact(data), createdAt: snapshot.createdAt, preferring: name)
    }

    /// A name `write` will try first for a snapshot taken at `createdAt` (it takes another when that one exists by
    /// then), so that what names the file can be built while the snapshot is encoded.
    package func proposedName(createdAt: Date) -> String {
        "\(Timestamp.compact(createdAt))-\(Self.randomSuffix(4)).json"
    }

    func write(data: Data, createdAt: Date, preferring preferred: String? = nil) throws(SnapshotStoreError) -> StoredSnapshot {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: directory.path, reason: Self.describe(error))
        }
        Self.removeStaleTempFiles(in: directory)
        let temp = directory.appendingPathComponent(".tmp-\(getpid())-\(Self.randomSuffix(8)).json")
        do {
            try Self.writeSynced(data, to: temp)
        } catch {
            // Name the folder the user knows, not the temp file (which is already gone).
            if case .writeFailed(_, let reason) = error { throw .writeFailed(path: directory.path, reason: reason) }
            throw error
        }
        defer { unlink(temp.path) }
        // The proposed name is tried first when it is a snapshot name of this snapshot's second.
        var first = preferred.flatMap { $0.hasPrefix(Timestamp.compact(createdAt) + "-") && Self.isSnapshotName($0) ? $0 : nil }
        for _ in 0..<20 {
            let name = first ?? proposedName(createdAt: createdAt)
            first = nil
            let target = directory.appendingPathComponent(name)
            if link(temp.path, target.path) == 0 {
                Self.syncDirectory(directory)
                return StoredSnapshot(name: name, url: target)
            }
            let code = errno
            guard code == EEXIST else {
                throw .writeFailed(path: target.path, reason: String(cString: strerror(code)))
            }
        }
        throw .writeFailed(path: directory.path, reason: "could not find a free file name")
    }

    private static func writeSynced(_ data: Data, to url: URL) throws(SnapshotStoreError) {
        let fd = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: url.path, reason: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(url.path)
            throw .writeFailed(path: url.path, reason: String(cString: strerror(failure)))
        }
    }

    /// Temp files of runs that were killed before they could clean up (their process no longer exists).
    static func removeStaleTempFiles(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".tmp-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 3, let pid = pid_t(parts[1]), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { unlink(directory.appendingPathComponent(name).path) }
        }
    }

    private static func syncDirectory(_ url: URL) {
        let fd = Glibc.open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func randomSuffix(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in alphabet.randomElement()! })
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    // MARK: Listing and resolving

    /// Stored snapshots, oldest first. Temp files and other files are ignored; a missing folder is empty.
    package func list() throws(SnapshotStoreError) -> [StoredSnapshot] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            if !FileManager.default.fileExists(atPath: directory.path) { return [] }
            throw .unreadable(path: directory.path, reason: Self.describe(error))
        }
        // Names sort by time to the second; two snapshots in one second are ordered by when they were written.
        let stored = names.filter(Self.isSnapshotName).map {
            (snapshot: StoredSnapshot(name: $0, url: directory.appendingPathComponent($0)), written: Self.modificationTime($0, in: directory))
        }
        return stored.sorted { a, b in
            let (ta, tb) = (a.snapshot.timestamp, b.snapshot.timestamp)
            if ta != tb { return ta < tb }
            return a.written != b.written ? a.written < b.written : a.snapshot.name < b.snapshot.name
        }.map(\.snapshot)
    }

    /// Nanoseconds since the epoch of the file's last modification; 0 when unknown.
    private static func modificationTime(_ name: String, in directory: URL) -> Int {
        var info = stat()
        guard stat(directory.appendingPathComponent(name).path, &info) == 0 else { return 0 }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }

    /// `YYYYMMDDTHHMMSSZ-xxxx.json`.
    static func isSnapshotName(_ name: String) -> Bool {
        let chars = Array(name.utf8)
        guard chars.count == 26, name.hasSuffix(".json"), chars[8] == UInt8(ascii: "T"),
            chars[15] == UInt8(ascii: "Z"), chars[16] == UInt8(ascii: "-")
        else { return false }
        let digits = chars[0..<8] + chars[9..<15]
        return digits.allSatisfy { (0x30...0x39).contains($0) }
            && chars[17..<21].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Resolves a snapshot name as users write it: a file name or path, `latest`, `previous`, `latest~N`,
    /// a date or time prefix (`2026-11-29`, `2026-11-29T07`), or a prefix of a file name.
    package func resolve(_ reference: String) throws(SnapshotStoreError) -> StoredSnapshot {
        if reference.hasSuffix(".json") || reference.contains("/") {
            let asGiven = URL(fileURLWithPath: reference)
            if FileManager.default.fileExists(atPath: asGiven.path) {
                return StoredSnapshot(name: asGiven.lastPathComponent, url: asGiven)
            }
        }
        let all = try list()
        guard !all.isEmpty else {
            if reference.hasSuffix(".json") {
                throw .notFound(reference: reference, directory: directory.path, available: 0)
            }
            throw .empty(directory: directory.path)
        }
        if let back = Self.stepsBack(reference) {
            guard back < all.count else { throw .outOfRange(reference: reference, available: all.count) }
            return all[all.count - 1 - back]
        }
        if let exact = all.first(where: { $0.name == reference }) { return exact }
        let prefix = Self.compactPrefix(reference)
        if !prefix.isEmpty, let match = all.last(where: { $0.name.hasPrefix(prefix) }) { return match }
        throw .notFound(reference: reference, directory: directory.path, available: all.count)
    }

    /// `latest` → 0, `previous` → 1, `latest~N` → N.
    static func stepsBack(_ reference: String) -> Int? {
        switch reference {
        case "latest": return 0
        case "previous": return 1
        default:
            guard reference.hasPrefix("latest~"), let n = Int(reference.dropFirst(7)), n >= 0 else { return nil }
            return n
        }
    }

    /// `2026-11-29T07:11` → `20261129T0711`; file-name prefixes pass through.
    static func compactPrefix(_ reference: String) -> String {
        let compact = reference.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let allowed = compact.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "T" || $0 == "Z" || $0.isLowercase || $0 == "." ) }
        return allowed && compact.count >= 4 ? compact : ""
    }

    // MARK: Loading

    /// Files larger than this are refused unread: handover writes a few MiB even for hundreds of hosts.
    package static let maxSnapshotBytes = 256 << 20

    /// A snapshot resolved and loaded, with the unreadable files passed over on the way.
    package struct Opened: Sendable {
        package var stored: StoredSnapshot
        package var snapshot: Snapshot
        /// Newer files that could not be read, each with its reason: report them, they are not the answer.
        package var skipped: [SnapshotStoreError]
    }

    /// How far past the clock a snapshot may be dated and still be taken as the latest (clocks drift between machines
    /// that commit snapshots to one repository).
    package static let futureSkew: TimeInterval = 300

    /// Why `stored` (with its content, when read) is not trusted as a point in history: named or dated after `now`.
    package static func future(_ stored: StoredSnapshot, createdAt: Date?, now: Date) -> SnapshotStoreError? {
        let limit = now.addingTimeInterval(futureSkew)
        if let named = stored.nameDate, named > limit {
            return .future(path: stored.url.path, dated: Timestamp.iso8601(named))
        }
        if let createdAt, createdAt > limit { return .future(path: stored.url.path, dated: Timestamp.iso8601(createdAt)) }
        return nil
    }

    /// Resolves and loads a reference. `latest`, `previous` and `latest~N` count readable snapshots only, so a
    /// corrupt, truncated or newer-schema file never stops the commands that read history; the files passed over
    /// are returned to be reported. Any other reference names one file, and its error is the answer.
    ///
    /// `read` sees each file's bytes as soon as they are read, and `parsed` its parse before it is decoded (`diff`
    /// starts its commit walk from the head commits there); for `latest~N` that is every file read on the way, one
    /// passed over included. `unread` sections are left undecoded (`Snapshot.unreadSections`).
    package func open(_ reference: String, now: Date = WallClock.now(), read: ((Data) -> Void)? = nil, parsed: ((JSONTape) -> Void)? = nil,
                      unread: Set<SectionName> = []) throws(SnapshotStoreError) -> Opened {
        guard let back = Self.stepsBack(reference), !(reference.hasSuffix(".json") || reference.contains("/")) else {
            let stored = try resolve(reference)
            return Opened(stored: stored, snapshot: try load(stored, read: read, parsed: parsed, unread: unread), skipped: [])
        }
        let all = try list()
        guard !all.isEmpty else { throw .empty(directory: directory.path) }
        var skipped: [SnapshotStoreError] = []
        var readable = 0
        for stored in all.reversed() {
            do {
                let snapshot = try load(stored, read: read, parsed: parsed, unread: unread)
                // A file named or dated after now would stay `latest` forever (and make prune delete the real
                // newest): passed over and reported, like an unreadable one.
                if let future = Self.future(stored, createdAt: snapshot.createdAt, now: now) {
                    skipped.append(future)
                    continue
                }
                if readable == back { return Opened(stored: stored, snapshot: snapshot, skipped: skipped) }
                readable += 1
            } catch {
                skipped.append(error)
            }
        }
        if readable == 0, let first = skipped.first { throw first }
        throw .outOfRange(reference: reference, available: readable)
    }

    /// Reads and decodes a snapshot, checking its size and schema version first.
    package func load(_ stored: StoredSnapshot, read: ((Data) -> Void)? = nil, parsed: ((JSONTape) -> Void)? = nil,
                      unread: Set<SectionName> = []) throws(SnapshotStoreError) -> Snapshot {
        let path = stored.url.path
        let data: Data
        switch BoundedFile.read(path, maxBytes: Self.maxSnapshotBytes) {
        case .success(let bytes):
            data = bytes
        case .failure(.tooLarge(let size)):
            throw .corrupt(path: path, detail: "too large (\(size >> 20) MiB; handover refuses files over \(Self.maxSnapshotBytes >> 20) MiB unread) — not a snapshot handover wrote")
        case .failure(.missing):
            throw .unreadable(path: path, reason: "no such file")
        case .failure(.notRegular(let what)), .failure(.unreadable(let what)):
            throw .unreadable(path: path, reason: what)
        }
        read?(data)
        return try Self.decode(data, path: path, parsed: parsed, unread: unread)
    }

    /// Parses `data` once (`JSONTape`), checks the schema version from the parsed root, then decodes the snapshot from
    /// the same parse (`TapeDecoding`, which throws what JSONDecoder would, so the messages below are unchanged).
    package static func decode(_ data: Data, path: String, parsed: ((JSONTape) -> Void)? = nil,
                               unread: Set<SectionName> = []) throws(SnapshotStoreError) -> Snapshot {
        guard !data.isEmpty else { throw .corrupt(path: path, detail: "the file is empty") }
        struct Header: Decodable { var schemaVersion: Int }
        do {
            let tape = try TapeDecoding.tape(data)
            let header = try TapeDecoding.decode(Header.self, from: tape)
            guard header.schemaVersion <= Snapshot.currentSchemaVersion else {
                throw SnapshotStoreError.newerSchema(path: path, found: header.schemaVersion, supported: Snapshot.currentSchemaVersion)
            }
            parsed?(tape)
            return try TapeDecoding.decode(Snapshot.self, from: tape, userInfo: unread.isEmpty ? [:] : [Snapshot.unreadSections: unread])
        } catch let error as SnapshotStoreError {
            throw error
        } catch {
            throw .corrupt(path: path, detail: Self.summary(of: error))
        }
    }

    /// The deploy hash a parsed snapshot records (`git.data.head.commit.sha`), read from the parse alone; nil when
    /// the file has none there.
    package static func headCommit(in tape: JSONTape) -> String? {
        var node = 0
        for key in ["git", "data", "head", "commit", "sha"] {
            guard tape.nodes[node].kind == .object, let value = tape.value(of: node, named: key) else { return nil }
            node = value
        }
        return tape.nodes[node].kind == .string ? tape.string(at: node) : nil
    }

    /// The deploy hash as this tool writes it (`git.data.head.commit.sha`, one member per line, two spaces a level;
    /// `"key" : value` or `"key": value`), found by scanning the bytes before any parse: a guess, nil when the layout is
    /// another. Whoever starts work from it must check it against the parse (``headCommit(in:)``).
    package static func headCommitGuess(in data: Data) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var from = 0
            for (level, key) in ["git", "data", "head", "commit", "sha"].enumerated() {
                let needle = Array(("\n" + String(repeating: " ", count: 2 * (level + 1)) + "\"" + key + "\"").utf8)
                guard let end = find(needle, in: bytes, from: from) else { return nil }
                // `"key" : ` or `"key": `, then `{` (a level down) or, for the hash, its opening quote
                var p = end
                if p < bytes.count, bytes[p] == 0x20 { p += 1 }
                guard p + 2 < bytes.count, bytes[p] == 0x3A, bytes[p + 1] == 0x20, bytes[p + 2] == (key == "sha" ? 0x22 : 0x7B) else { return nil }
                from = p + 3
            }
            var end = from
            while end < bytes.count, end - from <= 64, bytes[end] != 0x22 { end += 1 }
            let hex = bytes[from..<end]
            guard hex.count == 40 || hex.count == 64, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
            return String(decoding: hex, as: UTF8.self)
        }
    }

    /// Just past the first `needle` at or after `from`.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let first = needle.first, let base = bytes.baseAddress, needle.count <= bytes.count else { return nil }
        var i = from
        let last = bytes.count - needle.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if (1..<needle.count).allSatisfy({ bytes[i + $0] == needle[$0] }) { return i + needle.count }
            i += 1
        }
        return nil
    }

    /// A decoding error in a few words, with the key path; never the file's content.
    static func summary(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at `\(keys.joined(separator: "."))`"
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid or truncated JSON" : "invalid value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing `\(key.stringValue)`\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected type\(path(context))"
        @unknown default:
            return "invalid JSON"
        }
    }
}

import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// One history scan's working state: the blobs it read, the findings by fingerprint, the env files still open,
/// and what it could not read.
struct SecretHistoryRun {
    let repo: GitRepository
    let maxBytes: Int
    let fingerprinter: SecretFingerprint
    var findings: [SecretFinding] = []
    /// Fingerprint → index in `findings`.
    var byFingerprint: [String: Int] = [:]
    /// Path → index of its open env-file finding (no deleting commit yet).
    var envFiles: [String: Int] = [:]
    var seen: Set<String> = []
    /// Blob → the fingerprints (and lines) first found in it: a blob seen again elsewhere is one more occurrence.
    var blobPrints: [String: [(print: String, line: Int)]] = [:]
    var unreadable: [String] = []
    var unreadableCount = 0
    private var fingerprints: [String: String] = [:]
    let cache = BlobCache(limit: 32 << 20)
    /// Blob bytes read since the allocator last gave its free pages back.
    private var readSinceTrim = 0

    init(repo: GitRepository, maxBytes: Int, fingerprinter: SecretFingerprint, previous: [SecretFinding]) {
        self.repo = repo
        self.maxBytes = maxBytes
        self.fingerprinter = fingerprinter
        for f in previous {
            if f.isEnvFile, f.removedIn == nil { envFiles[f.path] = findings.count }
            if !f.isEnvFile { byFingerprint[f.fingerprint] = findings.count }
            findings.append(f)
        }
    }

    mutating func noteUnreadable(_ kind: String, _ id: String, path: String?) {
        unreadableCount += 1
        if unreadable.count < UnreadableObjects.kept { unreadable.append("\(kind) \(id.prefix(12))" + (path.map { " \($0)" } ?? "")) }
    }

    /// The fingerprint of a match's value (computed once per value and run).
    mutating func fingerprint(of match: SecretRules.Match) -> String {
        let key = match.rule + "\u{0}" + match.value
        if let known = fingerprints[key] { return known }
        let made = fingerprinter(rule: match.rule, value: match.value)
        fingerprints[key] = made
        return made
    }

    /// Adds a match found at `path` in `commit`: a new finding, or one more occurrence of a known value.
    mutating func record(_ match: SecretRules.Match, path: String, commit: CommitInfo) -> String {
        let print = fingerprint(of: match)
        guard let index = byFingerprint[print] else {
            byFingerprint[print] = findings.count
            findings.append(SecretFinding(rule: match.rule, path: path, line: match.line, commit: commit.sha, author: commit.author, date: commit.date,
                                          redacted: match.redacted, confidence: match.confidence, reasons: match.reasons, fingerprint: print))
            return print
        }
        addOccurrence(index, path: path, line: match.line, commit: commit, confidence: match.confidence, reasons: match.reasons)
        return print
    }

    /// One more place for a known finding (once per file and commit), keeping its most confident judgement.
    mutating func addOccurrence(_ index: Int, path: String, line: Int, commit: CommitInfo, confidence: SecretConfidence, reasons: [SecretReason]) {
        let here = SecretOccurrence(path: path, line: line, commit: commit.sha, date: commit.date)
        var f = findings[index]
        var places = f.occurrences ?? [SecretOccurrence(path: f.path, line: f.line, commit: f.commit, date: f.date)]
        guard !places.contains(where: { $0.path == path && $0.commit == commit.sha }) else { return }
        let total = max(f.occurrenceCount ?? places.count, places.count) + 1
        if places.count < SecretOccurrence.kept { places.append(here) }
        f.occurrences = places
        f.occurrenceCount = total > places.count ? total : nil
        // The most confident sighting decides: a value in a test and in the app is the app's.
        if confidence < f.effectiveConfidence {
            f.confidence = confidence
            f.reasons = reasons
        }
        findings[index] = f
    }

    /// Reads a new or changed file once per run: only the lines that differ from its previous version (when that
    /// is still in memory), and a value already in the previous version is not new.
    mutating func scan(_ change: GitRepository.TreeChange, commit: CommitInfo) {
        guard var blobID = change.newID else { return }
        let key = GitRepository.string(&blobID)
        var oldKey: String?
        if change.kind == .modified, var oldID = change.oldID { oldKey = GitRepository.string(&oldID) }
        guard seen.insert(key).inserted else {
            // A version read before, back at this path (a revert, a copy): its values are here again.
            let before = Set((oldKey.flatMap { blobPrints[$0] } ?? []).map(\.print))
            for (print, line) in blobPrints[key] ?? [] where !before.contains(print) {
                if let index = byFingerprint[print] {
                    let f = findings[index]
                    addOccurrence(index, path: change.path, line: line, commit: commit, confidence: f.effectiveConfidence, reasons: f.reasons ?? [])
                }
            }
            return
        }
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, repo.handle, &blobID) == 0, let blob else {
            noteUnreadable("blob", key, path: change.path)
            return
        }
        let size = Int(git_blob_rawsize(blob))
        guard size <= maxBytes, git_blob_is_binary(blob) == 0, let raw = git_blob_rawcontent(blob) else {
            git_blob_free(blob)
            return
        }
        let bytes = UnsafeRawBufferPointer(start: raw, count: size)
        readSinceTrim += size
        if readSinceTrim > GitMemoryBudget.trimEvery {
            readSinceTrim = 0
            GitMemoryBudget.releaseFreePages()
        }
        let cachedOld = oldKey.flatMap { cache.blob($0) }
        let region = cachedOld.map { ChangedRegion.between(old: Self.bytes(of: $0), new: bytes) }
        let matches = SecretRules.scan(utf8: bytes, path: change.path, region: region)
        if !matches.isEmpty {
            var lookedUp: OpaquePointer?
            if cachedOld == nil, var oldID = change.oldID, change.kind == .modified { _ = git_blob_lookup(&lookedUp, repo.handle, &oldID) }
            defer { if let lookedUp { git_blob_free(lookedUp) } }
            let old = (cachedOld ?? lookedUp).map(Self.bytes(of:))
            for match in matches {
                // Already in the previous version of this file: introduced there, not here.
                if let old, let base = old.baseAddress?.assumingMemoryBound(to: UInt8.self),
                   SecretRules.find(Array(match.value.utf8), in: base, from: 0, to: old.count) != nil { continue }
                blobPrints[key, default: []].append((record(match, path: change.path, commit: commit), match.line))
            }
        }
        cache.keep(blob, as: key, size: size)
    }

    static func bytes(of blob: OpaquePointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: git_blob_rawcontent(blob), count: Int(git_blob_rawsize(blob)))
    }
}

import CLibgit2
import Foundation
import HandoverModel
import HandoverCollect

/// One history scan's working state: the blobs it read, the findings by fingerprint, the env files still open,
/// and what it could not read.
struct SecretHistoryRun {
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

    init(fingerprinter: SecretFingerprint, previous: [SecretFinding]) {
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

    /// Adds what a reader found in one commit, in walk order: env files opened, changed and deleted; each blob's
    /// matches where the run meets it first; a blob met again (a revert, a copy) brings its values back.
    mutating func apply(_ scan: SecretCommitScan) {
        let commit = scan.info
        for event in scan.events {
            switch event {
            case .unreadableTree(let id, let path):
                noteUnreadable("tree", id, path: path)
            case .deleted(let path):
                if let open = envFiles.removeValue(forKey: path) { findings[open].removedIn = commit.sha }
            case .envFile(let path, let confidence, let reasons):
                if let open = envFiles[path] {
                    if confidence < findings[open].effectiveConfidence {
                        findings[open].confidence = confidence
                        findings[open].reasons = reasons
                    }
                } else {
                    envFiles[path] = findings.count
                    findings.append(SecretFinding(rule: SecretRules.envFileRule, path: path, line: nil, commit: commit.sha, author: commit.author,
                                                  date: commit.date, redacted: "(env file committed)", confidence: confidence,
                                                  reasons: reasons.isEmpty ? nil : reasons))
                }
            case .blob(let path, let key, let oldKey, let blob):
                apply(blob, path: path, key: key, oldKey: oldKey, commit: commit)
            }
        }
    }

    private mutating func apply(_ blob: SecretCommitScan.Blob, path: String, key: String, oldKey: String?, commit: CommitInfo) {
        guard seen.insert(key).inserted else {
            // A version read before, back at this path (a revert, a copy): its values are here again.
            let before = Set((oldKey.flatMap { blobPrints[$0] } ?? []).map(\.print))
            for (print, line) in blobPrints[key] ?? [] where !before.contains(print) {
                if let index = byFingerprint[print] {
                    let f = findings[index]
                    addOccurrence(index, path: path, line: line, commit: commit, confidence: f.effectiveConfidence, reasons: f.reasons ?? [])
                }
            }
            return
        }
        switch blob {
        case .read(let matches):
            for match in matches { blobPrints[key, default: []].append((record(match, path: path, commit: commit), match.line)) }
        case .unreadable:
            noteUnreadable("blob", key, path: path)
        case .skipped:
            break
        case .readBefore, .pending, .loaded:
            // Cannot happen (a reader's commits are a subsequence of the walk; every scan is finished before it is
            // applied); counted so it would show.
            noteUnreadable("blob", key, path: path)
        }
    }
}

import Foundation
import HandoverModel

extension SecretRules {
    /// One credential shape found in a text.
    package struct Match: Sendable, Equatable {
        package var rule: String
        /// 1-based.
        package var line: Int
        /// The rule's constant part and `****`: no character of the secret.
        package var redacted: String
        package var confidence: SecretConfidence
        package var reasons: [SecretReason]
        /// The matched text itself, in memory only: for the keyed fingerprint and for "was it already there".
        /// Never stored or printed.
        package var value: String
    }

    static let compiled: [(SecretRule, NSRegularExpression)] = rules.compactMap { rule in
        (try? NSRegularExpression(pattern: rule.regex)).map { (rule, $0) }
    }

    static let anchors = AnchorTable(rules.map(\.anchors))

    /// Credential shapes in a text, with their 1-based line numbers; `path` says where the text sits.
    package static func scan(_ text: String, path: String = "") -> [Match] {
        var copy = text
        return copy.withUTF8 { scan(utf8: UnsafeRawBufferPointer($0), path: path) }
    }

    /// Credential shapes whose anchor starts in `region` of UTF-8 bytes (a blob as libgit2 holds it; the whole
    /// text by default). One pass finds every anchor of every rule; only the lines around an anchor become a
    /// String and meet a regex, so time is linear in the bytes and memory in the longest line read (lines are
    /// cut at `SecretRules.window` bytes either side of an anchor). Line numbers are counted once, forward.
    package static func scan(utf8 bytes: UnsafeRawBufferPointer, path: String = "", region: Range<Int>? = nil) -> [Match] {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return [] }
        let region = (region ?? 0..<bytes.count).clamped(to: 0..<bytes.count)
        let hits = anchors.hits(base, count: bytes.count, region: region)
        guard !hits.isEmpty else { return [] }
        var windows: [(start: Int, end: Int, rule: Int)] = []
        var seen: Set<Int> = []
        for hit in hits {
            let (start, end) = window(base, count: bytes.count, at: hit.start, context: compiled[hit.rule].0.context)
            if seen.insert(start &* 64 &+ hit.rule).inserted { windows.append((start, end, hit.rule)) }
        }
        windows.sort { ($0.start, $0.rule) < ($1.start, $1.rule) }
        var lines = LineCounter(base: base)
        var out: [Match] = []
        var reported: Set<String> = []
        for w in windows {
            let firstLine = lines.line(at: w.start)
            let text = String(decoding: UnsafeRawBufferPointer(start: base + w.start, count: w.end - w.start), as: UTF8.self)
            let (rule, regex) = compiled[w.rule]
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let whole = Range(match.range, in: text) else { continue }
                let groups = (1..<max(1, match.numberOfRanges)).map { i in Range(match.range(at: i), in: text).map { text[$0] } }
                let context = rule.context == .block ? text[whole.lowerBound...] : text[...]
                let candidate = SecretJudgement.Candidate(whole: text[whole], groups: groups, context: context, path: path)
                guard let (confidence, reasons) = SecretJudgement.judge(rule, candidate) else { continue }
                let line = firstLine + text[..<whole.lowerBound].utf8.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
                guard reported.insert("\(rule.id)\u{0}\(line)\u{0}\(text[whole])").inserted else { continue }
                let constant = (groups.first ?? nil).map(String.init) ?? ""
                out.append(Match(rule: rule.id, line: line, redacted: (constant.isEmpty ? rule.prefix : constant) + "****",
                                 confidence: confidence, reasons: reasons, value: String(text[whole])))
            }
        }
        return out.sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
    }

    /// How far either side of an anchor a line is read; a longer (minified) line is cut there.
    static let window = 2048
    /// How far a key block's END line is looked for.
    static let blockWindow = 64 << 10

    /// The bytes a match at `offset` is looked for and judged in: its line, its line and two neighbours either
    /// side, or from its line to a key block's END line.
    static func window(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int, context: SecretRule.Context) -> (Int, Int) {
        func lineStart(_ i: Int, limit: Int) -> Int {
            var j = i
            while j > max(0, i - limit) && base[j - 1] != 10 { j -= 1 }
            return j
        }
        func lineEnd(_ i: Int, limit: Int) -> Int {
            let stop = min(count, i + limit)
            guard i < stop, let nl = memchr(base + i, 10, stop - i) else { return stop }
            return UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base
        }
        switch context {
        case .line:
            return (lineStart(offset, limit: window), lineEnd(offset, limit: window))
        case .nearby:
            var start = lineStart(offset, limit: window), end = lineEnd(offset, limit: window)
            for _ in 0..<2 {
                if start > 0 { start = lineStart(start - 1, limit: window / 2) }
                if end < count { end = lineEnd(end + 1, limit: window / 2) }
            }
            return (start, end)
        case .block:
            let start = lineStart(offset, limit: window)
            let stop = min(count, offset + blockWindow)
            guard let endAt = find(endMarker, in: base, from: offset, to: stop) else { return (start, lineEnd(offset, limit: window)) }
            return (start, lineEnd(endAt, limit: window))
        }
    }

    static let endMarker = Array("-----END ".utf8)

    /// The offset of `needle` in `base[from..<to]`: memchr for its first byte, memcmp for the rest.
    package static func find(_ needle: [UInt8], in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var p = from
        while p + needle.count <= to, let hit = memchr(base + p, Int32(first), to - needle.count + 1 - p) {
            let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            if needle.withUnsafeBufferPointer({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 { return at }
            p = at + 1
        }
        return nil
    }
}

/// Line numbers for increasing offsets in one text: each byte is counted once, whatever the number of matches.
struct LineCounter {
    let base: UnsafePointer<UInt8>
    var offset = 0
    var line = 1

    init(base: UnsafePointer<UInt8>) { self.base = base }

    /// The 1-based line holding `target`; targets must not decrease (an earlier one restarts from the top).
    mutating func line(at target: Int) -> Int {
        if target < offset { (offset, line) = (0, 1) }
        var p = base + offset
        let end = base + target
        while p < end, let nl = memchr(p, 10, end - p) {
            line += 1
            p = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) + 1
        }
        offset = target
        return line
    }
}

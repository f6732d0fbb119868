import Foundation
import HandoverModel
@testable import HandoverStore
import HandoverTestSupport
import Testing

/// The lookup index answers one term from one line when the snapshot file's stat seal vouches for it, and falls back
/// to the full parse and the digest otherwise.
@Suite struct LookupIndexTests {
    static let name = "20261201T000000Z-abcd.json"

    /// A store with one snapshot file and its index; `wrongDigest` replaces the index's digest, so only the seal can
    /// make it usable.
    func make(wrongDigest: Bool = false) throws -> (TempDirectory, SnapshotStore, StoredSnapshot) {
        let dir = TempDirectory("handover-lookup-index")
        let store = SnapshotStore(directory: dir.url)
        dir.write(Self.name, "{\"project\": \"x\"}\n")
        let stored = try #require(try store.list().first)
        usleep(20_000)  // the index is written after the snapshot, in a later tick of the file system's clock
        let answers = ["api": "api (host)\n  address A 10.0.0.1\n", "say \"hi\" – ü": "quoted\n", "prod,uction": "x,",
                       "escapes": "tab\there \\ slash / bell-free \u{7F} bidi \u{202E} emoji 🚀 \r\n"]
        store.writeLookupIndex(LookupIndex(snapshot: Self.name, answers: answers, terms: answers.keys.sorted()), for: stored)
        if wrongDigest {
            let path = store.lookupIndexURL(for: Self.name).path
            let text = try #require(dir.read(".lookup/" + Self.name))
            let forged = text.replacingOccurrences(of: "\"digest\" : \"sha256:", with: "\"digest\" : \"sha256:00")
            #expect(forged != text)
            try Data(forged.utf8).write(to: URL(fileURLWithPath: path))
        }
        return (dir, store, stored)
    }

    @Test func answersATermFromTheIndex() throws {
        let (dir, store, stored) = try make()
        defer { withExtendedLifetime(dir) {} }
        let url = store.lookupIndexURL(for: Self.name)
        #expect(LookupIndex.answer("api", at: url, snapshot: stored) == .found("api (host)\n  address A 10.0.0.1\n"))
        #expect(LookupIndex.answer("say \"hi\" – ü", at: url, snapshot: stored) == .found("quoted\n"))
        #expect(LookupIndex.answer("prod,uction", at: url, snapshot: stored) == .found("x,"))
        #expect(LookupIndex.answer("escapes", at: url, snapshot: stored) == .found("tab\there \\ slash / bell-free \u{7F} bidi \u{202E} emoji 🚀 \r\n"))
        #expect(LookupIndex.answer("nope", at: url, snapshot: stored) == .missing(terms: ["api", "escapes", "prod,uction", "say \"hi\" – ü"]))
    }

    @Test func theSealSparesTheDigest() throws {
        // The digest no longer matches, but the file's identity does: the one-line path answers without hashing.
        let (dir, store, stored) = try make(wrongDigest: true)
        defer { withExtendedLifetime(dir) {} }
        let url = store.lookupIndexURL(for: Self.name)
        #expect(LookupIndex.answer("api", at: url, snapshot: stored) == .found("api (host)\n  address A 10.0.0.1\n"))
        #expect(LookupIndex.answer("escapes", at: url, snapshot: stored) == .found("tab\there \\ slash / bell-free \u{7F} bidi \u{202E} emoji 🚀 \r\n"))
    }

    @Test func jsonStringsDecodeAsJSONDecoderDoes() throws {
        for text in ["", "plain", "q\"uote", "back\\slash", "\u{1}\u{1F}ctl", "ü 🚀 \u{202E}", "a/b", "\r\n\t"] {
            let literal = Array(try CanonicalJSON.encode(text).dropLast())
            #expect(LookupIndex.jsonString(literal) == text, "\(String(decoding: literal, as: UTF8.self))")
        }
        #expect(LookupIndex.jsonString(Array("\"\\ud83d\\ude80\"".utf8)) == "🚀")
        #expect(LookupIndex.jsonString(Array("\"\\ud83d\"".utf8)) == nil, "a lone surrogate")
        #expect(LookupIndex.jsonString(Array("\"a\"b\"".utf8)) == nil, "an unescaped quote inside")
    }

    @Test func aSnapshotWrittenAgainIsNotVouchedForByTheSeal() throws {
        let (dir, store, stored) = try make(wrongDigest: true)
        defer { withExtendedLifetime(dir) {} }
        usleep(20_000)
        dir.write(Self.name, "{\"project\": \"y\"}\n")  // same size, new bytes
        #expect(LookupIndex.answer("api", at: store.lookupIndexURL(for: Self.name), snapshot: stored) == nil)
    }

    @Test func aSnapshotNotOlderThanItsIndexIsCheckedByDigest() throws {
        // Racy like git's index: a file written in the same clock tick as the index could change unseen, so the seal
        // counts only for a snapshot last written strictly before its index.
        let (dir, store, stored) = try make(wrongDigest: true)
        defer { withExtendedLifetime(dir) {} }
        let index = store.lookupIndexURL(for: Self.name)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: index.path)
        #expect(LookupIndex.answer("api", at: index, snapshot: stored) == nil)
    }

    @Test func anIndexForAnotherSnapshotIsNotUsed() throws {
        let (dir, store, _) = try make()
        defer { withExtendedLifetime(dir) {} }
        dir.write("20261202T000000Z-efgh.json", "{\"project\": \"x\"}\n")
        let other = try #require(try store.list().last)
        #expect(other.name != Self.name)
        #expect(LookupIndex.answer("api", at: store.lookupIndexURL(for: Self.name), snapshot: other) == nil)
    }
}

import Foundation
import HandoverFixtures
import Testing
@testable import HandoverModel
@testable import HandoverStore

/// `TapeDecoding` against Foundation's `JSONDecoder` (CanonicalJSON's reference decoder): the same value from every
/// snapshot the repository holds, and the same error (kind and coding path, so the same message) from broken ones.
@Suite struct TapeDecoderTests {
    /// What a decode gave, in words two decoders can be compared by.
    enum Outcome: Equatable, CustomStringConvertible {
        case value(Snapshot)
        case failed(String)

        var description: String {
            switch self {
            case .value(let snapshot): return "a snapshot of \(snapshot.project)"
            case .failed(let what): return what
            }
        }
    }

    static func outcome(_ decode: () throws -> Snapshot) -> Outcome {
        do {
            return .value(try decode())
        } catch let error as DecodingError {
            func path(_ context: DecodingError.Context) -> String {
                context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            }
            switch error {
            case .dataCorrupted(let c): return .failed("corrupted at \(path(c))")
            case .keyNotFound(let key, let c): return .failed("missing \(key.stringValue) at \(path(c))")
            case .typeMismatch(_, let c), .valueNotFound(_, let c): return .failed("type at \(path(c))")
            @unknown default: return .failed("other")
            }
        } catch {
            return .failed("not a DecodingError: \(error)")
        }
    }

    static func both(_ data: Data) -> (foundation: Outcome, tape: Outcome) {
        (outcome { try CanonicalJSON.decoder().decode(Snapshot.self, from: data) },
         outcome { try TapeDecoding.decode(Snapshot.self, from: data) })
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every snapshot file in the repository: the example, the diff fixtures, the fuzz corpus.
    static func snapshotFiles() -> [URL] {
        let folders = ["snapshots", "Tests/HandoverCoreTests/Fixtures", "Fuzz/Corpus/FuzzSnapshot", "examples"]
        var out: [URL] = []
        for folder in folders {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard let data = try? Data(contentsOf: url), data.contains(Array("\"schemaVersion\"".utf8)) else { continue }
                out.append(url)
            }
        }
        return out
    }

    @Test func everyStoredSnapshotDecodesToTheSameValue() throws {
        let files = Self.snapshotFiles()
        #expect(files.count >= 5, "found \(files.count) snapshot files under \(Self.root.path)")
        for url in files {
            let data = try Data(contentsOf: url)
            let (foundation, tape) = Self.both(data)
            #expect(foundation == tape, "\(url.lastPathComponent)")
        }
        let healthy = try CanonicalJSON.encode(HealthyExample.snapshot())
        let (foundation, tape) = Self.both(healthy)
        guard case .value = tape else { Issue.record("the healthy example did not decode: \(tape)"); return }
        #expect(foundation == tape)
    }

    /// The example cut at many points: each cut is refused by both, with the same error.
    @Test func truncatedTextFailsAlike() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("snapshots/example-acme.json"))
        for cut in stride(from: 0, to: data.count, by: max(1, data.count / 97)) {
            let (foundation, tape) = Self.both(data.prefix(cut))
            #expect(foundation == tape, "cut at \(cut)")
            if cut < data.count - 2, case .value = tape { Issue.record("cut at \(cut) decoded") }
        }
    }

    /// Values replaced by the wrong kind, keys renamed, members dropped: the same error or the same value.
    @Test(arguments: [
        ("\"toolVersion\" : \"", "\"toolVersion\" : 7, \"x\" : \""),
        ("\"schemaVersion\" : 3", "\"schemaVersion\" : \"3\""),
        ("\"schemaVersion\" : 3", "\"schemaVersion\" : 3.0"),
        ("\"schemaVersion\" : 3", "\"schemaVersion\" : 3e0"),
        ("\"schemaVersion\" : 3", "\"schemaVersion\" : null"),
        ("\"schemaVersion\" : 3", "\"schemaVersiom\" : 3"),
        ("\"createdAt\" : \"", "\"createdAt\" : \"yesterday\", \"x\" : \""),
        ("\"durationMs\" : ", "\"durationMs\" : -"),
        ("\"durationMs\" : ", "\"durationMs\" : 01"),
        ("\"status\" : \"collected\"", "\"status\" : 1"),
        ("\"status\" : \"collected\"", "\"status\" : null"),
        ("\"status\" : \"collected\"", "\"status\" : \"collected\", \"status\" : \"failed\""),
        ("\"data\" : {", "\"data\" : [{"),
        ("\"data\" : {", "\"data\" : null, \"x\" : {"),
        ("\"records\" : [", "\"records\" : [null, "),
        ("\"records\" : [", "\"records\" : {\"a\": "),
        ("\"ttl\" : ", "\"ttl\" : true, \"y\" : "),
        ("\"name\" : \"", "\"name\" : \"\\ud800"),
        ("\"name\" : \"", "\"name\" : \"\\udc00"),
        ("\"name\" : \"", "\"name\" : \"\\ud83d\\ude00 \\u00e9\\n\\t\\/\\\"\\\\"),
        ("\"name\" : \"", "\"name\" : \"\\x"),
        ("\"name\" : \"", "\"name\" : \"\t"),
        ("\"partial\" : ", "\"partial\" : tru"),
        ("\"partial\" : ", "\"partial\" : 0, \"z\" : "),
        ("{\n", "{,\n"),
        ("{\n", "[\n"),
    ])
    func brokenValuesFailAlike(original: String, replacement: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("snapshots/example-acme.json"), encoding: .utf8)
        guard let range = text.range(of: original) else { Issue.record("`\(original)` is not in the example"); return }
        let broken = text.replacingCharacters(in: range, with: replacement)
        let (foundation, tape) = Self.both(Data(broken.utf8))
        #expect(foundation == tape, "\(replacement)")
    }

    /// The one deliberate difference: a number that does not fit its integer field. JSONDecoder reports it without a
    /// coding path ("invalid or truncated JSON"); the tape decoder names the field.
    @Test(arguments: [
        ("\"schemaVersion\" : 3", "\"schemaVersion\" : 99999999999999999999", "schemaVersion"),
        ("\"ttl\" : ", "\"ttl\" : 1.5, \"y\" : ", "dns.data.domains.[0].hosts.[0].a.records.[0].ttl"),
    ])
    func numbersThatDoNotFitNameTheirField(original: String, replacement: String, path: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("snapshots/example-acme.json"), encoding: .utf8)
        guard let range = text.range(of: original) else { Issue.record("`\(original)` is not in the example"); return }
        let (foundation, tape) = Self.both(Data(text.replacingCharacters(in: range, with: replacement).utf8))
        #expect(foundation == .failed("corrupted at "))
        #expect(tape == .failed("corrupted at \(path)"))
    }

    @Test func byteLevelDefectsAreRefused() throws {
        let text = try Data(contentsOf: Self.root.appendingPathComponent("snapshots/example-acme.json"))
        let name = text.firstRange(of: Data("\"project\" : \"".utf8))!.upperBound
        for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x00]] {
            var broken = text
            broken.insert(contentsOf: bytes, at: name)
            let (foundation, tape) = Self.both(broken)
            #expect(foundation == tape, "\(bytes)")
            #expect(tape == .failed("corrupted at "), "\(bytes)")
        }
        let deep = Data((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)
        #expect(Self.both(deep).tape == .failed("corrupted at "))
        let trailing = text + Data(" x".utf8)
        #expect(Self.both(trailing).foundation == Self.both(trailing).tape)
    }

    /// Any string survives encode → tape decode, escapes and all (the invisibles CanonicalJSON writes as `\u`).
    @Test func stringsRoundTrip() throws {
        let samples = ["", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1F}\u{7F}\u{9B}\u{202E}\u{2066}", "é 漢字 🙂",
                       String(repeating: "x", count: 10_000)]
        let data = try CanonicalJSON.encode(samples)
        #expect(try TapeDecoding.decode([String].self, from: data) == samples)
        #expect(try TapeDecoding.decode([Int].self, from: Data("[0, -1, 9223372036854775807, -9223372036854775808]".utf8))
                == [0, -1, .max, .min])
        #expect(throws: DecodingError.self) { try TapeDecoding.decode([Int].self, from: Data("[9223372036854775808]".utf8)) }
        #expect(try TapeDecoding.decode([Double].self, from: Data("[0.5, -1e3, 12]".utf8)) == [0.5, -1000, 12])
        #expect(try TapeDecoding.decode([String: Int].self, from: Data("{\"b\": 2, \"a\": 1}".utf8)) == ["a": 1, "b": 2])
    }
}

import Foundation
import HandoverModel
import HandoverManifest
import HandoverCollect
import HandoverStore
import HandoverAudit
import HandoverDiff
import HandoverDocuments

/// What each libFuzzer target in Fuzz/ runs (`FUZZ_TARGET=NAME`), here so that the main test suite replays the committed corpus and
/// every crash the fuzzers found (Fuzz/Corpus/TARGET/) through exactly the same code. Each must return for any bytes.
public enum FuzzEntryPoints {
    public static let targets: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("FuzzManifest", manifest), ("FuzzEnvFiles", envFiles), ("FuzzEmailRecords", emailRecords), ("FuzzSnapshot", snapshot),
    ]

    /// The manifest parser: a manifest or a ManifestError with a position.
    public static func manifest(_ bytes: [UInt8]) {
        do {
            _ = try ManifestLoader.parse(data: Data(bytes), path: "fuzz.yml").environments.count
        } catch {
            _ = error.localizedDescription
        }
    }

    /// The env inventory parsers: the first byte picks dotenv, compose, fly.toml, render.yaml, netlify.toml or vercel.json.
    public static func envFiles(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        let text = String(decoding: rest, as: UTF8.self)
        switch first % 6 {
        case 0: _ = DotenvParser.parse(rest, file: ".env")
        case 1: _ = ComposeParser.parse(text, file: "docker-compose.yml")
        case 2: _ = FlyTomlParser.parse(text, file: "fly.toml")
        case 3: _ = RenderYamlParser.parse(text, file: "render.yaml")
        case 4: _ = NetlifyTomlParser.parse(text, file: "netlify.toml")
        default: _ = VercelJSONParser.parse(text, file: "vercel.json")
        }
    }

    /// SPF, DMARC and DKIM parsers on the same text (TXT records are attacker-controlled).
    public static func emailRecords(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = SPFRecord(parsing: text)
        _ = DMARCRecord(parsing: text)
        _ = DKIMRecord(parsing: text)
    }

    /// Snapshot decoding, then what reads a decoded snapshot: the audit, the diff, the template context and every
    /// document in both formats.
    public static func snapshot(_ bytes: [UInt8]) {
        guard let snapshot = try? SnapshotStore.decode(Data(bytes), path: "fuzz.json") else { return }
        let audit = Auditor().audit(AuditContext(snapshot: snapshot, now: snapshot.createdAt))
        let diff = SnapshotDiffer().diff(old: snapshot, oldName: "a.json", new: snapshot, newName: "b.json")
        let context = DocumentContextBuilder(manifest: nil).build(snapshot, name: "fuzz.json", audit: audit, diff: diff)
        guard let renderer = try? DocumentRenderer() else { return }
        for document in DocumentRenderer.documents {
            for format in DocumentRenderer.Format.allCases { _ = try? renderer.render(document.name, format: format, context: context) }
        }
    }
}

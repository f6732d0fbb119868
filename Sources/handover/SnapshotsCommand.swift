import ArgumentParser
import Foundation
import HandoverModel

struct SnapshotsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List stored snapshots, oldest first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    struct Row: Encodable {
        var file: String
        var createdAt: Date?
        var project: String?
        var head: String?
        var partial: Bool?
        var error: String?
    }

    func run() async throws {
        let store = global.store
        let rows = try store.list().map { stored -> Row in
            do {
                let s = try store.load(stored)
                return Row(file: stored.name, createdAt: s.createdAt, project: s.project,
                           head: s.git.data?.head.commit?.sha, partial: s.partial)
            } catch {
                return Row(file: stored.name, error: ErrorText.of(error, max: 4_000))
            }
        }
        switch format {
        case .json:
            Console.output(try CanonicalJSON.encode(["snapshots": rows]))
        case .text:
            if rows.isEmpty { Console.note("no snapshots in \(store.directory.path) yet — run `handover snapshot`") }
            for row in rows {
                if let error = row.error {
                    Console.output("\(row.file)  unreadable\n")
                    Console.error(error)
                    continue
                }
                let head = row.head.map { String($0.prefix(12)) } ?? "-"
                Console.output("\(row.file)  \(row.createdAt.map(Timestamp.iso8601) ?? "-")  \(head)\(row.partial == true ? "  partial" : "")\n")
            }
        }
    }
}

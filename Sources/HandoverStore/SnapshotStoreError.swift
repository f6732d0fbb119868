import Foundation
import HandoverModel

/// Why a snapshot could not be stored, found or read.
package enum SnapshotStoreError: Error, LocalizedError, CategorizedError, Equatable {
    case empty(directory: String)
    case notFound(reference: String, directory: String, available: Int)
    case outOfRange(reference: String, available: Int)
    case corrupt(path: String, detail: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case unreadable(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case future(path: String, dated: String)

    package var errorDescription: String? {
        switch self {
        case .empty(let directory):
            return "\(directory): no snapshots yet — run `handover snapshot` first"
        case .notFound(let reference, let directory, let available):
            return "no snapshot matches `\(reference)` in \(directory) (\(available) stored) — use a file name, `latest`, `previous`, `latest~N` or a date such as 2026-11-29; `handover snapshots` lists them"
        case .outOfRange(let reference, let available):
            return "`\(reference)` goes back further than the \(available) stored snapshot(s) — `handover snapshots` lists them"
        case .corrupt(let path, let detail):
            return "\(path): not a readable snapshot (\(detail)) — move it aside; the other snapshots are unaffected"
        case .newerSchema(let path, let found, let supported):
            return "\(path): written by a newer handover (schema \(found), this build reads up to \(supported)) — upgrade handover to read it"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .future(let path, let dated):
            return "\(path): dated \(dated), in the future — not taken as the latest (a wrong clock or a crafted file); check it, then move it aside"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the snapshot: \(reason) — no snapshot was stored; existing ones are untouched"
        }
    }

    package var category: ErrorCategory {
        switch self {
        case .writeFailed: return .runtime
        default: return .input
        }
    }
}

import Foundation
import HandoverTestSupport
import Testing
import HandoverModel
import HandoverCollect
import HandoverAudit
import HandoverDocuments

/// A history scan that could not read every object (a partial or shallow clone) leaves "zero secrets in the
/// repository history" open, naming what it could not read; severity follows the finding's confidence.
@Suite struct SecretsChecklistTests {
    @Test func unreadableObjectsLeaveTheHistoryItemOpen() {
        func item(_ unreadable: UnreadableObjects?) -> DocumentContext.CheckItem? {
            DocumentTests.fullContext { s in Edit.secrets(&s) { $0.unreadable = unreadable } }
                .checklist.first { $0.area == "Secrets" }?.items.first { $0.title == "zero secrets in the repository history" }
        }
        // The audit's info finding keeps the item open (any counted finding does, in ChecklistBuilder) and says why.
        let open = item(UnreadableObjects(count: 12, examples: ["blob 176f1134eb17 apps/web/font.ttf"]))
        #expect(open?.mark != "✅" && open?.evidence.contains("12 objects of the history could not be read") == true, "\(String(describing: open))")
        #expect(item(nil)?.mark == "✅")
    }

    @Test(arguments: [(SecretConfidence.certain, Severity.blocker), (.likely, .high), (.possible, .medium), (.unlikely, .info)])
    func severityFollowsConfidence(confidence: SecretConfidence, severity: Severity) {
        #expect(SecretCommittedCheck.severity(for: confidence) == severity)
    }

    /// A snapshot written before confidence and occurrences existed still decodes, and its findings count as certain.
    @Test func oldFindingsDecode() throws {
        let json = #"{"rule":"stripe-secret-key","path":"src/pay.ts","line":4,"commit":"aaaa","author":"Jo","date":"2026-01-01T00:00:00Z","redacted":"sk_live_****","fingerprint":"stripe-secret-key:src/pay.ts:aaaa"}"#
        let f = try CanonicalJSON.decoder().decode(SecretFinding.self, from: Data(json.utf8))
        #expect(f.confidence == nil && f.effectiveConfidence == .certain && f.occurrences == nil && f.fingerprint == "stripe-secret-key:src/pay.ts:aaaa")
    }
}

import Foundation
import HandoverModel

/// A core asset has no owner in the manifest.
package enum OwnerMissingCheck: AuditCheck {
    package static let id = "owners.asset-unowned"
    package static let severity = Severity.high
    package static let title = "Asset without an owner"
    package static let impact = "When it breaks or renews, nobody knows who holds the account, the password or the bill."
    package static let remediation = "Add an `owners` entry with the person, a contact and what access they hold."
    package static let reference = "docs/launch-bars.md#handover-who-owns-dns"
    package static let sections: [SectionName] = [.owners]

    package static let assets = ["dns", "email", "hosting", "monitoring", "registrar"]

    package static func observe(_ c: AuditContext) -> [Observation] {
        let owned = Set((c.snapshot.owners.collectedValue ?? []).map { $0.asset.lowercased() })
        return assets.filter { !owned.contains($0) }.map { Observation("owner:\($0)", ["no owners entry for \($0)"]) }
    }

    package static let examples: [CheckExample] = [
        .triggers("registrar unowned") { s in s.owners.data?.removeAll { $0.asset == "registrar" } },
        .passes("all owned") { _ in },
    ]
}

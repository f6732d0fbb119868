import Foundation

/// A core asset has no owner in the manifest.
public enum OwnerMissingCheck: AuditCheck {
    public static let id = "owners.asset-unowned"
    public static let severity = Severity.high
    public static let title = "Asset without an owner"
    public static let impact = "When it breaks or renews, nobody knows who holds the account, the password or the bill."
    public static let remediation = "Add an `owners` entry with the person, a contact and what access they hold."
    public static let reference = "LAUNCH-READY-ROADMAP Stage 6: who owns DNS"
    public static let sections: [SectionName] = [.owners]

    public static let assets = ["dns", "email", "hosting", "monitoring", "registrar"]

    public static func observe(_ c: AuditContext) -> [Observation] {
        let owned = Set((c.snapshot.owners.collectedValue ?? []).map { $0.asset.lowercased() })
        return assets.filter { !owned.contains($0) }.map { Observation("owner:\($0)", ["no owners entry for \($0)"]) }
    }

    public static let examples: [CheckExample] = [
        .triggers("registrar unowned") { s in s.owners.data?.removeAll { $0.asset == "registrar" } },
        .passes("all owned") { _ in },
    ]
}

import Foundation
import HandoverModel
import HandoverCollect

// What the TLS facts mean. The probe records the chain and the verifier's word on its issuer; dates, names and
// self-signing are read off the chain here, at the time asked (the snapshot's own time for what it saw then).

extension HostTLS {
    /// The verdict on this host's chain at `date`; nil when no chain could be verified.
    package func verdict(at date: Date) -> TrustVerdict? {
        guard let verification, let leaf else { return nil }
        let expired = chain.contains { date > $0.notAfter }
        let notYetValid = chain.contains { date < $0.notBefore }
        let selfSigned = chain.count == 1 && leaf.issuer == leaf.subject
        let mismatch = !HostnameMatch.matches(host, sans: leaf.subjectAlternativeNames)
        let unknownIssuer = !verification.issuerTrusted
        return TrustVerdict(trusted: !expired && !notYetValid && !unknownIssuer && !mismatch && !selfSigned, expired: expired,
                            notYetValid: notYetValid, selfSigned: selfSigned, unknownIssuer: unknownIssuer,
                            hostnameMismatch: mismatch, daysLeft: Int(floor(leaf.notAfter.timeIntervalSince(date) / 86_400)),
                            detail: verification.detail)
    }

    /// CAA `issue` identifiers that allow the leaf's issuer (from `IssuerCAATable`); nil when the issuer is not known.
    package var issuerCAADomains: [String]? { IssuerCAATable.domains(forIssuerOrganization: leaf?.issuerOrganization) }
}

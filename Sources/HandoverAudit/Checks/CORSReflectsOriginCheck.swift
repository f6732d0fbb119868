import Foundation
import HandoverModel

/// The API answers a foreign origin with permission.
package enum CORSReflectsOriginCheck: AuditCheck {
    package static let id = "http.cors-reflects-origin"
    package static let severity = Severity.high
    package static let title = "API allows any origin"
    package static let impact = "Any website a logged-in user visits can call your API as that user and read the answers."
    package static let remediation = "Allow only your own origins in Access-Control-Allow-Origin; never echo the request's Origin with credentials."
    package static let reference = "Fetch Standard §3.2 (CORS protocol)"
    package static let sections: [SectionName] = [.http]

    package static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.cors ?? []).compactMap { cors in
            guard cors.reflectsOrigin || cors.wildcardWithCredentials else { return nil }
            return Observation("host:\(cors.host)", ["Origin \(cors.origin) → Access-Control-Allow-Origin \(cors.allowOrigin ?? "")" + (cors.allowCredentials.map { ", Allow-Credentials \($0)" } ?? "")])
        }
    }

    package static let examples: [CheckExample] = [
        .triggers("reflects") { s in Edit.http(&s) { $0.cors[0].allowOrigin = CORSCheck.probeOrigin } },
        .passes("no CORS headers") { _ in },
    ]
}

import Foundation

/// The API answers a foreign origin with permission.
public enum CORSReflectsOriginCheck: AuditCheck {
    public static let id = "http.cors-reflects-origin"
    public static let severity = Severity.high
    public static let title = "API allows any origin"
    public static let impact = "Any website a logged-in user visits can call your API as that user and read the answers."
    public static let remediation = "Allow only your own origins in Access-Control-Allow-Origin; never echo the request's Origin with credentials."
    public static let reference = "Fetch Standard §3.2 (CORS protocol)"
    public static let sections: [SectionName] = [.http]

    public static func observe(_ c: AuditContext) -> [Observation] {
        (c.http?.cors ?? []).compactMap { cors in
            guard cors.reflectsOrigin || cors.wildcardWithCredentials else { return nil }
            return Observation("host:\(cors.host)", ["Origin \(cors.origin) → Access-Control-Allow-Origin \(cors.allowOrigin ?? "")" + (cors.allowCredentials.map { ", Allow-Credentials \($0)" } ?? "")])
        }
    }

    public static let examples: [CheckExample] = [
        .triggers("reflects") { s in Edit.http(&s) { $0.cors[0].allowOrigin = CORSCheck.probeOrigin } },
        .passes("no CORS headers") { _ in },
    ]
}

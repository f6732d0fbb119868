import HandoverModel
/// Asks each question once per snapshot: the DNS map, the email checks and the SPF tree share answers (and see
/// the same ones), and concurrent askers of one question wait for a single query.
package actor CachingLookup: DNSLookup {
    private let upstream: any DNSLookup
    private var answers: [String: Task<DNSResponse, Never>] = [:]

    package init(_ upstream: any DNSLookup) { self.upstream = upstream }

    package func query(_ name: String, _ type: DNSRecordType) async -> DNSResponse {
        let key = "\(name)|\(type.rawValue)"
        if let pending = answers[key] { return await pending.value }
        let upstream = self.upstream
        let task = Task { await upstream.query(name, type) }
        answers[key] = task
        return await task.value
    }
}

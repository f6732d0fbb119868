import Foundation

/// A recursive Unbound resolver on a free loopback port, from a temp config, that asks one authoritative server
/// (a knot serving a fake root and the test zones, see `TestDNS`) for everything: every name resolves as it would on
/// the internet — a CNAME into another zone is followed, a name nobody serves is NXDOMAIN — and nothing leaves the
/// machine. It never caches (a zone reload is seen at once) and hands out the TTLs as the zone files write them.
package final class UnboundServer: @unchecked Sendable {
    package static let unbound = "/usr/sbin/unbound"

    package let port: Int
    package let dir = TempDirectory("handover-unbound")
    private let process = Process()

    /// Starts unbound resolving through `authorityPort` on loopback, with `zones` (the test zones, `.` aside) as stub
    /// zones there. `refusing` makes it answer REFUSED to every client, as a resolver that does not serve us does.
    /// Returns once it answers.
    package init(authorityPort: Int, zones: [String], refusing: Bool = false) throws {
        guard TestServers.unboundAvailable else {
            throw ServerUnavailable(description: "unbound not found at \(Self.unbound) — install Debian's `unbound` (bash scripts/setup does)")
        }
        port = FreePort.next()
        dir.write("unbound.conf", Self.config(dir: dir.path, port: port, authorityPort: authorityPort, zones: zones, refusing: refusing))
        process.executableURL = URL(fileURLWithPath: Self.unbound)
        process.arguments = ["-c", dir.file("unbound.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilAnswering()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    package func log() -> String { dir.read("unbound.log") ?? "" }

    /// The configuration: iterator only (no validation: the test zones are unsigned), no qname minimisation, the
    /// built-in answers for `test.` and `invalid.` (RFC 6761) turned off so those names go to knot like any other.
    static func config(dir: String, port: Int, authorityPort: Int, zones: [String], refusing: Bool) -> String {
        let names = Array(Set(zones.filter { $0 != "." })).sorted()
        var text = """
            server:
                do-daemonize: no
                username: ""
                chroot: ""
                directory: "\(dir)"
                pidfile: "\(dir)/unbound.pid"
                logfile: "\(dir)/unbound.log"
                use-syslog: no
                verbosity: 1
                interface: 127.0.0.1@\(port)
                port: \(port)
                do-ip6: no
                do-not-query-localhost: no
                module-config: "iterator"
                qname-minimisation: no
                num-threads: 1
                access-control: 127.0.0.0/8 \(refusing ? "refuse" : "allow")
                cache-max-ttl: 0
                cache-max-negative-ttl: 0
                serve-original-ttl: yes
                local-zone: "test." nodefault
                local-zone: "invalid." nodefault

            """
        for name in names { text += "    local-zone: \"\(name).\" nodefault\n" }
        text += "remote-control:\n    control-enable: no\n"
        for name in ["."] + names { text += "stub-zone:\n    name: \"\(name)\"\n    stub-addr: 127.0.0.1@\(authorityPort)\n" }
        return text
    }

    /// Asks `. SOA` until any answer comes back (REFUSED counts: a refusing resolver is up too); 10 s at most.
    private func waitUntilAnswering() throws {
        let query: [UInt8] = [0x48, 0x4F, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1]
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if !process.isRunning { throw ServerUnavailable(description: "unbound exited: \(log())") }
            if let answer = DNSFaultProxy.exchange(query, port: port, timeoutMs: 200), answer.count >= 12, answer[0] == 0x48 { return }
            usleep(10_000)
        }
        throw ServerUnavailable(description: "unbound did not answer within 10 s: \(log())")
    }
}

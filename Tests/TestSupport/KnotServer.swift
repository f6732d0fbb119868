import Foundation

/// Thrown when a test needs a server this machine does not have.
package struct ServerUnavailable: Error, CustomStringConvertible {
    package var description: String
}

/// Whether tests that need a real server must run: always under `CI=true`, else only when it is installed.
package enum TestServers {
    package static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    package static var knotAvailable: Bool { FileManager.default.isExecutableFile(atPath: KnotServer.knotd) }
    /// For `.enabled(if:)`: runs (and fails without the server) under CI, skips on a laptop without it.
    package static var runKnotTests: Bool { required || knotAvailable }
    package static var runNginxTests: Bool { required || NginxServer.available }
    package static var unboundAvailable: Bool { FileManager.default.isExecutableFile(atPath: UnboundServer.unbound) }
    /// Knot behind a recursive Unbound (`TestDNS`): runs under CI (and fails without either), else when both are installed.
    package static var runResolverTests: Bool { required || (knotAvailable && unboundAvailable) }
    /// The document checkers: cmark-gfm and python3-html5lib (Debian packages).
    package static var cmarkAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/cmark-gfm") }
    /// The first python that can import html5lib (Debian's /usr/bin/python3 with python3-html5lib, or another).
    package static let html5libPython: String? = ["/usr/bin/python3", "python3"].first {
        (try? ProcessRunner.run($0, ["-c", "import html5lib"]).status) == 0
    }
    package static var html5libAvailable: Bool { html5libPython != nil }
    package static var straceAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") }
    /// Kill-during-write injection: strace. Runs under CI (and fails without it), else when installed.
    package static var runStraceTests: Bool { required || straceAvailable }
    /// A private mount namespace with a small tmpfs needs root (CI runs as root).
    package static var runMountTests: Bool { required || getuid() == 0 }
    package static var runDocumentCheckers: Bool { required || (cmarkAvailable && html5libAvailable) }
}

/// A free loopback port for both UDP and TCP (bound with port 0, then released).
package enum FreePort {
    package static func next() -> Int {
        for _ in 0..<50 {
            let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(tcp) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(tcp, $0, length) == 0 && getsockname(tcp, $0, &length) == 0
                }
            }
            guard bound else { continue }
            let port = Int(UInt16(bigEndian: address.sin_port))
            let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            defer { close(udp) }
            var udpAddress = address
            let udpFree = withUnsafeMutablePointer(to: &udpAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(udp, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            if udpFree { return port }
        }
        return 0
    }
}

/// An authoritative knot DNS server on a free loopback port, from a temp config, with zones the test owns.
/// It starts in well under a second; `reload` swaps a zone's content.
package final class KnotServer: @unchecked Sendable {
    package static let knotd = "/usr/sbin/knotd"
    static let knotc = "/usr/sbin/knotc"

    package let port: Int
    package let dir = TempDirectory("handover-knot")
    private let process = Process()
    private var zones: [String]

    /// Starts knotd serving `zones` (zone name → zone file text); zones in `signed` are DNSSEC-signed by knot
    /// with keys it generates. Zones in `unloaded` are configured without a zone file: knot answers SERVFAIL for
    /// every name in them, as a real server does while its zone cannot load. The root zone is named `.`.
    package init(zones: [String: String], signed: Set<String> = [], unloaded: Set<String> = []) throws {
        guard TestServers.knotAvailable else {
            throw ServerUnavailable(description: "knotd not found at \(Self.knotd) — install Debian's `knot` (bash scripts/setup does)")
        }
        self.zones = zones.keys.sorted()
        port = FreePort.next()
        try FileManager.default.createDirectory(at: dir.file("zones"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.file("db/keys"), withIntermediateDirectories: true)
        for (name, text) in zones { dir.write("zones/\(Self.file(name))", text) }
        let user = getuid() == 0 ? "    user: root:root\n" : ""
        var config = """
            server:
                rundir: "\(dir.path)"
            \(user)    listen: 127.0.0.1@\(port)
            log:
              - target: "\(dir.path)/knot.log"
                any: info
            database:
                storage: "\(dir.path)/db"
            control:
                listen: "\(dir.path)/knot.sock"
            template:
              - id: default
                storage: "\(dir.path)/zones"
                zonefile-sync: -1
                zonefile-load: whole
                journal-content: none
                semantic-checks: off
            zone:

            """
        for name in self.zones {
            config += "  - domain: \(name)\n    file: \(Self.file(name))\n"
            if signed.contains(name) { config += "    dnssec-signing: on\n" }
        }
        for name in unloaded.sorted() { config += "  - domain: \(name)\n    file: \(Self.file(name))\n" }
        dir.write("knot.conf", config)
        process.executableURL = URL(fileURLWithPath: Self.knotd)
        process.arguments = ["-c", dir.file("knot.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitForLoaded(self.zones.map { ($0, nil) }, failing: unloaded)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Replaces a zone's file and reloads it; returns when knot has loaded the new serial.
    package func reload(zone: String, text: String) throws {
        dir.write("zones/\(Self.file(zone))", text)
        let before = log().components(separatedBy: "\(Self.tag(zone)) loaded").count
        let result = try ProcessRunner.run(Self.knotc, ["-c", dir.file("knot.conf").path, "zone-reload", zone])
        guard result.status == 0 else { throw ServerUnavailable(description: "knotc zone-reload failed: \(result.stderr)") }
        try waitForLoaded([(zone, before)])
    }

    package func log() -> String { dir.read("knot.log") ?? "" }

    /// The zone's file name (`root.zone` for `.`).
    static func file(_ zone: String) -> String { zone == "." ? "root.zone" : "\(zone).zone" }

    /// How knot's log names the zone: `[healthy.test.]`, `[.]`.
    static func tag(_ zone: String) -> String { zone == "." ? "[.]" : "[\(zone).]" }

    /// Waits until every zone of `pending` has loaded (more often than `before`) and every zone of `failing` has
    /// failed to load; any other error line in the log is a fixture mistake and is thrown.
    private func waitForLoaded(_ pending: [(String, Int?)], failing: Set<String> = []) throws {
        let deadline = Date().addingTimeInterval(10)
        let expected = failing.map { "\(Self.tag($0)) zone event 'load' failed" }
        while Date() < deadline {
            let text = log()
            let done = pending.allSatisfy { zone, before in
                let loads = text.components(separatedBy: "\(Self.tag(zone)) loaded").count
                return loads > (before ?? 1)
            }
            if done && expected.allSatisfy(text.contains) { return }
            let failures = text.split(separator: "\n").filter { line in
                // A zone configured to fail logs its missing file before the failed load: both are expected.
                line.contains("error:") && !failing.contains { line.contains(Self.tag($0)) }
            }
            if !failures.isEmpty { throw ServerUnavailable(description: "knotd refused a zone:\n" + failures.joined(separator: "\n")) }
            if !process.isRunning { throw ServerUnavailable(description: "knotd exited: \(text)") }
            usleep(10_000)
        }
        throw ServerUnavailable(description: "knotd did not load its zones within 10 s: \(log())")
    }
}

/// Binds a loopback socket of `type` (SOCK_DGRAM / SOCK_STREAM) to a free port; returns the descriptor and port.
func bindLoopback(_ type: Int32) -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, type, 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}


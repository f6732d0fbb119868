import Foundation

/// A certificate authority made with openssl for TLS fixtures: a root, and leaves with chosen names and dates.
package final class TestCA: @unchecked Sendable {
    package let dir = TempDirectory("handover-ca")
    package var rootPath: String { dir.file("ca.pem").path }

    package init(organization: String = "Handover Test CA") throws {
        try FileManager.default.createDirectory(at: dir.file("newcerts"), withIntermediateDirectories: true)
        dir.write("index.txt", "")
        dir.write("serial", "1000\n")
        dir.write("ca.cnf", """
            [ ca ]
            default_ca = testca
            [ testca ]
            dir = \(dir.path)
            database = \(dir.path)/index.txt
            new_certs_dir = \(dir.path)/newcerts
            serial = \(dir.path)/serial
            private_key = \(dir.path)/ca.key
            certificate = \(dir.path)/ca.pem
            default_md = sha256
            policy = anything
            copy_extensions = copy
            unique_subject = no
            default_days = 90
            [ anything ]
            commonName = supplied
            organizationName = optional

            """)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.file("ca.key").path, "-out", rootPath,
                     "-days", "3650", "-subj", "/O=\(organization)/CN=Handover Test Root"])
    }

    /// Issues a leaf for `sans` (DNS names), valid from `notBefore` to `notAfter`; returns (cert path, key path).
    package func issue(_ name: String, sans: [String], notBefore: Date, notAfter: Date, subject: String? = nil) throws -> (String, String) {
        let key = dir.file("\(name).key").path, csr = dir.file("\(name).csr").path, cert = dir.file("\(name).pem").path
        let san = sans.map { "DNS:\($0)" }.joined(separator: ",")
        try openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr,
                     "-subj", subject ?? "/CN=\(sans.first ?? name)", "-addext", "subjectAltName=\(san)"])
        try openssl(["ca", "-batch", "-config", dir.file("ca.cnf").path, "-in", csr, "-out", cert, "-notext",
                     "-startdate", Self.asn1(notBefore), "-enddate", Self.asn1(notAfter)])
        return (cert, key)
    }

    /// A self-signed certificate for `host`.
    package func selfSigned(_ name: String, host: String) throws -> (String, String) {
        let key = dir.file("\(name).key").path, cert = dir.file("\(name).pem").path
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30",
                     "-subj", "/CN=\(host)", "-addext", "subjectAltName=DNS:\(host)"])
        return (cert, key)
    }

    static func asn1(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }

    private func openssl(_ arguments: [String]) throws {
        let result = try ProcessRunner.run("openssl", arguments)
        guard result.status == 0 else { throw ProcessFailure(description: "openssl \(arguments.first ?? ""): \(result.stderr)") }
    }
}

/// nginx on a free loopback port from a temp config: one TLS listener with a server block per SNI name.
package final class NginxServer: @unchecked Sendable {
    package static let binary = "/usr/sbin/nginx"
    package static var available: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    package struct VirtualHost: Sendable {
        package var name: String
        package var certificate: String
        package var key: String
        /// Extra directives inside the TLS server block.
        package var directives: String
        /// Directives of a plain-HTTP server block for the same name on `httpPort`; nil for none.
        package var httpDirectives: String?

        package init(name: String, certificate: String, key: String, directives: String = "location / { return 200 \"ok\\n\"; }",
                    httpDirectives: String? = nil) {
            self.name = name
            self.certificate = certificate
            self.key = key
            self.directives = directives
            self.httpDirectives = httpDirectives
        }
    }

    package let tlsPort: Int
    /// Plain HTTP; names without `httpDirectives` answer 404 here.
    package let httpPort: Int
    package let dir = TempDirectory("handover-nginx")
    private let process = Process()

    /// `httpPreamble`: directives at the `http` level (e.g. a `limit_req_zone`).
    package init(hosts: [VirtualHost], httpPreamble: String = "") throws {
        guard Self.available else {
            throw ServerUnavailable(description: "nginx not found at \(Self.binary) — install Debian's `nginx-light` (bash scripts/setup does)")
        }
        tlsPort = FreePort.next()
        var plain = FreePort.next()
        while plain == tlsPort { plain = FreePort.next() }
        httpPort = plain
        try FileManager.default.createDirectory(at: dir.file("tmp"), withIntermediateDirectories: true)
        var servers = """
                    server {
                        listen 127.0.0.1:\(httpPort) default_server;
                        return 404;
                    }

            """
        for (index, host) in hosts.enumerated() {
            servers += """
                    server {
                        listen 127.0.0.1:\(tlsPort) ssl\(index == 0 ? " default_server" : "");
                        server_name \(host.name);
                        ssl_certificate \(host.certificate);
                        ssl_certificate_key \(host.key);
                        ssl_protocols TLSv1.2 TLSv1.3;
                        \(host.directives)
                    }

                """
            if let plain = host.httpDirectives {
                servers += """
                        server {
                            listen 127.0.0.1:\(httpPort);
                            server_name \(host.name);
                            \(plain)
                        }

                    """
            }
        }
        dir.write("nginx.conf", """
            daemon off;
            master_process off;
            pid \(dir.path)/nginx.pid;
            error_log \(dir.path)/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(dir.path)/tmp/body;
                proxy_temp_path \(dir.path)/tmp/proxy;
                fastcgi_temp_path \(dir.path)/tmp/fastcgi;
                uwsgi_temp_path \(dir.path)/tmp/uwsgi;
                scgi_temp_path \(dir.path)/tmp/scgi;
                \(httpPreamble)
            \(servers)
            }

            """)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["-p", dir.path, "-c", dir.file("nginx.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        RunningServers.started(process.processIdentifier)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port: tlsPort) && Self.canConnect(port: httpPort) { return }
            if !process.isRunning { throw ServerUnavailable(description: "nginx exited: \(dir.read("error.log") ?? "")") }
            usleep(10_000)
        }
        throw ServerUnavailable(description: "nginx did not listen within 10 s: \(dir.read("error.log") ?? "")")
    }

    /// SIGKILL: a process spawned from a test thread inherits its blocked-signal mask, and nginx without a master
    /// process never unblocks SIGTERM/SIGQUIT, so only KILL reliably stops it.
    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        RunningServers.stopped(process.processIdentifier)
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// A TCP port that accepts connections and never says a word.
package final class SilentServer: @unchecked Sendable {
    package let port: Int
    private let fd: Int32

    package init() {
        (fd, port) = bindLoopback(Int32(SOCK_STREAM.rawValue))
        listen(fd, 64)  // the kernel completes handshakes into the backlog; nobody ever reads
    }

    deinit { close(fd) }
}

/// A UDP port that receives and never answers: a DNS resolver that times out on every question.
package final class SilentUDPServer: @unchecked Sendable {
    package let port: Int
    private let fd: Int32

    package init() { (fd, port) = bindLoopback(Int32(SOCK_DGRAM.rawValue)) }

    deinit { close(fd) }
}

/// A plain-HTTP server that answers every request with a fixed head and then a body that never ends (until the
/// client goes away): hostile headers and endless bodies for the fetcher.
package final class HostileHTTPServer: @unchecked Sendable {
    package let port: Int
    private let fd: Int32
    private let head: [UInt8]

    package init(head: String) {
        self.head = Array(head.utf8)
        (fd, port) = bindLoopback(Int32(SOCK_STREAM.rawValue))
        listen(fd, 64)
        serveEachRequest(on: fd) { [head = self.head] client in
            let chunk = [UInt8](repeating: UInt8(ascii: "A"), count: 16 * 1024)
            var sent = 0
            if send(client, head, head.count, Int32(MSG_NOSIGNAL)) > 0 {
                while sent < 64 * 1024 * 1024, send(client, chunk, chunk.count, Int32(MSG_NOSIGNAL)) > 0 { sent += chunk.count }
            }
        }
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

/// Accepts connections on a listening loopback socket until it is shut down; each gets its own thread, which reads the
/// request (one read), hands the socket to `answer` and closes it.
func serveEachRequest(on fd: Int32, _ answer: @escaping @Sendable (Int32) -> Void) {
    let thread = Thread {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            Thread.detachNewThread {
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = read(client, &buffer, buffer.count)
                answer(client)
                close(client)
            }
        }
    }
    thread.start()
}

/// Server processes still running: a shared fixture (`HTTPFixtures.shared`) lives as long as the test process, and no
/// deinit runs at exit, so whatever is left is killed then — no nginx outlives the suite.
enum RunningServers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pids: Set<Int32> = []
    private static let atExit: Void = { atexit { RunningServers.killAll() } }()

    static func started(_ pid: Int32) {
        _ = atExit
        lock.lock()
        pids.insert(pid)
        lock.unlock()
    }

    static func stopped(_ pid: Int32) {
        lock.lock()
        pids.remove(pid)
        lock.unlock()
    }

    static func killAll() {
        lock.lock()
        let left = pids
        pids = []
        lock.unlock()
        for pid in left { kill(pid, SIGKILL) }
    }
}

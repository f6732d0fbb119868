import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The UDP leg of a DNS question: sends a query's wire form to one resolver and waits for its answer, on a socket
/// kept open for the next question to the same resolver.
///
/// ldns's own send opens a socket, binds it, allocates a 64 KiB receive buffer, and closes it again for every
/// question — a third of the CPU of the 8,000 questions of a 500-host snapshot went there. Here a socket (connected,
/// so the kernel drops datagrams from any other address) and its buffer serve one question at a time and go back to
/// the pool after an answer; a socket that timed out or failed is closed, so a late answer to an old question can
/// never meet a new one. An answer counts only with the query's id (drawn from the system's random source for every
/// query) and its question; anything else that arrives is skipped while the attempt's time runs.
package final class DatagramExchange: @unchecked Sendable {
    enum Outcome: Equatable {
        case answer([UInt8])
        /// No answer within the attempts.
        case timeout
        /// The resolver cannot be reached (port unreachable, no route): as a timeout, the next resolver is asked.
        case unreachable(String)
        case failed(String)
    }

    private struct Socket {
        let fd: Int32
        let buffer: UnsafeMutableRawBufferPointer
    }

    private let lock = NSLock()
    private var idle: [String: [Socket]] = [:]
    /// Sockets opened so far (for tests: a run of questions to one resolver reuses them).
    private(set) var opened = 0
    /// At most this many idle sockets are kept per resolver (the questions in flight at once).
    private let keep: Int

    init(keep: Int = 128) { self.keep = keep }

    deinit {
        for socket in idle.values.joined() { Self.close(socket) }
    }

    /// Sends `query` (its first two bytes are its id) to `host`:`port` up to `attempts` times, each waiting at most
    /// `timeoutMs`, and returns the first datagram that answers it.
    func exchange(_ query: [UInt8], host: String, port: UInt16, timeoutMs: Int, attempts: Int) -> Outcome {
        guard query.count >= 12 else { return .failed("query too short") }
        let key = "\(host)#\(port)"
        let socket: Socket
        switch take(key) ?? open(host: host, port: port) {
        case .success(let taken): socket = taken
        case .failure(let error): return .failed(error.text)
        }
        for _ in 0..<max(1, attempts) {
            let sent = query.withUnsafeBytes { send(socket.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                let problem = errno
                if problem == EAGAIN || problem == EWOULDBLOCK || problem == EINTR {
                    // The socket's send buffer is full: this attempt waits for room, the next one sends again.
                    var poller = pollfd(fd: socket.fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, Int32(clamping: timeoutMs))
                    continue
                }
                Self.close(socket)
                return Self.unreachable(problem) ? .unreachable(Self.describe(problem)) : .failed(Self.describe(problem))
            }
            switch wait(socket, for: query, timeoutMs: timeoutMs) {
            case .answer(let bytes):
                give(socket, key)
                return .answer(bytes)
            case .timeout:
                continue
            case let other:
                Self.close(socket)
                return other
            }
        }
        Self.close(socket)
        return .timeout
    }

    /// Reads datagrams until one answers `query` or `timeoutMs` has passed.
    private func wait(_ socket: Socket, for query: [UInt8], timeoutMs: Int) -> Outcome {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return .timeout }
            let (seconds, attoseconds) = left.components
            let ms = Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000 + 1)
            var poller = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, ms)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed(Self.describe(errno))
            }
            if ready == 0 { return .timeout }
            let count = recv(socket.fd, socket.buffer.baseAddress, socket.buffer.count, 0)
            if count < 0 {
                let problem = errno
                if problem == EINTR || problem == EAGAIN { continue }
                return Self.unreachable(problem) ? .unreachable(Self.describe(problem)) : .failed(Self.describe(problem))
            }
            let reply = UnsafeRawBufferPointer(rebasing: socket.buffer[..<count])
            if Self.answers(reply, query) { return .answer(Array(reply)) }
        }
    }

    /// Whether `reply` is a response with the query's id and the query's question (names compared without case), or
    /// with no question at all (a resolver that refuses may leave it out, RFC 1035 does not require it back).
    package static func answers(_ reply: UnsafeRawBufferPointer, _ query: [UInt8]) -> Bool {
        guard reply.count >= 12, reply[0] == query[0], reply[1] == query[1], reply[2] & 0x80 != 0 else { return false }
        if reply[4] == 0, reply[5] == 0 { return true }
        // QDCOUNT 1 on both sides, and the same question bytes after the header.
        guard reply[4] == 0, reply[5] == 1, query[4] == 0, query[5] == 1, let length = questionLength(query) else { return false }
        guard reply.count >= 12 + length else { return false }
        for index in 12..<(12 + length) where lower(reply[index]) != lower(query[index]) { return false }
        return true
    }

    /// The length of the question that starts at byte 12 of `query`: its name's labels, the root label, type and class.
    static func questionLength(_ query: [UInt8]) -> Int? {
        var index = 12
        while index < query.count {
            let label = Int(query[index])
            if label == 0 { return index + 1 + 4 <= query.count ? index + 1 + 4 - 12 : nil }
            guard label < 64 else { return nil }  // a query's name is never compressed
            index += 1 + label
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    private func take(_ key: String) -> Result<Socket, SocketError>? {
        lock.lock()
        defer { lock.unlock() }
        return idle[key]?.popLast().map { .success($0) }
    }

    private func give(_ socket: Socket, _ key: String) {
        lock.lock()
        if idle[key, default: []].count < keep {
            idle[key, default: []].append(socket)
            lock.unlock()
        } else {
            lock.unlock()
            Self.close(socket)
        }
    }

    private struct SocketError: Error { let text: String }

    /// A UDP socket connected to the resolver (the kernel picks a random source port), non-blocking, close-on-exec.
    private func open(host: String, port: UInt16) -> Result<Socket, SocketError> {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return .failure(SocketError(text: "\(host) is not an IP address")) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return .failure(SocketError(text: "\(host) is not an IP address")) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        }
        let fd = Glibc.socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(SocketError(text: Self.describe(errno))) }
        let connected = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard connected == 0 else {
            let problem = errno
            Glibc.close(fd)
            return .failure(SocketError(text: Self.describe(problem)))
        }
        lock.lock()
        opened += 1
        lock.unlock()
        return .success(Socket(fd: fd, buffer: .allocate(byteCount: 65_535, alignment: 8)))
    }

    private static func close(_ socket: Socket) {
        Glibc.close(socket.fd)
        socket.buffer.deallocate()
    }

    static func unreachable(_ code: Int32) -> Bool {
        [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN].contains(code)
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

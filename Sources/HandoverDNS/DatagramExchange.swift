import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The UDP leg of a DNS question: sends a query's wire form to one resolver and waits for its answer, on a socket
/// kept open for the next questions to the same resolver.
///
/// ldns's own send opens a socket, binds it, allocates a 64 KiB receive buffer, and closes it again for every
/// question — a third of the CPU of the 8,000 questions of a 500-host snapshot went there. Here a socket (connected,
/// so the kernel drops datagrams from any other address and reports a resolver that is down) and its buffer serve
/// one question at a time, and go back to the pool after an answer with whatever else arrived on them read away and
/// their pending error cleared; a socket that timed out or failed is closed, and one that served `questionsPerSocket`
/// questions is closed too, so its source port changes as ldns's did (less often). An answer counts only with the
/// query's id (from the system's random source for every query) and its question, or — a refusal may leave the
/// question out — an error code and no question at all; anything else that arrives is skipped while the try's
/// time runs.
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
        var questions = 0
    }

    /// Questions one socket serves before a fresh one (a fresh source port) takes over.
    static let questionsPerSocket = 64

    private let lock = NSLock()
    private var idle: [String: [Socket]] = [:]
    private var openedCount = 0
    /// At most this many idle sockets are kept per resolver (the questions in flight at once).
    private let keep: Int

    init(keep: Int = 128) { self.keep = keep }

    deinit {
        for socket in idle.values.joined() { Self.close(socket) }
    }

    /// Sockets opened so far (for tests: a run of questions to one resolver reuses them).
    var opened: Int {
        lock.lock()
        defer { lock.unlock() }
        return openedCount
    }

    /// Sends `query` (its first two bytes are its id) to `host`:`port` up to `attempts` times, each waiting at most
    /// `timeoutMs`, and returns the first datagram that answers it.
    func exchange(_ query: [UInt8], host: String, port: UInt16, timeoutMs: Int, attempts: Int) -> Outcome {
        guard query.count >= 12 else { return .failed("query too short") }
        let key = "\(host)#\(port)"
        if let kept = take(key) { return ask(query, on: kept, key: key, timeoutMs: timeoutMs, attempts: attempts) }
        switch open(host: host, port: port) {
        case .success(let fresh): return ask(query, on: fresh, key: key, timeoutMs: timeoutMs, attempts: attempts)
        case .failure(let error): return error.unreachable ? .unreachable(error.text) : .failed(error.text)
        }
    }

    /// The tries of one question on `socket`, which goes back to the pool after an answer and is closed otherwise.
    private func ask(_ query: [UInt8], on socket: Socket, key: String, timeoutMs: Int, attempts: Int) -> Outcome {
        var socket = socket
        socket.questions += 1
        for _ in 0..<max(1, attempts) {
            let deadline = ContinuousClock.now + .milliseconds(timeoutMs)
            switch send(query, on: socket, before: deadline) {
            case .sent: break
            case .full: continue  // no room in the send buffer within this try
            case .failed(let problem):
                Self.close(socket)
                return Self.unreachable(problem) ? .unreachable(Self.describe(problem)) : .failed(Self.describe(problem))
            }
            switch wait(socket, for: query, before: deadline) {
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

    private enum Sending { case sent, full, failed(Int32) }

    /// Sends the query, waiting for room in the send buffer until `deadline`.
    private func send(_ query: [UInt8], on socket: Socket, before deadline: ContinuousClock.Instant) -> Sending {
        while true {
            let sent = query.withUnsafeBytes { Glibc.send(socket.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent >= 0 { return .sent }
            let problem = errno
            guard problem == EAGAIN || problem == EWOULDBLOCK || problem == EINTR else { return .failed(problem) }
            guard let ms = Self.milliseconds(until: deadline) else { return .full }
            var poller = pollfd(fd: socket.fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&poller, 1, ms)
        }
    }

    /// Whole milliseconds (rounded up) until `deadline`, nil once it has passed.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32? {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return nil }
        let (seconds, attoseconds) = left.components
        return Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000 + 1)
    }

    /// Reads datagrams until one answers `query` or `deadline` has passed.
    private func wait(_ socket: Socket, for query: [UInt8], before deadline: ContinuousClock.Instant) -> Outcome {
        while true {
            guard let ms = Self.milliseconds(until: deadline) else { return .timeout }
            var poller = pollfd(fd: socket.fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, ms)
            if ready < 0 {
                let problem = errno
                if problem == EINTR { continue }
                return .failed(Self.describe(problem))
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

    /// Whether `reply` is a response with the query's id and the query's question (the name compared without case,
    /// type and class exactly), or with an error code (FORMERR, SERVFAIL, NOTIMP, REFUSED), no records and no
    /// question at all — a resolver that refuses may leave the question out (RFC 1035 does not require it back).
    package static func answers(_ reply: UnsafeRawBufferPointer, _ query: [UInt8]) -> Bool {
        guard reply.count >= 12, reply[0] == query[0], reply[1] == query[1], reply[2] & 0x80 != 0 else { return false }
        let counts = (4..<12).map { reply[$0] }
        if counts.allSatisfy({ $0 == 0 }) { return [1, 2, 4, 5].contains(reply[3] & 0x0F) }
        // QDCOUNT 1 on both sides, and the same question after the header.
        guard reply[4] == 0, reply[5] == 1, query[4] == 0, query[5] == 1, let name = nameLength(query) else { return false }
        let length = name + 4
        guard query.count >= 12 + length, reply.count >= 12 + length else { return false }
        for index in 12..<(12 + name) where lower(reply[index]) != lower(query[index]) { return false }
        return (12 + name..<12 + length).allSatisfy { reply[$0] == query[$0] }
    }

    /// The length of the name that starts at byte 12 of `query` (its labels and the root label).
    static func nameLength(_ query: [UInt8]) -> Int? {
        var index = 12
        while index < query.count {
            let label = Int(query[index])
            if label == 0 { return index + 1 - 12 }
            guard label < 64 else { return nil }  // a query's name is never compressed
            index += 1 + label
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    /// A kept socket for `key`; one that holds an error which came while it waited in the pool (a late
    /// port-unreachable of an earlier question) is closed instead, so it cannot fail the next question.
    private func take(_ key: String) -> Socket? {
        while true {
            lock.lock()
            let kept = idle[key]?.popLast()
            lock.unlock()
            guard let kept else { return nil }
            var pending: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(kept.fd, SOL_SOCKET, SO_ERROR, &pending, &size) == 0, pending == 0 { return kept }
            Self.close(kept)
        }
    }

    /// Back to the pool, with the datagrams that came after the answer (a duplicate of an earlier try's) read away
    /// and its pending error cleared; closed instead when it has served its questions or the pool is full.
    private func give(_ socket: Socket, _ key: String) {
        while recv(socket.fd, socket.buffer.baseAddress, socket.buffer.count, Int32(MSG_DONTWAIT)) >= 0 {}
        var pending: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &pending, &size)
        guard socket.questions < Self.questionsPerSocket else { return Self.close(socket) }
        lock.lock()
        if idle[key, default: []].count < keep {
            idle[key, default: []].append(socket)
            lock.unlock()
        } else {
            lock.unlock()
            Self.close(socket)
        }
    }

    private struct SocketError: Error {
        let text: String
        var unreachable = false
    }

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
        guard fd >= 0 else {
            let problem = errno
            return .failure(SocketError(text: Self.describe(problem), unreachable: Self.unreachable(problem)))
        }
        let connected = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard connected == 0 else {
            let problem = errno
            Glibc.close(fd)
            return .failure(SocketError(text: Self.describe(problem), unreachable: Self.unreachable(problem)))
        }
        lock.lock()
        openedCount += 1
        lock.unlock()
        return .success(Socket(fd: fd, buffer: .allocate(byteCount: 65_535, alignment: 8)))
    }

    private static func close(_ socket: Socket) {
        Glibc.close(socket.fd)
        socket.buffer.deallocate()
    }

    /// Errors that mean this resolver cannot be reached from here (so the next one is asked), not a fault of ours.
    static func unreachable(_ code: Int32) -> Bool {
        [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN, EAFNOSUPPORT, EADDRNOTAVAIL].contains(code)
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

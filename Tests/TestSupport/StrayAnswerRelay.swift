import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP port in front of a real DNS server that answers every question three times: first the server's answer
/// with another id, then with another question (the type changed) — both turned into REFUSED —, then the real
/// answer: the datagrams a stub must skip (a late answer to an earlier question, or a spoofed one) before the one
/// that answers it. A stub that took either stray would report REFUSED.
package final class StrayAnswerRelay: @unchecked Sendable {
    package let port: Int
    private let fd: Int32
    private let upstream: Int32
    private let thread: Thread
    private let stop = StopFlag()

    package init(upstreamPort: Int) {
        (fd, port) = bindLoopback(Int32(SOCK_DGRAM.rawValue))
        let upstream = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        self.upstream = upstream
        var server = sockaddr_in()
        server.sin_family = sa_family_t(AF_INET)
        server.sin_addr.s_addr = inet_addr("127.0.0.1")
        server.sin_port = in_port_t(UInt16(upstreamPort).bigEndian)
        _ = withUnsafePointer(to: &server) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(upstream, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let (listening, relay, stop) = (fd, upstream, stop)  // the thread holds these, not self
        thread = Thread {
            defer { stop.finished.signal() }
            var buffer = [UInt8](repeating: 0, count: 65_535)
            while !stop.isSet {
                var poller = pollfd(fd: listening, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }  // wakes to see the stop flag
                var client = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &client) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(listening, &buffer, buffer.count, 0, $0, &length) }
                }
                guard count > 0 else { return }  // closed
                guard send(relay, buffer, count, 0) == count else { continue }
                var answer = [UInt8](repeating: 0, count: 65_535)
                let size = recv(relay, &answer, answer.count, 0)
                guard size > 12 else { continue }
                let real = Array(answer[..<size])
                var refused = real
                refused[3] = (refused[3] & 0xF0) | 5  // RCODE REFUSED
                var otherID = refused
                otherID[1] &+= 1
                var otherQuestion = refused
                // the question's type: the two bytes after the name that starts at byte 12
                var index = 12
                while index < otherQuestion.count, otherQuestion[index] != 0 { index += 1 + Int(otherQuestion[index]) }
                if index + 2 < otherQuestion.count { otherQuestion[index + 2] ^= 0x01 }
                for datagram in [otherID, otherQuestion, real] {
                    _ = withUnsafePointer(to: &client) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(listening, datagram, datagram.count, 0, $0, length) }
                    }
                }
            }
        }
        thread.start()
    }

    /// Stops the thread and waits for it before closing the descriptors, so it never touches a number that another
    /// test has opened since.
    deinit {
        stop.set()
        stop.finished.wait()
        close(fd)
        close(upstream)
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    let finished = DispatchSemaphore(value: 0)
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

/// A loopback UDP port nothing listens on (bound once to learn a free one, then closed): a resolver that is down.
package func closedUDPPort() -> Int {
    let (fd, port) = bindLoopback(Int32(SOCK_DGRAM.rawValue))
    close(fd)
    return port
}

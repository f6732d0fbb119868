import Foundation

/// A UDP hop in front of a real DNS server that loses every question for names under `dropped` and passes the
/// rest on unchanged: a resolver that times out for one domain and answers for the others, as a flaky network
/// path does. The answers come from the server behind it; the proxy only decides which packets are lost.
package final class DNSFaultProxy: @unchecked Sendable {
    package let port: Int
    private let fd: Int32

    package init(upstreamPort: Int, dropped: [String]) {
        (fd, port) = bindLoopback(Int32(SOCK_DGRAM.rawValue))
        let suffixes = dropped.map { $0.lowercased() }
        let thread = Thread { [fd] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                var client = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &client) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
                }
                if count <= 0 { return }
                let query = Array(buffer[0..<count])
                if let name = Self.questionName(query), suffixes.contains(where: { name == $0 || name.hasSuffix("." + $0) }) { continue }
                let peer = client
                let peerLength = length
                Thread.detachNewThread {
                    guard let answer = Self.exchange(query, port: upstreamPort) else { return }
                    _ = withUnsafePointer(to: peer) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, answer, answer.count, 0, $0, peerLength) }
                    }
                }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// The question's name in lower case, without the trailing dot; nil for a packet that is not a plain query.
    static func questionName(_ packet: [UInt8]) -> String? {
        var index = 12
        var labels: [String] = []
        while index < packet.count {
            let length = Int(packet[index])
            if length == 0 { return labels.joined(separator: ".").lowercased() }
            guard length < 64, index + 1 + length <= packet.count else { return nil }
            labels.append(String(decoding: packet[(index + 1)...(index + length)], as: UTF8.self))
            index += 1 + length
        }
        return nil
    }

    /// Sends `query` to the server on loopback `port` and returns its answer (nil after `timeoutMs` of silence).
    static func exchange(_ query: [UInt8], port: Int, timeoutMs: Int = 3_000) -> [UInt8]? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(socket) }
        var timeout = timeval(tv_sec: timeoutMs / 1000, tv_usec: (timeoutMs % 1000) * 1000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, send(socket, query, query.count, 0) == query.count else { return nil }
        var answer = [UInt8](repeating: 0, count: 65_535)
        let count = recv(socket, &answer, answer.count, 0)
        return count > 0 ? Array(answer[0..<count]) : nil
    }
}

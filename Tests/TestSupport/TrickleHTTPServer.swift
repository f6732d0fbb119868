import Foundation

/// A plain-HTTP server that sends a 200 head at once and then its body one byte per `interval`: each read finishes
/// just inside a read timeout, so only a deadline on the whole request ends it.
package final class TrickleHTTPServer: @unchecked Sendable {
    package let port: Int
    private let fd: Int32

    package init(interval: TimeInterval, bytes: Int = 1_000) {
        (fd, port) = bindLoopback(Int32(SOCK_STREAM.rawValue))
        listen(fd, 64)
        serveEachRequest(on: fd) { client in
            let head = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(bytes)\r\n\r\n".utf8)
            guard send(client, head, head.count, Int32(MSG_NOSIGNAL)) > 0 else { return }
            var byte: [UInt8] = [UInt8(ascii: " ")]
            for _ in 0..<bytes {
                Thread.sleep(forTimeInterval: interval)
                if send(client, &byte, 1, Int32(MSG_NOSIGNAL)) <= 0 { break }
            }
        }
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

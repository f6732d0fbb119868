import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with a size cap that cannot be talked around: the file is opened first, and the size checked is the
/// opened descriptor's (`fstat`), so a symlink to a huge file, or a file swapped between the check and the read,
/// costs nothing; at most `maxBytes + 1` bytes are ever read.
package enum BoundedFile {
    package enum Failure: Error, Equatable {
        case missing
        case notRegular(String)
        case tooLarge(Int)
        case unreadable(String)
    }

    package static func read(_ path: String, maxBytes: Int) -> Result<Data, Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.notRegular("is a directory"))
        default: return .failure(.notRegular("is not a regular file"))
        }
        if Int(info.st_size) > maxBytes { return .failure(.tooLarge(Int(info.st_size))) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= maxBytes {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        // A file that grew past the cap after fstat: refused all the same.
        return data.count > maxBytes ? .failure(.tooLarge(data.count)) : .success(data)
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }
}

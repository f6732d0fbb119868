import Foundation

/// The result of running a process to completion.
package struct ProcessOutput: Sendable {
    package var status: Int32
    package var stdout: String
    package var stderr: String
}

package struct ProcessFailure: Error, CustomStringConvertible {
    package var description: String
}

/// Runs programs for tests: the git CLI to build fixtures, the built `handover` binary end to end.
package enum ProcessRunner {
    @discardableResult
    package static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], stdin: String? = nil) throws -> ProcessOutput {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1_000) }
        return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// Stages everything (ignored files too) and commits at `date`; returns the new commit's id.
    @discardableResult
    package static func commitAll(in directory: URL, _ message: String, date: String) throws -> String {
        _ = try git(["add", "-A", "-f", "."], in: directory)
        _ = try git(["commit", "-q", "-m", message], in: directory, date: date)
        return try git(["rev-parse", "HEAD"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git with a fixed identity and dates, failing the test setup on a non-zero exit.
    @discardableResult
    package static func git(_ arguments: [String], in directory: URL, date: String? = nil) throws -> String {
        var environment = [
            "GIT_AUTHOR_NAME": "Jo Doe", "GIT_AUTHOR_EMAIL": "jo@acme.example",
            "GIT_COMMITTER_NAME": "Jo Doe", "GIT_COMMITTER_EMAIL": "jo@acme.example",
            "GIT_CONFIG_NOSYSTEM": "1", "HOME": directory.path,
        ]
        if let date {
            environment["GIT_AUTHOR_DATE"] = date
            environment["GIT_COMMITTER_DATE"] = date
        }
        let result = try run("git", ["-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"] + arguments,
                             in: directory, environment: environment)
        guard result.status == 0 else {
            throw ProcessFailure(description: "git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
